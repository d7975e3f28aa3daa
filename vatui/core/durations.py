"""Durations as people write them: "25m", "90s", "1h", "1h30", "1h30m", "1.5h", "2d"."""

from __future__ import annotations

import re
from datetime import timedelta

from vatui.core.errors import ValidationError
from vatui.i18n import _


class DurationTooLong(ValidationError):
    """A duration past MAX_DURATION (its message says the limit)."""


# The longest duration anything in vatui takes (an estimate, a log, a shift, a promise): a year
# and a day. Larger numbers are typing slips, and would overflow the dates they are added to.
MAX_DURATION = timedelta(days=366)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")
_WHOLE = re.compile(r"^(?:\d+(?:\.\d+)?\s*[smhdw]\s*)+$")
# "1h30" is common shorthand for 1h30m: a trailing bare number after hours means minutes.
_HOURS_MINUTES = re.compile(r"^(\d+)\s*h\s*(\d{1,2})$")


def parse_duration(text: str, *, field: str = "duration", allow_zero: bool = False) -> timedelta:
    """Parse a duration with units. Bare numbers are refused: "25" is ambiguous."""
    raw = text.strip().lower().replace(" ", "")
    if not raw:
        raise ValidationError(_("{field}: empty duration; write e.g. 25m, 90s or 1h30m").format(field=field), field=field)
    hm = _HOURS_MINUTES.match(raw)
    if hm:
        seconds = int(hm.group(1)) * 3600 + int(hm.group(2)) * 60
    elif _WHOLE.match(raw):
        seconds = sum(float(n) * _UNIT_SECONDS[u] for n, u in _PART.findall(raw))
    else:
        raise ValidationError(
            _("{field}: {text!r} is not a duration; write e.g. 25m, 90s, 1h or 1h30m").format(field=field, text=text.strip()),
            field=field,
        )
    if seconds <= 0 and not allow_zero:
        raise ValidationError(_("{field}: a duration must be longer than zero").format(field=field), field=field)
    if seconds > MAX_DURATION.total_seconds():
        raise DurationTooLong(_("{field}: {text!r} is longer than vatui takes (at most {limit})").format(
            field=field, text=text.strip(), limit="366d"), field=field)
    return timedelta(seconds=round(seconds))


def format_duration(delta: timedelta, *, seconds: bool = False) -> str:
    """Short form for screens: "1h30m", "25m", "45s" (seconds only when asked or < 1 minute)."""
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours and minutes:
        text = f"{hours}h{minutes:02d}m"
    elif hours:
        text = f"{hours}h"
    elif minutes or not secs:
        text = f"{minutes}m"
    else:
        text = ""
    if secs and (seconds or total < 60):
        text = f"{text}{secs}s" if text and text != "0m" else f"{secs}s"
    return sign + text


def format_duration_config(delta: timedelta) -> str:
    """The form written back into config and JSON: exact, shortest unit that fits."""
    total = int(delta.total_seconds())
    if total % 3600 == 0:
        return f"{total // 3600}h"
    if total % 60 == 0:
        return f"{total // 60}m"
    return f"{total}s"
