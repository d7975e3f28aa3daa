"""Repeat rules: the `every:` and `after:` words, their RFC 5545 RRULE text, and the expansion
of a rule into due times in the due time's own zone.

    every:day  every:weekday  every:mon  every:mon,thu  every:2w  every:month  every:month:15
    every:month:last  every:month:last-business  every:quarter  every:year   after:3d

A rule is stored as text: RRULE parts ("FREQ=WEEKLY;BYDAY=MO") or "AFTER=3d" (the next one
that long after the previous is done). Expansion runs in local wall time of the zone the due
time was entered in, so "10:00 client time every Monday" stays 10:00 there across DST changes.

`weekday` and `last-business` take the client's business days (Monday = 0); a rule built from
them keeps BYDAY, and `is_closed(date)` (holidays, leave: default none) is consulted at
expansion: a closed day drops out of a weekday rule, and the last business day of a month steps
back to the last open one. Pure: "now" is always passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from vatui.core.durations import format_duration_config
from vatui.core.errors import ValidationError
from vatui.core.grammar import parse_duration, weekday_index
from vatui.i18n import _

IsClosed = Callable[[date], bool]

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BUSINESS_WEEK = (0, 1, 2, 3, 4)
# Enough steps to walk a daily rule over more than ten years of catch-up; never an endless loop.
_MAX_STEPS = 5000


def _never_closed(_day: date) -> bool:
    return False


def _month_day(day: int) -> str:
    """BYMONTHDAY for "the DAYth, or the month's last day when it is shorter": 31 -> 28..31, last."""
    if day <= 28:
        return f"BYMONTHDAY={day}"
    return "BYMONTHDAY=" + ",".join(str(d) for d in range(28, day + 1)) + ";BYSETPOS=-1"


def _bad(word: str) -> ValidationError:
    return ValidationError(_(
        "{word}: not a repeat; use every:day, every:weekday, every:mon, every:mon,thu, every:2w, "
        "every:month, every:month:15, every:month:last, every:month:last-business, every:quarter, "
        "every:year or after:3d").format(word=word), field="repeat")


def business_days(client: Any) -> list[int]:
    """The weekdays (0 = Monday) a client is open on, as `every:weekday` reads them; Monday to
    Friday for a task with no client."""
    return [d for d in range(7) if client.hours.is_open_on(d)] if client is not None else list(_BUSINESS_WEEK)


def parse_repeat(word: str, *, first_due: date | None = None,
                 business_days: Iterable[int] = _BUSINESS_WEEK) -> str:
    """`every:...` or `after:...` -> the stored rule text. `first_due` (the first instance's day
    in its own zone) anchors every:month, every:quarter and every:year; without it, today's
    caller must pass one: those forms need a day of the month."""
    key, sep, value = word.strip().partition(":")
    key, value = key.lower(), value.strip().lower()
    if not sep or not value:
        raise _bad(word)
    if key == "after":
        try:
            delta = parse_duration(value, field="repeat")
        except ValidationError:
            raise _bad(word) from None
        days, rest = divmod(int(delta.total_seconds()), 86400)
        return f"AFTER={days}d" if days and not rest else "AFTER=" + format_duration_config(delta)
    if key != "every":
        raise _bad(word)
    biz = sorted(set(business_days)) or list(_BUSINESS_WEEK)
    byday = ",".join(_DAYS[d] for d in biz)
    if value == "day":
        return "FREQ=DAILY"
    if value in ("weekday", "weekdays", "business-day"):
        return f"FREQ=WEEKLY;BYDAY={byday}"
    if value in ("week", "1w"):
        return "FREQ=WEEKLY"
    if value.endswith("w") and value[:-1].isdigit() and 0 < int(value[:-1]) <= 52:
        n = int(value[:-1])
        return "FREQ=WEEKLY" if n == 1 else f"FREQ=WEEKLY;INTERVAL={n}"
    weekdays = [weekday_index(w) for w in value.split(",")]
    if all(d is not None for d in weekdays):
        days = sorted({d for d in weekdays if d is not None})
        return "FREQ=WEEKLY;BYDAY=" + ",".join(_DAYS[d] for d in days)
    if value == "month:last":
        return "FREQ=MONTHLY;BYMONTHDAY=-1"
    if value == "month:last-business":
        return f"FREQ=MONTHLY;BYDAY={byday};BYSETPOS=-1"
    if value.startswith("month:"):
        n = value[6:]
        if not n.isdigit() or not 1 <= int(n) <= 31:
            raise _bad(word)
        return "FREQ=MONTHLY;" + _month_day(int(n))
    if value in ("month", "quarter", "year"):
        if first_due is None:
            raise ValidationError(_("{word}: give a due date too (due:...): it sets the day of the month").format(
                word=word), field="repeat")
        if value == "month":
            return "FREQ=MONTHLY;" + _month_day(first_due.day)
        if value == "quarter":
            return "FREQ=MONTHLY;INTERVAL=3;" + _month_day(first_due.day)
        if first_due.month == 2 and first_due.day == 29:
            return "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1"
        return f"FREQ=YEARLY;BYMONTH={first_due.month};" + _month_day(first_due.day)
    raise _bad(word)


def is_after(rule: str) -> bool:
    return rule.startswith("AFTER=")


def after_delta(rule: str) -> timedelta:
    return parse_duration(rule[6:], field="repeat")


def validate_rule(rule: str) -> str:
    """A stored rule read back from a file or typed as RRULE text: refused with a clear message."""
    try:
        if is_after(rule):
            after_delta(rule)
        else:
            rrulestr(rule, dtstart=datetime(2026, 1, 1))
    except (ValueError, ValidationError):
        raise ValidationError(_("{rule!r} is not a repeat rule").format(rule=rule), field="repeat") from None
    return rule


def _parts(rule: str) -> dict[str, str]:
    return dict(p.split("=", 1) for p in rule.split(";") if "=" in p)


def _business_rule(parts: dict[str, str]) -> str | None:
    """"weekday" (a weekly rule over several days) or "last" (the month's last business day):
    the two rules whose closed days change the dates; None for every other."""
    if parts.get("FREQ") == "MONTHLY" and "BYDAY" in parts and parts.get("BYSETPOS") == "-1":
        return "last"
    if parts.get("FREQ") == "WEEKLY" and len(parts.get("BYDAY", "").split(",")) >= 5:
        return "weekday"
    return None


def _open_day_back(day: date, weekdays: set[int], is_closed: IsClosed) -> date:
    for _i in range(31):
        if day.weekday() in weekdays and not is_closed(day):
            return day
        day -= timedelta(days=1)
    return day


def occurrences(rule: str, anchor: datetime, zone: str, *, is_closed: IsClosed = _never_closed) -> Iterable[datetime]:
    """The rule's due times strictly after `anchor` (aware), as aware UTC datetimes, in order.
    The wall time of `anchor` in `zone` is the time of day of every occurrence."""
    tz = ZoneInfo(zone)
    local = anchor.astimezone(tz).replace(tzinfo=None)
    parts = _parts(rule)
    kind = _business_rule(parts)
    weekdays = {_DAYS.index(d) for d in parts.get("BYDAY", "").split(",") if d in _DAYS}
    last_seen: date | None = None
    steps = 0
    for when in rrulestr(rule, dtstart=local):
        steps += 1
        if steps > _MAX_STEPS:
            return
        day = when.date()
        if kind == "weekday" and is_closed(day):
            continue
        if kind == "last":
            day = _open_day_back(day, weekdays, is_closed)
            when = datetime.combine(day, when.time())
        if day == last_seen:
            continue
        last_seen = day
        instant = when.replace(tzinfo=tz).astimezone(timezone.utc)
        if instant > anchor:
            yield instant


def next_after(rule: str, anchor: datetime, zone: str, *, is_closed: IsClosed = _never_closed) -> datetime | None:
    for instant in occurrences(rule, anchor, zone, is_closed=is_closed):
        return instant
    return None


def advance(rule: str, prev_due: datetime, zone: str, now: datetime, *, done_at: datetime | None = None,
            is_closed: IsClosed = _never_closed) -> tuple[datetime | None, int]:
    """The next instance's due time after one due at `prev_due`, and how many occurrences were
    passed over to reach it. The next occurrence after the previous due comes first; when later
    occurrences have also come due by `now` (vatui closed, work skipped), the latest of them is
    taken instead and the ones before it are counted as missed: one late instance, never a flood.
    An `after:` rule counts from `done_at` (or from now) and misses nothing."""
    if is_after(rule):
        return (done_at or now) + after_delta(rule), 0
    first = next_after(rule, prev_due, zone, is_closed=is_closed)
    if first is None or first > now:
        return first, 0
    return _latest_by(rule, first, zone, now, is_closed)


def catch_up(rule: str, due: datetime, zone: str, now: datetime, *,
             is_closed: IsClosed = _never_closed) -> tuple[datetime, int]:
    """An open instance due at `due`: its due time moved to the latest occurrence that has come
    due by `now`, and how many occurrences (itself included) that passes over. (due, 0) when
    nothing later has come due."""
    if is_after(rule) or due > now:
        return due, 0
    return _latest_by(rule, due, zone, now, is_closed)


def _latest_by(rule: str, start: datetime, zone: str, now: datetime, is_closed: IsClosed) -> tuple[datetime, int]:
    """The last occurrence from `start` on that has come due by `now`, and how many there were."""
    latest, missed = start, 0
    for instant in occurrences(rule, start, zone, is_closed=is_closed):
        if instant > now:
            break
        latest, missed = instant, missed + 1
    return latest, missed


def first_on_or_after(rule: str, day: date, minute: int, zone: str, *,
                      is_closed: IsClosed = _never_closed) -> datetime:
    """The first due time of a new series that was given no due date: the first occurrence on or
    after `day` at `minute` past local midnight."""
    tz = ZoneInfo(zone)
    start = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minute)
    anchor = (start - timedelta(days=1)).replace(tzinfo=tz).astimezone(timezone.utc)
    if is_after(rule):
        return start.replace(tzinfo=tz).astimezone(timezone.utc)
    found = next_after(rule, anchor, zone, is_closed=is_closed)
    if found is None:
        raise ValidationError(_("{rule!r} never comes due").format(rule=rule), field="repeat")
    return found


def days_in(rule: str, first: date, last: date, anchor_day: date, *,
            is_closed: IsClosed = _never_closed) -> list[date]:
    """The days from `first` to `last` (inclusive) on which a series that began on `anchor_day`
    falls: what a recurring block is shown on. Worked on dates alone (a block's times are wall
    times of my own zone, added by the caller)."""
    if is_after(rule) or last < first:
        return []
    start = datetime.combine(anchor_day, datetime.min.time())
    parts = _parts(rule)
    kind = _business_rule(parts)
    weekdays = {_DAYS.index(d) for d in parts.get("BYDAY", "").split(",") if d in _DAYS}
    lo = datetime.combine(max(first, anchor_day), datetime.min.time())
    hi = datetime.combine(last, datetime.min.time())
    out: list[date] = []
    # The rule's own between() is far cheaper than walking it from the anchor day by day.
    for when in rrulestr(rule, dtstart=start).between(lo - timedelta(days=7 if kind == "last" else 0), hi, inc=True):
        day = when.date()
        if kind == "weekday" and is_closed(day):
            continue
        if kind == "last":
            day = _open_day_back(day, weekdays, is_closed)
        if first <= day <= last and day >= anchor_day and (not out or out[-1] != day):
            out.append(day)
    return out


_WORD_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def describe(rule: str) -> str:
    """A stored rule read back as the words that make it: "every:mon,thu", "every:month:last",
    "after:3d"; the raw RRULE text for a rule typed some other way."""
    if is_after(rule):
        return "after:" + rule[6:]
    parts = _parts(rule)
    freq, n = parts.get("FREQ"), parts.get("INTERVAL")
    days = [d for d in parts.get("BYDAY", "").split(",") if d in _DAYS]
    monthday = parts.get("BYMONTHDAY", "").split(",")[-1]
    if freq == "DAILY" and not n and len(parts) == 1:
        return "every:day"
    if freq == "WEEKLY" and not days:
        return f"every:{n or 1}w"
    if freq == "WEEKLY" and not n:
        if _business_rule(parts) == "weekday":
            return "every:weekday"
        return "every:" + ",".join(_WORD_DAYS[_DAYS.index(d)] for d in days)
    if freq == "MONTHLY" and _business_rule(parts) == "last":
        return "every:month:last-business"
    if freq == "MONTHLY" and monthday == "-1":
        return "every:month:last"
    if freq == "MONTHLY" and monthday.isdigit():
        return f"every:quarter ({monthday})" if n == "3" else f"every:month:{monthday}"
    if freq == "YEARLY" and monthday.isdigit():
        return f"every:year ({parts.get('BYMONTH')}-{monthday})"
    return rule
