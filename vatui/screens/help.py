"""`?`: every key, generated from the real bindings, grouped by where it works: its keys (aliases
included), what it does, and its id (dim), which `[keys]` in the config file uses to remap it."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from vatui.i18n import N_, _
from vatui.screens.key_bindings import Section
from vatui.text.textfit import wrap_words

KEYS_MIN_WIDTH = 11  # the keys column is as wide in every section


class KeyTable(Widget):
    """One section's keys: the keys (bold), what they do (wrapped between words), the id (dim,
    at the right). Drawn line by line from the width it is given: measuring a Rich table for each
    section made `?` take ~60 ms."""

    DEFAULT_CSS = """
    KeyTable { height: auto; }
    """

    def __init__(self, rows: list[tuple[str, str, str]], *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.rows = rows
        self._lines: tuple[int, list[list[tuple[str, Style | None]]]] | None = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._layout(width))

    def _layout(self, width: int) -> list[list[tuple[str, Style | None]]]:
        """The lines for a width, as runs of (text, style); worked out once per width."""
        if self._lines is not None and self._lines[0] == width:
            return self._lines[1]
        keys_w = max([KEYS_MIN_WIDTH, *(cell_len(k) for k, _d, _i in self.rows)])
        id_w = max([0, *(cell_len(i) for _k, _d, i in self.rows)])
        words_w = max(1, width - keys_w - id_w - 2)
        bold, dim = Style(bold=True), Style(dim=True)
        lines: list[list[tuple[str, Style | None]]] = []
        for keys, words, key_id in self.rows:
            for n, part in enumerate(wrap_words(words, words_w)):
                pad = " " * max(0, words_w - cell_len(part))
                if n == 0:
                    lines.append([(keys + " " * (keys_w - cell_len(keys)), bold), (" " + part + pad + " ", None),
                                  (" " * (id_w - cell_len(key_id)) + key_id, dim)])
                else:
                    lines.append([(" " * keys_w + " " + part + pad + " " + " " * id_w, None)])
        self._lines = (width, lines)
        return lines

    def render_line(self, y: int) -> Strip:
        lines = self._layout(self.size.width)
        base = self.rich_style
        if y >= len(lines):
            return Strip.blank(self.size.width, base)
        segments = [Segment(text, base + style if style else base) for text, style in lines[y]]
        return Strip(segments).crop_extend(0, self.size.width, base)


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
                # The keys and the id never wrap (they are what is typed); the words wrap between them.
                yield KeyTable([(a.keys, a.description, a.binding.id or "") for a in section.actions],
                               classes="help-keys")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
