"""The Today's blocks timeline on screen: one `BlockRow` widget per line, in a scrolling
`BlockList` that keeps a cursor on one block.

Every row is a one-line widget of its own and is updated only when its text or state changed,
so the per-minute change repaints two or three single rows, never the whole timeline. Rows are
reused as slots: when the now-marker moves past a block, only the rows whose text changed are
repainted.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget

from vatui.i18n import N_
from vatui.textfit import changed_span
from vatui.widgets.block_rows import RowView
from vatui.widgets.first_layout import scrollbar_up_front

ROW_CLASSES = ("-block", "-current", "-next", "-past", "-flagged", "-marker", "-hint")


class BlockRow(Widget):
    """One line of the timeline. Repaints only what changed in it: a minute's "in 16m" -> "in
    15m" sends the cells that differ, not the whole line again."""

    DEFAULT_CSS = """
    BlockRow {
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    BlockRow.-past { color: $text-muted; }
    BlockRow.-current { background: $block-current; text-style: bold; }
    BlockRow.-marker { color: $now-marker; }
    BlockRow.-hint { color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.view: RowView | None = None

    @property
    def block_id(self) -> int | None:
        return self.view.block_id if self.view else None

    def render(self) -> Content:
        return self.view.content if self.view is not None else Content("")

    def show(self, view: RowView) -> None:
        old = self.view
        self.view = view
        if old is not None and old.signature == view.signature:
            return
        if old is None or old.content.plain != view.content.plain or tuple(old.content.spans) != tuple(view.content.spans):
            # The same styles over text of the same width: only the cells whose text changed.
            span = None
            if old is not None and old.classes == view.classes and tuple(old.content.spans) == tuple(view.content.spans):
                span = changed_span(old.content.plain, view.content.plain)
            if span is not None:
                self.refresh(Region(span[0], 0, span[1] - span[0], 1))
            else:
                self.refresh()  # one row, 1fr wide: its size never depends on its text
        # One style update for all the classes (each set_class restyles on its own).
        # A row not mounted yet is styled when it is mounted.
        self.update_classes({cls: cls in view.classes for cls in ROW_CLASSES}, update=self.is_mounted)

    def on_click(self, event: events.Click) -> None:
        if self.block_id is not None and isinstance(self.parent, BlockList):
            self.parent.move_cursor_to(self.block_id, by_user=True)
            self.parent.focus()


class BlockList(VerticalScroll, can_focus=True):
    """The scrolling list of rows, with a cursor on one block."""

    ALLOW_MAXIMIZE = True  # so `z` finds it and zooms its pane (scroll containers refuse by default)

    DEFAULT_CSS = """
    BlockList {
        height: 1fr;
        background: transparent;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    BlockList:focus BlockRow.-cursor {
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
        self.cursor_id: int | None = None
        self.user_moved = False  # until the user moves it, the cursor follows the current block

    @property
    def rows(self) -> list[BlockRow]:
        """The rows in use, top to bottom."""
        return [r for r in self.query_children(BlockRow) if r.display]

    def show(self, views: list[RowView], default_id: int | None) -> None:
        # Rows are slots: spare ones are hidden, not removed, so a quick second call can never
        # fill a row that is on its way out, and nothing is remounted as the day changes.
        scrollbar_up_front(self, len(views))
        rows = list(self.query_children(BlockRow))
        if len(rows) < len(views):
            new = [BlockRow() for _row in range(len(views) - len(rows))]
            for row, view in zip(new, views[len(rows):]):
                row.show(view)  # before mounting: styled once, with its classes
            self.mount_all(new)
            rows += new
        for row, view in zip(rows, views):
            row.show(view)
            if not row.display:
                row.display = True
        for row in rows[len(views):]:
            if row.display:
                row.display = False
                row.view = None
        ids = [v.block_id for v in views if v.block_id is not None]
        if self.cursor_id not in ids or (not self.user_moved and default_id is not None):
            self.user_moved = self.user_moved and self.cursor_id in ids
            target = default_id if default_id in ids else (ids[-1] if ids else None)
            self.move_cursor_to(target, by_user=False, scroll=target != self.cursor_id)
        else:
            self._paint_cursor()

    @dataclass(eq=False)
    class CursorMoved(Message):
        block_id: int | None

    def move_cursor_to(self, block_id: int | None, *, by_user: bool, scroll: bool = True) -> None:
        if block_id != self.cursor_id:
            self.post_message(self.CursorMoved(block_id))
        self.cursor_id = block_id
        if by_user:
            self.user_moved = True
        row = self._paint_cursor()
        if row is not None and scroll:
            self.call_after_refresh(self.scroll_to_widget, row, animate=False)

    def _paint_cursor(self) -> BlockRow | None:
        found = None
        for row in self.rows:
            on = row.block_id is not None and row.block_id == self.cursor_id
            row.set_class(on, "-cursor")
            if on:
                found = row
        return found

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
