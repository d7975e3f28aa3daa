"""The cockpit's handling of the task-queue pane (placeholder until its issue lands)."""

from __future__ import annotations

from vatui.screens.base import CockpitBase


class QueueController(CockpitBase):
    pass
