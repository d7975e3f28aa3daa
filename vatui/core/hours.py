"""Business hours per weekday, in the client's own zone.

A day holds zero or more (start, end) ranges in minutes from midnight, so a lunch break or a
half day is expressible: "mon-thu 09:00-17:00; fri 09:00-13:00" or "09:00-12:00 13:00-17:00".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vatui.core.errors import ValidationError
from vatui.core.grammar import parse_clock, weekday_index
from vatui.i18n import _

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_WORDS = {
    "weekdays": range(0, 5),
    "weekends": range(5, 7),
    "weekend": range(5, 7),
    "daily": range(0, 7),
    "everyday": range(0, 7),
}
# A range's two ends: the clock times themselves are read by grammar.parse_clock, 24-hour only.
_RANGE = re.compile(r"^([\d:]+)-([\d:]+)$")

Range = tuple[int, int]


def format_clock_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, slots=True)
class WeekHours:
    """Seven entries, Monday first; each a sorted tuple of non-overlapping minute ranges."""

    days: tuple[tuple[Range, ...], ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValidationError(_("business hours need seven days, Monday first"), field="hours")
        for name, ranges in zip(WEEKDAYS, self.days):
            last_end = -1
            for start, end in ranges:
                if not (0 <= start < end <= 1440):
                    raise ValidationError(
                        _("{field}: {range} ends before it starts").format(
                            field="hours", range=f"{name} {format_clock_time(start)}-{format_clock_time(end)}"),
                        field="hours",
                    )
                if start < last_end:
                    raise ValidationError(_("{field}: {day} has overlapping ranges").format(field="hours", day=name),
                                          field="hours")
                last_end = end

    @classmethod
    def default(cls) -> WeekHours:
        nine_to_five = ((9 * 60, 17 * 60),)
        return cls((nine_to_five,) * 5 + ((),) * 2)

    @classmethod
    def parse(cls, text: str) -> WeekHours:
        """Parse "09:00-17:00" (Mon-Fri) or "mon-thu 9-17; fri 9-13; sat closed"."""
        days: list[list[Range]] = [[] for _day in range(7)]
        groups = [g.strip() for g in re.split(r"[;,]", text) if g.strip()]
        if not groups:
            raise ValidationError(_("{field}: empty; write e.g. 09:00-17:00 or mon-thu 9-17; fri 9-13").format(field="hours"),
                                  field="hours")
        for group in groups:
            words = group.lower().split()
            # A first word that starts with a digit is a (maybe mistyped) range, not a day name:
            # "9-5pm" should be told about the clock, not that "9" is not a weekday.
            if words and not _RANGE.match(words[0]) and not words[0][:1].isdigit():
                day_indexes = _parse_days(words[0])
                words = words[1:]
            else:
                day_indexes = range(0, 5)
            if words == ["closed"] or words == ["off"]:
                for d in day_indexes:
                    days[d] = []
                continue
            if not words:
                raise ValidationError(_("{field}: {text!r} names days but no hours (e.g. 09:00-17:00)").format(
                    field="hours", text=group), field="hours")
            ranges: list[Range] = []
            for word in words:
                m = _RANGE.match(word)
                if not m and ("am" in word or "pm" in word):
                    raise ValidationError(_("{field}: {text!r} is not a range like 09:00-17:00; use the 24-hour clock "
                                            "(5pm is 17:00)").format(field="hours", text=word), field="hours")
                if not m:
                    raise ValidationError(_("{field}: {text!r} is not a range like 09:00-17:00").format(field="hours", text=word),
                                          field="hours")
                start = parse_clock(m.group(1), field="hours", allow_loose=True)
                end = parse_clock(m.group(2), field="hours", allow_loose=True, allow_24=True)
                if end <= start:
                    raise ValidationError(
                        _("{field}: {text!r} ends before it starts (ranges stay within one day; "
                          "write a night shift as mon 22:00-24:00; tue 00:00-06:00)").format(field="hours", text=word),
                        field="hours",
                    )
                ranges.append((start, end))
            for d in day_indexes:
                days[d] = sorted(ranges)
        return cls(tuple(tuple(d) for d in days))

    def format(self) -> str:
        """The compact form `parse` reads back: "mon-fri 09:00-17:00"."""
        parts: list[str] = []
        i = 0
        while i < 7:
            j = i
            while j + 1 < 7 and self.days[j + 1] == self.days[i]:
                j += 1
            if self.days[i]:
                span = WEEKDAYS[i] if i == j else f"{WEEKDAYS[i]}-{WEEKDAYS[j]}"
                ranges = " ".join(f"{format_clock_time(s)}-{format_clock_time(e)}" for s, e in self.days[i])
                parts.append(f"{span} {ranges}")
            i = j + 1
        return "; ".join(parts) if parts else "closed"

    def is_open_on(self, weekday: int) -> bool:
        return bool(self.days[weekday])


def _parse_days(word: str) -> range | list[int]:
    if word in _DAY_WORDS:
        return _DAY_WORDS[word]
    if "-" in word:
        a, _sep, b = word.partition("-")
        start, end = _day_index(a), _day_index(b)
        if end < start:
            return list(range(start, 7)) + list(range(0, end + 1))
        return range(start, end + 1)
    if "+" in word:
        return [_day_index(w) for w in word.split("+")]
    return [_day_index(word)]


def _day_index(word: str) -> int:
    index = weekday_index(word, loose=True)
    if index is None:
        raise ValidationError(_("{field}: {text!r} is not a weekday (mon, tue, ... sun)").format(field="hours", text=word),
                              field="hours")
    return index
