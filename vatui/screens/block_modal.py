"""The time-block forms: add/edit a block by typing it, a one-field prompt (shift by N minutes,
a template's name), and a template picker.

The forms never touch the store: the controller hands in a function that reads the text (and
raises ValidationError); nothing is returned until that function accepts the text, and the
error is shown under the field. Escape cancels and returns None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.input import Selection
from textual.widgets.option_list import Option

from vatui.core.errors import ValidationError
from vatui.core.models import TimeBlock
from vatui.i18n import N_, _
from vatui.screens.client_modal import field_message
from vatui.widgets.form_input import FormInput, KeysInOrder

T = TypeVar("T")

FORM_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 76; max-width: 96%; height: auto; max-height: 96%;
    border: round $primary; background: $surface; padding: 0 1;
}}
{name} .form-label {{ color: $text; }}
{name} .form-hint {{ color: $text-muted; height: auto; }}
{name} .form-preview {{ color: $text-muted; height: auto; }}
{name} .form-preview.-ok {{ color: $success; }}
{name} .form-error {{ color: $error; height: auto; }}
{name} .form-error.-empty {{ display: none; }}
{name} Input {{ margin: 0; }}
{name} Input.-invalid {{ border: tall $error; }}
{name} OptionList {{ height: auto; max-height: 14; }}
"""


class PromptModal(ModalScreen[T | None], Generic[T], KeysInOrder):
    """One text field whose value `read` turns into a T or refuses with a ValidationError."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel-block-form", tooltip=N_("Close without saving"))]
    DEFAULT_CSS = FORM_CSS.format(name="PromptModal")

    def __init__(self, *, title: str, label: str, read: Callable[[str], T], initial: str = "",
                 hint: str = "", preview: Callable[[T], str] | None = None, id: str | None = None,
                 select_initial: bool = True) -> None:
        super().__init__(id=id)
        # The initial text is a suggestion (a default amount, a name): it opens selected, so typing
        # replaces it ("15m" typed over the default 15m gives 15m) and Enter keeps it.
        self.select_initial = select_initial
        self.form_title = title
        self.label = label
        self.read = read
        self.initial = initial
        self.hint = hint
        self.preview = preview

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.form_title
            box.border_subtitle = _("Enter saves · Esc cancels")
            yield Static(self.label, classes="form-label")
            yield FormInput(value=self.initial, id="form-input", select_on_focus=False)
            yield Static("", id="form-error", classes="form-error -empty")
            if self.preview is not None:
                yield Static("", id="form-preview", classes="form-preview")
            if self.hint:
                yield Static(self.hint, classes="form-hint")

    def on_mount(self) -> None:
        field = self.query_one("#form-input", Input)
        field.focus()
        field.cursor_position = len(field.value)
        if self.select_initial and field.value:
            field.selection = Selection(0, len(field.value))
        self._show_preview(field.value)

    def _show_preview(self, text: str) -> None:
        if self.preview is None:
            return
        box = self.query_one("#form-preview", Static)
        try:
            value = self.read(text)
        except ValidationError:
            box.update(_("… keep typing"))
            box.remove_class("-ok")
            return
        box.update("→ " + self.preview(value))
        box.add_class("-ok")

    def on_input_changed(self, event: Input.Changed) -> None:
        # A new keystroke clears an old error; the preview says whether the text reads yet.
        self._set_error("")
        self._show_preview(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            value = self.read(event.value)
        except ValidationError as exc:
            # Without the "start: " / "length: " key in front: it is English in every language, and
            # the message names the part of the text that is wrong already.
            self._set_error(field_message(exc))
            return
        self.dismiss(value)

    def _set_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(message)
        error.set_class(not message, "-empty")
        self.query_one("#form-input", Input).set_class(bool(message), "-invalid")

    @property
    def error_text(self) -> str:
        """The message shown under the field ("" when none): for tests and screen readers."""
        return str(self.query_one("#form-error", Static).content)

    def action_cancel(self) -> None:
        self.dismiss(None)


class BlockModal(PromptModal[TimeBlock]):
    """Add or edit a block by typing it: "9:30-11 @acme weekly report"."""

    DEFAULT_CSS = FORM_CSS.format(name="BlockModal")

    def __init__(self, *, title: str, read: Callable[[str], TimeBlock], preview: Callable[[TimeBlock], str],
                 initial: str = "") -> None:
        super().__init__(
            title=title,
            label=_("Start-end or start and length, then @client or #batch, then a note:"),
            read=read, initial=initial, preview=preview, select_initial=False,  # an edit goes on from the end
            hint=_("e.g. 9:30-11 @acme weekly report · 14:00 90m #email · now 45m · 23:00 2h (past midnight)"),
            id="block-modal",
        )


class TemplatePickModal(ModalScreen[int | None]):
    """Choose a day template (returns its id)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel-day-template", tooltip=N_("Close without applying"))]
    DEFAULT_CSS = FORM_CSS.format(name="TemplatePickModal")

    def __init__(self, *, title: str, choices: list[tuple[int, str]]) -> None:
        super().__init__(id="template-modal")
        self.form_title = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.form_title
            box.border_subtitle = _("Enter applies · Esc cancels")
            yield OptionList(*[Option(Content(text), id=str(tid)) for tid, text in self.choices], id="template-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
