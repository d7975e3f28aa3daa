"""Recurring block series as iCalendar: one VEVENT with RRULE per series, for `vatui export --ics`.

A series (core/block_series.py) lays its days out as ordinary blocks carrying its id, a fortnight
ahead; a day's block may be removed or edited on its own. The export says the same thing the way
calendars do, and never shows an occurrence twice:
- the series is one VEVENT: DTSTART/DTEND at the first day's wall time in my zone (with TZID, so
  09:00 stays 09:00 across DST changes) and the RRULE (plan_events.add_recurrence);
- a day the rule names, up to the last day laid out, that has no block any more is an EXDATE;
- a day whose block differs from the series' (another time, length, client or note) is a
  VEVENT with the same UID and RECURRENCE-ID set to the day's series start, carrying the block;
- every block so accounted for is left out of the single events (`covered`). A block of a series
  that no longer exists (ended), or on a day the rule does not name, stays a single event.
Days past the laid-out ones come from the RRULE alone, which is how the series goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from vatui.calendars.plan_events import add_recurrence
from vatui.core import block_series as core
from vatui.core import recurrence
from vatui.core.models import Client, TimeBlock

FIRST_DAY_SEARCH = timedelta(days=4 * 366 + 1)  # a yearly rule on 29 February falls within four years


@dataclass(frozen=True)
class SeriesEvents:
    events: list[tuple[datetime, str, icalendar.Event]]  # (sort start, uid, event), as build_calendar sorts them
    covered: set[int]  # ids of blocks the series events stand for: not to be exported again


def series_uid(series_id: int, calendar_id: str) -> str:
    return f"series-{series_id}.{calendar_id}@vatui"


def _same(block: TimeBlock, expected: TimeBlock) -> bool:
    return (block.start, block.end, block.client_id, block.batch, block.note) == (
        expected.start, expected.end, expected.client_id, expected.batch, expected.note)


def _fill(event: icalendar.Event, block: TimeBlock, clients: Mapping[int, Client], uid: str, now: datetime) -> None:
    from vatui.exports.ics import block_summary
    from vatui.i18n import _

    client = clients.get(block.client_id) if block.client_id is not None else None
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("summary", block_summary(block, client))
    event.add("description", _("Time block planned in vatui."))
    event.add("categories", [client.name if client else (block.batch or "vatui")])
    event.add("transp", "OPAQUE")


def series_events(series: Iterable[core.BlockSeries], blocks: Iterable[TimeBlock], *, zone_name: str,
                  clients: Mapping[int, Client], now: datetime, calendar_id: str,
                  start: datetime | None = None, end: datetime | None = None) -> SeriesEvents:
    """The VEVENTs of every series that has days in [start, end) (no bound: every series), and
    the blocks they stand for. `blocks` should hold the archived blocks too: a day whose block
    was only archived is not a removed day."""
    tz = ZoneInfo(zone_name)
    by_series: dict[int, list[TimeBlock]] = {}
    for b in blocks:
        if b.series is not None and b.id is not None:
            by_series.setdefault(b.series, []).append(b)
    events: list[tuple[datetime, str, icalendar.Event]] = []
    covered: set[int] = set()
    for s in series:
        if recurrence.is_after(s.rule):
            continue
        first = recurrence.days_in(s.rule, s.anchor, s.anchor + FIRST_DAY_SEARCH, s.anchor)[:1]
        if not first:
            continue
        master_block = core.block_on(s, first[0], zone_name)
        if end is not None and master_block.start >= end:
            continue
        uid = series_uid(s.id, calendar_id)
        days = recurrence.days_in(s.rule, first[0], s.through, s.anchor)
        own: dict = {}
        for b in sorted(by_series.get(s.id, []), key=lambda b: (b.start, b.id)):
            own.setdefault(core.local_day(b.start, zone_name), b)  # a second block that day stays single
        master = icalendar.Event()
        _fill(master, master_block, clients, uid, now)
        add_recurrence(master, s.rule, start=master_block.start, end=master_block.end, zone=zone_name)
        removed, overrides = [], []
        for day in days:
            expected = core.block_on(s, day, zone_name)
            block = own.get(day)
            if block is None:
                removed.append(expected.start.astimezone(tz))
                continue
            covered.add(block.id)  # type: ignore[arg-type]
            if _same(block, expected):
                continue
            override = icalendar.Event()
            _fill(override, block, clients, uid, now)
            override.add("recurrence-id", expected.start.astimezone(tz))
            override.add("dtstart", block.start)
            override.add("dtend", block.end)
            overrides.append((block.start, uid, override))
        if removed:
            master.add("exdate", removed)
        events.append((master_block.start, uid, master))
        events += overrides
    return SeriesEvents(events, covered)
