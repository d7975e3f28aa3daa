"""The queue's forms: quick add (one line), the task form (every field) and applying a checklist
template. Each is given the functions that check its input (core, wired by the controller) and
returns a finished value; nothing is saved until the input is valid, and errors show at the field."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea
from textual.widgets.input import Selection

from vatui.core.daywords import english_day, local_today, local_tomorrow
from vatui.core.errors import ValidationError
from vatui.core.models import Status, Task
from vatui.core.quickadd import QuickAdd, without_replaced_suggestion
from vatui.core.when_words import QuickAddError
from vatui.i18n import N_, _
from vatui.text.queue_text import STATUS_WORDS
from vatui.widgets.fit import TextCell
from vatui.widgets.form_input import FormInput, KeysInOrder
from vatui.widgets.form_widgets import FormButton, FormSelect, FormTextArea, FormTickBox
from vatui.widgets.ticks import TickBox

MODAL_CSS = """
{name} {{ align: center middle; }}
{name} > .modal-box {{
    width: 90%; max-width: 100; height: auto; max-height: 100%;
    border: round $primary; background: $surface; padding: 0 1;
}}
{name} .modal-help {{ color: $text-muted; }}
{name} .field-error {{ color: $error; display: none; }}
{name} .field-error.-shown {{ display: block; }}
{name} .-invalid {{ background: $error 20%; }}
"""


class QuickAddModal(ModalScreen["str | None"], KeysInOrder):
    """A quick-add line that parses (`parse` raises QuickAddError), or None. `describe` is the preview."""

    DEFAULT_CSS = MODAL_CSS.format(name="QuickAddModal") + """
    QuickAddModal #qa-line { margin: 1 0 0 0; }
    QuickAddModal #qa-preview { color: $text-muted; height: auto; }
    QuickAddModal #qa-preview.-error { color: $error; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel-quick-add")]

    def __init__(self, *, parse: Callable[[str], QuickAdd], describe: Callable[[QuickAdd], str], text: str = "") -> None:
        super().__init__()
        self.parse = parse
        self.describe = describe
        self.text = text
        self.error: QuickAddError | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box") as box:
            box.border_title = _("Quick add")
            # TRANSLATORS: an example task line: translate the title words, keep the tokens (@acme #email !u !i
            # ~15m due:fri reply:24h) as they are: they are the syntax vatui reads.
            yield FormInput(self.text, id="qa-line", compact=True,
                        placeholder=_("Reply to invoice question @acme #email !u !i ~15m due:fri reply:24h"))
            yield Static("", id="qa-preview")
            yield Static(_("@client  #batch  !u urgent  !i important  ~15m estimate  due:fri 17:00 [client]  "
                           "reply:24h (business hours)  // notes · Enter adds · Esc cancels"), classes="modal-help")

    def on_mount(self) -> None:
        line = self.query_one("#qa-line", Input)
        line.focus()
        line.cursor_position = len(line.value)
        self._preview(line.value)

    def line(self, text: str) -> str:
        """The line as it will be read: the `@client #batch` it opened with is a suggestion, which
        an `@client` or `#batch` typed into the line replaces."""
        return without_replaced_suggestion(text, self.text) if self.text else text

    def _preview(self, text: str) -> QuickAdd | None:
        preview = self.query_one("#qa-preview", Static)
        untouched = text.strip() == self.text.strip()  # nothing typed yet: no error to show
        try:
            parsed = self.parse(self.line(text)) if text.strip() else None
        except QuickAddError as exc:
            self.error = exc
            parsed = None
            if not untouched:
                preview.update(exc.message)
                preview.add_class("-error")
                return None
        if parsed is None:
            preview.update(_("Type the task; the words that are not tokens are its title."))
            preview.remove_class("-error")
            return None
        self.error = None
        preview.update("→ " + self.describe(parsed))
        preview.remove_class("-error")
        return parsed

    @on(Input.Changed, "#qa-line")
    def _changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    @on(Input.Submitted, "#qa-line")
    def _submitted(self, event: Input.Submitted) -> None:
        parsed = self._preview(event.value)
        if parsed is not None:
            self.dismiss(self.line(event.value))
            return
        if self.error is not None:  # Enter on an untouched line says what is missing
            preview = self.query_one("#qa-preview", Static)
            preview.update(self.error.message)
            preview.add_class("-error")
        line = self.query_one("#qa-line", Input)
        if self.error is not None and self.error.token is not None and self.line(event.value) == event.value:
            line.selection = Selection(self.error.token.start, self.error.token.end)  # point at the bad token
        self.app.bell()

    def action_cancel(self) -> None:
        self.dismiss(None)


class TaskModal(ModalScreen["Task | None"], KeysInOrder):
    """Every field of a task. `validate(values)` returns the Task or raises ValidationError(field)."""

    DEFAULT_CSS = MODAL_CSS.format(name="TaskModal") + """
    TaskModal .modal-box { max-height: 100%; }
    TaskModal VerticalScroll { height: auto; max-height: 20; }
    TaskModal .form-row { height: auto; }
    TaskModal .form-label { width: 11; color: $text-muted; }
    TaskModal .form-label-2 { width: 11; color: $text-muted; padding: 0 1; }  /* a gap after "Adiar até" */
    TaskModal Input { width: 1fr; }
    TaskModal Select { width: 1fr; }
    TaskModal TickBox { width: auto; margin: 0 2 0 0; }
    TaskModal TextArea { height: 3; width: 1fr; }
    TaskModal #tf-buttons { height: 1; margin: 1 0 0 0; }
    TaskModal #tf-buttons Button { margin: 0 2 0 0; }
    TaskModal #tf-buttons TextCell { width: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cancel-task-form"),
        Binding("ctrl+s", "save", N_("Save"), id="save-task-form", tooltip=N_("Save the task")),
    ]

    def __init__(self, *, title: str, values: Mapping[str, str | bool], clients: Sequence[str],
                 batches: Sequence[str], validate: Callable[[dict[str, str | bool]], Task],
                 client_records: Sequence[Any] = ()) -> None:
        super().__init__()
        self.client_records = {c.id: c for c in client_records}  # for the note on the due time
        self.form_title = title
        self.values = dict(values)
        self.clients = list(clients)
        self.batches = list(batches)
        self.validate = validate
        self.checked: dict[str, str | bool] = {}  # the fields as they were when last checked

    def _error(self, name: str) -> Static:
        return Static("", id=f"err-{name}", classes="field-error")

    def compose(self) -> ComposeResult:
        v = self.values
        statuses = [(_(STATUS_WORDS[s]), s.value) for s in Status]
        with Vertical(classes="modal-box") as box:
            box.border_title = self.form_title
            with VerticalScroll():
                with Horizontal(classes="form-row"):
                    yield Label(_("Title"), classes="form-label")
                    yield FormInput(str(v["title"]), id="f-title", compact=True)
                yield self._error("title")
                with Horizontal(classes="form-row"):
                    yield Label(_("Client"), classes="form-label")
                    yield FormSelect([(c, c) for c in self.clients], value=str(v["client"]) or Select.NULL,
                                 prompt=_("(no client)"), id="f-client", compact=True)
                    yield Label(_("Batch"), classes="form-label-2")
                    yield FormInput(str(v["batch"]), id="f-batch", compact=True,
                                suggester=SuggestFromList(self.batches, case_sensitive=False))
                yield self._error("client")
                yield self._error("batch")
                with Horizontal(classes="form-row"):
                    yield Label(_("Flags"), classes="form-label")
                    yield FormTickBox(_("Urgent"), bool(v["urgent"]), id="f-urgent", compact=True)
                    yield FormTickBox(_("Important"), bool(v["important"]), id="f-important", compact=True)
                    yield Label(_("Estimate"), classes="form-label-2")
                    yield FormInput(str(v["estimate"]), id="f-estimate", compact=True, placeholder="15m")
                yield self._error("estimate")
                with Horizontal(classes="form-row"):
                    yield Label(_("Due"), classes="form-label")
                    yield FormInput(str(v["due"]), id="f-due", compact=True, placeholder="fri 17:00 client")
                yield self._error("due")
                yield Static("", id="due-note", classes="field-error")
                with Horizontal(classes="form-row"):
                    yield Label(_("Reply by"), classes="form-label")
                    yield FormInput(str(v["reply"]), id="f-reply", compact=True,
                                placeholder=_("24h (business hours from now) or wed 10:00 client"))
                yield self._error("reply")
                with Horizontal(classes="form-row"):
                    yield Label(_("Repeat"), classes="form-label")
                    yield FormInput(str(v.get("repeat", "")), id="f-repeat", compact=True,
                                    placeholder=_("mon, weekday, month:last, after:3d (empty: no repeat)"))
                yield self._error("repeat")
                with Horizontal(classes="form-row"):
                    yield Label(_("Status"), classes="form-label")
                    yield FormSelect(statuses, value=str(v["status"]), allow_blank=False, id="f-status", compact=True)
                    yield Label(_("Defer to"), classes="form-label-2")
                    # The field reads "tomorrow" in the user's language as well as in English.
                    yield FormInput(str(v["defer"]), id="f-defer", compact=True, placeholder=local_tomorrow())
                yield self._error("status")
                yield self._error("defer")
                with Horizontal(classes="form-row"):
                    yield Label(_("Notes"), classes="form-label")
                    yield FormTextArea(str(v["notes"]), id="f-notes", compact=True, soft_wrap=True)
                with Horizontal(classes="form-row"):
                    # How to tick a line, beside the field it is about (the row is three lines tall).
                    yield Label(_("Checklist") + "\n" + _("[x] = done"), classes="form-label", markup=False)
                    yield FormTextArea(str(v["checklist"]), id="f-checklist", compact=True, soft_wrap=True)
                yield self._error("checklist")
            with Horizontal(id="tf-buttons"):
                yield FormButton(_("Save"), id="tf-save", variant="primary", compact=True)
                yield FormButton(_("Cancel"), id="tf-cancel", compact=True)
                # Shortened by whole words when the row is narrow, never cut mid-word.
                yield TextCell(_("Ctrl+S saves · Esc cancels"), fit=True, classes="modal-help")

    def on_mount(self) -> None:
        self.query_one("#f-title", Input).focus()

    def read(self) -> dict[str, str | bool]:
        client = self.query_one("#f-client", Select).value
        return {
            "title": self.query_one("#f-title", Input).value,
            "client": client if isinstance(client, str) else "",
            "batch": self.query_one("#f-batch", Input).value,
            "urgent": self.query_one("#f-urgent", TickBox).value,
            "important": self.query_one("#f-important", TickBox).value,
            "estimate": self.query_one("#f-estimate", Input).value,
            "due": self.query_one("#f-due", Input).value,
            "reply": self.query_one("#f-reply", Input).value,
            "repeat": self.query_one("#f-repeat", Input).value,
            "status": str(self.query_one("#f-status", Select).value),
            "defer": self.query_one("#f-defer", Input).value,
            "notes": self.query_one("#f-notes", TextArea).text,
            "checklist": self.query_one("#f-checklist", TextArea).text,
        }

    def show_error(self, field: str | None, message: str) -> None:
        for err in self.query(".field-error"):
            err.remove_class("-shown")
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        name = field if field in ("title", "client", "batch", "estimate", "due", "reply", "repeat", "status", "defer",
                                  "checklist") else "title"
        err = self.query_one(f"#err-{name}", Static)
        err.update(message)
        err.add_class("-shown")
        target: Widget = self.query_one(f"#f-{name}")
        target.add_class("-invalid")
        target.focus()
        err.scroll_visible(animate=False)

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _field_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        # An error is about the text that was checked; a changed field drops it (save checks again).
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
        text = event.value if isinstance(event, Input.Changed) else event.text_area.text
        name = (widget.id or "").removeprefix("f-")
        if name == "due":
            self._note_due()
        if text == self.checked.get(name):
            return
        for error in self.query(f"#err-{name}"):
            error.remove_class("-shown")
            widget.remove_class("-invalid")

    @on(Select.Changed, "#f-client")
    def _client_changed(self) -> None:
        self._note_due()

    def _note_due(self) -> None:
        """Under the due field: a due time outside the client's business hours is pointed out."""
        note = self.query_one("#due-note", Static)
        message = ""
        try:
            task = self.validate(self.read())
        except ValidationError:
            task = None
        client = self.client_records.get(task.client_id) if task is not None else None
        if task is not None and task.due is not None and client is not None:
            from vatui.core.due_hours import due_outside_hours

            holiday = None
            if client.holidays or client.closed:  # the holiday module loads only for such a client
                from vatui.core.client_holidays import due_on_holiday

                holiday = due_on_holiday(task.due, client)
            if holiday is not None:
                from vatui.text.holiday_text import due_on_holiday_words

                message = due_on_holiday_words(client.name, *holiday)
            elif due_outside_hours(client, task.due):
                message = _("Note: it falls outside {client}'s business hours ({hours}, {zone}).").format(
                    client=client.name, hours=client.hours.format(), zone=client.tz)
        note.update(message)
        note.set_class(bool(message), "-shown")

    def action_save(self) -> None:
        self.checked = self.read()
        try:
            task = self.validate(self.checked)
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        self.dismiss(task)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#tf-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#tf-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)


class ApplyTemplateModal(ModalScreen[Any], KeysInOrder):
    """Pick a checklist template, a client and a start day. `preview(template, client, start)`
    returns the lines to show (raising ValidationError(field) when the input is bad); the modal
    returns (template name, client name, start text)."""

    DEFAULT_CSS = MODAL_CSS.format(name="ApplyTemplateModal") + """
    ApplyTemplateModal .form-row { height: auto; margin: 1 0 0 0; }
    ApplyTemplateModal .form-label { width: 11; color: $text-muted; }
    ApplyTemplateModal Select { width: 1fr; }
    ApplyTemplateModal Input { width: 1fr; }
    ApplyTemplateModal #tp-preview { height: auto; max-height: 10; margin: 1 0 0 0; }
    """
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cancel-template"),
        Binding("ctrl+s", "apply", N_("Apply"), id="apply-template-form", tooltip=N_("Create the tasks")),
    ]

    def __init__(self, *, templates: Sequence[str], clients: Sequence[str], client: str | None,
                 preview: Callable[[str, str, str], list[str]]) -> None:
        super().__init__()
        self.templates = list(templates)
        self.clients = list(clients)
        self.client = client
        self.preview = preview

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box") as box:
            box.border_title = _("Apply a checklist template")
            with Horizontal(classes="form-row"):
                yield Label(_("Template"), classes="form-label")
                yield FormSelect([(t, t) for t in self.templates], value=self.templates[0], allow_blank=False,
                             id="tp-template", compact=True)
            with Horizontal(classes="form-row"):
                yield Label(_("Client"), classes="form-label")
                yield FormSelect([(c, c) for c in self.clients], value=self.client or self.clients[0], allow_blank=False,
                             id="tp-client", compact=True)
            with Horizontal(classes="form-row"):
                yield Label(_("Start day"), classes="form-label")
                yield FormInput(local_today(), id="tp-start", compact=True,
                            placeholder=_("{today}, {tomorrow}, mon, +3d, 2026-12-01").format(
                                today=local_today(), tomorrow=local_tomorrow()))
            yield Static("", id="err-start", classes="field-error")
            yield Static("", id="tp-preview")
            yield Static(_("Enter or Ctrl+S creates the tasks · Esc cancels"), classes="modal-help")

    def on_mount(self) -> None:
        self.query_one("#tp-start", Input).focus()
        self._update()

    def _values(self) -> tuple[str, str, str]:
        return (str(self.query_one("#tp-template", Select).value), str(self.query_one("#tp-client", Select).value),
                english_day(self.query_one("#tp-start", Input).value))  # the parser reads English day words

    def _update(self) -> bool:
        err = self.query_one("#err-start", Static)
        try:
            lines = self.preview(*self._values())
        except ValidationError as exc:
            err.update(exc.message)
            err.add_class("-shown")
            self.query_one("#tp-start", Input).add_class("-invalid")
            return False
        err.remove_class("-shown")
        self.query_one("#tp-start", Input).remove_class("-invalid")
        self.query_one("#tp-preview", Static).update("\n".join(lines))
        return True

    @on(Select.Changed)
    @on(Input.Changed)
    def _changed(self) -> None:
        self._update()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        if self._update():
            self.dismiss(self._values())
        else:
            self.query_one("#tp-start", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
