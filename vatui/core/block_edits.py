"""The edits a VA makes to a day's plan: move, stretch or shrink a block, shift the rest of the
day after an overrun, and lay a saved day template (or another day's plan) onto a day.

The rules (what counts as overlap, the day in my zone, the shift's promise) are in blocks.py.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from vatui.core.blocks import MAX_LENGTH, blocks_on, day_bounds, day_of, sort_key, starts_on
from vatui.core.business import local_instant, zone
from vatui.core.durations import format_duration
from vatui.core.errors import ValidationError
from vatui.core.grammar import parse_duration
from vatui.core.models import DayTemplateItem, Template, TimeBlock
from vatui.i18n import _

STEP = timedelta(minutes=15)  # one press of move / stretch / shrink
MIN_LENGTH = timedelta(minutes=5)  # shrinking stops here: a block never reaches zero length


def parse_shift(text: str) -> timedelta:
    """How much a shift moves blocks: "20m", "1h", "-15m", or a bare number of minutes ("20").
    Used by `vatui block shift` and the cockpit's `O`."""
    delta = parse_duration(text, field="shift", allow_zero=True, allow_sign=True, bare_minutes=True)
    if not delta:
        raise ValidationError(_("shift: {text!r} is no time at all; write e.g. 15m or -10m").format(text=text), field="shift")
    return delta


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


def overrun_anchor(blocks: Sequence[TimeBlock], now: datetime) -> TimeBlock | None:
    """The block an overrun shift is about: the block running at `now` when one runs (the one
    that started last, if several overlap), else the block that ended most recently. None when
    no block runs and none has ended yet."""
    running = [b for b in blocks if b.start <= now < b.end]
    if running:
        return max(running, key=lambda b: (b.start, b.end))
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
