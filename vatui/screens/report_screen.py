"""`r`: the report screen. Hours per client and per day as bar charts (with the figures in words),
the report table beside them, a switchable period, and the client's weekly digest to a file.

It renders what vatui.core.reports computes; the same table strings as `vatui report`. It is
recomputed when opened, on its keys, and after any store change (the cockpit's refresh_all calls
`refresh_report`), never on a timer.
"""

from __future__ import annotations

import asyncio
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich import box
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, Vertical
from textual.screen import Screen
from textual.widgets import Static

from vatui.core.periods import Period, PeriodKind, local_today, period_for, week_of, week_period
from vatui.core.reports import GroupBy, Report, build_digest, build_report, hours
from vatui.exports import words as w
from vatui.exports.report_text import numeric_columns, render_digest, table_rows
from vatui.i18n import N_, _, ngettext
from vatui.screens.base import NARROW_BELOW, SHORT_BELOW, FollowsCockpit
from vatui.screens.digest_modal import DigestModal, DigestRequest
from vatui.screens.key_bindings import TranslatedBindings
from vatui.store.history import entries_between, tasks_by_id
from vatui.text.formats import weekday_day
from vatui.widgets.bar_chart import Bar, BarChart, truncate_words
from vatui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from vatui.screens.host import VatuiHost

GROUPS = (GroupBy.CLIENT, GroupBy.TASK, GroupBy.BATCH, GroupBy.DAY)


class ReportScreen(FollowsCockpit, TranslatedBindings, Screen[None]):
    PERIOD = Binding.Group(N_("Period"), compact=True)  # "d w m Period": leaves room for i Invoices at 80 columns
    BINDINGS = [
        # Esc is not in the footer (it must fit the report's own keys at 80 columns); ? lists it.
        Binding("escape", "close_report", N_("Back"), id="close-report", tooltip=N_("Back to the cockpit"), show=False),
        Binding("d", "show_period('today')", N_("Today"), id="report-today", tooltip=N_("Report on today"),
                group=PERIOD),
        Binding("w", "show_period('week')", N_("Week"), id="report-week", tooltip=N_("Report on this week"),
                group=PERIOD),
        Binding("m", "show_period('month')", N_("Month"), id="report-month", tooltip=N_("Report on this month"),
                group=PERIOD),
        Binding("left,left_square_bracket", "shift_period(-1)", N_("Earlier"), id="report-earlier", priority=True,
                tooltip=N_("The day, week or month before")),
        Binding("right,right_square_bracket", "shift_period(1)", N_("Later"), id="report-later", priority=True,
                tooltip=N_("The day, week or month after")),
        Binding("g", "next_group", N_("Rows by"), id="report-group",
                tooltip=N_("Table rows by client, task, batch or day")),
        Binding("s", "write_digest", N_("Digest"), id="write-digest",
                tooltip=N_("Write a client's weekly update (Markdown) to a file: export a digest")),
        Binding("i", "show_invoices", N_("Invoices"), id="show-invoices",
                tooltip=N_("Unbilled time and invoices: create one, mark it sent or paid, write its PDF")),
    ]

    DEFAULT_CSS = """
    ReportScreen { layout: vertical; }
    ReportScreen #report-title { height: 1; background: $panel; color: $text; text-style: bold; padding: 0 1; }
    ReportScreen #report-body { height: 1fr; layout: horizontal; }
    ReportScreen #report-charts { width: 1fr; height: auto; padding: 1 1 0 1; }
    ReportScreen #report-table-box { width: 40; height: auto; padding: 1 1 0 1; }
    ReportScreen #report-table-title { color: $text-muted; }
    ReportScreen #report-status { height: 1; color: $text-muted; padding: 0 1; }
    ReportScreen.-narrow #report-body { layout: vertical; }
    ReportScreen.-narrow #report-charts { width: 100%; padding: 0 0; }
    ReportScreen.-narrow #report-table-box { padding: 0 0; }
    ReportScreen.-short #report-charts { padding-top: 0; }
    ReportScreen.-short #report-table-box { padding-top: 0; }
    """

    app: VatuiHost  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id="report-screen")
        self.period: Period | None = None
        self.group = GroupBy.CLIENT
        self.report: Report | None = None
        self.status = ""
        self._table_key: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="report-title")
        with ScrollableContainer(id="report-body"):
            with Vertical(id="report-charts"):
                yield BarChart(id="chart-clients")
                yield BarChart(id="chart-days")
            with Vertical(id="report-table-box"):
                yield Static(id="report-table-title")
                yield Static(id="report-table")
        yield Static(id="report-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        settings = self.app.settings
        self.period = week_period(self.app.clock.now(), settings.me_zone, settings.week_start)
        self.refresh_report()
        self.query_one("#report-body").focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW_BELOW, "-narrow")
        self.set_class(self.size.height < SHORT_BELOW, "-short")
        if self.report is not None:
            self._show_table(self.report)
            self._show_status()

    # --- computing -----------------------------------------------------------------------------
    def _maps(self) -> tuple[dict, dict]:
        store = self.app.store
        clients = {c.id: c for c in store.clients.all() if c.id is not None}
        tasks = {t.id: t for t in store.tasks.all() if t.id is not None}
        return clients, tasks

    def cockpit_refreshed(self) -> None:
        self.refresh_report()

    def refresh_report(self) -> None:
        """Recompute from the store and show it (only widgets whose text changed repaint)."""
        if self.period is None:
            return
        store, settings = self.app.store, self.app.settings
        entries = entries_between(store, self.period.start, self.period.end)
        clients, tasks = self._maps()
        tasks.update(tasks_by_id(store, {e.task_id for e in entries if e.task_id is not None} - tasks.keys()))
        rounding = settings.billing_rounding
        by_client = build_report(self.period, entries, clients=clients, tasks=tasks, by=GroupBy.CLIENT, rounding=rounding)
        by_day = build_report(self.period, entries, clients=clients, tasks=tasks, by=GroupBy.DAY, rounding=rounding)
        table = by_client if self.group is GroupBy.CLIENT else (
            by_day if self.group is GroupBy.DAY else
            build_report(self.period, entries, clients=clients, tasks=tasks, by=self.group, rounding=rounding))
        self.report = table
        self._set("#report-title", _("Report · {period} · {zone}").format(
            period=w.period_title(self.period), zone=self.period.zone))
        self._show_charts(by_client, by_day)
        self._show_table(table)
        self._show_status()

    def _show_status(self) -> None:
        text = self.status or _("Billing: {rounding}. Totals are per currency, never added across currencies.").format(
            rounding=w.rounding_words(self.app.settings.billing_rounding))
        self._set("#report-status", truncate_words(text, max(10, self.size.width - 2)))

    def _set(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        if str(widget.content) != text:
            widget.update(text)

    def _show_charts(self, by_client: Report, by_day: Report) -> None:
        assert self.period is not None
        words = self._period_words()
        client_bars = [Bar(w.client_label(r), float(hours(r.tracked)), _("{hours} h").format(hours=w.fmt_hours(r.tracked)))
                       for r in by_client.rows]
        self.query_one("#chart-clients", BarChart).show(
            _("Hours per client · {total} h in all").format(total=w.fmt_hours(by_client.tracked)), client_bars,
            _("Nothing tracked {period}.").format(period=words))
        today = local_today(self.app.clock.now(), self.period.zone)
        day_bars = [Bar(self._day_label(r.day, today), float(hours(r.tracked)),
                        _("{hours} h").format(hours=w.fmt_hours(r.tracked))) for r in by_day.rows if r.day]
        self.query_one("#chart-days", BarChart).show(_("Hours per day"), day_bars,
                                                     _("No day with tracked time {period}.").format(period=words))

    @staticmethod
    def _day_label(day: date, today: date) -> str:
        label = weekday_day(day, pad=True)
        return label + " " + _("(today)") if day == today else label

    def _period_words(self) -> str:
        assert self.period is not None
        now = self.app.clock.now()
        if self.period == period_for(self.period.kind, now, self.period.zone, self.app.settings.week_start):
            return {PeriodKind.TODAY: _("today"), PeriodKind.WEEK: _("this week"),
                    PeriodKind.MONTH: _("this month")}.get(self.period.kind, _("in this period"))
        return _("in this period")

    def _show_table(self, report: Report) -> None:
        headers, body, totals = table_rows(report)
        labels = numeric_columns(report)
        narrow = self.size.width < NARROW_BELOW
        shown_key = (tuple(map(tuple, body)), tuple(map(tuple, totals)), tuple(headers), report.empty, narrow,
                     self.size.width)
        if shown_key == self._table_key:
            return  # nothing the table shows has changed: no repaint
        self._table_key = shown_key
        limit = 18 if narrow else 28
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
        for i, head in enumerate(headers):
            table.add_column(head, justify="left" if i < labels else "right", no_wrap=True)
        last = len(headers) - 1
        for n, cells in enumerate(body):
            shown_cells = [truncate_words(c, limit) if i < labels else c for i, c in enumerate(cells)]
            shown_cells[last] = shown_cells[last].replace(", ", "\n")  # several currencies: one per line
            table.add_row(*shown_cells, end_section=n == len(body) - 1)
        for cells in totals:
            table.add_row(*cells, style="bold")
        title = ngettext("Table {group} · {count} row", "Table {group} · {count} rows", len(body)).format(
            group=w.group_words(report.by), count=len(body))
        self._set("#report-table-title", title)
        console = self.app.console
        needed = max(Measurement.get(console, console.options, table).maximum, len(title)) + 2
        box_widget = self.query_one("#report-table-box")
        width = "100%" if narrow else str(min(needed, self.size.width * 3 // 4))
        if str(box_widget.styles.width) != width:
            box_widget.styles.width = width
        empty = report.empty and report.by is not GroupBy.DAY
        shown = Text(_("Nothing tracked in this period.")) if empty else table
        self.query_one("#report-table", Static).update(shown)

    # --- keys ----------------------------------------------------------------------------------
    def action_close_report(self) -> None:
        self.dismiss(None)

    def action_show_period(self, kind: str) -> None:
        settings = self.app.settings
        self.period = period_for(PeriodKind(kind), self.app.clock.now(), settings.me_zone, settings.week_start)
        self.refresh_report()

    def action_shift_period(self, steps: int) -> None:
        if self.period is not None:
            self.period = self.period.shifted(steps)
            self.refresh_report()

    def action_next_group(self) -> None:
        self.group = GROUPS[(GROUPS.index(self.group) + 1) % len(GROUPS)]
        self.refresh_report()

    # --- the digest ----------------------------------------------------------------------------
    def digest_week(self) -> Period:
        """The week shown, or else the week holding the last day shown (but not past today)."""
        assert self.period is not None
        if self.period.kind is PeriodKind.WEEK:
            return self.period
        today = local_today(self.app.clock.now(), self.period.zone)
        return week_of(min(self.period.last, today), self.period.zone, self.app.settings.week_start)

    def action_show_invoices(self) -> None:
        from vatui.screens.invoices_screen import InvoicesScreen

        self.app.push_screen(InvoicesScreen())

    def action_write_digest(self) -> None:
        clients = sorted(self.app.store.clients.all(), key=lambda c: c.key)
        if not clients:
            self.app.notify(_("No clients yet: add one first (vatui client add ...)."), severity="warning", timeout=6)
            return
        week = self.digest_week()
        busiest = max((r for r in self.report.rows if r.client), key=lambda r: r.tracked, default=None) \
            if self.report and self.report.by is GroupBy.CLIENT else None
        chosen = busiest.client.id if busiest and busiest.client else None
        modal = DigestModal(clients, chosen, _("Covers {period}.").format(period=w.period_title(week)),
                            week.first)
        self.app.push_screen(modal, lambda request: self._digest_chosen(request, week))

    def _digest_chosen(self, request: DigestRequest | None, week: Period) -> None:
        if request is None:
            return
        store, settings = self.app.store, self.app.settings
        client = store.clients.get(request.client_id)
        if client is None:
            self.app.notify(_("That client no longer exists."), severity="error", timeout=8)
            return
        digest = build_digest(client, week, now=self.app.clock.now(), tasks=store.tasks.all(),
                              entries=entries_between(store, week.start, week.end), rounding=settings.billing_rounding)
        text = render_digest(digest, me_name=w.signature(settings))
        self.run_worker(self._write_digest(request, text, client.name), group="digest", exit_on_error=False)

    async def _write_digest(self, request: DigestRequest, text: str, name: str) -> None:
        from vatui.store.atomic import atomic_write_bytes

        try:
            # No folder is made: the form checked it exists; gone since, it is an error below.
            await asyncio.to_thread(lambda: atomic_write_bytes(request.path, text.encode("utf-8"), make_folder=False))
        except OSError as exc:
            self.app.notify(_("The digest was not written to {path}: {reason}").format(
                path=request.path, reason=exc.strerror or exc), title=_("Not written"), severity="error", timeout=12)
            return
        self.status = _("Digest for {client} written to {path}").format(client=name, path=request.path)
        self.app.notify(self.status, timeout=8)
        home = str(Path.home())
        shown = str(request.path)
        if shown.startswith(home + os.sep):
            shown = "~" + shown[len(home):]
        self.status = _("Digest for {client} written to {path}").format(client=name, path=shown)
        self._show_status()

