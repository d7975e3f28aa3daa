"""Time blocks: the day's plan in my zone, where the day stands, and the edits a VA makes to it.

Pure: `now` is always passed in; instants are aware UTC datetimes; a "day" is a calendar date in
my zone (settings.me_zone) and runs from its local midnight to the next, which is 23 or 25 hours
on a DST change day. Lengths, gaps and shifts are real elapsed time (UTC arithmetic); only what
people type and what templates keep are wall-clock times.

The rules, in one place:
- A block belongs to every day it overlaps, so a block crossing midnight shows on both days.
- Two blocks overlap when each starts before the other ends (touching is not overlapping).
- Two blocks are "too close" when they do not overlap and the gap between one's end and the
  other's start is less than the buffer (0 <= gap < buffer). A buffer of zero flags nothing.
- The current block at `now` is the one running (start <= now < end); if several overlap, the
  one that started last (then the one ending first). The next block is the first to start
  after `now`.
- Shift on overrun: the anchor (the block that ran long) ends `delta` later and every block of
  the day that starts after the anchor starts moves `delta` later, so their order and the gaps
  between them (their buffers) stay exactly as they were. See `shift_later`.
- Plan vs actual: the time tracked for the block's client during the block, counting time
  covered by several entries once. See `tracked_during`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from math import ceil

from vatui.core.business import local_instant, zone
from vatui.core.durations import format_duration, parse_duration
from vatui.core.errors import ValidationError
from vatui.core.models import Client, DayTemplateItem, Template, TimeBlock, TimeEntry
from vatui.i18n import _

STEP = timedelta(minutes=15)  # one press of move / stretch / shrink
MIN_LENGTH = timedelta(minutes=5)  # shrinking stops here: a block never reaches zero length
MAX_LENGTH = timedelta(hours=24)  # longer than this is a typo ("14:00 90h"), not a plan
MAX_NOTE = 200

Interval = tuple[datetime, datetime]


# --- days in my zone ---------------------------------------------------------------------------
def day_of(at: datetime, zone_name: str) -> date:
    """The calendar date `at` falls on in the zone."""
    return at.astimezone(zone(zone_name)).date()


def day_bounds(day: date, zone_name: str) -> Interval:
    """[local midnight, next local midnight) as UTC: 23 hours when clocks spring forward, 25
    when they fall back. A midnight that does not exist (zones that change at 00:00) resolves to
    the moment the clocks jump, as `business.local_instant` does."""
    tz = zone(zone_name)
    return local_instant(day, 0, tz), local_instant(day + timedelta(days=1), 0, tz)


def sort_key(block: TimeBlock) -> tuple[datetime, datetime, int]:
    return block.start, block.end, block.id if block.id is not None else -1


def blocks_on(blocks: Iterable[TimeBlock], day: date, zone_name: str) -> list[TimeBlock]:
    """The blocks that overlap the day, in order (start, end, id)."""
    lo, hi = day_bounds(day, zone_name)
    return sorted((b for b in blocks if b.start < hi and b.end > lo), key=sort_key)


def starts_on(block: TimeBlock, day: date, zone_name: str) -> bool:
    return day_of(block.start, zone_name) == day


def overlaps(a: TimeBlock, b: TimeBlock) -> bool:
    return a.start < b.end and b.start < a.end


def gap_between(a: TimeBlock, b: TimeBlock) -> timedelta | None:
    """Free time between two blocks that do not overlap (0 when they touch); None if they overlap."""
    if overlaps(a, b):
        return None
    first, second = (a, b) if a.start <= b.start else (b, a)
    return second.start - first.end


def too_close(a: TimeBlock, b: TimeBlock, buffer: timedelta) -> bool:
    gap = gap_between(a, b)
    return gap is not None and gap < buffer


def whole_minutes_up(delta: timedelta) -> int:
    """Minutes, rounded up: 30 seconds left is "1m left", never "0m left" while still running."""
    return max(0, ceil(delta.total_seconds() / 60))


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    out: list[Interval] = []
    for a, b in sorted(i for i in intervals if i[0] < i[1]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


# --- plan vs actual ----------------------------------------------------------------------------
def tracked_during(block: TimeBlock, entries: Iterable[TimeEntry],
                   task_batches: Mapping[int, str] | None = None) -> timedelta | None:
    """Time tracked for what the block is for, inside the block.

    A client block counts entries for its client. A batch block (no client) counts entries whose
    task is in that batch (`task_batches`: task id -> batch); without that map, or for a block
    with neither client nor batch, there is nothing to compare and the answer is None.
    Overlapping entries (a stopwatch and a Pomodoro at once) count once.
    """
    if block.client_id is not None:
        def wanted(e: TimeEntry) -> bool:
            return e.client_id == block.client_id
    elif block.batch and task_batches is not None:
        def wanted(e: TimeEntry) -> bool:
            return e.task_id is not None and task_batches.get(e.task_id) == block.batch
    else:
        return None
    clipped = ((max(e.start, block.start), min(e.end, block.end)) for e in entries if wanted(e))
    return sum((b - a for a, b in merge_intervals(clipped)), timedelta())


# --- a day's plan ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BlockInfo:
    """One block as the day sees it. `overlaps` and `too_close` hold positions in DayPlan.items."""

    block: TimeBlock
    overlaps: tuple[int, ...] = ()
    too_close: tuple[int, ...] = ()
    from_previous_day: bool = False  # started before this day's midnight
    into_next_day: bool = False  # ends after the next midnight
    actual: timedelta | None = None  # see tracked_during


@dataclass(frozen=True, slots=True)
class Standing:
    """Where the day stands at `now`: positions in DayPlan.items, or None."""

    current: int | None = None
    left: timedelta | None = None  # until the current block ends
    next: int | None = None
    starts_in: timedelta | None = None  # until the next block starts


@dataclass(frozen=True, slots=True)
class DayPlan:
    day: date
    zone: str
    start: datetime  # local midnight, UTC
    end: datetime  # the next local midnight, UTC
    items: tuple[BlockInfo, ...] = ()

    @property
    def length(self) -> timedelta:
        """23, 24 or 25 hours."""
        return self.end - self.start

    @property
    def blocks(self) -> list[TimeBlock]:
        return [i.block for i in self.items]

    @property
    def planned(self) -> timedelta:
        """Planned time within this day; overlapping blocks are counted once."""
        clipped = ((max(i.block.start, self.start), min(i.block.end, self.end)) for i in self.items)
        return sum((b - a for a, b in merge_intervals(clipped)), timedelta())

    @property
    def tracked(self) -> timedelta:
        return sum((i.actual for i in self.items if i.actual is not None), timedelta())

    def contains(self, at: datetime) -> bool:
        return self.start <= at < self.end

    def index_of(self, block_id: int | None) -> int | None:
        return next((n for n, i in enumerate(self.items) if i.block.id == block_id), None) if block_id is not None else None

    def standing(self, now: datetime) -> Standing:
        running = [n for n, i in enumerate(self.items) if i.block.start <= now < i.block.end]
        current = max(running, key=lambda n: (self.items[n].block.start, -self.items[n].block.end.timestamp()),
                      default=None)
        upcoming = [n for n, i in enumerate(self.items) if i.block.start > now]
        nxt = min(upcoming, key=lambda n: sort_key(self.items[n].block), default=None)
        return Standing(
            current=current,
            left=self.items[current].block.end - now if current is not None else None,
            next=nxt,
            starts_in=self.items[nxt].block.start - now if nxt is not None else None,
        )


def plan_day(blocks: Iterable[TimeBlock], day: date, zone_name: str, *, buffer: timedelta,
             entries: Iterable[TimeEntry] = (), task_batches: Mapping[int, str] | None = None) -> DayPlan:
    """The day's blocks in order, each with its overlap / too-close flags and tracked time."""
    lo, hi = day_bounds(day, zone_name)
    ordered = blocks_on(blocks, day, zone_name)
    entries = [e for e in entries if e.start < hi and e.end > lo]
    items = []
    for n, b in enumerate(ordered):
        others = [(m, o) for m, o in enumerate(ordered) if m != n]
        items.append(BlockInfo(
            block=b,
            overlaps=tuple(m for m, o in others if overlaps(b, o)),
            too_close=tuple(m for m, o in others if too_close(b, o, buffer)),
            from_previous_day=b.start < lo,
            into_next_day=b.end > hi,
            actual=tracked_during(b, entries, task_batches),
        ))
    return DayPlan(day=day, zone=zone_name, start=lo, end=hi, items=tuple(items))


# --- edits -------------------------------------------------------------------------------------
def move(block: TimeBlock, delta: timedelta) -> TimeBlock:
    """The same block `delta` later (earlier if negative); its length does not change."""
    return replace(block, start=block.start + delta, end=block.end + delta)


def resize(block: TimeBlock, delta: timedelta) -> TimeBlock:
    """The block with its end `delta` later (stretch) or earlier (shrink). Shrinking stops at
    MIN_LENGTH; a block already that short cannot shrink (ValidationError)."""
    end = block.end + delta
    if end - block.start < MIN_LENGTH:
        if block.length <= MIN_LENGTH:
            raise ValidationError(
                _("{field}: the block is already {length}, as short as a block can be").format(
                    field="length", length=format_duration(block.length)),
                field="length")
        end = block.start + MIN_LENGTH
    if end - block.start > MAX_LENGTH:
        raise ValidationError(_("{field}: a block cannot be longer than 24 hours").format(field="length"), field="length")
    return replace(block, end=end)


def overrun(block: TimeBlock, now: datetime) -> timedelta:
    """How long past its end `now` is, to the nearest whole minute (so that after a shift the
    block ends "now" on the clock, not a minute later); zero if it has not ended."""
    if now <= block.end:
        return timedelta()
    return timedelta(minutes=int((now - block.end).total_seconds() / 60 + 0.5))


def overrun_anchor(blocks: Sequence[TimeBlock], now: datetime, selected: TimeBlock | None = None) -> TimeBlock | None:
    """The block that ran long: the selected block if it has ended (and started before now),
    otherwise the block that ended most recently. None when no block has ended yet."""
    if selected is not None and selected.start < now and selected.end <= now:
        return selected
    ended = [b for b in blocks if b.end <= now]
    return max(ended, key=lambda b: (b.end, b.start), default=None)


def _same(a: TimeBlock, b: TimeBlock) -> bool:
    return a is b or (a.id is not None and a.id == b.id)


def day_end_after(block: TimeBlock, zone_name: str) -> datetime:
    """The end of the day (my zone) in which the block ends: how far a shift after it reaches.
    A block ending exactly at midnight ends on the day it ran, not the next."""
    return day_bounds(day_of(block.end - timedelta(microseconds=1), zone_name), zone_name)[1]


def shift_later(blocks: Sequence[TimeBlock], anchor: TimeBlock, delta: timedelta, *, until: datetime) -> list[TimeBlock]:
    """Make room after a block that overran (or will): the changed blocks, anchor first.

    Precisely: the anchor's end moves by `delta`, and every block that starts after the anchor
    starts and before `until` (the end of the day in my zone) moves by `delta`, start and end.
    Blocks starting at the same instant as the anchor run beside it and stay. Since everything
    after the anchor moves by the same amount, their order and the gaps between them, and the
    gap after the anchor, are unchanged. A negative `delta` pulls them earlier; it may not make
    the anchor shorter than MIN_LENGTH nor move a block to start before the anchor starts.
    Moved blocks may end up crossing midnight; they then show on the next day too.
    """
    if not delta:
        return []
    new_anchor = replace(anchor, end=anchor.end + delta)
    if new_anchor.length < MIN_LENGTH:
        raise ValidationError(
            _("{field}: {delta} earlier would leave the block shorter than {minimum}").format(
                field="shift", delta=format_duration(-delta), minimum=format_duration(MIN_LENGTH)),
            field="shift")
    later = [b for b in blocks if not _same(b, anchor) and anchor.start < b.start < until]
    moved = [move(b, delta) for b in sorted(later, key=sort_key)]
    if moved and moved[0].start <= anchor.start:
        raise ValidationError(
            _("{field}: {delta} earlier would move a block before the one it follows").format(
                field="shift", delta=format_duration(-delta)), field="shift")
    return [new_anchor, *moved]


# --- templates and copying ---------------------------------------------------------------------
def _wall_minute(at: datetime, zone_name: str) -> int:
    local = at.astimezone(zone(zone_name))
    return local.hour * 60 + local.minute


def template_items(blocks: Iterable[TimeBlock], day: date, zone_name: str) -> tuple[DayTemplateItem, ...]:
    """The blocks that start on `day` as wall-clock items (09:30 stays 09:30 on any day).
    A block carried over from the day before belongs to that day's plan and is left out."""
    return tuple(
        DayTemplateItem(start_minute=_wall_minute(b.start, zone_name),
                        minutes=max(1, round(b.length.total_seconds() / 60)),
                        client_id=b.client_id, batch=b.batch, note=b.note)
        for b in blocks_on(blocks, day, zone_name) if starts_on(b, day, zone_name)
    )


def day_template(name: str, blocks: Iterable[TimeBlock], day: date, zone_name: str) -> Template:
    items = template_items(blocks, day, zone_name)
    if not items:
        raise ValidationError(_("{field}: no block starts on {day}, so there is nothing to save").format(
            field="template", day=day.isoformat()), field="template")
    return Template(kind="day", name=name, items=items)


def _key(b: TimeBlock) -> tuple:
    return b.start, b.end, b.client_id, b.batch


def blocks_from_items(items: Iterable[DayTemplateItem], day: date, zone_name: str, *,
                      existing: Iterable[TimeBlock] = (),
                      known_clients: Collection[int] | None = None) -> tuple[list[TimeBlock], int]:
    """Blocks for `day` from template items: (new blocks, how many items were skipped).

    Items keep their wall-clock start (a 09:30 item is 09:30 on a DST day too; a start inside
    a spring-forward gap resolves to the moment the clocks jump) and their real length. An item
    whose client no longer exists (not in `known_clients`) is skipped, and so is one that would
    repeat a block already there (same start, end, client and batch), so applying twice does
    not double the plan.
    """
    tz = zone(zone_name)
    seen = {_key(b) for b in existing}
    out: list[TimeBlock] = []
    skipped = 0
    for item in items:
        if item.client_id is not None and known_clients is not None and item.client_id not in known_clients:
            skipped += 1
            continue
        start = local_instant(day, item.start_minute, tz)
        block = TimeBlock(start=start, end=start + timedelta(minutes=item.minutes), client_id=item.client_id,
                          batch=item.batch, note=item.note)
        if _key(block) in seen:
            skipped += 1
            continue
        seen.add(_key(block))
        out.append(block)
    return out, skipped


def copy_day(blocks: Iterable[TimeBlock], source: date, target: date, zone_name: str, *,
             known_clients: Collection[int] | None = None) -> tuple[list[TimeBlock], int]:
    """The plan of `source` (blocks starting that day) laid on `target` at the same wall-clock
    times, leaving out blocks `target` already has: (new blocks, skipped)."""
    blocks = list(blocks)
    return blocks_from_items(template_items(blocks, source, zone_name), target, zone_name,
                             existing=blocks_on(blocks, target, zone_name), known_clients=known_clients)


# --- what people type --------------------------------------------------------------------------
_TIME = r"(?:now|\d{1,2}(?::\d{2})?\s*(?:am|pm|a|p)?|\d{3,4})"
_RANGE_HEAD = re.compile(rf"^\s*({_TIME})\s*[-–—]\s*({_TIME})(?=\s|$)", re.IGNORECASE)
_START_HEAD = re.compile(rf"^\s*({_TIME})(?=\s|$)", re.IGNORECASE)
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a|p)?$|^(\d{1,2})(\d{2})$", re.IGNORECASE)
_DURATION = re.compile(r"^\d+(?:\.\d+)?[smhdw]|^\d+h\d{1,2}$", re.IGNORECASE)
_BATCH = re.compile(r"^#([a-z][\w-]*)$", re.IGNORECASE)

EXAMPLES = "9:30-11 @acme, 14:00 90m #email or now 45m"


@dataclass(frozen=True, slots=True)
class _Clock:
    token: str
    minute: int | None  # minutes after midnight; None for "now"
    suffix: str | None  # "am" / "pm" if written


def _clock(token: str, field: str) -> _Clock:
    t = token.strip().lower()
    if t == "now":
        return _Clock(token, None, None)
    m = _CLOCK.match(t)
    if not m:
        raise ValidationError(_("{field}: {text!r} is not a time; write e.g. 9:30, 14:00 or 2pm").format(
            field=field, text=token), field=field)
    if m.group(4) is not None:
        hour, minute, suffix = int(m.group(4)), int(m.group(5)), None
    else:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        suffix = {"a": "am", "p": "pm"}.get(m.group(3) or "", m.group(3))
    if minute > 59:
        raise ValidationError(_("{field}: {text!r} is not a time (minutes go up to 59)").format(field=field, text=token),
                              field=field)
    if suffix:
        if not 1 <= hour <= 12:
            raise ValidationError(_("{field}: {text!r} is not a time (with am/pm the hour is 1 to 12)").format(
                field=field, text=token), field=field)
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour * 60 + minute > 24 * 60:
        raise ValidationError(_("{field}: {text!r} is not a time (hours go up to 24:00)").format(field=field, text=token),
                              field=field)
    return _Clock(token, hour * 60 + minute, suffix)


def _with_suffix(c: _Clock, suffix: str) -> _Clock:
    """"2-4pm" means 14:00-16:00: a start written without am/pm takes the end's."""
    if c.minute is None or c.suffix or c.minute >= 13 * 60 or c.minute < 60:
        return c
    hour, minute = divmod(c.minute, 60)
    hour = hour % 12 + (12 if suffix == "pm" else 0)
    return _Clock(c.token, hour * 60 + minute, suffix)


def _slug(name: str) -> str:
    """A name as one typeable word: "Acorn Ltd." -> "acornltd" (so @acorn-ltd finds it too)."""
    return re.sub(r"[\s\-_.']", "", name.casefold())


def find_client(clients: Iterable[Client], token: str, *, field: str = "client") -> Client:
    """A client by name, ignoring case and spaces: the exact name first, then a unique prefix
    ("@acm" -> Acme), as `Store.client_named` does, but saying why when nothing fits."""
    clients = list(clients)
    key = " ".join(token.split()).casefold().lstrip("@")
    if not key:
        raise ValidationError(_("{field}: write the client's name after @, e.g. @acme").format(field=field), field=field)
    slug = _slug(key)
    for c in clients:
        if c.key == key:
            return c
    for c in clients:
        if _slug(c.key) == slug:
            return c
    matches = [c for c in clients if _slug(c.key).startswith(slug)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(sorted(c.name for c in matches))
        raise ValidationError(_("{field}: {text!r} fits several clients ({names}); type more of the name").format(
            field=field, text=token, names=names), field=field)
    known = ", ".join(sorted(c.name for c in clients)) or _("none yet")
    raise ValidationError(_("{field}: no client called {text!r} (clients: {known})").format(
        field=field, text=token, known=known), field=field)


def parse_block(text: str, *, day: date, zone_name: str, now: datetime,
                clients: Iterable[Client] | Callable[[], Iterable[Client]]) -> TimeBlock:
    """Read what people type into the add/edit field, e.g. "9:30-11 @acme weekly report",
    "14:00 90m #email" or "now 45m", as a block on `day` in my zone.

    The text starts with a time range ("9:30-11", "2-4pm", "now-11:00") or a start and a length
    ("14:00 90m", "now 45m"). Then, in any order: @client (a unique prefix of a name), #batch,
    and a free-text note. A block past midnight is written with its length ("23:00 2h");
    "22:00-24:00" ends at midnight. Bad input raises ValidationError naming the bad token; its
    `field` is one of start, end, length, client, batch, note.
    """
    raw = " ".join(text.split())
    if not raw:
        raise ValidationError(_("{field}: type a time and what the block is for, e.g. {examples}").format(
            field="start", examples=EXAMPLES), field="start")
    tz = zone(zone_name)
    now_minute = now.replace(second=0, microsecond=0)

    def instant(c: _Clock) -> datetime:
        return now_minute if c.minute is None else local_instant(day, c.minute, tz)

    end: datetime | None = None
    ranged = _RANGE_HEAD.match(raw)
    if ranged:
        first, last = _clock(ranged.group(1), "start"), _clock(ranged.group(2), "end")
        if last.minute is None:
            raise ValidationError(_("{field}: {text!r} cannot end a block; write a time, e.g. now-11:00").format(
                field="end", text=last.token), field="end")
        if last.suffix and not first.suffix:
            guess = _with_suffix(first, last.suffix)
            if guess.minute is not None and guess.minute < last.minute:
                first = guess
        start, end = instant(first), instant(last)
        rest = raw[ranged.end():].split()
        if end == start:
            raise ValidationError(_("{field}: {text!r} has zero length").format(field="end", text=ranged.group(0).strip()),
                                  field="end")
        if end < start:
            raise ValidationError(
                _("{field}: {text!r} is before the start {start!r}; for a block past midnight write "
                  "its length, e.g. 23:00 2h").format(field="end", text=last.token, start=first.token), field="end")
    else:
        head = _START_HEAD.match(raw)
        if not head:
            token = raw.split()[0]
            raise ValidationError(_("{field}: {text!r} is not a time; begin with one, e.g. {examples}").format(
                field="start", text=token, examples=EXAMPLES), field="start")
        first = _clock(head.group(1), "start")
        if first.minute == 24 * 60:
            raise ValidationError(_("{field}: {text!r} is the end of the day; start at 23:59 at the latest").format(
                field="start", text=first.token), field="start")
        start = instant(first)
        rest = raw[head.end():].split()

    client_id: int | None = None
    client_token = batch = None
    length: timedelta | None = None
    note: list[str] = []
    for token in rest:
        if token == "@":
            raise ValidationError(_("{field}: write the client's name after @, e.g. @acme").format(field="client"),
                                  field="client")
        if token.startswith("@"):
            if client_token is not None:
                raise ValidationError(_("{field}: one client per block ({first!r} and {text!r})").format(
                    field="client", first=client_token, text=token), field="client")
            pool = clients() if callable(clients) else clients
            client_id = find_client(pool, token).id
            client_token = token
        elif _BATCH.match(token):
            if batch is not None:
                raise ValidationError(_("{field}: one batch per block ({first} and {text!r})").format(
                    field="batch", first="#" + batch, text=token), field="batch")
            batch = token[1:].lower()
        elif token == "#":
            raise ValidationError(_("{field}: write the batch after #, e.g. #email").format(field="batch"), field="batch")
        elif length is None and not note and _DURATION.match(token):
            if end is not None:
                raise ValidationError(_("{field}: {text!r} given as well as an end time; give one or the other").format(
                    field="length", text=token), field="length")
            length = parse_duration(token, field="length", allow_zero=True)
            if not length:
                raise ValidationError(_("{field}: {text!r} is zero length").format(field="length", text=token),
                                      field="length")
        else:
            note.append(token)
    if end is None:
        if length is None:
            raise ValidationError(
                _("{field}: {text!r} needs an end or a length, e.g. {start}-11:00 or {start} 45m").format(
                    field="length", text=first.token, start=first.token),
                field="length")
        end = start + length
    if end - start > MAX_LENGTH:
        raise ValidationError(_("{field}: {length} is longer than a day").format(
            field="length", length=format_duration(end - start)), field="length")
    text_note = " ".join(note)
    if len(text_note) > MAX_NOTE:
        raise ValidationError(_("{field}: keep the note under {count} characters").format(field="note", count=MAX_NOTE),
                              field="note")
    return TimeBlock(start=start, end=end, client_id=client_id, batch=batch, note=text_note)


def client_token(client: Client) -> str:
    return "@" + _slug(client.key)


def block_text(block: TimeBlock, zone_name: str, clients: Mapping[int, Client]) -> str:
    """The block as it would be typed: what the edit field starts with. `parse_block` on the
    block's own start day reads it back to the same block."""
    tz = zone(zone_name)
    start = block.start.astimezone(tz)
    end = block.end.astimezone(tz)
    midnight = day_bounds(start.date(), zone_name)[1]
    if end.date() == start.date() and end.replace(tzinfo=None) > start.replace(tzinfo=None):
        times = f"{start:%H:%M}-{end:%H:%M}"
    elif block.end == midnight:
        times = f"{start:%H:%M}-24:00"
    else:
        times = f"{start:%H:%M} {format_duration(block.length)}"
    parts = [times]
    if block.client_id is not None and block.client_id in clients:
        parts.append(client_token(clients[block.client_id]))
    if block.batch:
        parts.append("#" + block.batch)
    if block.note:
        parts.append(block.note)
    return " ".join(parts)


def local_span(block: TimeBlock, zone_name: str) -> tuple[datetime, datetime]:
    """The block's start and end on the clock of another zone (a client's)."""
    tz = zone(zone_name)
    return block.start.astimezone(tz), block.end.astimezone(tz)

