"""The Today's blocks timeline on screen: one scrolling Line API widget, `BlockList`, that draws
each row (a `RowView` from block_rows.py) and keeps a cursor on one block.

One widget for the whole timeline, not one per row: each widget costs the cockpit's start-up
its styling, layout and a paint of its own. A row repaints only when its text or state changed,
and a minute's change repaints only the cells that differ ("in 16m" -> "in 15m": one cell), so
the per-minute change still sends two or three cells, never the whole timeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from vatui.i18n import N_
from vatui.text.textfit import changed_span
from vatui.widgets.block_rows import RowView
from vatui.widgets.first_layout import scrollbar_up_front

# A row's classes (block_rows.py) and the style each gives it, weakest first: the cursor last.
ROW_STYLES = (("-past", "block-list--past"), ("-current", "block-list--current"), ("-marker", "block-list--marker"),
              ("-hint", "block-list--hint"), ("-banner", "block-list--banner"), ("-stale", "block-list--stale"))


class BlockList(ScrollView, can_focus=True):
    """The scrolling list of rows, with a cursor on one block."""

    ALLOW_MAXIMIZE = True  # so `z` finds it and zooms its pane (scroll containers refuse by default)

    COMPONENT_CLASSES = {"block-list--past", "block-list--current", "block-list--marker", "block-list--hint",
                         "block-list--banner", "block-list--stale", "block-list--cursor"}
    DEFAULT_CSS = """
    BlockList {
        height: 1fr;
        background: transparent;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    BlockList > .block-list--past { color: $text-muted; }
    BlockList > .block-list--current { background: $block-current; text-style: bold; }
    BlockList > .block-list--marker { color: $now-marker; }
    BlockList > .block-list--hint { color: $text-muted; }
    BlockList > .block-list--banner { text-style: bold; }
    BlockList > .block-list--stale { color: $warning; }
    BlockList > .block-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    BINDINGS = [
        Binding("down,j", "cursor(1)", N_("Next block"), id="blocks-cursor-down", show=False,
                tooltip=N_("Move the cursor to the next block")),
        Binding("up,k", "cursor(-1)", N_("Previous block"), id="blocks-cursor-up", show=False,
                tooltip=N_("Move the cursor to the previous block")),
        Binding("home", "cursor_end(0)", N_("First block"), id="blocks-cursor-first", show=False,
                tooltip=N_("Move the cursor to the day's first block")),
        Binding("end", "cursor_end(1)", N_("Last block"), id="blocks-cursor-last", show=False,
                tooltip=N_("Move the cursor to the day's last block")),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: tuple[RowView, ...] = ()  # top to bottom
        self.cursor_id: int | None = None
        self.user_moved = False  # until the user moves it, the cursor follows the current block
        self._strips: LRUCache[tuple, Strip] = LRUCache(256)

    # --- rows in -------------------------------------------------------------------------------
    def show(self, views: list[RowView], default_id: int | None) -> None:
        old = self.rows
        self.rows = tuple(views)
        scrollbar_up_front(self, len(self.rows))
        if self.virtual_size.height != len(self.rows):
            self.virtual_size = Size(0, len(self.rows))
            self.refresh()
        else:
            for index, (before, after) in enumerate(zip(old, self.rows)):
                self._repaint_changes(index, before, after)
        ids = [v.block_id for v in self.rows if v.block_id is not None]
        if self.cursor_id not in ids or (not self.user_moved and default_id is not None):
            self.user_moved = self.user_moved and self.cursor_id in ids
            target = default_id if default_id in ids else (ids[-1] if ids else None)
            self.move_cursor_to(target, by_user=False, scroll=target != self.cursor_id)

    def _repaint_changes(self, index: int, before: RowView, after: RowView) -> None:
        """Repaint row `index` if it changed: only the cells whose text changed when it is the
        same block in the same styles (a minute's "in 16m" -> "in 15m"), else the whole row."""
        if before.signature == after.signature and before.block_id == after.block_id:
            return
        span = None
        # Only for the same block: another block here may change whether the line has the cursor.
        if before.block_id == after.block_id and before.classes == after.classes \
                and tuple(before.content.spans) == tuple(after.content.spans):
            span = changed_span(before.content.plain, after.content.plain)
        top = index - round(self.scroll_offset.y)
        if span is not None:
            self.refresh(Region(span[0], top, span[1] - span[0], 1))
        else:
            self.refresh_line(index)

    # --- drawing -------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.rows) or width <= 0:
            return Strip.blank(max(0, width), self.rich_style)
        row = self.rows[index]
        cursor = self.has_focus and row.block_id is not None and row.block_id == self.cursor_id
        key = (row.signature, cursor, width)
        strip = self._strips.get(key)
        if strip is None:
            names = [name for cls, name in ROW_STYLES if cls in row.classes]
            if cursor:
                names.append("block-list--cursor")
            style = self.get_visual_style(*names)
            strip = Visual.to_strips(self, row.content, width, 1, style, pad=True)[0]
            self._strips[key] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_focus(self) -> None:
        self._refresh_cursor_row()

    def on_blur(self) -> None:
        self._refresh_cursor_row()

    def _refresh_cursor_row(self) -> None:
        index = self.index_of(self.cursor_id)
        if index is not None:
            self.refresh_line(index)

    # --- the cursor ----------------------------------------------------------------------------
    @dataclass(eq=False)
    class CursorMoved(Message):
        block_id: int | None

    def index_of(self, block_id: int | None) -> int | None:
        if block_id is None:
            return None
        return next((i for i, r in enumerate(self.rows) if r.block_id == block_id), None)

    def move_cursor_to(self, block_id: int | None, *, by_user: bool, scroll: bool = True) -> None:
        old = self.cursor_id
        if block_id != old:
            self.post_message(self.CursorMoved(block_id))
        self.cursor_id = block_id
        if by_user:
            self.user_moved = True
        if block_id != old:
            for index in (self.index_of(old), self.index_of(block_id)):
                if index is not None:
                    self.refresh_line(index)
        index = self.index_of(block_id)
        if index is not None and scroll:
            self.call_after_refresh(self.scroll_to_region, Region(0, index, 1, 1), animate=False)

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.rows) and self.rows[index].block_id is not None:
            self.move_cursor_to(self.rows[index].block_id, by_user=True)
            self.focus()

    def action_cursor(self, step: int) -> None:
        ids = [r.block_id for r in self.rows if r.block_id is not None]
        if not ids:
            return
        at = ids.index(self.cursor_id) if self.cursor_id in ids else (-1 if step > 0 else len(ids))
        self.move_cursor_to(ids[max(0, min(len(ids) - 1, at + step))], by_user=True)

    def action_cursor_end(self, last: int) -> None:
        ids = [r.block_id for r in self.rows if r.block_id is not None]
        if ids:
            self.move_cursor_to(ids[-1] if last else ids[0], by_user=True)
