"""The cockpit's handling of the Pomodoro pane (placeholder until its issue lands)."""

from __future__ import annotations

from vatui.screens.base import CockpitBase


class PomodoroController(CockpitBase):
    pass
