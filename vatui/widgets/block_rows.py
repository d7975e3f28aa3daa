"""The Today's blocks pane's lines as text: what the controller gives the pane (`DayView`) and
what each line of the timeline says at a given width (`block_row`, `marker_row`, `rows_for`),
plus the one-line detail of the block under the cursor. No widgets here: block_list.py draws
these lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from rich.cells import cell_len
from textual.content import Content

from vatui.core import blocks as core
from vatui.core.durations import format_duration
from vatui.core.meetings import BANNER_MARK, MEETING_MARK, calendar_of
from vatui.core.models import Client, TimeBlock
from vatui.i18n import _
from vatui.text.formats import hm, weekday_day_month
from vatui.text.textfit import fit_words as fit

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
    banners: tuple[str, ...] = ()  # the day's all-day events of subscribed calendars: "Acme: offsite"
    calendar_notes: tuple[str, ...] = ()  # calendars that could not be read lately: "stale since 09:40"

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

def describe_block(block: TimeBlock, zone: ZoneInfo, clients: Mapping[int, Client]) -> str:
    """ "09:30-11:00 Acme weekly report", for messages and undo labels."""
    start, end = block.start.astimezone(zone), block.end.astimezone(zone)
    client = clients.get(block.client_id) if block.client_id is not None else None
    who = client.name if client else (f"#{block.batch}" if block.batch else (calendar_of(block) or ""))
    note = fit(block.note, 30, cut_words=False) if block.note else ""
    return " ".join(p for p in (f"{start:%H:%M}-{end:%H:%M}", who, note) if p)


def day_label(day: date, today: date) -> str:
    names = {0: _("today"), 1: _("tomorrow"), -1: _("yesterday")}
    base = weekday_day_month(day, pad=True)
    rel = names.get((day - today).days)
    # TRANSLATORS: a day in the blocks pane's title and how far it is from today, e.g. "Tue 24 Nov (tomorrow)".
    return _("{day} ({relative})").format(day=base, relative=rel) if rel else base


# --- rows --------------------------------------------------------------------------------------
# What a row keeps as the width shrinks, fullest first: (flags, tracked/planned, client time,
# note). The client's own clock goes from its range to its start before it goes at all, and the
# note goes first: a note never shows instead of the client's time. The name is kept whole in
# every tier; only when not even the last tier fits is it shortened.
SHORT_NAME = 7  # cells a client's name may shrink to ("Hudson…") before a row gives up its tracked time
_TIERS = [
    ("long", "short", "long", True),
    ("long", "short", "short", True),
    ("long", "short", "short", False),
    ("short", "short", "short", False),
    ("short", "short", "none", False),
    ("short", "none", "none", False),
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
    times = f"{start:%H:%M}-{end:%H:%M}" + ("+1" if info.into_next_day else "") + (" ↻" if b.series is not None else "")
    if b.readonly:
        times += " " + MEETING_MARK
    client = view.clients.get(b.client_id) if b.client_id is not None else None
    who = client.name if client else (f"#{b.batch}" if b.batch else (calendar_of(b) or ""))

    live = ""
    if current:
        live = _("{time} left").format(time=core.minutes_text(standing.left))
    elif upcoming:
        live = _("in {time}").format(time=core.minutes_text(standing.starts_in))

    def flags(form: str) -> list[tuple[str, str]]:
        out = []
        if info.overlaps:
            out.append(("▲ " + _("overlap") if form == "long" else "▲", "$block-overlap"))
        if info.too_close:
            out.append(("△ " + _("no buffer") if form == "long" else "△", "$block-overlap"))
        if info.outside_hours:
            out.append(("△ " + _("outside hours") if form == "long" else "△", "$block-overlap"))
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
    name_cells = (1 + len(dot) + cell_len(who)) if who else 0
    # A client block's note needs its client time beside it; a batch block's note is its story.
    # A meeting's note is its title: always wanted.
    note_wanted = bool(b.note) and (client is None or b.readonly)

    def room_for(chosen: tuple[str, str, str, bool]) -> int:
        right = _right(flags(chosen[0]), actual(chosen[1]), live)
        return width - cell_len(left_fixed) - _len(right) - (2 if right else 0)

    if tier is None:
        # First with the name whole; failing that, a name cut to SHORT_NAME cells keeps the
        # tracked time (plan vs actual matters more than the last letters of a name).
        short_name = min(name_cells, 1 + len(dot) + SHORT_NAME) if who else 0
        # The last form, without the tracked time, only when even a short name leaves no room.
        tier = next((number for name_need in (name_cells, short_name) for number, chosen in enumerate(_TIERS[:-1])
                     if _need(name_need, there(chosen[2]), chosen, b.note if client else "") <= room_for(chosen)),
                    len(_TIERS) - 1)
    chosen = _TIERS[tier]
    right = _right(flags(chosen[0]), actual(chosen[1]), live)
    local_text = there(chosen[2])
    room = room_for(chosen)

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

    def add_local() -> None:
        nonlocal used, shown_local
        if local_text and room - used >= 1 + cell_len(local_text):
            parts.append(" ")
            parts.append((local_text, "$text-muted"))
            used += 1 + cell_len(local_text)
            shown_local = True

    def add_note() -> None:
        nonlocal used
        if b.note and (note_wanted or (chosen[3] and shown_local)) \
                and room - used >= 1 + min(cell_len(b.note), WIDE_NOTE_MIN):
            note = fit(b.note, room - used - 1, cut_words=False)
            if note:
                parts.append(" " + note)
                used += 1 + cell_len(note)

    # A meeting's title says more than the client's clock (which the detail line still gives).
    for add in (add_note, add_local) if b.readonly else (add_local, add_note):
        add()
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
    if b.readonly:
        classes.add("-meeting")
    return RowView(key=f"block:{b.id}", content=Content.assemble(*parts), classes=frozenset(classes), block_id=b.id)


def _need(name_cells: int, local: str, chosen: tuple[str, str, str, bool], client_note: str) -> int:
    """Cells a row's left part needs in the form `chosen`: the name, the client's time, and a
    client block's note where the form shows it."""
    need = name_cells + ((1 + cell_len(local)) if local else 0)
    if chosen[3] and client_note:
        need += 1 + min(cell_len(client_note), WIDE_NOTE_MIN)
    return need


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
    if b.readonly:
        # First: the calendar it comes from is what tells two meetings apart on a narrow pane.
        bits.append(MEETING_MARK + " " + _("calendar {name} (read-only)").format(name=calendar_of(b) or ""))
    if client:
        cs, ce = core.local_span(b, client.tz)
        there = _("{start}-{end} in {city}").format(start=f"{cs:%H:%M}", end=f"{ce:%H:%M}", city=client.city)
        # Next to the client's own times, where it is read, and early, so a narrow pane keeps it.
        bits.append(there + " △ " + _("outside hours") if info.outside_hours else there)
    if b.note:
        bits.append(b.note)
    if b.series is not None:
        bits.append("↻ " + _("repeats: e edits this day, vatui block edit --series the rest"))
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
    rows = [RowView(key=f"banner:{n}", content=Content(fit(BANNER_MARK + " " + text, width)),
                    classes=frozenset({"-banner"})) for n, text in enumerate(view.banners)]
    rows += [RowView(key=f"calendar-note:{n}", content=Content(fit("⚠ " + text, width)),
                     classes=frozenset({"-stale"})) for n, text in enumerate(view.calendar_notes)]
    top = len(rows)
    rows += [block_row(view, n, width) for n in range(len(view.plan.items))]
    if view.plan.contains(view.now) and view.standing.current is None:
        at = sum(1 for i in view.plan.items if i.block.start <= view.now)
        rows.insert(top + at, marker_row(view.now, view.zone, width))
    if not view.plan.items:
        hints = [_("No blocks on this day."), _("a  add one, e.g. 9:30-11 @acme weekly report"),
                 _("p  apply a day template · y  copy the day before")]
        rows += [RowView(key=f"hint:{n}", content=Content(fit(h, width)), classes=frozenset({"-hint"}))
                 for n, h in enumerate(hints)]
    return rows
