"""The overlap finder: pick two or more of me and the clients; see the next windows this week when
all of them are in business hours, in my time and in each one's own time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, SelectionList, Static

from vatui.core.business import zone
from vatui.core.durations import format_duration
from vatui.core.zones import Overlap, Place, find_overlaps
from vatui.i18n import N_, _, ngettext
from vatui.text.formats import relative
from vatui.widgets.clock_pane import weekday
from vatui.widgets.ticks import TickList

DAYS = 7


def local_span(window: Overlap, tz_name: str, *, with_date: bool = False) -> str:
    """"Tue 09:00–10:00", "Tue 23:00–Wed 01:00", "Fri 16:00–24:00"."""
    tz = zone(tz_name)
    a, b = window.start.astimezone(tz), window.end.astimezone(tz)
    day = f"{weekday(a)} {a.day}" if with_date else weekday(a)
    if b.date() == a.date():
        end = f"{b:%H:%M}"
    elif b.date() == a.date() + timedelta(days=1) and (b.hour, b.minute) == (0, 0):
        end = "24:00"
    else:
        end = f"{weekday(b)} {b:%H:%M}"
    return f"{day} {a:%H:%M}–{end}"


BLOCK_LENGTH = timedelta(hours=1)  # a block made in a window: an hour, or the window if shorter


@dataclass(frozen=True)
class WindowBlock:
    """Enter on a window: a time block to add in it (the screen adds it)."""

    start: datetime
    end: datetime
    client_id: int | None  # the one client chosen, if only one
    note: str


class OverlapModal(ModalScreen[WindowBlock | None]):
    BINDINGS = [
        Binding("escape", "close", N_("Close"), id="overlap-close", tooltip=N_("Close the overlap finder")),
    ]

    DEFAULT_CSS = """
    OverlapModal { align: center middle; }
    OverlapModal #overlap-box {
        width: 95%; max-width: 130; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    OverlapModal #overlap-choice { height: auto; max-height: 8; border: none; }
    OverlapModal #overlap-summary { height: auto; margin: 1 0; }
    OverlapModal #overlap-windows { height: 1fr; }
    """

    def __init__(self, rows: Sequence[Place], now: datetime, my_zone: str, *, chosen: set[str]) -> None:
        super().__init__(id="overlap-modal")
        self.rows = list(rows)
        self.now = now
        self.my_zone = my_zone
        self.chosen = chosen
        self.windows: list[Overlap] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="overlap-box") as box:
            box.border_title = _("When is everyone in business hours?")
            box.border_subtitle = _("Space picks · Tab to the list · Enter plans a block · Esc closes")
            yield TickList[str](
                *[(f"{p.name} · {p.city}", p.key, p.key in self.chosen) for p in self.rows], id="overlap-choice")
            yield Static("", id="overlap-summary")
            yield DataTable(id="overlap-windows", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()
        self.recompute()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.recompute()

    def selected(self) -> list[Place]:
        keys = set(self.query_one(SelectionList).selected)
        return [p for p in self.rows if p.key in keys]

    def recompute(self) -> None:
        chosen = self.selected()
        table = self.query_one(DataTable)
        table.clear(columns=True)
        summary = self.query_one("#overlap-summary", Static)
        if len(chosen) < 2:
            self.windows = []
            summary.update(_("Pick two or more (Space), e.g. you and a client, or two clients for a call."))
            return
        self.windows = find_overlaps(chosen, self.now, days=DAYS)
        if not self.windows:
            summary.update(_("No time in the next {days} days when all of them are in business hours. "
                             "Try fewer at once.").format(days=DAYS))
            return
        total = sum((w.length for w in self.windows), timedelta())
        first = self.windows[0]
        when = (_("One is on now.") if first.ongoing(self.now)
                else _("The next starts {when}.").format(when=relative(first.start - self.now)))
        summary.update(ngettext("{n} window in the next {days} days, {total} in all.",
                                "{n} windows in the next {days} days, {total} in all.", len(self.windows))
                       .format(n=len(self.windows), days=DAYS, total=format_duration(total)) + " " + when)
        # My time first (as the strip), then each chosen place in its own time.
        table.add_column(_("Your time"), key="mine")
        table.add_column(_("Length"), key="length")
        for p in chosen:
            if not p.is_me:
                table.add_column(p.city if len({q.city for q in chosen}) == len(chosen) else p.name, key=p.key)
        for w in self.windows:
            mine = local_span(w, self.my_zone, with_date=True)
            if w.ongoing(self.now):
                mine = _("now") + " – " + mine.split("–", 1)[1]
            cells = [mine, format_duration(w.length)] + [local_span(w, p.zone) for p in chosen if not p.is_me]
            table.add_row(*cells)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if not 0 <= event.cursor_row < len(self.windows):
            return
        span = self.windows[event.cursor_row].block_in(self.now, BLOCK_LENGTH)
        if span is None:
            return
        start, end = span
        clients = [p for p in self.selected() if not p.is_me]
        note = _("with {names}").format(names=", ".join(p.name for p in clients))
        self.dismiss(WindowBlock(start, end, clients[0].client_id if len(clients) == 1 else None, note))

    def action_close(self) -> None:
        self.dismiss(None)
