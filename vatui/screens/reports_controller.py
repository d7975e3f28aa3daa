"""The cockpit's way into reports: `r` opens the report screen, and a store change (a Pomodoro
logging time, another vatui writing) refreshes an open report through the cockpit's refresh."""

from __future__ import annotations

from textual.binding import Binding

from vatui.i18n import N_
from vatui.screens.base import CockpitBase


class ReportsController(CockpitBase):
    BINDINGS = [
        Binding("r", "open_report", N_("Report"), id="open-report", show=False,
                tooltip=N_("Hours and billing per client and per day; write a client's weekly digest")),
    ]

    def action_open_report(self) -> None:
        from vatui.screens.report_screen import ReportScreen

        if not any(isinstance(s, ReportScreen) for s in self.app.screen_stack):
            self.app.push_screen(ReportScreen())

    def refresh_all(self) -> None:
        super().refresh_all()
        from vatui.screens.report_screen import ReportScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, ReportScreen) and screen.is_mounted:
                screen.refresh_report()
