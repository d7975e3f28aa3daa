"""Days, times of day and durations as people write them: the one grammar every field reads.

`parse_clock` ("17:00", "9", "0930", "5pm", "17h", "noon"), `parse_day` ("today", "fri", "+3d",
"-7d", "2026-12-05", "5dec") and `parse_duration` ("25m", "1h30", "1.5h", "2d") each take flags
saying what the place calling them allows; a refusal is a ValidationError naming `field`. Pure:
"today" is passed in, the clock is never read. tests/unit/test_grammar.py lists every accepted
and refused form, per call site.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from vatui.core.errors import ValidationError
from vatui.i18n import _

# --- times of day ------------------------------------------------------------------------------

# A clock time as it can open a longer text (a block's "9:30-11 @acme"): the shapes `read_clock`
# reads, numbers unchecked ("25:00", "13pm") so that such a word is refused with the reason rather
# than taken for a note. "midnight" is left out: at a block's end it would mean 24:00, at its start 0:00.
CLOCK_PATTERN = r"(?:noon|\d{1,2}h(?:\d{2})?|\d{1,2}(?::\d{2})?\s*(?:am|pm|a|p)?|\d{3,4})"
_CLOCK = re.compile(
    r"^(?:(?P<word>noon|midnight)"
    r"|(?P<ah>\d{1,2})(?::(?P<am>\d{2}))?\s*(?P<suffix>am|pm|a|p)"  # 5pm, 5:30 pm, 5p
    r"|(?P<ch>\d{1,2}):(?P<cm>\d{2})"  # 17:00, 9:30
    r"|(?P<hh>\d{1,2})h(?P<hm>\d{2})?"  # 17h, 8h15
    r"|(?P<bare>\d{1,2})|(?P<lh>\d{1,2})(?P<lm>\d{2}))$",  # 9, 17 / 0930, 930, 1730 (loose)
    re.IGNORECASE)
# Digits with a colon, or ending in am/pm: a word that can only have been meant as a clock time.
# After due:DAY such a word must be a real time, so that "25:00" is refused instead of silently
# joining the title (a bare "5" or "2h" is too often an ordinary word to be held to that).
_TIME_LIKE = re.compile(r"^\d+:\d*$|^\d+(?::\d*)?[ap]m?$", re.IGNORECASE)


def read_clock(text: str, *, field: str, allow_24: bool = False, allow_loose: bool = False,
               allow_ampm: bool = False) -> tuple[int, str | None]:
    """A time of day -> (minutes after midnight, "am"/"pm" if written). Always read: "17:00",
    "17h", "8h15". `allow_loose`: a bare hour or digits alone ("9", "0930"); `allow_ampm`: "5pm",
    "5:30 am", "5p", "noon", "midnight" (0:00); `allow_24`: "24:00", the end of the day."""
    t = text.strip().lower()
    if not t:  # say what is missing rather than quote an empty ''
        raise ValidationError(_("{field}: a time of day is required (e.g. 09:00 or 17:30)").format(field=field),
                              field=field)
    m = _CLOCK.match(t)
    suffix: str | None = None
    if m and m.group("word") and allow_ampm:
        return (12 * 60 if m.group("word") == "noon" else 0), None
    if m and m.group("suffix") and allow_ampm:
        hour, minute = int(m.group("ah")), int(m.group("am") or 0)
        suffix = {"a": "am", "p": "pm"}.get(m.group("suffix"), m.group("suffix"))
    elif m and m.group("ch"):
        hour, minute = int(m.group("ch")), int(m.group("cm"))
    elif m and m.group("hh"):
        hour, minute = int(m.group("hh")), int(m.group("hm") or 0)
    elif m and m.group("bare") and allow_loose:
        hour, minute = int(m.group("bare")), 0
    elif m and m.group("lh") and allow_loose:
        hour, minute = int(m.group("lh")), int(m.group("lm"))
    elif allow_ampm:
        raise ValidationError(_("{field}: {text!r} is not a time; write e.g. 9:30, 14:00 or 2pm").format(
            field=field, text=text.strip()), field=field)
    else:
        raise ValidationError(_("{field}: {text!r} is not a time of day (e.g. 09:00 or 17:30)").format(
            field=field, text=text.strip()), field=field)
    if allow_ampm and minute > 59:
        raise ValidationError(_("{field}: {text!r} is not a time (minutes go up to 59)").format(
            field=field, text=text.strip()), field=field)
    if suffix:
        if not 1 <= hour <= 12:
            raise ValidationError(_("{field}: {text!r} is not a time (with am/pm the hour is 1 to 12)").format(
                field=field, text=text.strip()), field=field)
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    last = 24 * 60 if allow_24 else 24 * 60 - 1
    if minute > 59 or hour * 60 + minute > last:
        if allow_ampm and allow_24:
            raise ValidationError(_("{field}: {text!r} is not a time (hours go up to 24:00)").format(
                field=field, text=text.strip()), field=field)
        raise ValidationError(_("{field}: {text!r} is not a time of day (00:00 to 23:59)").format(
            field=field, text=text.strip()), field=field)
    return hour * 60 + minute, suffix


def parse_clock(text: str, *, field: str, allow_24: bool = False, allow_loose: bool = False,
                allow_ampm: bool = False) -> int:
    """A time of day -> minutes after midnight; the flags are `read_clock`'s."""
    return read_clock(text, field=field, allow_24=allow_24, allow_loose=allow_loose, allow_ampm=allow_ampm)[0]


def looks_like_time(word: str) -> bool:
    """"25:00", "13pm", "9:75": meant as a time of day, whether or not it is one."""
    return bool(_TIME_LIKE.match(word.strip()))


# --- days ---------------------------------------------------------------------------------------

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TWO_LETTERS = ("mo", "tu", "we", "th", "fr", "sa", "su")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$|^(\d{4})(\d{2})(\d{2})$")
_DAY_MONTH = re.compile(r"^(?:(\d{1,2})-?([a-z]{3})[a-z]*|([a-z]{3})[a-z]*-?(\d{1,2}))$")
_OFFSET = re.compile(r"^([+-])(\d{1,4})([dw]?)$")
_WORDS: dict[str, Callable[[date], date]] = {
    "today": lambda today: today,
    "tomorrow": lambda today: today + timedelta(days=1),
    "endofweek": lambda today: today + timedelta(days=(4 - today.weekday()) % 7),  # Friday, next once past
    "endofmonth": lambda today: today.replace(day=calendar.monthrange(today.year, today.month)[1]),
    "nextweek": lambda today: today + timedelta(days=7 - today.weekday()),  # next Monday
}
_ALIASES = {"tod": "today", "tdy": "today", "tom": "tomorrow", "tmr": "tomorrow", "tmrw": "tomorrow",
            "eow": "endofweek", "eom": "endofmonth", "next-week": "nextweek", "nw": "nextweek"}

# The years vatui works with. Dates outside them are typing slips ("9999-12-31"), and near the
# ends of Python's calendar the arithmetic done on them (a week's bounds, a zone's offset) fails.
FIRST_YEAR, LAST_YEAR = 1970, 2199

DayRule = Callable[[date], date]  # today (in the zone meant) -> the day


def day_help() -> str:
    """The day words shown in error messages; the joining "or" is translated with the sentence."""
    return _("{words} or {last}").format(words="today, tomorrow, fri, +3d, eow, 1dec", last="2026-12-01")


def supported_day(day: date, field: str) -> date:
    """`day`, if it is within the years vatui works with; else a ValidationError saying so."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(_("{field}: {day} is outside the years vatui works with ({years})").format(
            field=field, day=day.isoformat(), years=f"{FIRST_YEAR}-{LAST_YEAR}"), field=field)
    return day


def weekday_index(word: str, *, loose: bool = False) -> int | None:
    """"mon", "tues", "thursday", "fr" -> 0..6 (Monday 0), else None. `loose`: the first three
    letters decide ("weds"), for lists of days where no other word can stand."""
    w = word.strip().lower()
    for i, name in enumerate(WEEKDAY_NAMES):
        if len(w) >= 3 and name.startswith(w) or w == _TWO_LETTERS[i] or loose and w[:3] == name[:3]:
            return i
    return None


def _next_dated(today: date, month: int, day: int) -> date:
    """That day and month this year, or the next year that has it once it has passed (29 February:
    the next leap year's; eight years cover a century without one)."""
    for year in range(today.year, today.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise ValueError("no such day")


def _iso(word: str) -> date | None:
    m = _ISO_DATE.match(word)
    if not m:
        return None
    year, month, day = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_rule(text: str, *, allow_relative: bool = True, allow_past: bool = False) -> DayRule | None:
    """A day word -> a function of today, or None when it is not a day. `allow_relative`: the
    words counted from today ("tomorrow", "fri" (the next Friday), "+3d", "+2w", "5dec" (the
    next 5 December)); else a date only. `allow_past`: also "yesterday", "-7d", "-2"."""
    w = text.strip().lower()
    fixed = _iso(w)
    if fixed is not None:
        return lambda _today: fixed
    if not allow_relative:
        return None
    w = _ALIASES.get(w, w)
    if w in _WORDS:
        return _WORDS[w]
    if w == "yesterday" and allow_past:
        return lambda today: today - timedelta(days=1)
    wd = weekday_index(w)
    if wd is not None:  # the next such day after today, as in Taskwarrior
        return lambda today: today + timedelta(days=(wd - today.weekday() - 1) % 7 + 1)
    m = _OFFSET.match(w)
    # "+3" alone could be hours as well as days, so forward steps need their unit; "-2" is two
    # days back, as the entries commands have always read it.
    if m and (m.group(1) == "+" and m.group(3) or m.group(1) == "-" and allow_past):
        days = int(m.group(2)) * (7 if m.group(3) == "w" else 1) * (1 if m.group(1) == "+" else -1)
        return lambda today: today + timedelta(days=days)
    m = _DAY_MONTH.match(w)
    if m:
        day_text, month_text = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if month_text in _MONTHS and 1 <= int(day_text) <= 31:
            month, day = _MONTHS.index(month_text) + 1, int(day_text)
            try:
                _next_dated(date(2000, 1, 1), month, day)  # exists in some year (29 feb)
            except ValueError:
                return None
            return lambda today: _next_dated(today, month, day)
    return None


def parse_day(text: str, *, today: date | None, field: str, allow_relative: bool = True,
              allow_past: bool = False, local: bool = False) -> date:
    """A day written by a person -> the date, within the years vatui works with. The flags are
    `day_rule`'s; without `allow_past` a day before `today` is refused too. `local`: the user's own
    words for today and tomorrow (a form field in Romanian reads "mâine") are read as well.
    `today` may be None only when relative words are not allowed."""
    if local:
        from vatui.core.daywords import english_day

        text = english_day(text)
    rule = day_rule(text, allow_relative=allow_relative, allow_past=allow_past)
    if rule is None and not allow_relative:
        raise ValidationError(_("{field}: {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23").format(
            field=field, text=text.strip()), field=field)
    if rule is None and allow_past:
        raise ValidationError(_("{field}: {text!r} is not a date; write e.g. 2026-11-23, today or yesterday").format(
            field=field, text=text.strip()), field=field)
    if rule is None:
        raise ValidationError(_("{field}: {text!r} is not a day; write {examples}").format(
            field=field, text=text.strip(), examples=day_help()), field=field)
    if today is None and allow_relative:
        raise TypeError("parse_day needs today to read words counted from it")
    try:
        day = rule(today or date.min)  # a date alone does not look at today
    except (ValueError, OverflowError):
        raise ValidationError(_("{token}: that day does not exist").format(token=text.strip()), field=field) from None
    if not allow_past and today is not None and day < today:
        raise ValidationError(_("{token}: {day} is in the past").format(token=field, day=day.isoformat()), field=field)
    return supported_day(day, field)


# --- durations ----------------------------------------------------------------------------------


class DurationTooLong(ValidationError):
    """A duration past MAX_DURATION (its message says the limit)."""


# The longest duration anything in vatui takes (an estimate, a log, a shift, a promise): a year
# and a day. Larger numbers are typing slips, and would overflow the dates they are added to.
MAX_DURATION = timedelta(days=366)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
# Numbers with units ("1h30m", "1.5h", ".5h"), or "1h30": a trailing bare number after hours is minutes.
_NUMBER_UNIT = r"(\d*\.?\d+)([smhdw])"
_DURATION = re.compile(rf"^(?:{_NUMBER_UNIT})+$|^(\d+)h(\d{{1,2}})$")
_PART = re.compile(_NUMBER_UNIT)
_DURATION_LIKE = re.compile(r"^\d*\.?\d+\s*[smhdw]", re.IGNORECASE)


def looks_like_duration(text: str) -> bool:
    """Begins as a duration does ("24h", "2d", "90m", "1h30"): what a field that also takes other
    words reads as one."""
    return bool(_DURATION_LIKE.match(text.strip()))


def parse_duration(text: str, *, field: str, allow_zero: bool = False, allow_sign: bool = False,
                   bare_minutes: bool = False) -> timedelta:
    """A duration with its units. A bare number is refused ("25" could be minutes or hours) unless
    `bare_minutes` (a shift: "10" is ten minutes). `allow_sign`: "-15m", "+1h" (a shift back or on).
    `allow_zero`: "0m" is accepted."""
    raw = text.strip().lower().replace(" ", "")
    if not raw:
        raise ValidationError(_("{field}: empty duration; write e.g. 25m, 90s or 1h30m").format(field=field), field=field)
    sign = 1
    if allow_sign and raw[0] in "+-":
        sign, raw = (-1 if raw[0] == "-" else 1), raw[1:]
    if bare_minutes and raw.isdigit():
        raw += "m"
    m = _DURATION.match(raw)
    if not m:
        raise ValidationError(
            _("{field}: {text!r} is not a duration; write e.g. 25m, 90s, 1h or 1h30m").format(field=field, text=text.strip()),
            field=field)
    if m.group(3):
        seconds = int(m.group(3)) * 3600 + int(m.group(4)) * 60
    else:
        seconds = sum(float(n) * _UNIT_SECONDS[u] for n, u in _PART.findall(raw))
    if seconds <= 0 and not allow_zero:
        raise ValidationError(_("{field}: a duration must be longer than zero").format(field=field), field=field)
    if seconds > MAX_DURATION.total_seconds():
        raise DurationTooLong(_("{field}: {text!r} is longer than vatui takes (at most {limit})").format(
            field=field, text=text.strip(), limit="366d"), field=field)
    return sign * timedelta(seconds=round(seconds))
