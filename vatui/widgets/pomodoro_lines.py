"""Two of the Pomodoro pane's rows, each drawn by one widget: the phase and its meta ("FOCUS …
●○○○ · 1 focus today") and the three lines below the digits (the bound task, today, this week).

One widget per row, not per piece: every widget costs the cockpit's start-up its styling, layout
and paint. These change at most once a minute, and only a changed row or line is repainted
(Textual resends a repainted line from the widget's left edge, which is why the clock row's
per-second seconds stay a widget of their own: pomodoro_pane.py).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Region
from textual.widget import Widget

from vatui.text.textfit import fit_words


class PhaseRow(Widget):
    """The phase word at the left (bold, in the phase's colour), the meta right-aligned."""

    COMPONENT_CLASSES = {"phase-row--phase", "phase-row--meta"}
    DEFAULT_CSS = """
    PhaseRow { height: 1; width: 1fr; }
    PhaseRow > .phase-row--phase { text-style: bold; }
    PhaseRow > .phase-row--meta { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.phase = ""
        self.meta = ""

    def show(self, phase: str, meta: str) -> None:
        # The whole row: the meta ends at the right edge, and Textual resends a repainted line
        # from the widget's left edge, so a region for the meta alone would send no less.
        if (phase, meta) != (self.phase, self.meta):
            self.phase, self.meta = phase, meta
            self.refresh()

    def render(self) -> Text:
        width = self.size.width
        phase = Text(self.phase, self.get_component_rich_style("phase-row--phase"))
        gap = max(1, width - cell_len(self.phase) - cell_len(self.meta))
        return Text.assemble(phase, " " * gap, (self.meta, self.get_component_rich_style("phase-row--meta")),
                             no_wrap=True, overflow="crop", end="")


class TextLines(Widget):
    """A few lines of text, each cut at a word boundary to the width it gets; the first bold,
    the others muted. A changed line repaints that line alone."""

    COMPONENT_CLASSES = {"text-lines--first", "text-lines--rest"}
    DEFAULT_CSS = """
    TextLines { height: auto; width: 1fr; }
    TextLines > .text-lines--first { text-style: bold; }
    TextLines > .text-lines--rest { color: $text-muted; }
    """

    def __init__(self, count: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[str] = [""] * count

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001 - Textual's Size types
        return len(self.lines)

    def show(self, lines: list[str]) -> None:
        for y, (old, new) in enumerate(zip(self.lines, lines)):
            if old != new:
                self.lines[y] = new
                self.refresh(Region(0, y, self.size.width, 1))

    def render(self) -> Text:
        width = self.size.width
        first, rest = self.get_component_rich_style("text-lines--first"), self.get_component_rich_style("text-lines--rest")
        out = Text(no_wrap=True, overflow="crop", end="")
        for y, line in enumerate(self.lines):
            if y:
                out.append("\n")
            out.append(fit_words(line, width), first if y == 0 else rest)
        return out

