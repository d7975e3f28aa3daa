"""The Today's blocks pane: a timeline of one day, one row per block.

What it shows comes from the controller as a `DayView` (core's DayPlan plus now, clients and my
zone); what the keys do goes back as messages. Repaint discipline: every row is a one-line
widget of its own and is updated only when its text or state changed, so the per-minute change
(the current block's minutes left, the next block's "in 22m", the now-marker's time) repaints
two or three single rows, never the whole timeline. Rows are reused as slots: when the
now-marker moves past a block, only the rows whose text changed are repainted.

What each line says is in block_rows.py; the row and list widgets are in block_list.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol, runtime_checkable

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from vatui.core.durations import format_duration
from vatui.core.meetings import MEETING_MARK, calendar_of
from vatui.i18n import N_, _, ngettext
from vatui.text.formats import weekday_day_month
from vatui.widgets.block_list import BlockList
from vatui.widgets.block_rows import DayView, day_label, describe_block, detail_line, rows_for
from vatui.widgets.pane import Pane


@runtime_checkable
class BlocksHost(Protocol):
    """What the screen offers the pane: take a request at once (see BlocksPane.ask)."""

    def blocks_request(self, request: Message) -> None: ...


class BlocksPane(Pane):
    PANE_TITLE = N_("Today's blocks")
    DAY = Binding.Group(N_("Day"), compact=True)  # "[ ] Day" in the footer: fits 80 columns in every language

    DEFAULT_CSS = """
    BlocksPane { height: 1fr; }
    BlocksPane #block-detail {
        height: 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS = [
        Binding("a", "add", N_("Add"), id="add-block",
                tooltip=N_("Add a block: type e.g. 9:30-11 @acme weekly report, 14:00 90m #email or now 45m")),
        Binding("e,enter", "edit", N_("Edit"), id="edit-block", tooltip=N_("Change the block under the cursor")),
        Binding("d,delete", "delete", N_("Delete"), id="delete-block",
                tooltip=N_("Delete the block under the cursor (u undoes)")),
        Binding("less_than_sign,shift+left", "move(-15)", N_("15m earlier"), id="move-block-earlier", show=False,
                tooltip=N_("Move the block 15 minutes earlier")),
        Binding("greater_than_sign,shift+right", "move(15)", N_("15m later"), id="move-block-later", show=False,
                tooltip=N_("Move the block 15 minutes later")),
        Binding("minus", "resize(-15)", N_("Shrink 15m"), id="shrink-block", show=False,
                tooltip=N_("End the block 15 minutes sooner (never below 5 minutes)")),
        Binding("plus,equals_sign", "resize(15)", N_("Stretch 15m"), id="stretch-block", show=False,
                tooltip=N_("End the block 15 minutes later")),
        Binding("o", "shift(False)", N_("Overrun"), id="shift-overrun",
                tooltip=N_("A block ran long: it ends now, and every later block of the day moves by as much")),
        Binding("O", "shift(True)", N_("Shift by…"), id="shift-blocks", show=False,
                tooltip=N_("Make the block under the cursor N minutes longer and move every later block by N")),
        Binding("left_square_bracket", "day(-1)", N_("Day before"), id="blocks-previous-day", group=DAY,
                tooltip=N_("Look at the day before")),
        Binding("right_square_bracket", "day(1)", N_("Day after"), id="blocks-next-day", group=DAY,
                tooltip=N_("Look at the day after")),
        Binding("T", "today", N_("Today"), id="blocks-today", show=False, tooltip=N_("Back to today")),
        Binding("w", "save_template", N_("Save as template"), id="save-day-template", show=False,
                tooltip=N_("Save this day's plan as a named day template (e.g. Monday)")),
        Binding("p", "apply_template", N_("Apply template"), id="apply-day-template", show=False,
                tooltip=N_("Add a day template's blocks to this day")),
        Binding("y", "copy_yesterday", N_("Copy yesterday"), id="copy-yesterday", show=False,
                tooltip=N_("Copy the previous day's plan onto this day")),
    ]

    # --- messages to the screen ------------------------------------------------------------------
    @dataclass(eq=False)
    class AddRequested(Message):
        day: date

    @dataclass(eq=False)
    class EditRequested(Message):
        block_id: int

    @dataclass(eq=False)
    class DeleteRequested(Message):
        block_id: int

    @dataclass(eq=False)
    class MoveRequested(Message):
        block_id: int
        minutes: int

    @dataclass(eq=False)
    class ResizeRequested(Message):
        block_id: int
        minutes: int

    @dataclass(eq=False)
    class ShiftRequested(Message):
        block_id: int | None  # the block under the cursor
        ask: bool  # True: ask by how much; False: by the overrun

    @dataclass(eq=False)
    class DayRequested(Message):
        offset: int | None  # days from the one shown; None: back to today

    @dataclass(eq=False)
    class TemplateSaveRequested(Message):
        day: date

    @dataclass(eq=False)
    class TemplateApplyRequested(Message):
        day: date

    @dataclass(eq=False)
    class CopyRequested(Message):
        day: date  # copy the day before onto this one

    def __init__(self, number: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(number, id=id, classes=classes)
        self.view: DayView | None = None
        self._drawn_width = 0
        self._detail_text = ""

    def compose(self) -> ComposeResult:
        yield BlockList(id="block-list")
        yield Static("", id="block-detail", markup=False)

    def on_block_list_cursor_moved(self, message: BlockList.CursorMoved) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        """One line about the block under the cursor, in full: what narrow rows leave out."""
        detail = self.query_one("#block-detail", Static)
        content = Content("")
        if self.view is not None and self.cursor_id is not None:
            n = self.view.plan.index_of(self.cursor_id)
            if n is not None:
                content = detail_line(self.view, n, self._width())
        if content.plain != self._detail_text:  # repaint only when the line changes
            self._detail_text = content.plain
            # One row whatever it says (height 1, width from the pane): no layout needed. With
            # one, every new detail laid out and repainted the whole screen.
            detail.update(content, layout=False)

    @property
    def block_list(self) -> BlockList:
        return self.query_one(BlockList)

    @property
    def day(self) -> date | None:
        return self.view.plan.day if self.view else None

    @property
    def cursor_id(self) -> int | None:
        return self.block_list.cursor_id

    def select(self, block_id: int | None) -> None:
        """Put the cursor on a block (after adding it, say)."""
        self.block_list.move_cursor_to(block_id, by_user=True)

    def show(self, view: DayView, *, new_day: bool = False) -> None:
        """Draw the day. Cheap when little changed: only rows whose text changed repaint."""
        self.view = view
        if new_day:
            self.block_list.user_moved = False
        self.title = _(self.PANE_TITLE) if view.is_today else _("Blocks")
        self.set_info(weekday_day_month(view.plan.day, pad=True) if view.is_today
                      else day_label(view.plan.day, view.today))
        self._draw()

    def _width(self) -> int:
        width = self.block_list.scrollable_content_region.width
        if width > 0:
            return width
        # Not laid out yet (the first draw, before the first frame): the pane's expected width
        # less the list's scrollbar. A right guess spares a redraw of
        # every row just after the first frame; a wrong one costs only that.
        return max(20, self.expected_width() - self.block_list.styles.gutter.width - 1)

    def _status(self, view: DayView, width: int) -> str:
        """The border's foot: totals, the day's length when clocks change, and what ▲ △ mean
        (dropping the totals first, then the day's length, when the pane is narrow)."""
        totals = [_("{planned} planned · {tracked} tracked").format(
            planned=format_duration(view.plan.planned), tracked=format_duration(view.plan.tracked))]
        if view.plan.in_meetings:
            totals.append(_("{time} in meetings").format(time=format_duration(view.plan.in_meetings)))
        hours = round(view.plan.length.total_seconds() / 3600)
        head = [ngettext("{hours}-hour day", "{hours}-hour day", hours).format(hours=hours)] if hours != 24 else []
        legend = []
        if any(i.overlaps for i in view.plan.items):
            legend.append("▲ " + _("overlap"))
        if any(i.too_close for i in view.plan.items):
            legend.append("△ " + _("gap < {buffer}").format(buffer=format_duration(view.buffer)))
        if any(i.outside_hours for i in view.plan.items):
            legend.append("△ " + _("outside hours"))
        if any(i.block.readonly for i in view.plan.items):
            legend.append(MEETING_MARK + " " + _("meeting"))
        for parts in (head + totals + legend, head + legend, legend, head):
            text = " · ".join(parts)
            if cell_len(text) <= width - 4:
                return text
        return ""

    def _draw(self) -> None:
        if self.view is None:
            return
        width = self._width()
        self._drawn_width = width
        view = self.view
        self.set_status(self._status(view, width))
        standing = view.standing
        default = None
        for n in (standing.current, standing.next):
            if n is not None:
                default = view.plan.items[n].block.id
                break
        if default is None and view.plan.items and view.is_today:
            default = view.plan.items[-1].block.id
        elif default is None and view.plan.items:
            default = view.plan.items[0].block.id
        self.block_list.show(rows_for(view, width), default)
        self._show_detail()

    def on_resize(self) -> None:
        # The list has its new size already (laid out in the same pass): redraw now rather than
        # after the next refresh, which would add a frame (and a layout) to every resize.
        self._redraw_if_resized()

    def _redraw_if_resized(self) -> None:
        if self._width() != self._drawn_width:
            self._draw()

    # --- actions: say what was asked; the screen does it ----------------------------------------
    def ask(self, request: Message) -> None:
        """Hand a request to the screen. Not queued like an ordinary message: a request that opens
        a form must have opened it before the next key is read, or keys typed quickly after `a`
        would run pane commands (`o`, `d`, ...) instead of landing in the form. With the form open
        at once, such early keys are ignored rather than acted on."""
        if isinstance(self.screen, BlocksHost):
            self.screen.blocks_request(request)
        else:
            self.post_message(request)

    def _need_block(self) -> int | None:
        """The block under the cursor for an edit, or None (and why) when there is none or it is
        a meeting, which its own calendar owns."""
        if self.cursor_id is None:
            self.app.notify(_("No block here: press a to add one."), timeout=3)
            return None
        n = self.view.plan.index_of(self.cursor_id) if self.view is not None else None
        block = self.view.plan.items[n].block if self.view is not None and n is not None else None
        if block is not None and block.readonly:
            self.app.notify(_("{what} is a meeting in calendar {name}: change it there.").format(
                what=describe_block(block, self.view.zone, self.view.clients), name=calendar_of(block) or ""),
                timeout=4)
            return None
        return self.cursor_id

    def action_add(self) -> None:
        if self.day is not None:
            self.ask(self.AddRequested(self.day))

    def action_edit(self) -> None:
        if (bid := self._need_block()) is not None:
            self.ask(self.EditRequested(bid))

    def action_delete(self) -> None:
        if (bid := self._need_block()) is not None:
            self.ask(self.DeleteRequested(bid))

    def action_move(self, minutes: int) -> None:
        if (bid := self._need_block()) is not None:
            self.ask(self.MoveRequested(bid, minutes))

    def action_resize(self, minutes: int) -> None:
        if (bid := self._need_block()) is not None:
            self.ask(self.ResizeRequested(bid, minutes))

    def action_shift(self, ask: bool) -> None:
        if ask and self.cursor_id is not None and self._need_block() is None:
            return
        self.ask(self.ShiftRequested(self.cursor_id, ask))

    def action_day(self, offset: int) -> None:
        self.ask(self.DayRequested(offset))

    def action_today(self) -> None:
        self.ask(self.DayRequested(None))

    def action_save_template(self) -> None:
        if self.day is not None:
            self.ask(self.TemplateSaveRequested(self.day))

    def action_apply_template(self) -> None:
        if self.day is not None:
            self.ask(self.TemplateApplyRequested(self.day))

    def action_copy_yesterday(self) -> None:
        if self.day is not None:
            self.ask(self.CopyRequested(self.day))
