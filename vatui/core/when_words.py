"""Day, time and zone words, as written after `due:` and `reply:` in a quick-add line, in a task
form's fields and on the command line: "fri 17:00 client", "+3d", "tomorrow 9am", "2026-12-01";
and the reply-by promise, counted in the client's business hours.

These words are part of the quick-add line (quickadd.py), so a bad one raises `QuickAddError`
pointing at its `Token`; both are defined here, where the line's parser and the forms meet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from vatui.core.business import add_business_time, client_closed, wall_instant, zone
from vatui.core.errors import ValidationError
from vatui.core.grammar import (
    DayRule,
    DurationTooLong,
    day_help,
    day_rule,
    looks_like_duration,
    parse_clock,
    parse_duration,
)
from vatui.core.grammar import parse_day as grammar_parse_day
from vatui.core.models import Client
from vatui.core.tzdb import validate_zone
from vatui.i18n import _

DEFAULT_DUE_MINUTE = 17 * 60  # a due day without a time ends at 17:00 in its zone
CLIENT_WORDS = ("client", "theirs", "their")
ME_WORDS = ("me", "mine", "my", "local")

_ISO_DATETIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[t@](.+)$", re.I)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # character offsets in the line, so a form can point at the token
    end: int


class QuickAddError(ValidationError):
    """A token the quick-add line cannot use. `token` is the offending token (None: the whole line)."""

    def __init__(self, message: str, *, field: str, token: Token | None = None) -> None:
        super().__init__(message, field=field)
        self.token = token


# --- days and times ----------------------------------------------------------------------------

DaySpec = DayRule  # today (in the zone meant) -> the day


def parse_day(word: str) -> DaySpec | timedelta | None:
    """A day word as due: takes it (grammar.day_rule) -> a function of today, or a timedelta for
    an exact offset from now ("+4h"). None: not a day."""
    rule = day_rule(word)
    if rule is not None:
        return rule
    w = word.strip().lower()
    if w.startswith("+") and len(w) > 1:
        try:
            return parse_duration(w[1:], field="due")
        except ValidationError:
            return None
    return None


def parse_time_word(word: str, *, strict: bool = True) -> int | None:
    """"17:00", "5pm", "5p", "5:30pm", "17h", "noon" (and "17", "0930" when not strict) -> minutes;
    None when the word is not a time of day."""
    try:
        return parse_clock(word, field="time", allow_ampm=True, allow_loose=not strict)
    except ValidationError:
        return None


def zone_word(word: str) -> str | None:
    """"client" or "me", an IANA zone name as it is, else None."""
    w = word.strip()
    if w.lower() in CLIENT_WORDS:
        return "client"
    if w.lower() in ME_WORDS:
        return "me"
    if "/" in w or w.upper() in ("UTC", "GMT"):
        return w
    return None


@dataclass(frozen=True, slots=True)
class WhenSpec:
    """What a due/reply/start value said, before "today" and the zone are known."""

    day: DaySpec | timedelta
    minute: int | None = None
    zone: str | None = None  # "client", "me", an IANA name, or None (mine)
    text: str = ""


def parse_when_words(words: Sequence[str], *, field: str, token: Token | None = None, strict: bool = False,
                     promise: bool = False) -> WhenSpec:
    """"fri 17:00 client" (already split) -> WhenSpec. Raises QuickAddError naming `field`.
    `promise`: the value could also have been a reply promise (24h), so a bad day says both."""
    shown = token.text if token else field
    if not words or not words[0].strip():
        raise QuickAddError(_("{token}: give a day, e.g. {examples}").format(token=shown, examples=day_help()),
                            field=field, token=token)
    first = words[0].strip()
    rest = list(words[1:])
    minute: int | None = None
    m = _ISO_DATETIME.match(first) or (re.match(r"^([^@]+)@(.+)$", first) if "@" in first else None)
    if m:
        first, rest = m.group(1), [m.group(2), *rest]
    day = parse_day(first)
    if day is None and promise:
        raise QuickAddError(_("{token}: {word!r} is neither a promise in business hours (24h, 2d) nor a day "
                              "({examples})").format(token=shown, word=first, examples=day_help()),
                            field=field, token=token)
    if day is None:
        raise QuickAddError(_("{token}: {word!r} is not a day; write {examples}").format(
            token=shown, word=first, examples=day_help()), field=field, token=token)
    where: str | None = None
    for word in rest:
        t = parse_time_word(word, strict=strict)
        if t is not None and minute is None and not isinstance(day, timedelta):
            minute = t
            continue
        z = zone_word(word)
        if z is not None and where is None:
            if z not in ("client", "me"):
                validate_zone(z, field=field)
            where = z
            continue
        if t is not None and isinstance(day, timedelta):
            raise QuickAddError(_("{token}: {word!r} is an offset from now; it takes no time of day").format(
                token=shown, word=first), field=field, token=token)
        raise QuickAddError(_("{token}: {word!r} is not a time (17:00, 5pm) or a zone (client, me)").format(
            token=shown, word=word), field=field, token=token)
    return WhenSpec(day, minute, where, shown)


def resolve_when(spec: WhenSpec, *, now: datetime, my_zone: str, client: Client | None, field: str,
                 token: Token | None = None, allow_past: bool = False) -> tuple[datetime, str]:
    """The instant a WhenSpec means, and the zone it was meant in."""
    if spec.zone == "client":
        if client is None:
            raise QuickAddError(_("{token}: 'client' time needs a client in the line (@name)").format(token=spec.text),
                                field=field, token=token)
        tz_name = client.tz
    elif spec.zone in (None, "me"):
        tz_name = my_zone
    else:
        tz_name = validate_zone(spec.zone, field=field)
    if isinstance(spec.day, timedelta):
        return now + spec.day, tz_name
    tz = zone(tz_name)
    today = now.astimezone(tz).date()
    try:
        day = spec.day(today)
    except (ValueError, OverflowError):
        raise QuickAddError(_("{token}: that day does not exist").format(token=spec.text), field=field, token=token) from None
    if day < today and not allow_past:
        raise QuickAddError(_("{token}: {day} is in the past").format(token=spec.text, day=day.isoformat()),
                            field=field, token=token)
    minute = spec.minute if spec.minute is not None else DEFAULT_DUE_MINUTE
    try:
        return wall_instant(day, minute, tz, field=field), tz_name
    except ValidationError as exc:
        raise QuickAddError(exc.message, field=field, token=token) from None


def parse_when(text: str, *, now: datetime, my_zone: str, client: Client | None, field: str = "due",
               allow_past: bool = False) -> tuple[datetime, str]:
    """A whole field: "fri 17:00 client", "2026-12-01", "+3d", "tomorrow 9am"."""
    spec = parse_when_words(text.split(), field=field)
    return resolve_when(spec, now=now, my_zone=my_zone, client=client, field=field, allow_past=allow_past)


def parse_day_field(text: str, *, today: date, field: str = "start") -> date:
    """A day only ("today", "mon", "+3d", "2026-12-01", "yesterday", and "today" and "tomorrow" in the
    user's language), e.g. the start day of a checklist or a defer field."""
    try:
        return grammar_parse_day(text, today=today, field=field, allow_past=True, local=True)
    except ValidationError as exc:
        raise QuickAddError(exc.message, field=field) from None


# --- reply-by ----------------------------------------------------------------------------------



MAX_PROMISE = timedelta(hours=720)  # business hours: a month of full days, as a client's default promise

def promise_deadline(client: Client, now: datetime, promise: timedelta | None = None, *, field: str = "reply",
                     token: Token | None = None) -> datetime:
    """When a reply promised now is due: `promise` (default: the client's) of the client's business
    hours after now, skipping its holidays and closed days. A 24-hour promise made Friday 16:00 in
    Sydney falls due Wednesday 16:00."""
    amount = promise if promise is not None else timedelta(hours=client.reply_by_hours)
    shown = token.text if token else field
    if amount > MAX_PROMISE:  # the same limit as a client's own promise (models.Client.reply_by_hours)
        raise QuickAddError(_("{token}: a promise is between 1 and 720 business hours").format(token=shown),
                            field=field, token=token)
    at = add_business_time(client.hours, client.tz, now, amount, closed=client_closed(client))
    if at is None and any(client.hours.is_open_on(day) for day in range(7)):
        raise QuickAddError(_("{token}: {client}'s business hours do not hold that many hours before the dates "
                              "vatui looks ahead to; promise fewer").format(token=shown, client=client.name),
                            field=field, token=token)
    if at is None:
        raise QuickAddError(_("{token}: {client} has no business hours, so a promise cannot be counted").format(
            token=token.text if token else field, client=client.name), field=field, token=token)
    return at


def parse_reply(value: str, *, now: datetime, my_zone: str, client: Client | None, field: str = "reply",
                token: Token | None = None, extra: Sequence[str] = ()) -> datetime:
    """`reply:` value: empty or "default" (the client's promise), a duration in business hours
    ("24h", "2d" = 48 business hours), or a deadline written like a due date."""
    shown = token.text if token else field
    if client is None:
        raise QuickAddError(_("{token}: a reply-by promise needs a client (@name)").format(token=shown),
                            field=field, token=token)
    v = value.strip().lower()
    if v in ("", "default", "yes"):
        return promise_deadline(client, now, field=field, token=token)
    if looks_like_duration(v) and not extra:
        try:
            amount = parse_duration(v, field=field)
        except DurationTooLong:  # far past any promise that counts: say which limit
            raise QuickAddError(_("{token}: a promise is between 1 and 720 business hours").format(token=shown),
                                field=field, token=token) from None
        except ValidationError:
            amount = None
        if amount is not None:
            return promise_deadline(client, now, amount, field=field, token=token)
    spec = parse_when_words([value, *extra], field=field, token=token, promise=not extra)
    return resolve_when(spec, now=now, my_zone=my_zone, client=client, field=field, token=token)[0]
