"""The World clock pane: one row for me and one per client, an hour strip aligned across rows,
and a cursor that moves through hours and days.

Repaint budget: the rows are one Line API widget (`ClockTable`), so fifty clients cost a handful
of widgets, not four hundred (every widget is restyled when focus moves between panes). A minute
tick compares each row's words with what is shown and repaints only the cells that changed (a
row's time, its "closes in 40m"), never the pane. The strip is one widget that changes only when
the hour turns or the cursor moves. The pane renders what the controller gives it and posts
messages; it never touches the store.

The rows' words are in clock_rows.py, the table that draws them in clock_table.py and the strip
in hour_strip.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from vatui.core.zones import Reading
from vatui.i18n import N_, _
from vatui.text import formats
from vatui.text.clock_text import state_words
from vatui.widgets.clock_rows import ClockRow
from vatui.widgets.clock_table import ClockTable
from vatui.widgets.fit import TextCell
from vatui.widgets.hour_strip import CELL_WIDTH, LABEL_WIDTH, HourStripView, StripView
from vatui.widgets.pane import Pane

WEEKDAYS, WEEKDAYS_SHORT = formats.WEEKDAYS, formats.WEEKDAYS_2  # moved to vatui.text.formats; kept for importers


def weekday(at: datetime) -> str:
    return formats.weekday(at)


def describe_at(reading: Reading) -> str:
    """"Sydney Wed 00:00 (after hours)": one place at the cursor, for the read-out line."""
    return _("{city} {time} {day} ({state})").format(
        city=reading.place.city, day=weekday(reading.local), time=f"{reading.local:%H:%M}", state=state_words(reading))


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
    ClockPane #clock-empty { color: $text-muted; height: auto; margin-top: 1; }
    ClockPane #hour-strip { margin-top: 1; }
    ClockPane #clock-readout { height: 1; width: 1fr; color: $text; }
    """

    @dataclass(eq=False)
    class CursorMoved(Message):
        hours: int = 0
        days: int = 0

    class CursorReset(Message):
        pass

    @dataclass(eq=False)
    class HourPicked(Message):
        at: datetime

    class SortToggled(Message):
        pass

    class AddClientAsked(Message):
        pass

    @dataclass(eq=False)
    class EditClientAsked(Message):
        client_id: int | None  # None: the "me" row

    @dataclass(eq=False)
    class RemoveClientAsked(Message):
        client_id: int | None

    @dataclass(eq=False)
    class OverlapAsked(Message):
        client_id: int | None  # the selected client, to start the choice with

    RowSelected = ClockTable.RowSelected  # posted by the table (see there)

    def __init__(self, number: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(number, id=id, classes=classes)
        self.table = ClockTable()
        self.empty_hint = Static(_("No clients yet. Press a to add one (name, time zone, business hours), "
                                   "or run vatui --demo to try the cockpit on sample data."), id="clock-empty",
                                 markup=False)
        self.strip = HourStripView()
        self.readout = TextCell(fit=True, id="clock-readout")
        self.cursor_active = False
        self.selected_key: str | None = None
        self._readings: list[Reading] = []

    def compose(self) -> ComposeResult:
        yield self.table
        yield self.empty_hint
        yield self.strip
        yield self.readout

    # --- fed by the controller ---------------------------------------------------------------
    def show_readings(self, readings: Sequence[Reading], *, cursor: datetime | None) -> None:
        """Show one row per reading (me first). The selection stays on its place when the places
        change; on the same places only the cells whose words changed are repainted."""
        self._readings = list(readings)
        rows = [ClockRow.of(r) for r in readings]
        keys = [r.key for r in rows]
        if self.selected_key in keys:
            index = keys.index(self.selected_key)  # type: ignore[arg-type]
        else:
            old_index = self.table.selected
            index = min(old_index, len(keys) - 1) if self.selected_key else min(1, len(keys) - 1)
        index = max(0, index)
        self.selected_key = keys[index] if keys else None
        self.table.show(rows, index)
        has_clients = len(rows) > 1
        if self.empty_hint.display == has_clients:
            self.empty_hint.display = not has_clients
        self.cursor_active = cursor is not None
        self._show_readout()
        self._relayout()

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
        """Show the strip and its read-out line only when they fit under the rows. (Widgets'
        display, not classes on the pane: a class change restyles every widget in the pane.)"""
        width, height = self.content_size
        laid_out = width > 0
        if not laid_out:
            # Before the first layout the whole screen is the most the pane can get: rows that
            # would not fit even there hide the strip before the first frame. (Hidden on the
            # first resize instead, the whole screen was laid out and painted again.)
            width, height = self.app.size
        rows = max(1, len(self._readings))
        hint = 0 if rows > 1 else 1 + -(-cell_len(str(self.empty_hint.content)) // max(1, width))
        # Rows (and the hint), a blank line, the header, a strip line per row and the read-out line.
        fits = height >= rows + hint + 1 + 1 + rows + 1 and width >= LABEL_WIDTH + 6 * CELL_WIDTH
        if not laid_out and fits:
            return  # it may fit: on_resize decides, with the pane's real size
        if self.strip.display != fits:
            self.strip.display = fits
            self.readout.display = fits

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
