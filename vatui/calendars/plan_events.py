"""The plan (time blocks, open tasks' due times) as the VEVENTs that `vatui calendar push` writes
to a CalDAV calendar, and the RRULE of a recurring block.

The events are the ones `vatui export --ics` writes (vatui.exports.ics.build_calendar), so an
imported file and a pushed calendar carry the same UIDs; one difference: the export writes a
block series as one RRULE event (calendars/series_ics.py), a push writes its laid-out days. Each pushed event also carries:
- `X-VATUI-CALENDAR`: the data file's calendar id. Only events with this mark *and* a UID of
  this data file are ever updated or deleted by a push; a user's own events are left alone.
- `X-VATUI-DIGEST`: a digest of the event's content (everything but DTSTAMP). A push rewrites
  an event only when the digest on the server differs, so pushing twice changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import icalendar

from vatui.core.errors import ValidationError
from vatui.core.models import Client, Task, TimeBlock
from vatui.i18n import _

if TYPE_CHECKING:
    from vatui.store import Store

MARK = "X-VATUI-CALENDAR"
DIGEST = "X-VATUI-DIGEST"
STATE_KEY = "calendar_id"


def calendar_id(store: Store) -> str:
    """A random id kept in the data file, part of every event's UID: re-importing an export or
    pushing again updates events, and two data files never share UIDs."""
    known = store.get_state(STATE_KEY)
    if isinstance(known, str) and known:
        return known
    import uuid

    made = uuid.uuid4().hex[:16]
    store.set_state(STATE_KEY, made)
    return made


def uid_suffix(cal_id: str) -> str:
    """What every UID of one data file ends with (see vatui.exports.ics)."""
    return f".{cal_id}@vatui"


def is_ours(event: icalendar.cal.Component, cal_id: str) -> bool:
    """An event this data file pushed: its UID and its mark both say so."""
    uid = str(event.get("uid", ""))
    return uid.endswith(uid_suffix(cal_id)) and str(event.get(MARK, "")) == cal_id


def content_digest(event: icalendar.Event) -> str:
    """A digest of the event's content lines, DTSTAMP and the digest itself left out."""
    lines = [line for line in event.to_ical().splitlines()
             if not line.upper().startswith((b"DTSTAMP", DIGEST.encode()))]
    return hashlib.sha256(b"\n".join(lines)).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class PlanEvent:
    uid: str
    start: datetime
    end: datetime
    ical: str  # a whole VCALENDAR holding this one event, as the server stores it
    digest: str


def plan_events(*, blocks: Iterable[TimeBlock], tasks: Iterable[Task], clients: Mapping[int, Client],
                now: datetime, cal_id: str) -> dict[str, PlanEvent]:
    """Every block and every open task's due time as a marked event, by UID (no date bounds:
    the caller picks the window, and tells a removed block from one outside it)."""
    from vatui.exports.ics import build_calendar

    cal = build_calendar(blocks=blocks, tasks=tasks, clients=clients, now=now, calendar_id=cal_id)
    out: dict[str, PlanEvent] = {}
    for event in cal.walk("VEVENT"):
        event.add(MARK, cal_id)
        digest = content_digest(event)
        event.add(DIGEST, digest)
        one = icalendar.Calendar()
        for name in ("prodid", "version", "calscale"):
            one.add(name, cal[name])
        one.add_component(event)
        uid = str(event["uid"])
        out[uid] = PlanEvent(uid, event.decoded("dtstart"), event.decoded("dtend"), one.to_ical().decode("utf-8"), digest)
    return out


def recurrence_rule(text: str) -> icalendar.vRecur:
    """A block series' rule (RFC 5545 RRULE text such as "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    with or without the leading "RRULE:") as the value of a VEVENT's RRULE property. Text that
    is not a rule is refused with the reason, never written into a calendar half-understood."""
    from dateutil.rrule import rrulestr

    rule = text.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:"):]
    if not rule or "\n" in rule:
        raise ValidationError(_("{text!r} is not a repeat rule such as FREQ=WEEKLY;BYDAY=MO,WE").format(text=text),
                              field="rrule")
    try:
        value = icalendar.vRecur.from_ical(rule)
        if "FREQ" not in value:
            raise ValueError("FREQ missing")
        # dateutil checks what icalendar lets through: unknown parts, bad weekdays, COUNT with UNTIL
        rrulestr(rule, dtstart=datetime(2026, 1, 1))
    except (ValueError, TypeError) as exc:
        raise ValidationError(_("{text!r} is not a repeat rule such as FREQ=WEEKLY;BYDAY=MO,WE ({problem})").format(
            text=text, problem=exc), field="rrule") from None
    return value


def add_recurrence(event: icalendar.Event, rule: str, *, start: datetime, end: datetime, zone: str) -> None:
    """Make `event` the series of a recurring block: DTSTART/DTEND on the wall clock of `zone`
    (with TZID, so 09:00 stays 09:00 across a DST change, which UTC times would not) and the
    RRULE. The calendar holding it then needs its VTIMEZONE: `cal.add_missing_timezones()`."""
    from zoneinfo import ZoneInfo

    value = recurrence_rule(rule)
    where = ZoneInfo(zone)
    for name, at in (("dtstart", start), ("dtend", end)):
        event.pop(name, None)
        event.add(name, at.astimezone(where))
    event.pop("rrule", None)
    event.add("rrule", value)
