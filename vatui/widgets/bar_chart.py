"""A horizontal bar chart in Unicode blocks, one labelled bar per line, each with its value in
words beside it (the bar is never the only way to read it). Renders what it is given."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from vatui.text.textfit import fit_words as truncate_words

_EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float  # in any unit; bars are scaled to the largest
    text: str  # the value in words, e.g. "2.08 h"



def bar_cells(value: float, top: float, width: int) -> str:
    """A bar `width` cells long at `top`, in eighths of a cell; any non-zero value shows."""
    if top <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


class BarChart(Widget):
    DEFAULT_CSS = """
    BarChart { height: auto; margin-bottom: 1; }
    BarChart > .bar-chart--title { text-style: bold; }
    BarChart > .bar-chart--bar { color: $primary; }
    BarChart > .bar-chart--muted { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"bar-chart--title", "bar-chart--bar", "bar-chart--muted"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.title = ""
        self.bars: tuple[Bar, ...] = ()
        self.empty_text = ""

    def show(self, title: str, bars: list[Bar], empty_text: str = "") -> None:
        """Repaints only when something shown changed."""
        new = (title, tuple(bars), empty_text)
        if new == (self.title, self.bars, self.empty_text):
            return
        resized = len(new[1]) != len(self.bars)
        self.title, self.bars, self.empty_text = new
        self.refresh(layout=resized)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + max(1, len(self.bars))

    def render(self) -> Text:
        width = max(10, self.content_size.width)
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append(truncate_words(self.title, width), style=self.get_component_rich_style("bar-chart--title"))
        muted = self.get_component_rich_style("bar-chart--muted")
        if not self.bars or (self.empty_text and all(b.value <= 0 for b in self.bars)):
            out.append("\n" + truncate_words(self.empty_text, width), style=muted)
            return out
        label_w = min(max(len(b.label) for b in self.bars), max(6, width // 3))
        value_w = max(len(b.text) for b in self.bars)
        bar_w = max(1, width - label_w - value_w - 2)
        top = max(b.value for b in self.bars)
        bar_style = self.get_component_rich_style("bar-chart--bar")
        for b in self.bars:
            cells = bar_cells(b.value, top, bar_w)
            out.append("\n" + truncate_words(b.label, label_w).ljust(label_w) + " ")
            out.append(cells, style=bar_style)
            out.append(" " * (bar_w - len(cells)) + " ")
            out.append(b.text.rjust(value_w), style=muted if b.value <= 0 else "")
        return out
