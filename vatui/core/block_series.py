"""Recurring blocks: "9:00-9:30 @acme standup" on every day a rule names.

A series keeps the block's wall times in my zone (start minute and length), its client, batch and
note, the rule (core/recurrence.py), the day it starts and the last day it has been laid out to.
Its days are laid out as ordinary blocks carrying the series id, a fortnight ahead: so the
timeline, `vatui today` and reports read them like any block, a day's block can be edited or
removed on its own (an exception to the series), and a removed day does not come back.
Pure: days and "today" are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from vatui.core import recurrence
from vatui.core.business import local_instant, zone
from vatui.core.models import TimeBlock

HORIZON_DAYS = 14  # how far ahead of today a series' blocks are laid out


@dataclass(frozen=True, slots=True)
class BlockSeries:
    id: int
    rule: str
    start_minute: int  # minutes after my local midnight
    minutes: int
    anchor: date  # the first day the series may fall on
    through: date  # blocks are laid out up to and including this day
    client_id: int | None = None
    batch: str | None = None
    note: str = ""

    def to_json(self) -> dict:
        return {"id": self.id, "rule": self.rule, "start_minute": self.start_minute, "minutes": self.minutes,
                "anchor": self.anchor.isoformat(), "through": self.through.isoformat(), "client": self.client_id,
                "batch": self.batch, "note": self.note}

    @classmethod
    def from_json(cls, d: dict) -> BlockSeries:
        return cls(id=int(d["id"]), rule=recurrence.validate_rule(str(d["rule"])), start_minute=int(d["start_minute"]),
                   minutes=int(d["minutes"]), anchor=date.fromisoformat(d["anchor"]),
                   through=date.fromisoformat(d["through"]), client_id=d.get("client"), batch=d.get("batch"),
                   note=str(d.get("note", "")))


def from_block(block: TimeBlock, rule: str, series_id: int, zone_name: str) -> BlockSeries:
    """The series a typed block starts: its day, wall time and length, laid out through nothing yet."""
    start = block.start.astimezone(zone(zone_name))
    day = start.date()
    return BlockSeries(id=series_id, rule=rule, start_minute=start.hour * 60 + start.minute,
                       minutes=int(block.length.total_seconds() // 60), anchor=day, through=day - timedelta(days=1),
                       client_id=block.client_id, batch=block.batch, note=block.note)


def block_on(series: BlockSeries, day: date, zone_name: str) -> TimeBlock:
    """The series' block on `day`: the same wall time in my zone whatever the DST offset."""
    start = local_instant(day, series.start_minute, zone(zone_name))
    return TimeBlock(start=start, end=start + timedelta(minutes=series.minutes), client_id=series.client_id,
                     batch=series.batch, note=series.note, series=series.id)


def lay_out(series: BlockSeries, upto: date, zone_name: str, *,
            is_closed: recurrence.IsClosed = lambda _d: False) -> tuple[BlockSeries, list[TimeBlock]]:
    """The blocks of the days after `series.through` up to `upto`, and the series moved on."""
    first = max(series.through + timedelta(days=1), series.anchor)
    if upto < first:
        return series, []
    days = recurrence.days_in(series.rule, first, upto, series.anchor, is_closed=is_closed)
    return replace(series, through=upto), [block_on(series, d, zone_name) for d in days]


def reshaped(series: BlockSeries, block: TimeBlock, zone_name: str) -> BlockSeries:
    """The series with the wall time, length, client, batch and note of `block` (a typed edit)."""
    start = block.start.astimezone(zone(zone_name))
    return replace(series, start_minute=start.hour * 60 + start.minute, minutes=int(block.length.total_seconds() // 60),
                   client_id=block.client_id, batch=block.batch, note=block.note)


def horizon(today: date) -> date:
    return today + timedelta(days=HORIZON_DAYS)


def local_day(at: datetime, zone_name: str) -> date:
    return at.astimezone(zone(zone_name)).date()
