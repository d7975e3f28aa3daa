"""The World clock's hour strip: each place's hours in columns of MY hours, business hours
marked, with the cursor's column bracketed. One widget that repaints only when the hour turns,
the cursor moves or the places change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from vatui.core.zones import Cell, HourStrip
from vatui.text import formats
from vatui.widgets.fit import fit_words

LABEL_WIDTH = 12  # the strip's row labels (up to WIDE_LABEL in a wide pane)
WIDE_LABEL = 18
WIDE_FROM = 80  # pane columns from which the strip can spare the wider labels (a 200-column screen)
CELL_WIDTH = 3  # "09 " per hour


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

    @dataclass(eq=False)
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
                for k, ch in enumerate(f"{formats.weekday(mine)} {mine.day}"):
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
