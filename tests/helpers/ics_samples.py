"""iCalendar text for the calendar tests, built from small pieces so each test states only what
differs (an offsite's days, an extra event) and every test reads the same Acme standup.

`vevent()` writes one VEVENT, `vcalendar()` wraps events into the bytes a server or file serves
(CRLF line ends, as RFC 5545 asks). DTSTART/DTEND values carry their parameters: `zoned()` for a
wall time in a named zone, `day()` for an all-day date, `utc()` for a UTC instant.

The Acme standup is Mondays 09:00-09:30 in New York from 19 October 2026; the US clocks fall back
on 1 November 2026. Its exceptions: 26 October is excluded (EXDATE) and the 9 November occurrence
is moved to Tuesday 10 November 11:00 (RECURRENCE-ID).
"""

from __future__ import annotations

import datetime as dt

NEW_YORK = "America/New_York"
MONDAYS = "FREQ=WEEKLY;BYDAY=MO"


def zoned(zone: str, stamp: str) -> str:
    """A wall time in `zone`, e.g. zoned(NEW_YORK, "20261019T090000")."""
    return f";TZID={zone}:{stamp}"


def day(date: dt.date) -> str:
    """An all-day date."""
    return f";VALUE=DATE:{date:%Y%m%d}"


def utc(stamp: str) -> str:
    """A UTC instant, e.g. utc("20261103T100000Z")."""
    return f":{stamp}"


def vevent(uid: str, summary: str, start: str, end: str, *, rrule: str | None = None,
           exdate: str | None = None, recurrence_id: str | None = None, extra: tuple[str, ...] = ()) -> str:
    """One VEVENT; `extra` holds further property lines (STATUS, TRANSP, ATTENDEE, ...)."""
    lines = ["BEGIN:VEVENT", f"UID:{uid}"]
    if recurrence_id is not None:
        lines.append(f"RECURRENCE-ID{recurrence_id}")
    lines += [f"SUMMARY:{summary}", *extra, f"DTSTART{start}", f"DTEND{end}"]
    if rrule is not None:
        lines.append(f"RRULE:{rrule}")
    if exdate is not None:
        lines.append(f"EXDATE{exdate}")
    lines.append("END:VEVENT")
    return "".join(line + "\r\n" for line in lines)


def vcalendar(*events: str, prodid: str = "test", headers: tuple[str, ...] = ()) -> bytes:
    """A whole calendar; `headers` are calendar properties such as X-WR-TIMEZONE."""
    head = "".join(line + "\r\n" for line in ("BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{prodid}", *headers))
    return (head + "".join(events) + "END:VCALENDAR\r\n").encode()


def standup(*, excluded: str | None = None) -> str:
    """The weekly Acme standup; `excluded` is an EXDATE wall time in New York."""
    return vevent("standup", "Acme standup", zoned(NEW_YORK, "20261019T090000"),
                  zoned(NEW_YORK, "20261019T093000"), rrule=MONDAYS,
                  exdate=None if excluded is None else zoned(NEW_YORK, excluded))


def offsite(first: dt.date, days: int = 1, *, uid: str = "offsite", summary: str = "offsite") -> str:
    """An all-day event over `days` days from `first` (DTEND is the day after the last)."""
    return vevent(uid, summary, day(first), day(first + dt.timedelta(days=days)))


STANDUP = standup()

# The standup with its two exceptions: 26 October left out, 9 November moved to Tuesday 11:00.
STANDUP_WITH_EXCEPTIONS = (
    standup(excluded="20261026T090000"),
    vevent("standup", "Acme standup (moved)", zoned(NEW_YORK, "20261110T110000"),
           zoned(NEW_YORK, "20261110T113000"), recurrence_id=zoned(NEW_YORK, "20261109T090000")),
)
