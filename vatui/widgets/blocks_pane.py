"""The Today's blocks pane: a timeline of one day, one row per block.

What it shows comes from the controller as a `DayView` (core's DayPlan plus now, clients and my
zone); what the keys do goes back as messages. Repaint discipline: every row is a one-line
widget of its own and is updated only when its text or state changed, so the per-minute change
(the current block's minutes left, the next block's "in 22m", the now-marker's time) repaints
two or three single rows, never the whole timeline. Rows are reused as slots: when the
now-marker moves past a block, only the rows whose text changed are repainted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from vatui.core import blocks as core
from vatui.core.durations import format_duration
from vatui.core.models import Client, TimeBlock
from vatui.formats import hm, weekday_day_month
from vatui.i18n import N_, _, ngettext
from vatui.textfit import fit_words as fit
from vatui.widgets.pane import Pane

WIDE_NOTE_MIN = 6  # a note squeezed below this many cells is left out rather than shown as "a…"


@dataclass(frozen=True)
class DayView:
    """Everything the pane needs to draw a day. `standing` is empty unless the day holds now."""

    plan: core.DayPlan
    today: date
    now: datetime
    zone: ZoneInfo
    clients: Mapping[int, Client] = field(default_factory=dict)
    buffer: timedelta = timedelta(minutes=10)
    standing: core.Standing = field(default_factory=core.Standing)

    @property
    def is_today(self) -> bool:
        return self.plan.day == self.today


@dataclass(frozen=True)
class RowView:
    key: str
    content: Content
    classes: frozenset[str] = frozenset()
    block_id: int | None = None  # rows with a block can take the cursor

    @property
    def signature(self) -> tuple:
        return self.content.plain, tuple(self.content.spans), self.classes


# --- text helpers ------------------------------------------------------------------------------

def minutes_text(delta: timedelta | None) -> str:
    return format_duration(timedelta(minutes=core.whole_minutes_up(delta or timedelta())))


def describe_block(block: TimeBlock, zone: ZoneInfo, clients: Mapping[int, Client]) -> str:
    """ "09:30-11:00 Acme weekly report", for messages and undo labels."""
    start, end = block.start.astimezone(zone), block.end.astimezone(zone)
    client = clients.get(block.client_id) if block.client_id is not None else None
    who = client.name if client else (f"#{block.batch}" if block.batch else "")
    note = fit(block.note, 30, cut_words=False) if block.note else ""
    return " ".join(p for p in (f"{start:%H:%M}-{end:%H:%M}", who, note) if p)


def day_label(day: date, today: date) -> str:
    names = {0: _("today"), 1: _("tomorrow"), -1: _("yesterday")}
    base = weekday_day_month(day, pad=True)
    rel = names.get((day - today).days)
    # TRANSLATORS: a day in the blocks pane's title and how far it is from today, e.g. "Tue 24 Nov (tomorrow)".
    return _("{day} ({relative})").format(day=base, relative=rel) if rel else base


# --- rows --------------------------------------------------------------------------------------
_TIERS = [  # (flags, tracked/planned, client time): what to show as the width shrinks
    ("long", "short", "long"),
    ("long", "short", "short"),
    ("short", "short", "short"),
    ("short", "short", "none"),
    ("short", "none", "none"),
]


def block_row(view: DayView, n: int, width: int, tier: int | None = None) -> RowView:
    """Row `n` of the day, `width` cells wide: the fullest form (an index into _TIERS) that fits,
    unless `tier` says which."""
    info = view.plan.items[n]
    b = info.block
    zone, now, standing = view.zone, view.now, view.standing
    start, end = b.start.astimezone(zone), b.end.astimezone(zone)
    current = standing.current == n
    upcoming = standing.next == n
    started = b.start <= now
    past = b.end <= now
    mark = "▶" if current else ("↪" if info.from_previous_day else " ")
    times = f"{start:%H:%M}-{end:%H:%M}" + ("+1" if info.into_next_day else "")
    client = view.clients.get(b.client_id) if b.client_id is not None else None
    who = client.name if client else (f"#{b.batch}" if b.batch else "")

    live = ""
    if current:
        live = _("{time} left").format(time=minutes_text(standing.left))
    elif upcoming:
        live = _("in {time}").format(time=minutes_text(standing.starts_in))

    def flags(form: str) -> list[tuple[str, str]]:
        out = []
        if info.overlaps:
            out.append(("▲ " + _("overlap") if form == "long" else "▲", "$block-overlap"))
        if info.too_close:
            out.append(("△ " + _("no buffer") if form == "long" else "△", "$block-overlap"))
        return out

    def actual(form: str) -> str:
        if form == "none" or info.actual is None or not started:
            return ""
        return f"{format_duration(info.actual)}/{format_duration(b.length)}"

    def there(form: str) -> str:
        if client is None or form == "none":
            return ""
        cs, ce = core.local_span(b, client.tz)
        if form == "long":
            return f"({cs:%H:%M}-{ce:%H:%M} {client.city})"
        return f"({cs:%H:%M} {client.city})"

    left_fixed = f"{mark} {times}"
    dot = "● " if client else ""
    if tier is None:
        tier = len(_TIERS) - 1
        for number, (f, a, t) in enumerate(_TIERS):
            right = _right(flags(f), actual(a), live)
            need = cell_len(left_fixed) + _len(right) + (2 if right else 0)
            need += (1 + len(dot) + min(cell_len(who), 8)) if who else 0
            need += (1 + cell_len(there(t))) if there(t) else 0
            if need <= width:
                tier = number
                break
    chosen = _TIERS[tier]
    right = _right(flags(chosen[0]), actual(chosen[1]), live)
    local_text = there(chosen[2])
    room = width - cell_len(left_fixed) - _len(right) - (2 if right else 0)

    parts: list[str | tuple[str, str]] = [left_fixed]
    used = 0
    if who and room - used > 1 + len(dot):
        name = fit(who, room - used - 1 - len(dot))
        parts.append(" ")
        if dot:
            parts.append((dot.strip(), client.colour if client else ""))
            parts.append(" ")
        parts.append(name if client is None else (name, "bold"))
        used += 1 + len(dot) + cell_len(name)
    shown_local = False
    if local_text and room - used >= 1 + cell_len(local_text):
        parts.append(" ")
        parts.append((local_text, "$text-muted"))
        used += 1 + cell_len(local_text)
        shown_local = True
    # The note comes after the client's time: never instead of it.
    if b.note and (shown_local or not local_text) and room - used >= 1 + min(cell_len(b.note), WIDE_NOTE_MIN):
        note = fit(b.note, room - used - 1, cut_words=False)
        if note:
            parts.append(" " + note)
            used += 1 + cell_len(note)
    if right:
        parts.append(" " * max(2, room - used + 2))
        parts.extend(right)
    classes = {"-block"}
    if current:
        classes.add("-current")
    if upcoming:
        classes.add("-next")
    if past and view.plan.day <= view.today:
        classes.add("-past")
    if info.overlaps or info.too_close:
        classes.add("-flagged")
    return RowView(key=f"block:{b.id}", content=Content.assemble(*parts), classes=frozenset(classes), block_id=b.id)


def _right(flags: list[tuple[str, str]], actual: str, live: str) -> list[str | tuple[str, str]]:
    out: list[str | tuple[str, str]] = []
    for text, style in flags:
        if out:
            out.append(" ")
        out.append((text, style))
    for text in (actual, live):
        if text:
            if out:
                out.append("  ")
            out.append((text, "bold") if text is live else text)
    return out


def _len(parts: list[str | tuple[str, str]]) -> int:
    return sum(cell_len(p if isinstance(p, str) else p[0]) for p in parts)


def detail_line(view: DayView, n: int, width: int) -> Content:
    """Everything about block `n` that a narrow row may leave out: the client's clock, the whole
    note, tracked of planned time, and what it clashes with. Nothing here changes by the minute."""
    info = view.plan.items[n]
    b = info.block
    client = view.clients.get(b.client_id) if b.client_id is not None else None
    bits: list[str] = []
    if client:
        cs, ce = core.local_span(b, client.tz)
        bits.append(_("{start}-{end} in {city}").format(start=f"{cs:%H:%M}", end=f"{ce:%H:%M}", city=client.city))
    if b.note:
        bits.append(b.note)
    if info.actual is not None and b.start <= view.now:
        bits.append(_("{spent} of {planned} tracked").format(spent=format_duration(info.actual),
                                                            planned=format_duration(b.length)))
    clashes = [view.plan.items[m].block for m in info.overlaps]
    if clashes:
        bits.append("▲ " + _("overlaps {what}").format(what=", ".join(f"{c.start.astimezone(view.zone):%H:%M}" for c in clashes)))
    close = [view.plan.items[m].block for m in info.too_close]
    if close:
        bits.append("△ " + _("under {buffer} from {what}").format(
            buffer=format_duration(view.buffer), what=", ".join(f"{c.start.astimezone(view.zone):%H:%M}" for c in close)))
    who = client.name if client else (f"#{b.batch}" if b.batch else "")
    head = f"{who}: " if who else ""
    return Content(fit(head + " · ".join(bits), width)) if bits or head else Content("")


def marker_row(now: datetime, zone: ZoneInfo, width: int) -> RowView:
    # TRANSLATORS: the now-marker line of the blocks timeline, e.g. "15:00 now".
    label = "── " + _("{time} now").format(time=hm(now.astimezone(zone))) + " "
    return RowView(key="marker", content=Content(label + "─" * max(0, width - cell_len(label))),
                   classes=frozenset({"-marker"}))


def rows_for(view: DayView, width: int) -> list[RowView]:
    """The rows to draw for the day, the now-marker among them when the day holds now and no
    block is running (a running block is itself the marker: ▶ and highlighted)."""
    rows = [block_row(view, n, width) for n in range(len(view.plan.items))]
    if view.plan.contains(view.now) and view.standing.current is None:
        at = sum(1 for i in view.plan.items if i.block.start <= view.now)
        rows.insert(at, marker_row(view.now, view.zone, width))
    if not view.plan.items:
        hints = [_("No blocks on this day."), _("a  add one, e.g. 9:30-11 @acme weekly report"),
                 _("p  apply a day template · y  copy the day before")]
        rows += [RowView(key=f"hint:{n}", content=Content(fit(h, width)), classes=frozenset({"-hint"}))
                 for n, h in enumerate(hints)]
    return rows


# --- widgets -----------------------------------------------------------------------------------
ROW_CLASSES = ("-block", "-current", "-next", "-past", "-flagged", "-marker", "-hint")


class BlockRow(Static):
    """One line of the timeline. Repaints only when what it shows changed."""

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
        super().__init__("", markup=False)
        self.view: RowView | None = None

    @property
    def block_id(self) -> int | None:
        return self.view.block_id if self.view else None

    def show(self, view: RowView) -> None:
        old = self.view
        self.view = view
        if old is not None and old.signature == view.signature:
            return
        if old is None or old.content.plain != view.content.plain or tuple(old.content.spans) != tuple(view.content.spans):
            self.update(view.content, layout=False)  # one row, 1fr wide: its size never depends on its text
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

    @dataclass
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
    @dataclass
    class AddRequested(Message):
        day: date

    @dataclass
    class EditRequested(Message):
        block_id: int

    @dataclass
    class DeleteRequested(Message):
        block_id: int

    @dataclass
    class MoveRequested(Message):
        block_id: int
        minutes: int

    @dataclass
    class ResizeRequested(Message):
        block_id: int
        minutes: int

    @dataclass
    class ShiftRequested(Message):
        block_id: int | None  # the block under the cursor
        ask: bool  # True: ask by how much; False: by the overrun

    @dataclass
    class DayRequested(Message):
        offset: int | None  # days from the one shown; None: back to today

    @dataclass
    class TemplateSaveRequested(Message):
        day: date

    @dataclass
    class TemplateApplyRequested(Message):
        day: date

    @dataclass
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
            detail.update(content)

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
        return width if width > 0 else 40

    def _status(self, view: DayView, width: int) -> str:
        """The border's foot: totals, the day's length when clocks change, and what ▲ △ mean
        (dropping the totals first, then the day's length, when the pane is narrow)."""
        totals = [_("{planned} planned · {tracked} tracked").format(
            planned=format_duration(view.plan.planned), tracked=format_duration(view.plan.tracked))]
        hours = round(view.plan.length.total_seconds() / 3600)
        head = [ngettext("{hours}-hour day", "{hours}-hour day", hours).format(hours=hours)] if hours != 24 else []
        legend = []
        if any(i.overlaps for i in view.plan.items):
            legend.append("▲ " + _("overlap"))
        if any(i.too_close for i in view.plan.items):
            legend.append("△ " + _("gap < {buffer}").format(buffer=format_duration(view.buffer)))
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
        if self.cursor_id is None:
            self.app.notify(_("No block here: press a to add one."), timeout=3)
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
