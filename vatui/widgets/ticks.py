"""On/off that reads without colour: `[x]` and `[ ]`.

Textual's Checkbox and SelectionList draw the same `▐X▌` whether on or off and tell the two apart
by colour only, which NO_COLOR (or a colour-blind eye) loses. These two subclasses draw the mark
in the same three cells instead, so sizes, keys, clicks and messages stay Textual's. `[x]` is the
mark the task checklist already uses, and plain ASCII reads in any terminal and font.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

ON = "[x]"
OFF = "[ ]"

T = TypeVar("T")


def mark(on: bool) -> str:
    return ON if on else OFF


class TickBox(Checkbox):
    """A Checkbox drawn `[x] Label` / `[ ] Label`."""

    DEFAULT_CSS = """
    TickBox > .toggle--button { color: $text-muted; background: transparent; }
    TickBox.-on > .toggle--button { color: $text-success; text-style: bold; }
    """

    def render(self) -> Content:
        button = Content.styled(mark(self.value), self.get_visual_style("toggle--button"))
        label = self.label.pad(1, 1).stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(button, label)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(ON) + (2 + self.label.cell_length if self.label else 0)


class TickList(SelectionList[T]):
    """A SelectionList whose rows start `[x] ` / `[ ] `."""

    DEFAULT_CSS = """
    TickList > .selection-list--button, TickList > .selection-list--button-highlighted { color: $text-muted; }
    TickList > .selection-list--button-selected,
    TickList > .selection-list--button-selected-highlighted { color: $text-success; text-style: bold; }
    """

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y
        try:
            option = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        segments = list(line)
        if len(segments) < 4:
            return line
        # SelectionList draws its button as the line's first three segments, then a space (with the
        # row's own style); the mark takes their cells and keeps their click target (the meta).
        on = option.value in self.selected
        component = "selection-list--button" + ("-selected" if on else "")
        if self.highlighted == index:
            component += "-highlighted"
        colour = self.get_component_rich_style(component)
        style = (segments[3].style or Style()) + Style(color=colour.color, bold=colour.bold)
        meta = Style.from_meta(segments[1].style.meta) if segments[1].style else Style()
        marks = [Segment(ch, style + meta) for ch in mark(on)]
        return Strip([*marks, *segments[3:]], line.cell_length)
