"""Keep / trim / discard: asked when a timer ran on with nobody there (core/pomodoro.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from vatui.core.pomodoro_state import Answer
from vatui.i18n import N_, _


class UnattendedModal(ModalScreen[Answer | None]):
    BINDINGS = [
        Binding("k", "choose('keep')", N_("Keep"), id="keep-unattended",
                tooltip=N_("Log all the time the timer ran")),
        Binding("t", "choose('trim')", N_("Trim"), id="trim-unattended",
                tooltip=N_("Log the time up to the planned end (or your last key press), drop the rest")),
        Binding("d", "choose('discard')", N_("Discard"), id="discard-unattended",
                tooltip=N_("Log none of the unattended time")),
        Binding("escape", "later", N_("Later"), id="answer-later",
                tooltip=N_("Decide later (timer commands wait until you answer)")),
    ]

    DEFAULT_CSS = """
    UnattendedModal { align: center middle; }
    UnattendedModal > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    UnattendedModal #unattended-text { margin-bottom: 1; }
    UnattendedModal Horizontal { height: auto; }
    UnattendedModal Button { margin-right: 1; min-width: 10; }
    """

    def __init__(self, text: str, keep: str, trim: str | None, discard: str) -> None:
        super().__init__()
        self.text = text
        self.labels = {"keep": keep, "trim": trim, "discard": discard}

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = _("Timer ran unattended")
            yield Static(self.text, id="unattended-text")
            with Horizontal():
                yield Button(self.labels["keep"] or "", id="keep", variant="primary")
                if self.labels["trim"]:
                    yield Button(self.labels["trim"], id="trim")
                yield Button(self.labels["discard"] or "", id="discard", variant="error")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(event.button.id or "")

    def action_choose(self, choice: str) -> None:
        if choice == "trim" and not self.labels["trim"]:
            choice = "keep"  # trimming would keep the same time
        if choice in ("keep", "trim", "discard"):
            self.dismiss(Answer(choice))

    def action_later(self) -> None:
        self.dismiss(None)
