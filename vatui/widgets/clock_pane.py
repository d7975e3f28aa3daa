"""The World clock pane: one row for me and one per client, an hour strip aligned across rows,
and a cursor that moves through hours and days.

Repaint budget: every value that changes by the minute (a row's time, its "closes in 40m") is a
one-row `TextCell` of its own that repaints only when its text changes, so a minute tick resends
a handful of short cells, never the pane. The strip is one widget that changes only when the hour
turns or the cursor moves. The pane renders what the controller gives it and posts messages; it
never touches the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from vatui import formats
from vatui.clock_text import CLIENT_DOT, ME_SYMBOL, STATE_SYMBOLS, state_words
from vatui.core.zones import Cell, HourStrip, Reading, format_offset
from vatui.i18n import N_, _, current_language
from vatui.widgets.fit import TextCell, fit_words
from vatui.widgets.pane import Pane

WEEKDAYS, WEEKDAYS_SHORT = formats.WEEKDAYS, formats.WEEKDAYS_2  # moved to vatui.formats; kept for importers

STATE_WIDTH = 15  # "▼ closes in 40m"; wider in a language whose words need it (state_width)
LABEL_WIDTH = 12  # the strip's row labels (up to WIDE_LABEL in a wide pane)
WIDE_LABEL = 18
CELL_WIDTH = 3  # "09 " per hour
COMPACT_BELOW = 62  # columns inside the pane: drop the city column (names first)
TIGHT_BELOW = 48  # and the offset column (an 80-column cockpit: 40 each side)


_STATE_WIDTHS: dict[str, int] = {}


def state_width() -> int:
    """The state column in the language in use: its usual words ("opens in 8h30") and symbol, at
    least STATE_WIDTH and at most 20 cells; the name column gives way."""
    language = current_language()
    if language not in _STATE_WIDTHS:
        words = (_("in hours"), _("after hours"), _("weekend"), _("closes in {time}").format(time="40m"),
                 _("opens in {time}").format(time="8h30"))
        _STATE_WIDTHS[language] = max(STATE_WIDTH, min(20, 2 + max(cell_len(w) for w in words)))
    return _STATE_WIDTHS[language]


def day_marker(shift: int) -> str:
    return "" if shift == 0 else f"{shift:+d}"


def weekday(at: datetime) -> str:
    return formats.weekday(at)


def describe_at(reading: Reading) -> str:
    """"Sydney Wed 00:00 (after hours)": one place at the cursor, for the read-out line."""
    return _("{city} {time} {day} ({state})").format(
        city=reading.place.city, day=weekday(reading.local), time=f"{reading.local:%H:%M}", state=state_words(reading))


# --- one row --------------------------------------------------------------------------------
class ClockRow(Horizontal):
    """Me or one client. Each changing value is its own one-row cell."""

    @dataclass
    class Clicked(Message):
        row: ClockRow

    def __init__(self, reading: Reading) -> None:
        super().__init__(classes="clock-row")
        self.key = reading.place.key
        self.client_id = reading.place.client_id
        self.name_text = reading.place.name
        self.cell_dot = TextCell(classes="dot")
        self.cell_name = TextCell(fit=True, classes="name")
        self.cell_city = TextCell(fit=True, classes="city")
        self.cell_time = TextCell(classes="time")
        self.cell_day = TextCell(classes="day")
        self.cell_offset = TextCell(classes="offset")
        self.cell_state = TextCell(classes="state")
        if state_width() != STATE_WIDTH:
            self.cell_state.styles.width = state_width()
        self.state_class = ""
        self.show(reading)

    def compose(self) -> ComposeResult:
        yield from (self.cell_dot, self.cell_name, self.cell_city, self.cell_time, self.cell_day, self.cell_offset,
                    self.cell_state)

    def show(self, reading: Reading) -> None:
        place = reading.place
        self.name_text = place.name
        self.client_id = place.client_id
        if place.is_me:
            self.cell_dot.set_text(ME_SYMBOL, "bold")
        else:
            self.cell_dot.set_text(CLIENT_DOT, place.colour or "")
        self.cell_name.set_text(place.name)
        self.cell_city.set_text(place.city)
        self.cell_time.set_text(f"{reading.local:%H:%M}")
        self.cell_day.set_text(day_marker(reading.day_shift))
        self.cell_offset.set_text(format_offset(reading.offset))
        self.cell_state.set_text(f"{STATE_SYMBOLS[reading.state]} {state_words(reading)}")
        state_class = f"-{reading.state.value}"
        if state_class != self.state_class:
            if self.state_class:
                self.cell_state.remove_class(self.state_class)
            self.cell_state.add_class(state_class)
            self.state_class = state_class

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self))


class ClockTable(VerticalScroll):
    """The rows; the pane's focusable body. Moving the selection is the table's own business."""

    ALLOW_MAXIMIZE = True  # scroll containers refuse by default; `z` then zooms the whole pane

    BINDINGS = [
        Binding("j,down", "select(1)", N_("Next row"), id="clock-next-row", show=False,
                tooltip=N_("Select the next row")),
        Binding("k,up", "select(-1)", N_("Previous row"), id="clock-previous-row", show=False,
                tooltip=N_("Select the previous row")),
    ]

    def __init__(self) -> None:
        super().__init__(id="clock-table")
        self.can_focus = True
        self.selected = 0
        self.row_widgets: list[ClockRow] = []  # kept here: removed rows linger in the DOM briefly

    def rows(self) -> list[ClockRow]:
        return list(self.row_widgets)

    def action_select(self, step: int) -> None:
        self.select_index(self.selected + step)

    def select_index(self, index: int) -> None:
        rows = self.rows()
        if not rows:
            return
        self.selected = max(0, min(len(rows) - 1, index))
        for i, row in enumerate(rows):
            row.set_class(i == self.selected, "-selected")
        self.scroll_to_widget(rows[self.selected], animate=False)
        self.post_message(ClockPane.RowSelected(rows[self.selected].key))

    def on_clock_row_clicked(self, message: ClockRow.Clicked) -> None:
        rows = self.rows()
        if message.row in rows:
            self.focus()
            self.select_index(rows.index(message.row))


# --- the hour strip -------------------------------------------------------------------------
@dataclass(frozen=True)
class StripView:
    strip: HourStrip
    labels: tuple[str, ...]
    now: datetime
    cursor: datetime | None


class HourStripView(Widget):
    """Each row's hours in columns of MY hours, business hours marked. Repaints only when given
    a different strip (the hour turned, the cursor moved, the rows changed) or on resize."""

    DEFAULT_CSS = """
    HourStripView { height: auto; width: 1fr; }
    """

    @dataclass
    class HourClicked(Message):
        at: datetime  # UTC start of the clicked column

    def __init__(self) -> None:
        super().__init__(id="hour-strip")
        self.view: StripView | None = None
        self._columns: list[tuple[int, datetime]] = []  # (x, start) of the columns drawn last

    def show(self, view: StripView) -> None:
        if view == self.view:
            return
        rows_changed = self.view is None or len(view.labels) != len(self.view.labels)
        self.view = view
        self.refresh(layout=rows_changed)

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001
        return 1 + len(self.view.labels) if self.view else 0

    def label_width(self, width: int) -> int:
        assert self.view is not None
        longest = max((cell_len(label) for label in self.view.labels), default=0) + 2
        return max(6, min(longest, WIDE_LABEL if width >= 100 else LABEL_WIDTH))

    def visible_range(self, width: int) -> tuple[int, int]:
        """First column drawn and how many: the strip stays put while the cursor moves within
        sight of now, and scrolls under the cursor beyond that."""
        assert self.view is not None
        strip = self.view.strip
        count = max(1, min(len(strip.starts), (width - self.label_width(width) - 1) // CELL_WIDTH))
        lead = count // 4
        now_i = strip.index_of(self.view.now)
        cur_i = strip.index_of(self.view.cursor) if self.view.cursor is not None else now_i
        first = 0
        if now_i is not None:
            first = now_i - lead
        if cur_i is not None and not (first <= cur_i < first + count):
            first = cur_i - lead
        first = max(0, min(len(strip.starts) - count, first))
        return first, count

    def render(self) -> Content:
        """A header (my dates, ▼ over now), then per row its label and one cell per hour: the
        place's hour ("09") or, where its day starts, the weekday ("Tu"). The cursor's column is
        bracketed ("[17]") so it shows without colour."""
        if self.view is None:
            return Content("")
        strip, now = self.view.strip, self.view.now
        first, count = self.visible_range(self.size.width)
        label_w = self.label_width(self.size.width)
        cols = range(first, first + count)
        now_i = strip.index_of(now)
        cur_i = strip.index_of(self.view.cursor) if self.view.cursor is not None else None

        def x_of(n: int) -> int:  # where column n's two characters start
            return label_w + n * CELL_WIDTH

        self._columns = [(x_of(n), strip.starts[i]) for n, i in enumerate(cols)]
        width = x_of(count)
        header = [" "] * width
        taken = [False] * width
        for n, i in enumerate(cols):
            mine = strip.mine[i]
            if n == 0 or (mine.hour == 0 and (i == 0 or strip.mine[i - 1].date() != mine.date())):
                if n == 0 and any(strip.mine[j].hour == 0 for j in cols[1:3]):
                    continue  # a new day starts right away: label it there instead
                for k, ch in enumerate(f"{weekday(mine)} {mine.day}"):
                    if x_of(n) + k < width and not taken[x_of(n) + k]:
                        header[x_of(n) + k], taken[x_of(n) + k] = ch, True
        now_x = x_of(now_i - first) if now_i is not None and now_i in cols else None
        parts: list[str | tuple[str, str]] = []
        for x, ch in enumerate(header):
            if x == now_x and not taken[x]:
                parts.append(("▼", "bold $now-marker"))
            else:
                parts.append((ch, "$foreground-muted"))
        for label, row in zip(self.view.labels, strip.rows):
            parts.append("\n")
            short = fit_words(label, label_w - 2)
            parts.append(short + " " * (label_w - 1 - cell_len(short)))
            for i in cols:
                cell = row[i]
                day = cell.starting_day
                text = formats.weekday_2(day) if day is not None else f"{cell.local.hour:02d}"
                style = _CELL_STYLES[cell.kind] + (" bold" if i == now_i else "")
                parts.append(("[", "bold $accent") if i == cur_i else ("]", "bold $accent") if i - 1 == cur_i else " ")
                parts.append((text, style))
            parts.append(("]", "bold $accent") if cols[-1] == cur_i else " ")
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for x, start in self._columns:
            if x - 1 <= event.x < x + CELL_WIDTH - 1:
                event.stop()
                self.post_message(self.HourClicked(start))
                return


_CELL_STYLES = {
    Cell.OPEN: "$background on $in-hours",
    Cell.PART: "$in-hours underline",
    Cell.CLOSED: "$foreground-muted",
    Cell.DAY_OFF: "$weekend",
}


# --- the pane -------------------------------------------------------------------------------
class ClockPane(Pane):
    PANE_TITLE = N_("World clock")

    HOUR = Binding.Group(N_("Hour"), compact=True)
    DAY = Binding.Group(N_("Day"), compact=True)
    BINDINGS = [
        Binding("h", "move_cursor(-1, 0)", N_("Hour back"), id="clock-hour-back", group=HOUR,
                tooltip=N_("Move the clock's cursor one hour back")),
        Binding("l", "move_cursor(1, 0)", N_("Hour on"), id="clock-hour-on", group=HOUR,
                tooltip=N_("Move the clock's cursor one hour on")),
        Binding("H", "move_cursor(0, -1)", N_("Day back"), id="clock-day-back", group=DAY,
                tooltip=N_("Move the clock's cursor one day back")),
        Binding("L", "move_cursor(0, 1)", N_("Day on"), id="clock-day-on", group=DAY,
                tooltip=N_("Move the clock's cursor one day on")),
        Binding("escape", "cursor_now", N_("Now"), id="clock-now", show=False,  # the border says "Esc: now"
                tooltip=N_("Bring the clock back to now")),
        Binding("s", "toggle_sort", N_("Sort"), id="clock-sort", show=False,
                tooltip=N_("Sort clients by offset from you, or by name (remembered)")),
        Binding("o", "find_overlap", N_("Overlap"), id="clock-overlap",
                tooltip=N_("Find times this week when chosen clients are all in business hours")),
        Binding("a", "add_client", N_("Add"), id="add-client", tooltip=N_("Add a client")),
        Binding("e,enter", "edit_client", N_("Edit"), id="edit-client", tooltip=N_("Edit the selected client")),
        Binding("x,delete", "remove_client", N_("Remove"), id="remove-client", show=False,
                tooltip=N_("Remove the selected client (only one with no tasks or tracked time; u undoes)")),
    ]

    DEFAULT_CSS = """
    ClockPane #clock-table { height: auto; max-height: 100%; scrollbar-size-vertical: 1; }
    ClockPane .clock-row { height: 1; width: 1fr; }
    ClockPane .clock-row.-selected { background: $boost; }
    ClockPane #clock-table:focus .clock-row.-selected { background: $primary 25%; }
    ClockPane .clock-row TextCell { margin-right: 1; }
    ClockPane .dot { width: 1; }
    ClockPane .name { width: 1fr; min-width: 6; max-width: 32; }
    ClockPane .city { width: 12; color: $text-muted; }
    ClockPane .time { width: 5; text-style: bold; }
    ClockPane .day { width: 2; color: $accent; }
    ClockPane .offset { width: 6; color: $text-muted; }
    ClockPane .state { width: 15; margin-right: 0; }
    ClockPane .state.-in-hours { color: $in-hours; }
    ClockPane .state.-closing-soon { color: $closing-soon; }
    ClockPane .state.-opens { color: $text; }
    ClockPane .state.-after-hours { color: $after-hours; }
    ClockPane .state.-weekend { color: $weekend; }
    ClockPane.-compact .city { display: none; }
    ClockPane.-tight .offset { display: none; }
    ClockPane #clock-empty { color: $text-muted; height: auto; margin-top: 1; }
    ClockPane #hour-strip { margin-top: 1; }
    ClockPane #clock-readout { height: 1; width: 1fr; color: $text; }
    ClockPane.-no-strip #hour-strip { display: none; }
    ClockPane.-no-strip #clock-readout { display: none; }
    """

    @dataclass
    class CursorMoved(Message):
        hours: int = 0
        days: int = 0

    @dataclass
    class CursorReset(Message):
        pass

    @dataclass
    class HourPicked(Message):
        at: datetime

    @dataclass
    class SortToggled(Message):
        pass

    @dataclass
    class AddClientAsked(Message):
        pass

    @dataclass
    class EditClientAsked(Message):
        client_id: int | None  # None: the "me" row

    @dataclass
    class RemoveClientAsked(Message):
        client_id: int | None

    @dataclass
    class OverlapAsked(Message):
        client_id: int | None  # the selected client, to start the choice with

    @dataclass
    class RowSelected(Message):
        key: str

    def __init__(self, number: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(number, id=id, classes=classes)
        self.table = ClockTable()
        self.strip = HourStripView()
        self.readout = TextCell(fit=True, id="clock-readout")
        self.cursor_active = False
        self.selected_key: str | None = None
        self._readings: list[Reading] = []
        self._has_clients: bool | None = None

    def compose(self) -> ComposeResult:
        yield self.table
        yield self.strip
        yield self.readout

    # --- fed by the controller ---------------------------------------------------------------
    def show_readings(self, readings: Sequence[Reading], *, cursor: datetime | None) -> None:
        """Show one row per reading (me first). Rows are rebuilt only when the set or order of
        places changes; otherwise each row updates the cells whose text changed."""
        self._readings = list(readings)
        keys = [r.place.key for r in readings]
        rows = self.table.rows()
        if [r.key for r in rows] == keys:
            for row, reading in zip(rows, readings):
                row.show(reading)
        else:
            self._rebuild(readings)
        self.cursor_active = cursor is not None
        self._show_readout()
        self._relayout()

    def _rebuild(self, readings: Sequence[Reading]) -> None:
        keys = [r.place.key for r in readings]
        old_index = self.table.selected
        self.table.remove_children()
        new_rows = [ClockRow(r) for r in readings]
        self.table.row_widgets = new_rows
        has_clients = len(readings) > 1
        widgets: list[Widget] = list(new_rows)
        if not has_clients:
            widgets.append(TextCell(
                _("No clients yet. Press a to add one (name, time zone, business hours), "
                  "or run vatui --demo to try the cockpit on sample data."), id="clock-empty"))
        self.table.mount_all(widgets)
        if self.selected_key in keys:
            index = keys.index(self.selected_key)
        else:
            index = min(old_index, len(keys) - 1) if self.selected_key else min(1, len(keys) - 1)
        self.table.selected = index
        for i, row in enumerate(new_rows):
            row.set_class(i == index, "-selected")
        self.selected_key = keys[index] if keys else None

    def show_strip(self, view: StripView) -> None:
        self.strip.show(view)

    def show_cursor(self, text: str) -> None:
        """The cursor's instant in the border ("at Tue 24 Nov 14:00 · Esc: now"), or ""."""
        self.set_status(text)

    def _show_readout(self) -> None:
        if not self.cursor_active or not self._readings:
            self.readout.set_text(_("Highlighted: business hours · underlined: part of the hour · ▼ now"),
                                  "$foreground-muted")
            return
        me = self._readings[0]
        chosen = next((r for r in self._readings if r.place.key == self.selected_key and not r.place.is_me), None)
        others = [chosen] if chosen else [r for r in self._readings[1:3]]
        mine = _("my {time} {day}").format(time=f"{me.local:%H:%M}", day=weekday(me.local))
        self.readout.set_text(mine + " = " + " · ".join(describe_at(r) for r in others) if others else mine, "")

    # --- layout by the pane's own size -------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def _relayout(self) -> None:
        width, height = self.content_size
        self.set_class(width < COMPACT_BELOW, "-compact")
        self.set_class(width < TIGHT_BELOW, "-tight")
        rows = max(1, len(self._readings))
        # Rows, a blank line, the header, a strip line per row and the read-out line.
        fits = height >= rows + 1 + 1 + rows + 1 and width >= LABEL_WIDTH + 6 * CELL_WIDTH
        self.set_class(not fits, "-no-strip")

    # --- actions: the pane only says what was asked ------------------------------------------
    def selected_client_id(self) -> int | None:
        rows = self.table.rows()
        if not rows:
            return None
        return rows[min(self.table.selected, len(rows) - 1)].client_id

    def on_clock_pane_row_selected(self, message: ClockPane.RowSelected) -> None:
        self.selected_key = message.key
        self._show_readout()

    def on_hour_strip_view_hour_clicked(self, message: HourStripView.HourClicked) -> None:
        message.stop()
        self.post_message(self.HourPicked(message.at))

    def action_move_cursor(self, hours: int, days: int) -> None:
        self.post_message(self.CursorMoved(hours, days))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cursor_now":
            return self.cursor_active  # otherwise Escape goes on to the screen (un-zoom)
        return True

    def action_cursor_now(self) -> None:
        self.post_message(self.CursorReset())

    def action_toggle_sort(self) -> None:
        self.post_message(self.SortToggled())

    def action_add_client(self) -> None:
        self.post_message(self.AddClientAsked())

    def action_edit_client(self) -> None:
        self.post_message(self.EditClientAsked(self.selected_client_id()))

    def action_remove_client(self) -> None:
        self.post_message(self.RemoveClientAsked(self.selected_client_id()))

    def action_find_overlap(self) -> None:
        self.post_message(self.OverlapAsked(self.selected_client_id()))
