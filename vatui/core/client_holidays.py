"""Days a place is closed whatever its weekly hours say: public holidays of a country (and
optional subdivision, from the `holidays` library), the place's own closed days, and my leave.

A setting is text such as "AU-NSW", "US-NY" or "RO". The `holidays` library is imported only when
a calendar with a region is first asked about a day, so nobody without a holiday setting pays for
it. Days are local dates in the place's zone; nothing here reads the clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from vatui.core.errors import ValidationError
from vatui.core.grammar import parse_day
from vatui.i18n import _, current_language

_REGION = re.compile(r"^([A-Za-z]{2,3})(?:[-_ ](.+))?$")


def _library() -> Any:
    import holidays  # a large package of country tables: loaded only when a region is used

    return holidays


def parse_region(text: str, *, field: str = "holidays") -> str:
    """The canonical "CC" or "CC-SUBDIV" for `text`, checked against the `holidays` library. An
    empty text means no public holidays. A country or subdivision the library does not know is
    refused with what it does know (the subdivisions of a known country, or how to find a code)."""
    text = " ".join(text.split())
    if not text:
        return ""
    m = _REGION.match(text)
    if m is None:
        raise ValidationError(_("{field}: {text!r} is not a region; write a country code with an optional "
                                "subdivision, e.g. AU-NSW, US-NY or RO").format(field=field, text=text), field=field)
    country, subdiv = m.group(1).upper(), m.group(2)
    supported = _library().list_supported_countries()
    if country not in supported:
        raise ValidationError(_("{field}: {code!r} is not a country the holidays library knows; use an ISO "
                                "3166 code such as AU, US, GB, DE or RO").format(field=field, code=country), field=field)
    if subdiv is None:
        return country
    subdivs = supported[country]
    match = next((s for s in subdivs if s.casefold() == subdiv.strip().casefold()), None)
    if match is None:
        known = ", ".join(subdivs) if subdivs else _("none")
        raise ValidationError(_("{field}: {country} has no subdivision {subdiv!r}; it has: {known}").format(
            field=field, country=country, subdiv=subdiv.strip(), known=known), field=field)
    return f"{country}-{match}"


def parse_closed_days(text: str, *, field: str = "closed") -> tuple[date, ...]:
    """"2026-12-24,2026-12-31" as sorted unique dates; an empty text clears them."""
    days: set[date] = set()
    bad: list[str] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            days.add(parse_day(part, today=None, field=field, allow_relative=False))
        except ValidationError:
            bad.append(part)
    if bad:
        raise ValidationError(_("{field}: {bad} not a date; write days as YYYY-MM-DD, comma-separated").format(
            field=field, bad=", ".join(repr(b) for b in bad)), field=field)
    return tuple(sorted(days))


def parse_day_range(text: str, *, field: str = "range") -> tuple[date, date]:
    """"2026-12-24..2027-01-02" (both days included) or one day "2026-12-24"."""
    first, sep, last = text.strip().partition("..")
    try:
        a = parse_day(first, today=None, field=field, allow_relative=False)
        b = parse_day(last, today=None, field=field, allow_relative=False) if sep else a
    except ValidationError:
        raise ValidationError(_("{field}: {text!r} is not a day range; write 2026-12-24..2027-01-02 or one day "
                                "2026-12-24").format(field=field, text=text.strip()), field=field) from None
    if b < a:
        raise ValidationError(_("{field}: {text!r} ends before it starts").format(field=field, text=text.strip()),
                              field=field)
    return a, b


def _public(region: str) -> Any:
    return _public_in(region, current_language())


@lru_cache(maxsize=32)
def _public_in(region: str, language: str) -> Any:
    """The library's holiday table for a region (it fills in each year when first asked), with
    names in vatui's language when the country has them, else in US English, else the library's
    default: never left to the environment's LANG, which the library would otherwise follow."""
    country, _sep, subdiv = region.partition("-")
    library = _library()
    try:
        cls = getattr(library, country, None)  # the library names each country's class by its code
        supported = tuple(getattr(cls, "supported_languages", ()))
        wanted = "en_US" if language == "en" else language
        choice = next((c for c in (wanted, "en_US") if c in supported), getattr(cls, "default_language", None))
        return library.country_holidays(country, subdiv=subdiv or None, language=choice)
    except (NotImplementedError, KeyError):  # a hand-edited region the library does not know
        return {}


@dataclass(frozen=True, slots=True)
class HolidayCalendar:
    """A place's closed days. Hashable (a part of the place and of cache keys)."""

    region: str = ""  # "AU-NSW"; "" for none
    closed: tuple[date, ...] = ()  # the place's own closed days
    leave: tuple[tuple[date, date], ...] = ()  # ranges of my leave, both ends included

    def __bool__(self) -> bool:
        return bool(self.region or self.closed or self.leave)

    def is_closed(self, day: date) -> str | None:
        """The name of why `day` is closed ("Good Friday", "closed", "leave"), or None if it is not."""
        if day in self.closed:
            return _("closed day")
        for a, b in self.leave:
            if a <= day <= b:
                return _("leave")
        if self.region:
            name = _public(self.region).get(day)
            if name:
                return str(name)
        return None

    def between(self, first: date, last: date) -> list[tuple[date, str]]:
        """The closed days from `first` to `last`, both included, in order."""
        out: list[tuple[date, str]] = []
        day = first
        while day <= last:
            name = self.is_closed(day)
            if name:
                out.append((day, name))
            day += timedelta(days=1)
        return out


def calendar_of(region: str = "", closed: Iterable[date] = (), leave: Iterable[tuple[date, date]] = ()) -> HolidayCalendar:
    return HolidayCalendar(region, tuple(sorted(set(closed))), tuple(sorted(leave)))


def client_calendar(client: Any) -> HolidayCalendar | None:
    """A client's calendar, or None when it has no holiday setting."""
    if not (client.holidays or client.closed):
        return None
    return calendar_of(client.holidays, client.closed)


def holiday_at(calendar: HolidayCalendar | None, at: datetime, tz: Any) -> str | None:
    """The holiday name of the local day holding instant `at` in zone `tz`, if it is one."""
    if calendar is None:
        return None
    return calendar.is_closed(at.astimezone(tz).date())


def upcoming(calendar: HolidayCalendar | None, today: date, days: int = 7) -> list[tuple[date, str]]:
    """The closed days from `today` through the next `days` days (today included)."""
    if calendar is None:
        return []
    return calendar.between(today, today + timedelta(days=days - 1))


def iter_leave(ranges: Iterable[Any]) -> Iterator[tuple[date, date]]:
    """Stored leave ([first, last] ISO pairs) as date pairs; unreadable pairs are skipped."""
    for pair in ranges:
        try:
            a, b = pair
            yield date.fromisoformat(a), date.fromisoformat(b)
        except (TypeError, ValueError):
            continue


def due_on_holiday(due: datetime | None, client: Any) -> tuple[date, str] | None:
    """(the client's local day, its holiday name) when a due time falls on a closed day of the
    client, else None (also when there is no due time or no holiday setting)."""
    calendar = client_calendar(client) if client is not None else None
    if due is None or calendar is None:
        return None
    from zoneinfo import ZoneInfo

    day = due.astimezone(ZoneInfo(client.tz)).date()
    name = calendar.is_closed(day)
    return (day, name) if name else None
