"""The cockpit's handling of the world-clock pane (placeholder until its issue lands)."""

from __future__ import annotations

from vatui.screens.base import CockpitBase


class ClockController(CockpitBase):
    pass
