"""Text that fits a width without being cut mid-word, and a one-row cell that repaints only when
its text changes (the building block of every ticking value on screen)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget


def fit_words(text: str, width: int) -> str:
    """`text` if it fits in `width` cells; else the longest run of whole words that fits with "…".
    A single word wider than the whole width is cut (there is nothing better to show)."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    if width == 1:
        return "…"
    body = text.lstrip(" ")
    lead = text[: len(text) - len(body)]
    if lead and len(lead) < width - 1:
        return lead + fit_words(body, width - len(lead))
    words = text.split(" ")
    out = ""
    for word in words:
        candidate = f"{out} {word}" if out else word
        if cell_len(candidate) + 1 > width:
            break
        out = candidate
    if not out:
        chars = ""
        for ch in text:
            if cell_len(chars + ch) + 1 > width:
                break
            chars += ch
        out = chars
    return out.rstrip(" ·,;:-") + "…"


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
