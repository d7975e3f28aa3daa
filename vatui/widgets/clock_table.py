"""The World clock's rows on screen: `ClockTable`, one Line API widget for every place's row.

Fifty clients cost a handful of widgets, not four hundred (every widget is restyled when focus
moves between panes). A minute tick compares each row's words with what is shown and repaints
only the cells that changed (a row's time, its "closes in 40m"). What a row says and where its
columns go is in clock_rows.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.color import Color, ColorParseError
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from vatui.i18n import N_
from vatui.widgets.clock_rows import (
    COMPACT_BELOW,
    PART_OF,
    PARTS,
    TIGHT_BELOW,
    ClockRow,
    Column,
    column_layout,
    state_width,
)
from vatui.widgets.first_layout import scrollbar_up_front
from vatui.widgets.fit import fit_words


class ClockPart(Widget):
    """One part of every row (see PARTS), drawn line by line by the table it sits in."""

    DEFAULT_CSS = """
    ClockPart { width: auto; height: auto; }
    """

    def __init__(self, table: ClockTable, part: str) -> None:
        super().__init__(classes=f"clock-part -{part}")
        self.table = table
        self.part = part

    def get_content_width(self, container: Size, viewport: Size) -> int:
        x0, width = self.table.part_span(self.part, container.width)
        return width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.table.rows())

    def render_line(self, y: int) -> Strip:
        return self.table.part_line(self.part, y, self.size.width)


class ClockTable(VerticalScroll, can_focus=True):
    """The rows; the pane's focusable body. A few widgets whatever the number of clients (every
    widget is restyled when focus moves between panes). Moving the selection repaints two lines;
    a new minute repaints the cells whose words changed."""

    ALLOW_MAXIMIZE = True  # scroll containers refuse by default; `z` then zooms the whole pane

    COMPONENT_CLASSES = {
        "clock-table--selected", "clock-table--selected-focused", "clock-table--name", "clock-table--city",
        "clock-table--time", "clock-table--day", "clock-table--offset", "clock-table--in-hours",
        "clock-table--closing-soon", "clock-table--opens", "clock-table--after-hours", "clock-table--weekend",
    }
    DEFAULT_CSS = """
    ClockTable { height: auto; max-height: 100%; background: transparent; overflow-x: hidden;
                 scrollbar-size-vertical: 1; }
    ClockTable > Horizontal { height: auto; width: 1fr; }
    ClockTable > .clock-table--selected { background: $boost; }
    ClockTable > .clock-table--selected-focused { background: $primary 25%; }
    ClockTable > .clock-table--city { color: $text-muted; }
    ClockTable > .clock-table--time { text-style: bold; }
    ClockTable > .clock-table--day { color: $accent; }
    ClockTable > .clock-table--offset { color: $text-muted; }
    ClockTable > .clock-table--in-hours { color: $in-hours; }
    ClockTable > .clock-table--closing-soon { color: $closing-soon; }
    ClockTable > .clock-table--opens { color: $text; }
    ClockTable > .clock-table--after-hours { color: $after-hours; }
    ClockTable > .clock-table--weekend { color: $weekend; }
    """

    BINDINGS = [
        Binding("j,down", "select(1)", N_("Next row"), id="clock-next-row", show=False,
                tooltip=N_("Select the next row")),
        Binding("k,up", "select(-1)", N_("Previous row"), id="clock-previous-row", show=False,
                tooltip=N_("Select the previous row")),
    ]

    @dataclass(eq=False)
    class RowSelected(Message, namespace="clock_pane"):
        """The selection moved to the row with `key`. Posted by the table, handled as the pane's
        message (ClockPane.RowSelected, on_clock_pane_row_selected): the table is part of the pane."""

        key: str

    def __init__(self) -> None:
        super().__init__(id="clock-table")
        self.selected = 0
        self._rows: tuple[ClockRow, ...] = ()
        self.parts = {name: ClockPart(self, name) for name, _columns in PARTS}
        self._strips: LRUCache[tuple, Strip] = LRUCache(256)
        self._palettes: dict[tuple[bool, bool], dict[str, Style]] = {}
        self._dot_colours: dict[str, RichColor | None] = {}
        self._laid_out_width = 0

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield from self.parts.values()

    # --- data in -------------------------------------------------------------------------------
    def rows(self) -> list[ClockRow]:
        return list(self._rows)

    def show(self, rows: Sequence[ClockRow], selected: int) -> None:
        """Show `rows` with `selected` under the selection. The same places as before: only the
        cells whose words changed are repainted. Other places: everything is."""
        old, old_selected = self._rows, self.selected
        self._rows = tuple(rows)
        self.selected = max(0, min(len(rows) - 1, selected))
        scrollbar_up_front(self, len(rows))
        if [r.key for r in old] != [r.key for r in rows]:
            for part in self.parts.values():
                part.refresh(layout=len(old) != len(rows))  # the height follows the rows
            self.call_after_refresh(self._scroll_to_selected)  # once laid out with the new rows
            return
        if old_selected != self.selected:
            self._refresh_row(old_selected)
            self._refresh_row(self.selected)
        for index, (before, now) in enumerate(zip(old, rows)):
            if before != now:
                for column in self.columns():
                    if before.text(column.name) != now.text(column.name) or (
                            column.name == "state" and before.state_class != now.state_class) or (
                            column.name == "dot" and before.dot_style != now.dot_style):
                        self.part_of(column.name).refresh(self.cell_region(index, column.name))

    def on_resize(self) -> None:
        # Each part's cells depend on the whole row's width (columns move, words are fitted to
        # them): a part whose own size stayed the same across a resize must still be redrawn,
        # or it keeps words cut for the old width ("▼ closes in") until they next change.
        if self.line_width != self._laid_out_width:
            self._laid_out_width = self.line_width
            for part in self.parts.values():
                part.refresh()

    def _refresh_row(self, index: int) -> None:
        for part in self.parts.values():
            part.refresh(Region(0, index, part.size.width, 1))

    # --- geometry ------------------------------------------------------------------------------
    @property
    def line_width(self) -> int:
        """The width a row is drawn in: the table less its scrollbar."""
        return self.scrollable_content_region.width

    def columns(self, width: int | None = None) -> tuple[Column, ...]:
        """Where each shown column is in a row `width` cells wide (the row as drawn now)."""
        width = self.line_width if width is None else width
        return column_layout(width, compact=width < COMPACT_BELOW, tight=width < TIGHT_BELOW, state_w=state_width())

    def column(self, name: str) -> Column | None:
        """A column as drawn now, or None while it is hidden (narrow pane)."""
        return next((c for c in self.columns() if c.name == name), None)

    def part_span(self, part: str, width: int) -> tuple[int, int]:
        """Where a part starts in a row `width` wide, and how wide it is (up to the next part)."""
        columns = self.columns(width)
        starts = {}
        for column in columns:
            starts.setdefault(PART_OF[column.name], column.x)
        order = [name for name, _columns in PARTS if name in starts]
        if part not in starts:
            return 0, 0
        x0 = starts[part]
        following = order.index(part) + 1
        end = starts[order[following]] if following < len(order) else max(width, columns[-1].x + columns[-1].width)
        return x0, max(0, end - x0)

    def part_of(self, column: str) -> ClockPart:
        return self.parts[PART_OF[column]]

    def cell_region(self, index: int, column: str) -> Region:
        """Where row `index`'s `column` is in the part that draws it (empty when hidden)."""
        found = self.column(column)
        if found is None:
            return Region(0, 0, 0, 0)
        x0, _width = self.part_span(PART_OF[column], self.line_width)
        return Region(found.x - x0, index, found.width, 1)

    def shown_text(self, index: int, column: str) -> str:
        """A cell's words as drawn (cut at a word boundary with "…" when the column is narrow)."""
        found = self.column(column)
        row = self._rows[index]
        return "" if found is None else fit_words(row.text(column), found.width)

    # --- rendering -----------------------------------------------------------------------------
    def part_line(self, part: str, index: int, part_width: int) -> Strip:
        """Line `index` of one part: its slice of the whole row."""
        width = self.line_width
        x0, _width = self.part_span(part, width)
        if not (0 <= index < len(self._rows)) or width <= 0:
            return Strip.blank(part_width, self._palette(False)[""])
        row = self._rows[index]
        selected = index == self.selected
        key = (row, width, selected, selected and self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._build_strip(row, selected, width)
            self._strips[key] = strip
        return strip.crop_extend(x0, x0 + part_width, self._palette(selected)[""])

    def _build_strip(self, row: ClockRow, selected: bool, width: int) -> Strip:
        styles = self._palette(selected)
        gap = styles[""]
        segments: list[Segment] = []
        x = 0
        for column in self.columns(width):
            if column.x > x:
                segments.append(Segment(" " * (column.x - x), gap))
            text = fit_words(row.text(column.name), column.width)
            if column.name == "dot":
                style = self._dot_style(row.dot_style, selected)
            else:
                style = styles[row.state_class[1:] if column.name == "state" else column.name]
            segments.append(Segment(text, style))
            x = column.x + cell_len(text)
        if width > x:
            segments.append(Segment(" " * (width - x), gap))
        return Strip(segments).crop_extend(0, width, gap)

    def _palette(self, selected: bool) -> dict[str, Style]:
        """Each column's style on a plain or a selected row: colours blended over the row's
        background as Textual blends a child widget's (text-muted is a translucent colour)."""
        key = (selected, selected and self.has_focus)
        palette = self._palettes.get(key)
        if palette is not None:
            return palette
        background = self.background_colors[1]
        if selected:
            background += self.get_component_styles(
                "clock-table--selected-focused" if self.has_focus else "clock-table--selected").background
        # The text colour the table inherits (the nearest colour rule up the DOM), and its style.
        inherited = next((n.styles.color for n in reversed(self.ancestors_with_self) if n.styles.has_rule("color")),
                         Color(255, 255, 255))
        text_style = self.rich_style.without_color

        def style(styles=None) -> Style:  # noqa: ANN001 - a component's RenderStyles
            color = styles.color if styles is not None and styles.has_rule("color") else inherited
            out = text_style + Style(color=(background + color).rich_color, bgcolor=background.rich_color)
            return out + styles.text_style if styles is not None else out

        palette = {"": style(), "dot": style(), "name": style()}
        for name in ("city", "time", "day", "offset", "in-hours", "closing-soon", "opens", "after-hours", "weekend"):
            palette[name] = style(self.get_component_styles(f"clock-table--{name}"))
        self._palettes[key] = palette
        return palette

    def _dot_style(self, colour: str, selected: bool) -> Style:
        """The dot in the client's colour ("bold" for me)."""
        base = self._palette(selected)["dot"]
        if colour == "bold":
            return base + Style(bold=True)
        if not colour:
            return base
        if colour not in self._dot_colours:
            try:
                self._dot_colours[colour] = Color.parse(colour).rich_color
            except ColorParseError:  # a colour Textual does not know: the dot stays plain
                self._dot_colours[colour] = None
        found = self._dot_colours[colour]
        return base + Style(color=found) if found is not None else base

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._palettes.clear()

    def on_focus(self) -> None:
        self._refresh_row(self.selected)

    def on_blur(self) -> None:
        self._refresh_row(self.selected)

    # --- selection -----------------------------------------------------------------------------
    def action_select(self, step: int) -> None:
        self.select_index(self.selected + step)

    def select_index(self, index: int) -> None:
        if not self._rows:
            return
        old = self.selected
        self.selected = max(0, min(len(self._rows) - 1, index))
        if old != self.selected:
            self._refresh_row(old)
            self._refresh_row(self.selected)
        self._scroll_to_selected()
        self.post_message(self.RowSelected(self._rows[self.selected].key))

    def _scroll_to_selected(self) -> None:
        if self._rows and self.size.height:
            self.scroll_to_region(Region(0, self.selected, 1, 1), animate=False, force=True, immediate=True)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + round(self.scroll_offset.y)
        if 0 <= index < len(self._rows):
            event.stop()
            self.focus()
            self.select_index(index)
