"""The cockpit's way into reports: `r` opens the report screen. A store change (a Pomodoro
logging time, another vatui writing) refreshes an open report through the cockpit's refresh
(the report screen follows the cockpit: see FollowsCockpit in base.py)."""

from __future__ import annotations

from textual.binding import Binding

from vatui.i18n import N_
from vatui.screens.base import CockpitBase


class ReportsController(CockpitBase):
    BINDINGS = [
        Binding("r", "open_report", N_("Report"), id="open-report", show=False,
                tooltip=N_("Hours and billing per client and per day, invoices; export a client's weekly digest")),
    ]

    def action_open_report(self) -> None:
        from vatui.screens.report_screen import ReportScreen

        if not any(isinstance(s, ReportScreen) for s in self.app.screen_stack):
            self.app.push_screen(ReportScreen())
