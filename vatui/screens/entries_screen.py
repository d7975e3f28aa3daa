"""Tracked time for a day: list, edit, delete (with undo) and add by hand. Reached with `e` from
the Pomodoro pane. Changes go through the cockpit's services (`save()`), so `u` undoes them here
and there.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from vatui.core.durations import format_duration
from vatui.core.errors import ValidationError
from vatui.core.hours import format_clock_time
from vatui.core.models import Client, TimeEntry
from vatui.core.tracking import (
    day_bounds,
    entries_on,
    local_date,
    log_window,
    parse_day,
    suggested_window,
    tracked,
)
from vatui.i18n import N_, _, pgettext
from vatui.screens.base import FollowsCockpit
from vatui.screens.cockpit_services import Services, UndoStep
from vatui.text.formats import hm, long_day
from vatui.text.textfit import fit_words
from vatui.text.timer_words import source_name
from vatui.widgets.form_input import FormInput, KeysInOrder
from vatui.widgets.form_widgets import FormButton, FormSelect, FormTickBox
from vatui.widgets.ticks import TickBox


def _hm(at, zone) -> str:  # noqa: ANN001
    return hm(at.astimezone(zone))


class EntriesScreen(FollowsCockpit, ModalScreen[None]):
    BINDINGS = [
        Binding("a", "add_entry", N_("Add"), id="add-entry", tooltip=N_("Add time by hand")),
        Binding("e,enter", "edit_entry", N_("Edit"), id="edit-entry", tooltip=N_("Change the selected entry")),
        Binding("d,delete", "delete_entry", N_("Delete"), id="delete-entry",
                tooltip=N_("Delete the selected entry (u undoes)")),
        Binding("u", "undo", N_("Undo"), id="undo-entry", tooltip=N_("Undo the last change")),
        Binding("left_square_bracket", "day(-1)", N_("Previous day"), id="entries-previous-day",
                tooltip=N_("The time entries of the day before")),
        Binding("right_square_bracket", "day(1)", N_("Next day"), id="entries-next-day",
                tooltip=N_("The time entries of the day after")),
        Binding("escape,q", "close", N_("Close"), id="close-entries", tooltip=N_("Back to the cockpit")),
    ]

    DEFAULT_CSS = """
    EntriesScreen { align: center middle; }
    EntriesScreen > Vertical {
        width: 96%; max-width: 130; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    EntriesScreen DataTable { height: 1fr; }
    EntriesScreen #entries-total { height: 1; color: $text-muted; }
    EntriesScreen #entries-keys { height: 1; color: $text-muted; }
    """

    def __init__(self, cockpit: Services) -> None:
        super().__init__()
        self.cockpit = cockpit
        self.zone = cockpit.my_zone
        self.day: date = local_date(cockpit.now(), self.zone)
        self.rows: list[TimeEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("Time entries")
            yield DataTable(id="entries-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="entries-total")
            yield Static(_("a add · e edit · d delete · u undo · [ ] day · Esc close"), id="entries-keys")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("From"), _("To"), pgettext("a length of time", "Time"), _("Client"), _("Task"), _("Billable"),
                          _("Source"), _("Note"))
        self.reload()
        table.focus()

    def cockpit_refreshed(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the day's entries again (after any change, here or in another process)."""
        store = self.cockpit.store
        self.rows = entries_on(store.entries.all(), self.day, self.zone)
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for e in self.rows:
            client = store.clients.get(e.client_id) if e.client_id is not None else None
            task = store.tasks.get(e.task_id) if e.task_id is not None else None
            title = task.title if task else ""
            table.add_row(_hm(e.start, self.zone), _hm(e.end, self.zone), format_duration(e.duration),
                          client.name if client else "-", fit_words(title, 34),
                          _("yes") if e.billable else _("no"), source_name(e.source), e.note, key=str(e.id))
        if self.rows:
            table.move_cursor(row=min(keep, len(self.rows) - 1))
        # Only this day's part of an entry that crosses midnight, as the pane and the report count.
        day = day_bounds(self.day, self.zone)
        total = tracked(self.rows, day)
        billable = tracked([e for e in self.rows if e.billable], day)
        box = self.query_one(Vertical)
        box.border_title = _("Time entries · {day}").format(day=long_day(self.day, pad=True))
        text = (_("Total {total}, billable {billable}").format(total=format_duration(total),
                                                               billable=format_duration(billable))
                if self.rows else _("No time tracked on this day. Press a to add some."))
        self.query_one("#entries-total", Static).update(text)

    def selected(self) -> TimeEntry | None:
        table = self.query_one(DataTable)
        if not self.rows or not (0 <= table.cursor_row < len(self.rows)):
            return None
        return self.rows[table.cursor_row]

    # --- actions ------------------------------------------------------------------------------
    def action_day(self, step: int) -> None:
        self.day += timedelta(days=step)
        self.reload()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_undo(self) -> None:
        self.cockpit.undo_last()

    def action_add_entry(self) -> None:
        self.app.push_screen(EntryModal(self.cockpit, self.day, None), self._saved)

    def action_edit_entry(self) -> None:
        entry = self.selected()
        if entry is None:
            self.notify(_("No entry selected."), timeout=3)
            return
        self.app.push_screen(EntryModal(self.cockpit, self.day, entry), self._saved)

    def _saved(self, entry: TimeEntry | None) -> None:
        if entry is None:
            return
        store = self.cockpit.store
        if entry.id is None:
            self.cockpit.save(
                lambda: store.entries.add(entry),
                done=lambda saved: self.notify(_("Added {time}.").format(time=format_duration(saved.duration)),
                                               timeout=3),
                undo=lambda saved: UndoStep(_("add time entry"), lambda: store.entries.delete(saved.id)),
            )
        else:
            old = store.entries.get(entry.id)
            self.cockpit.save(
                lambda: store.entries.update(entry),
                done=lambda _saved: self.notify(_("Entry changed."), timeout=3),
                undo=(lambda _saved: UndoStep(_("edit time entry"), lambda: store.entries.update(old)))
                if old is not None else None,
            )

    def action_delete_entry(self) -> None:
        entry = self.selected()
        if entry is None or entry.id is None:
            self.notify(_("No entry selected."), timeout=3)
            return
        store = self.cockpit.store
        entry_id = entry.id
        self.cockpit.save(
            lambda: store.entries.delete(entry_id),
            done=lambda old: self.notify(
                _("Deleted {from_}-{to} ({time}). u undoes.").format(
                    from_=_hm(old.start, self.zone), to=_hm(old.end, self.zone), time=format_duration(old.duration)),
                timeout=5),
            undo=lambda old: UndoStep(_("delete time entry"), lambda: store.entries.restore(old)),
        )


class EntryModal(ModalScreen[TimeEntry | None], KeysInOrder):
    """Add or edit one entry. Nothing is saved until every field is valid; errors show by the field."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cancel-entry", tooltip=N_("Close the form, saving nothing")),
        Binding("ctrl+s", "save", N_("Save"), id="save-entry", tooltip=N_("Save the entry")),
    ]

    DEFAULT_CSS = """
    EntryModal { align: center middle; }
    EntryModal > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    EntryModal Horizontal { height: auto; }
    EntryModal .field { width: 1fr; height: auto; }
    EntryModal Label { color: $text-muted; }
    EntryModal .error { color: $error; height: auto; display: none; }
    EntryModal .error.-shown { display: block; }
    EntryModal #entry-buttons { margin-top: 1; }
    EntryModal Button { margin-right: 1; }
    """

    FIELDS = ("date", "from", "to", "client", "task", "note")

    def __init__(self, cockpit: Services, day: date, entry: TimeEntry | None) -> None:
        super().__init__()
        self.cockpit = cockpit
        self.zone = cockpit.my_zone
        self.day = day
        self.entry = entry
        self.clients: list[Client] = sorted(cockpit.store.clients.all(), key=lambda c: c.key)
        self.checked: dict[str, str] = {}  # each field's text when the form was last checked

    def compose(self) -> ComposeResult:
        e = self.entry
        day = local_date(e.start, self.zone) if e else self.day
        if e is not None:
            start, end = _hm(e.start, self.zone), _hm(e.end, self.zone)
        else:  # real values to keep or type over (the text is selected when a field is entered)
            first, last = suggested_window(day, self.cockpit.now(), self.zone, self.cockpit.store.entries.all())
            start, end = format_clock_time(first), format_clock_time(last)
        options = [(c.name, c.id) for c in self.clients]
        with Vertical() as box:
            box.border_title = _("Edit time entry") if e else _("Add time by hand")
            with Horizontal():
                with Vertical(classes="field"):
                    yield Label(_("Date"))
                    yield FormInput(day.isoformat(), id="date", placeholder=_("YYYY-MM-DD"))
                    yield Static("", id="date-error", classes="error")
                with Vertical(classes="field"):
                    yield Label(_("From"))
                    yield FormInput(start, id="from", placeholder=_("HH:MM"))
                    yield Static("", id="from-error", classes="error")
                with Vertical(classes="field"):
                    yield Label(_("To"))
                    yield FormInput(end, id="to", placeholder=_("HH:MM"))
                    yield Static("", id="to-error", classes="error")
            yield Label(_("Client"))
            yield FormSelect(options, id="client", value=e.client_id if e and e.client_id is not None else Select.NULL,
                         prompt=_("Choose a client"))
            yield Static("", id="client-error", classes="error")
            with Horizontal():
                with Vertical(classes="field"):
                    yield Label(_("Task ID (optional)"))
                    yield FormInput(str(e.task_id) if e and e.task_id else "", id="task", type="integer")
                    yield Static("", id="task-error", classes="error")
                with Vertical(classes="field"):
                    yield Label(" ")
                    yield FormTickBox(_("Billable"), e.billable if e else True, id="billable")
            yield Label(_("Note"))
            yield FormInput(e.note if e else "", id="note")
            yield Static("", id="note-error", classes="error")
            with Horizontal(id="entry-buttons"):
                yield FormButton(_("Save"), id="save", variant="primary")
                yield FormButton(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#from" if self.entry is None else "#to", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_changed(self, event: Input.Changed) -> None:
        # An error is about the text that was checked; once the field holds other text the error
        # is out of date and goes (save checks again).
        if event.input.id in self.FIELDS and event.value != self.checked.get(event.input.id):
            error = self.query_one(f"#{event.input.id}-error", Static)
            error.update("")
            error.remove_class("-shown")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _error(self, field: str | None, message: str) -> None:
        target = field if field in self.FIELDS else "note"
        error = self.query_one(f"#{target}-error", Static)
        error.update(message)
        error.add_class("-shown")
        if field in self.FIELDS:
            self.query_one(f"#{field}").focus()

    def action_save(self) -> None:
        self.checked = {i.id: i.value for i in self.query(Input) if i.id}
        for name in self.FIELDS:
            error = self.query_one(f"#{name}-error", Static)
            error.update("")
            error.remove_class("-shown")
        try:
            entry = self.build()
        except ValidationError as exc:
            message = exc.message.split(": ", 1)[1] if ": " in exc.message else exc.message
            self._error(exc.field, message)
            return
        self.dismiss(entry)

    def build(self) -> TimeEntry:
        """The entry the form describes. Raises ValidationError naming the field."""
        today = local_date(self.cockpit.now(), self.zone)
        day_text = self.query_one("#date", Input).value
        if not day_text.strip():  # parse_day reads "" as today; in the form an emptied field is a slip
            raise ValidationError(_("date: a date is required (e.g. {today})").format(today=today.isoformat()),
                                  field="date")
        day = parse_day(day_text, today)
        # As `vatui log` reads it: an end before the start is the next day's (an overnight entry).
        window = log_window(day, self.query_one("#from", Input).value, self.zone,
                            end_text=self.query_one("#to", Input).value)
        start, end = window.start, window.end
        client_id = self.query_one("#client", Select).value
        if client_id is Select.NULL:
            raise ValidationError(_("client: choose who the time was for"), field="client")
        task_text = self.query_one("#task", Input).value.strip()
        task_id = None
        if task_text:
            task_id = int(task_text)
            if self.cockpit.store.tasks.get(task_id) is None:
                raise ValidationError(_("task: there is no task {id}").format(id=task_id), field="task")
        billable = self.query_one("#billable", TickBox).value
        note = self.query_one("#note", Input).value.strip()
        if self.entry is not None:
            return replace(self.entry, start=start, end=end, client_id=int(client_id), task_id=task_id,
                           billable=billable, note=note)
        return TimeEntry(start=start, end=end, client_id=int(client_id), task_id=task_id, billable=billable,
                         note=note, source="manual")
