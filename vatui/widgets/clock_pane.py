"""The World clock pane: one row for me and one per client, an hour strip aligned across rows,
and a cursor that moves through hours and days.

Repaint budget: the rows are one Line API widget (`ClockTable`), so fifty clients cost a handful
of widgets, not four hundred (every widget is restyled when focus moves between panes). A minute
tick compares each row's words with what is shown and repaints only the cells that changed (a
row's time, its "closes in 40m"), never the pane. The strip is one widget that changes only when
the hour turns or the cursor moves. The pane renders what the controller gives it and posts
messages; it never touches the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

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
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from vatui import formats
from vatui.clock_text import CLIENT_DOT, ME_SYMBOL, STATE_SYMBOLS, state_words
from vatui.core.zones import Cell, HourStrip, Reading, format_offset
from vatui.i18n import N_, _, current_language
from vatui.widgets.fit import TextCell, fit_words
from vatui.widgets.pane import Pane

WEEKDAYS, WEEKDAYS_SHORT = formats.WEEKDAYS, formats.WEEKDAYS_2  # moved to vatui.formats; kept for importers

STATE_WIDTH = 15  # "▼ closes in 40m"; wider in a language whose words need it (state_width)
LABEL_WIDTH = 12  # the strip's row labels (up to WIDE_LABEL in a wide pane)
WIDE_LABEL = 18
WIDE_FROM = 80  # pane columns from which the strip can spare the wider labels (a 200-column screen)
CELL_WIDTH = 3  # "09 " per hour
COMPACT_BELOW = 62  # columns inside the pane: drop the city column (names first)
TIGHT_BELOW = 48  # and the offset column (an 80-column cockpit: 40 each side)
NAME_MIN, NAME_MAX = 6, 32  # the name column takes what the others leave, within these


_STATE_WIDTHS: dict[str, int] = {}


def state_width() -> int:
    """The state column in the language in use: its usual words ("opens in 8h30") and symbol, at
    least STATE_WIDTH and at most 20 cells; the name column gives way."""
    language = current_language()
    if language not in _STATE_WIDTHS:
        words = (_("in hours"), _("after hours"), _("weekend"), _("closes in {time}").format(time="40m"),
                 _("opens in {time}").format(time="8h30"))
        _STATE_WIDTHS[language] = max(STATE_WIDTH, min(20, 2 + max(cell_len(w) for w in words)))
    return _STATE_WIDTHS[language]


def day_marker(shift: int) -> str:
    return "" if shift == 0 else f"{shift:+d}"


def weekday(at: datetime) -> str:
    return formats.weekday(at)


def describe_at(reading: Reading) -> str:
    """"Sydney Wed 00:00 (after hours)": one place at the cursor, for the read-out line."""
    return _("{city} {time} {day} ({state})").format(
        city=reading.place.city, day=weekday(reading.local), time=f"{reading.local:%H:%M}", state=state_words(reading))


# --- one row --------------------------------------------------------------------------------
COLUMNS = ("dot", "name", "city", "time", "day", "offset", "state")


@dataclass(frozen=True, slots=True)
class ClockRow:
    """Me or one client: the words of each column, as the table draws them."""

    key: str
    client_id: int | None
    dot: str
    dot_style: str  # "bold" for me, else the client's colour ("" for none)
    name: str
    city: str
    time: str
    day: str
    offset: str
    state: str
    state_class: str  # "-in-hours", "-closing-soon", "-opens", "-after-hours", "-weekend"

    @classmethod
    def of(cls, reading: Reading) -> ClockRow:
        place = reading.place
        return cls(
            key=place.key, client_id=place.client_id,
            dot=ME_SYMBOL if place.is_me else CLIENT_DOT, dot_style="bold" if place.is_me else (place.colour or ""),
            name=place.name, city=place.city, time=f"{reading.local:%H:%M}", day=day_marker(reading.day_shift),
            offset=format_offset(reading.offset), state=f"{STATE_SYMBOLS[reading.state]} {state_words(reading)}",
            state_class=f"-{reading.state.value}",
        )

    def text(self, column: str) -> str:
        return getattr(self, column)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    x: int
    width: int


def column_layout(width: int, *, compact: bool, tight: bool, state_w: int) -> tuple[Column, ...]:
    """Where each shown column starts and how wide it is, in a row `width` cells wide: one space
    between columns; the name takes what is left (NAME_MIN to NAME_MAX cells)."""
    widths = {"dot": 1, "city": 12, "time": 5, "day": 2, "offset": 6, "state": state_w}
    shown = [c for c in COLUMNS if not (compact and c == "city") and not (tight and c == "offset")]
    # A gap after every column but the last: the other columns' widths and all the gaps.
    fixed = sum(widths[c] + 1 for c in shown if c != "name")
    widths["name"] = max(NAME_MIN, min(NAME_MAX, width - fixed))
    out, x = [], 0
    for name in shown:
        out.append(Column(name, x, widths[name]))
        x += widths[name] + 1
    return tuple(out)


# The row is drawn by three widgets side by side, so that a minute's change is sent alone:
# Textual resends a changed line of a widget from the widget's left edge, so a time cell in the
# middle of one wide widget would resend the name before it on every row, every minute.
PARTS = (("names", ("dot", "name", "city")), ("times", ("time", "day", "offset")), ("states", ("state",)))
PART_OF = {column: part for part, columns in PARTS for column in columns}


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

    def __init__(self) -> None:
        super().__init__(id="clock-table")
        self.selected = 0
        self._rows: tuple[ClockRow, ...] = ()
        self.parts = {name: ClockPart(self, name) for name, _columns in PARTS}
        self._strips: LRUCache[tuple, Strip] = LRUCache(256)
        self._palettes: dict[tuple[bool, bool], dict[str, Style]] = {}
        self._dot_colours: dict[str, RichColor | None] = {}

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
        self.post_message(ClockPane.RowSelected(self._rows[self.selected].key))

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


# --- the hour strip -------------------------------------------------------------------------
@dataclass(frozen=True)
class StripView:
    """What the strip shows. The strip itself is worked out (by `make`, from the controller)
    only when first drawn: with fifty clients it takes 20 ms, and a pane too short to show it
    never needs it. Two views are equal when they show the same places, hour and cursor."""

    key: tuple  # what the strip depends on: the places, the hour, the cursor
    labels: tuple[str, ...]
    now: datetime
    cursor: datetime | None
    make: Callable[[], HourStrip] = field(compare=False, repr=False)
    _made: list[HourStrip] = field(default_factory=list, compare=False, repr=False)

    @property
    def strip(self) -> HourStrip:
        if not self._made:
            self._made.append(self.make())
        return self._made[0]


class HourStripView(Widget):
    """Each row's hours in columns of MY hours, business hours marked. Repaints only when given
    a different strip (the hour turned, the cursor moved, the rows changed) or on resize."""

    DEFAULT_CSS = """
    HourStripView { height: auto; width: 1fr; }
    """

    @dataclass
    class HourClicked(Message):
        at: datetime  # UTC start of the clicked column

    def __init__(self) -> None:
        super().__init__(id="hour-strip")
        self.view: StripView | None = None
        self._columns: list[tuple[int, datetime]] = []  # (x, start) of the columns drawn last

    def show(self, view: StripView) -> None:
        if view == self.view:
            return
        rows_changed = self.view is None or len(view.labels) != len(self.view.labels)
        self.view = view
        self.refresh(layout=rows_changed)

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001
        return 1 + len(self.view.labels) if self.view else 0

    def label_width(self, width: int) -> int:
        assert self.view is not None
        longest = max((cell_len(label) for label in self.view.labels), default=0) + 2
        return max(6, min(longest, WIDE_LABEL if width >= WIDE_FROM else LABEL_WIDTH))

    def visible_range(self, width: int) -> tuple[int, int]:
        """First column drawn and how many: the strip stays put while the cursor moves within
        sight of now, and scrolls under the cursor beyond that."""
        assert self.view is not None
        strip = self.view.strip
        count = max(1, min(len(strip.starts), (width - self.label_width(width) - 1) // CELL_WIDTH))
        lead = count // 4
        now_i = strip.index_of(self.view.now)
        cur_i = strip.index_of(self.view.cursor) if self.view.cursor is not None else now_i
        first = 0
        if now_i is not None:
            first = now_i - lead
        if cur_i is not None and not (first <= cur_i < first + count):
            first = cur_i - lead
        first = max(0, min(len(strip.starts) - count, first))
        return first, count

    def render(self) -> Content:
        """A header (my dates, ▼ over now), then per row its label and one cell per hour: the
        place's hour ("09") or, where its day starts, the weekday ("Tu"). The cursor's column is
        bracketed ("[17]") so it shows without colour."""
        if self.view is None:
            return Content("")
        strip, now = self.view.strip, self.view.now
        first, count = self.visible_range(self.size.width)
        label_w = self.label_width(self.size.width)
        cols = range(first, first + count)
        now_i = strip.index_of(now)
        cur_i = strip.index_of(self.view.cursor) if self.view.cursor is not None else None

        def x_of(n: int) -> int:  # where column n's two characters start
            return label_w + n * CELL_WIDTH

        self._columns = [(x_of(n), strip.starts[i]) for n, i in enumerate(cols)]
        width = x_of(count)
        header = [" "] * width
        taken = [False] * width
        for n, i in enumerate(cols):
            mine = strip.mine[i]
            if n == 0 or (mine.hour == 0 and (i == 0 or strip.mine[i - 1].date() != mine.date())):
                if n == 0 and any(strip.mine[j].hour == 0 for j in cols[1:3]):
                    continue  # a new day starts right away: label it there instead
                for k, ch in enumerate(f"{weekday(mine)} {mine.day}"):
                    if x_of(n) + k < width and not taken[x_of(n) + k]:
                        header[x_of(n) + k], taken[x_of(n) + k] = ch, True
        now_x = x_of(now_i - first) if now_i is not None and now_i in cols else None
        parts: list[str | tuple[str, str]] = []
        for x, ch in enumerate(header):
            if x == now_x and not taken[x]:
                parts.append(("▼", "bold $now-marker"))
            else:
                parts.append((ch, "$foreground-muted"))
        for label, row in zip(self.view.labels, strip.rows):
            parts.append("\n")
            short = fit_words(label, label_w - 2)
            parts.append(short + " " * (label_w - 1 - cell_len(short)))
            for i in cols:
                cell = row[i]
                day = cell.starting_day
                text = formats.weekday_2(day) if day is not None else f"{cell.local.hour:02d}"
                style = _CELL_STYLES[cell.kind] + (" bold" if i == now_i else "")
                parts.append(("[", "bold $accent") if i == cur_i else ("]", "bold $accent") if i - 1 == cur_i else " ")
                parts.append((text, style))
            parts.append(("]", "bold $accent") if cols[-1] == cur_i else " ")
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for x, start in self._columns:
            if x - 1 <= event.x < x + CELL_WIDTH - 1:
                event.stop()
                self.post_message(self.HourClicked(start))
                return


_CELL_STYLES = {
    Cell.OPEN: "$background on $in-hours",
    Cell.PART: "$in-hours underline",
    Cell.CLOSED: "$foreground-muted",
    Cell.DAY_OFF: "$weekend",
}


# --- the pane -------------------------------------------------------------------------------
class ClockPane(Pane):
    PANE_TITLE = N_("World clock")

    HOUR = Binding.Group(N_("Hour"), compact=True)
    DAY = Binding.Group(N_("Day"), compact=True)
    BINDINGS = [
        Binding("h", "move_cursor(-1, 0)", N_("Hour back"), id="clock-hour-back", group=HOUR,
                tooltip=N_("Move the clock's cursor one hour back")),
        Binding("l", "move_cursor(1, 0)", N_("Hour on"), id="clock-hour-on", group=HOUR,
                tooltip=N_("Move the clock's cursor one hour on")),
        Binding("H", "move_cursor(0, -1)", N_("Day back"), id="clock-day-back", group=DAY,
                tooltip=N_("Move the clock's cursor one day back")),
        Binding("L", "move_cursor(0, 1)", N_("Day on"), id="clock-day-on", group=DAY,
                tooltip=N_("Move the clock's cursor one day on")),
        Binding("escape", "cursor_now", N_("Now"), id="clock-now", show=False,  # the border says "Esc: now"
                tooltip=N_("Bring the clock back to now")),
        Binding("s", "toggle_sort", N_("Sort"), id="clock-sort", show=False,
                tooltip=N_("Sort clients by offset from you, or by name (remembered)")),
        Binding("o", "find_overlap", N_("Overlap"), id="clock-overlap",
                tooltip=N_("Find times this week when chosen clients are all in business hours")),
        Binding("a", "add_client", N_("Add"), id="add-client", tooltip=N_("Add a client")),
        Binding("e,enter", "edit_client", N_("Edit"), id="edit-client", tooltip=N_("Edit the selected client")),
        Binding("x,delete", "remove_client", N_("Remove"), id="remove-client", show=False,
                tooltip=N_("Remove the selected client (only one with no tasks or tracked time; u undoes)")),
    ]

    DEFAULT_CSS = """
    ClockPane #clock-empty { color: $text-muted; height: auto; margin-top: 1; }
    ClockPane #hour-strip { margin-top: 1; }
    ClockPane #clock-readout { height: 1; width: 1fr; color: $text; }
    """

    @dataclass
    class CursorMoved(Message):
        hours: int = 0
        days: int = 0

    @dataclass
    class CursorReset(Message):
        pass

    @dataclass
    class HourPicked(Message):
        at: datetime

    @dataclass
    class SortToggled(Message):
        pass

    @dataclass
    class AddClientAsked(Message):
        pass

    @dataclass
    class EditClientAsked(Message):
        client_id: int | None  # None: the "me" row

    @dataclass
    class RemoveClientAsked(Message):
        client_id: int | None

    @dataclass
    class OverlapAsked(Message):
        client_id: int | None  # the selected client, to start the choice with

    @dataclass
    class RowSelected(Message):
        key: str

    def __init__(self, number: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(number, id=id, classes=classes)
        self.table = ClockTable()
        self.empty_hint = Static(_("No clients yet. Press a to add one (name, time zone, business hours), "
                                   "or run vatui --demo to try the cockpit on sample data."), id="clock-empty",
                                 markup=False)
        self.strip = HourStripView()
        self.readout = TextCell(fit=True, id="clock-readout")
        self.cursor_active = False
        self.selected_key: str | None = None
        self._readings: list[Reading] = []

    def compose(self) -> ComposeResult:
        yield self.table
        yield self.empty_hint
        yield self.strip
        yield self.readout

    # --- fed by the controller ---------------------------------------------------------------
    def show_readings(self, readings: Sequence[Reading], *, cursor: datetime | None) -> None:
        """Show one row per reading (me first). The selection stays on its place when the places
        change; on the same places only the cells whose words changed are repainted."""
        self._readings = list(readings)
        rows = [ClockRow.of(r) for r in readings]
        keys = [r.key for r in rows]
        if self.selected_key in keys:
            index = keys.index(self.selected_key)  # type: ignore[arg-type]
        else:
            old_index = self.table.selected
            index = min(old_index, len(keys) - 1) if self.selected_key else min(1, len(keys) - 1)
        index = max(0, index)
        self.selected_key = keys[index] if keys else None
        self.table.show(rows, index)
        has_clients = len(rows) > 1
        if self.empty_hint.display == has_clients:
            self.empty_hint.display = not has_clients
        self.cursor_active = cursor is not None
        self._show_readout()
        self._relayout()

    def show_strip(self, view: StripView) -> None:
        self.strip.show(view)

    def show_cursor(self, text: str) -> None:
        """The cursor's instant in the border ("at Tue 24 Nov 14:00 · Esc: now"), or ""."""
        self.set_status(text)

    def _show_readout(self) -> None:
        if not self.cursor_active or not self._readings:
            self.readout.set_text(_("Highlighted: business hours · underlined: part of the hour · ▼ now"),
                                  "$foreground-muted")
            return
        me = self._readings[0]
        chosen = next((r for r in self._readings if r.place.key == self.selected_key and not r.place.is_me), None)
        others = [chosen] if chosen else [r for r in self._readings[1:3]]
        mine = _("my {time} {day}").format(time=f"{me.local:%H:%M}", day=weekday(me.local))
        self.readout.set_text(mine + " = " + " · ".join(describe_at(r) for r in others) if others else mine, "")

    # --- layout by the pane's own size -------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def _relayout(self) -> None:
        """Show the strip and its read-out line only when they fit under the rows. (Widgets'
        display, not classes on the pane: a class change restyles every widget in the pane.)"""
        width, height = self.content_size
        if not width:
            return  # not laid out yet: on_resize follows
        rows = max(1, len(self._readings))
        hint = 0 if rows > 1 else 1 + -(-cell_len(str(self.empty_hint.content)) // max(1, width))
        # Rows (and the hint), a blank line, the header, a strip line per row and the read-out line.
        fits = height >= rows + hint + 1 + 1 + rows + 1 and width >= LABEL_WIDTH + 6 * CELL_WIDTH
        if self.strip.display != fits:
            self.strip.display = fits
            self.readout.display = fits

    # --- actions: the pane only says what was asked ------------------------------------------
    def selected_client_id(self) -> int | None:
        rows = self.table.rows()
        if not rows:
            return None
        return rows[min(self.table.selected, len(rows) - 1)].client_id

    def on_clock_pane_row_selected(self, message: ClockPane.RowSelected) -> None:
        self.selected_key = message.key
        self._show_readout()

    def on_hour_strip_view_hour_clicked(self, message: HourStripView.HourClicked) -> None:
        message.stop()
        self.post_message(self.HourPicked(message.at))

    def action_move_cursor(self, hours: int, days: int) -> None:
        self.post_message(self.CursorMoved(hours, days))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cursor_now":
            return self.cursor_active  # otherwise Escape goes on to the screen (un-zoom)
        return True

    def action_cursor_now(self) -> None:
        self.post_message(self.CursorReset())

    def action_toggle_sort(self) -> None:
        self.post_message(self.SortToggled())

    def action_add_client(self) -> None:
        self.post_message(self.AddClientAsked())

    def action_edit_client(self) -> None:
        self.post_message(self.EditClientAsked(self.selected_client_id()))

    def action_remove_client(self) -> None:
        self.post_message(self.RemoveClientAsked(self.selected_client_id()))

    def action_find_overlap(self) -> None:
        self.post_message(self.OverlapAsked(self.selected_client_id()))
