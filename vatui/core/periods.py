"""Report periods: runs of whole local days in MY zone (settings.me_zone): today, the week holding
today (starting on settings.week_start), the month, or FROM..TO with both days included.

A period's instants are the local midnights around it, as UTC; on a DST change day a period is
23 or 25 hours long. Core never reads the clock: callers pass `now`.
"""

from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from vatui.core.business import local_instant, zone
from vatui.core.errors import ValidationError
from vatui.i18n import _


class PeriodKind(enum.StrEnum):
    TODAY = "today"
    WEEK = "week"
    MONTH = "month"
    RANGE = "range"


@dataclass(frozen=True, slots=True)
class Period:
    """Whole local days `first`..`last` (both included) in `zone`."""

    first: date
    last: date
    zone: str
    kind: PeriodKind = PeriodKind.RANGE

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValidationError(
                _("{field}: {last} is before {first}; the period would be empty").format(
                    field="to", last=self.last.isoformat(), first=self.first.isoformat()),
                field="to",
            )

    @property
    def start(self) -> datetime:
        """The first instant of the period (local midnight of `first`), UTC."""
        return local_midnight(self.first, self.zone)

    @property
    def end(self) -> datetime:
        """The instant just after the period (local midnight after `last`), UTC."""
        return local_midnight(self.last + timedelta(days=1), self.zone)

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    def contains(self, at: datetime) -> bool:
        return self.start <= at < self.end

    def shifted(self, steps: int) -> Period:
        """The period `steps` before (negative) or after: day by day, week by week, month by
        month, or by the length of a custom range."""
        if self.kind is PeriodKind.MONTH:
            month = self.first.year * 12 + self.first.month - 1 + steps
            year, month0 = divmod(month, 12)
            first = date(year, month0 + 1, 1)
            last = date(year, month0 + 1, calendar.monthrange(year, month0 + 1)[1])
            return Period(first, last, self.zone, self.kind)
        span = (self.last - self.first).days + 1
        delta = timedelta(days=span * steps)
        return Period(self.first + delta, self.last + delta, self.zone, self.kind)


def local_midnight(day: date, zone_name: str) -> datetime:
    """The first instant of `day` in the zone, UTC (a midnight lost to DST resolves forward)."""
    return local_instant(day, 0, zone(zone_name))


def local_today(now: datetime, zone_name: str) -> date:
    return now.astimezone(zone(zone_name)).date()


def today_period(now: datetime, zone_name: str) -> Period:
    today = local_today(now, zone_name)
    return Period(today, today, zone_name, PeriodKind.TODAY)


def week_of(day: date, zone_name: str, week_start: int = 0) -> Period:
    """The week holding `day`; `week_start` 0 = Monday ... 6 = Sunday."""
    first = day - timedelta(days=(day.weekday() - week_start) % 7)
    return Period(first, first + timedelta(days=6), zone_name, PeriodKind.WEEK)


def week_period(now: datetime, zone_name: str, week_start: int = 0) -> Period:
    """The week holding `now` in the zone."""
    return week_of(local_today(now, zone_name), zone_name, week_start)


def month_period(now: datetime, zone_name: str) -> Period:
    today = local_today(now, zone_name)
    last = calendar.monthrange(today.year, today.month)[1]
    return Period(today.replace(day=1), today.replace(day=last), zone_name, PeriodKind.MONTH)


def range_period(first: date, last: date, zone_name: str) -> Period:
    return Period(first, last, zone_name, PeriodKind.RANGE)


def period_for(kind: PeriodKind, now: datetime, zone_name: str, week_start: int = 0) -> Period:
    if kind is PeriodKind.TODAY:
        return today_period(now, zone_name)
    if kind is PeriodKind.WEEK:
        return week_period(now, zone_name, week_start)
    if kind is PeriodKind.MONTH:
        return month_period(now, zone_name)
    raise ValueError("a custom range needs its own days: use range_period")
