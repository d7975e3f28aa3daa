"""`?`: every key, generated from the real bindings, grouped by where it works."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from vatui.i18n import N_, _
from vatui.keys import Section


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", N_("Close"), id="close-help"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    HelpScreen .help-keys { margin-bottom: 1; }
    """

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = _("Keys · Esc closes · Ctrl+P finds any action by name")
            for section in self.sections:
                if not section.actions:
                    continue
                yield Static(Text(section.title, style="bold underline"), classes="help-section")
                lines = Text()
                for action in section.actions:
                    lines.append(f" {action.keys:<14} ", style="bold")
                    lines.append(action.description + "\n")
                yield Static(lines, classes="help-keys")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
