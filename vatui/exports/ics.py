"""Time blocks and due dates as an iCalendar file (RFC 5545) that Google Calendar, Outlook and
Apple Calendar import. Built with the `icalendar` library, not by pasting strings.

- Every event has a UID that stays the same from one export to the next (record id + a random
  id kept in the data file), so importing a newer export updates events instead of doubling them.
- Times are UTC (`...Z`), which every calendar converts to the viewer's zone; no VTIMEZONE needed.
- A recurring block series is one event with RRULE (built by vatui.calendars.series_ics and
  passed in as `extra`), with wall times in my zone and its VTIMEZONE.
- A due date is a 15-minute event starting at the due time, marked free (TRANSP:TRANSPARENT) so
  it does not block the calendar; a time block is busy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

import icalendar

from vatui import __version__
from vatui.core.models import Client, Status, Task, TimeBlock
from vatui.i18n import _

PRODID = f"-//vatui//vatui {__version__}//EN"
DUE_LENGTH = timedelta(minutes=15)


def _in(start: datetime, end: datetime, lo: datetime | None, hi: datetime | None) -> bool:
    return (lo is None or end > lo) and (hi is None or start < hi)


def block_summary(block: TimeBlock, client: Client | None) -> str:
    what = client.name if client else (block.batch or _("Time block"))
    return f"{what}: {block.note}" if block.note else what


def build_calendar(*, blocks: Iterable[TimeBlock], tasks: Iterable[Task], clients: Mapping[int, Client],
                   now: datetime, calendar_id: str, start: datetime | None = None, end: datetime | None = None,
                   name: str = "vatui", extra: Iterable[tuple[datetime, str, icalendar.Event]] = ()) -> icalendar.Calendar:
    """Blocks overlapping [start, end) and open tasks due inside it (no bound: everything).
    `extra`: more events as (start, uid, event), sorted in with the rest (the recurring block
    series, vatui.calendars.series_ics); their zones get VTIMEZONE components."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    events: list[tuple[datetime, str, icalendar.Event]] = list(extra)
    zoned = bool(events)
    for block in blocks:
        if not _in(block.start, block.end, start, end):
            continue
        client = clients.get(block.client_id) if block.client_id is not None else None
        ev = icalendar.Event()
        uid = f"block-{block.id}.{calendar_id}@vatui"
        ev.add("uid", uid)
        ev.add("dtstamp", now)
        ev.add("dtstart", block.start)
        ev.add("dtend", block.end)
        ev.add("summary", block_summary(block, client))
        ev.add("description", _("Time block planned in vatui."))
        ev.add("categories", [client.name if client else (block.batch or "vatui")])
        ev.add("transp", "OPAQUE")
        events.append((block.start, uid, ev))
    for task in tasks:
        if task.due is None or task.status is Status.DONE:
            continue
        if (start is not None and task.due < start) or (end is not None and task.due >= end):
            continue
        client = clients.get(task.client_id) if task.client_id is not None else None
        ev = icalendar.Event()
        uid = f"due-{task.id}.{calendar_id}@vatui"
        ev.add("uid", uid)
        ev.add("dtstamp", now)
        ev.add("dtstart", task.due)
        ev.add("dtend", task.due + DUE_LENGTH)
        title = _("Due: {title}").format(title=task.title)
        ev.add("summary", f"{title} ({client.name})" if client else title)
        lines = [_("Batch: {batch}").format(batch=task.batch)]
        if task.notes:
            lines.append(task.notes)
        ev.add("description", "\n".join(lines))
        ev.add("categories", [client.name if client else task.batch])
        ev.add("transp", "TRANSPARENT")
        events.append((task.due, uid, ev))
    for _start, _uid, ev in sorted(events, key=lambda e: (e[0], e[1])):
        cal.add_component(ev)
    if zoned:
        cal.add_missing_timezones()
    return cal
