"""Text that fits a width without being cut mid-word, and a one-row cell that repaints only when
its text changes (the building block of every ticking value on screen)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from vatui.text.textfit import fit_words

__all__ = ["TextCell", "fit_words"]



class TextCell(Widget):
    """One row of text in a fixed-size box. `set_text` repaints the cell (and nothing else, no
    layout) only when the text actually changed; `fit=True` shortens at a word boundary."""

    DEFAULT_CSS = """
    TextCell { height: 1; width: auto; }
    """

    def __init__(self, text: str = "", *, fit: bool = False, style: str = "",
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text
        self.fit = fit
        self.cell_style = style

    def set_text(self, text: str, style: str | None = None) -> bool:
        """Show `text`; returns True if anything changed (and so was repainted)."""
        style = self.cell_style if style is None else style
        if text == self.text and style == self.cell_style:
            return False
        self.text, self.cell_style = text, style
        self.refresh()
        return True

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001 - Textual's Size types
        return cell_len(self.text)

    def render(self) -> Content:
        text = fit_words(self.text, self.size.width) if self.fit else self.text
        return Content.styled(text, self.cell_style) if self.cell_style else Content(text)
