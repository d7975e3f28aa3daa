"""`?`: every key, generated from the real bindings, grouped by where it works: its keys (aliases
included), what it does, and its id (dim), which `[keys]` in the config file uses to remap it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
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
            # Plain Content: the words hold square brackets, which a str would read as markup.
            scroll.border_subtitle = Content(_("Dim on the right: each key's id for [keys]"))
            for section in self.sections:
                if not section.actions:
                    continue
                yield Static(Text(section.title, style="bold underline"), classes="help-section")
                yield Static(self.table(section), classes="help-keys")

    @staticmethod
    def table(section: Section) -> Table:
        # The keys and the id never wrap (they are what is typed); the words wrap between them.
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(style="bold", no_wrap=True, min_width=11)  # the same width in every section
        grid.add_column(ratio=1)
        grid.add_column(style="dim", no_wrap=True, justify="right")
        for action in section.actions:
            grid.add_row(action.keys, action.description, action.binding.id or "")
        return grid

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
