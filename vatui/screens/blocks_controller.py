"""The cockpit's handling of the time-blocks pane (placeholder until its issue lands)."""

from __future__ import annotations

from vatui.screens.base import CockpitBase


class BlocksController(CockpitBase):
    pass
