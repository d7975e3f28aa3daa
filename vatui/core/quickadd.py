"""The one-line quick-add syntax, and the day/time words shared by forms and the command line.

    Reply to invoice question @acme #email !u !i ~15m due:fri reply:24h // notes after two slashes

Tokens (anywhere in the line, in any order; everything else is the title):
- `@acme`      the client: its name ignoring case, spaces and dashes, or a unique prefix of it.
- `#email`     the batch: one word starting with a letter (`#1042` stays in the title).
- `!u` `!i`    urgent, important (`!ui` both; `!urgent`, `!important` too).
- `~15m`       the estimate: 15m, 1h, 1h30, 90m ...
- `due:WHEN`   a due date, optionally followed by a time and the zone it is meant in:
               `due:fri`, `due:fri 17:00`, `due:fri 5pm client`, `due:2026-12-01`, `due:tomorrow`,
               `due:+3d`, `due:+4h`, `due:eow`, `due:1dec`. Without a time the day ends at 17:00;
               without a zone word the time is mine; `client` means the client's local time.
- `reply:24h`  a reply-by promise counted in the client's business hours only; `reply:` alone
               uses the client's default promise; `reply:WHEN` sets the deadline itself.
- `\\#word`     a backslash keeps a token literally in the title.

A bad token raises `QuickAddError` (a ValidationError) whose message quotes the token and whose
`field` names what it was (client, batch, flag, estimate, due, reply, title); nothing is built.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from vatui.core.business import add_business_time, local_instant, zone
from vatui.core.durations import parse_duration
from vatui.core.errors import ValidationError
from vatui.core.models import ChecklistTemplateItem, Client, Task, client_slug
from vatui.core.tzdb import validate_zone
from vatui.i18n import _

DEFAULT_DUE_MINUTE = 17 * 60  # a due day without a time ends at 17:00 in its zone
CLIENT_WORDS = ("client", "theirs", "their")
ME_WORDS = ("me", "mine", "my", "local")

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[t@](.+)$", re.I)
_DAY_MONTH = re.compile(r"^(\d{1,2})-?([a-z]{3})[a-z]*$")
_MONTH_DAY = re.compile(r"^([a-z]{3})[a-z]*-?(\d{1,2})$")
_PLUS_DAYS = re.compile(r"^\+(\d{1,4})([dw])$")
_STRICT_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?(am|pm)$|^(\d{1,2}):(\d{2})$|^(\d{1,2})h(\d{2})?$")
_LOOSE_TIME = re.compile(r"^(\d{1,2})(?::?(\d{2}))?$")
_BATCH = re.compile(r"^[a-z][a-z0-9_\-]{0,29}$")
_DURATION_LIKE = re.compile(r"^[\d.]+\s*[smhdw]", re.I)

DAY_HELP = "today, tomorrow, fri, +3d, eow, 1dec or 2026-12-01"


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


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text)]


# --- clients -----------------------------------------------------------------------------------




def match_clients(clients: Sequence[Client], query: str) -> list[Client]:
    """Clients a typed name means: an exact name or slug wins, else every slug-prefix match."""
    key = " ".join(query.split()).casefold().lstrip("@")
    slug = client_slug(key)
    if not slug:
        return []
    exact = [c for c in clients if c.key == key or client_slug(c.name) == slug]
    if exact:
        return exact[:1]
    return [c for c in clients if client_slug(c.name).startswith(slug)]


def find_client(clients: Sequence[Client], query: str, *, field: str = "client", token: Token | None = None) -> Client:
    found = match_clients(clients, query)
    if len(found) == 1:
        return found[0]
    shown = token.text if token else query
    if not found:
        known = ", ".join(sorted(c.name for c in clients)) or _("none yet")
        raise QuickAddError(_("{token}: no client by that name (clients: {known})").format(token=shown, known=known),
                            field=field, token=token)
    names = ", ".join(sorted(c.name for c in found))
    raise QuickAddError(_("{token}: more than one client matches ({names}); type more of the name").format(
        token=shown, names=names), field=field, token=token)


# --- days and times ----------------------------------------------------------------------------

DaySpec = Callable[[date], date]  # today (in the zone meant) -> the day


def _weekday_index(word: str) -> int | None:
    if len(word) < 2:
        return None
    for i, name in enumerate(_WEEKDAYS):
        if name.startswith(word) and (len(word) >= 3 or word in ("mo", "tu", "we", "th", "fr", "sa", "su")):
            return i
    return None


def _month_index(word: str) -> int | None:
    return _MONTHS.index(word[:3]) + 1 if word[:3] in _MONTHS else None


def _next_dated(today: date, month: int, day: int) -> date:
    """That day and month this year, or next year once it has passed."""
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise ValueError("no such day")


def parse_day(word: str) -> DaySpec | timedelta | None:
    """A day word -> a function of today, or a timedelta for an exact offset (+4h). None: not a day."""
    w = word.strip().lower()
    if w in ("today", "tod", "tdy"):
        return lambda today: today
    if w in ("tomorrow", "tom", "tmr", "tmrw"):
        return lambda today: today + timedelta(days=1)
    if w in ("eow", "endofweek"):  # this week's Friday (next week's once Friday has passed)
        return lambda today: today + timedelta(days=(4 - today.weekday()) % 7)
    if w in ("eom", "endofmonth"):
        return lambda today: today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if w in ("nextweek", "next-week", "nw"):
        return lambda today: today + timedelta(days=7 - today.weekday())
    wd = _weekday_index(w)
    if wd is not None:  # the next such day after today, as in Taskwarrior
        return lambda today: today + timedelta(days=(wd - today.weekday() - 1) % 7 + 1)
    m = _PLUS_DAYS.match(w)
    if m:
        days = int(m.group(1)) * (7 if m.group(2) == "w" else 1)
        return lambda today: today + timedelta(days=days)
    if w.startswith("+") and len(w) > 1:
        try:
            return parse_duration(w[1:])
        except ValidationError:
            return None
    m = _ISO_DATE.match(w)
    if m:
        try:
            fixed = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return lambda today: fixed
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        m = pattern.match(w)
        if m and _month_index(m.group(month_group)):
            month, day = _month_index(m.group(month_group)), int(m.group(day_group))
            if not 1 <= day <= 31:
                return None
            try:
                _next_dated(date(2000, 1, 1), month, day)  # exists in some year (29 feb)
            except ValueError:
                return None
            return lambda today: _next_dated(today, month, day)  # type: ignore[arg-type]
    return None


def parse_time_word(word: str, *, strict: bool = True) -> int | None:
    """"17:00", "5pm", "5:30pm", "17h", "noon" (and "17", "0930" when not strict) -> minutes."""
    w = word.strip().lower()
    if w == "noon":
        return 12 * 60
    if w == "midnight":
        return 0
    m = _STRICT_TIME.match(w)
    if m:
        if m.group(3):
            hours, minutes = int(m.group(1)), int(m.group(2) or 0)
            if not 1 <= hours <= 12:
                return None
            hours = hours % 12 + (12 if m.group(3) == "pm" else 0)
        elif m.group(4) is not None:
            hours, minutes = int(m.group(4)), int(m.group(5))
        else:
            hours, minutes = int(m.group(6)), int(m.group(7) or 0)
    elif not strict and (m := _LOOSE_TIME.match(w)):
        hours, minutes = int(m.group(1)), int(m.group(2) or 0)
    else:
        return None
    if hours > 23 or minutes > 59:
        return None
    return hours * 60 + minutes


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


def parse_when_words(words: Sequence[str], *, field: str, token: Token | None = None, strict: bool = False) -> WhenSpec:
    """"fri 17:00 client" (already split) -> WhenSpec. Raises QuickAddError naming `field`."""
    shown = token.text if token else field
    if not words or not words[0].strip():
        raise QuickAddError(_("{token}: give a day, e.g. {examples}").format(token=shown, examples=DAY_HELP),
                            field=field, token=token)
    first = words[0].strip()
    rest = list(words[1:])
    minute: int | None = None
    m = _ISO_DATETIME.match(first) or (re.match(r"^([^@]+)@(.+)$", first) if "@" in first else None)
    if m:
        first, rest = m.group(1), [m.group(2), *rest]
    day = parse_day(first)
    if day is None:
        raise QuickAddError(_("{token}: {word!r} is not a day; write {examples}").format(
            token=shown, word=first, examples=DAY_HELP), field=field, token=token)
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
    return local_instant(day, minute, tz), tz_name


def parse_when(text: str, *, now: datetime, my_zone: str, client: Client | None, field: str = "due",
               allow_past: bool = False) -> tuple[datetime, str]:
    """A whole field: "fri 17:00 client", "2026-12-01", "+3d", "tomorrow 9am"."""
    spec = parse_when_words(text.split(), field=field)
    return resolve_when(spec, now=now, my_zone=my_zone, client=client, field=field, allow_past=allow_past)


def parse_day_field(text: str, *, today: date, field: str = "start") -> date:
    """A day only ("today", "mon", "+3d", "2026-12-01"), e.g. the start day of a checklist."""
    spec = parse_day(text.strip())
    if spec is None or isinstance(spec, timedelta):
        raise QuickAddError(_("{field}: {text!r} is not a day; write {examples}").format(
            field=field, text=text.strip(), examples=DAY_HELP), field=field)
    return spec(today)


# --- reply-by ----------------------------------------------------------------------------------


def promise_deadline(client: Client, now: datetime, promise: timedelta | None = None, *, field: str = "reply",
                     token: Token | None = None) -> datetime:
    """When a reply promised now is due: `promise` (default: the client's) of the client's business
    hours after now. A 24-hour promise made Friday 16:00 in Sydney falls due Wednesday 16:00."""
    amount = promise if promise is not None else timedelta(hours=client.reply_by_hours)
    at = add_business_time(client.hours, client.tz, now, amount)
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
    if _DURATION_LIKE.match(v) and not extra:
        try:
            amount = parse_duration(v, field=field)
        except ValidationError:
            amount = None
        if amount is not None:
            return promise_deadline(client, now, amount, field=field, token=token)
    spec = parse_when_words([value, *extra], field=field, token=token)
    return resolve_when(spec, now=now, my_zone=my_zone, client=client, field=field, token=token)[0]


# --- the line ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuickAdd:
    """What a quick-add line says. `to_task(now)` makes the record."""

    title: str
    client: Client | None = None
    batch: str | None = None  # None: the line named none
    urgent: bool = False
    important: bool = False
    estimate: timedelta | None = None
    due: datetime | None = None
    due_zone: str | None = None
    reply_by: datetime | None = None
    notes: str = ""

    def to_task(self, now: datetime, *, default_batch: str = "admin") -> Task:
        return Task(
            title=self.title, created=now, client_id=self.client.id if self.client else None,
            batch=self.batch or default_batch, urgent=self.urgent, important=self.important,
            estimate=self.estimate, due=self.due, due_zone=self.due_zone, reply_by=self.reply_by, notes=self.notes,
        )


_FLAG_WORDS = {"u": (True, False), "i": (False, True), "ui": (True, True), "iu": (True, True),
               "urgent": (True, False), "important": (False, True)}


def _flag(tok: Token) -> tuple[bool, bool]:
    word = tok.text[1:].lower()
    if word not in _FLAG_WORDS:
        raise QuickAddError(_("{token}: unknown flag; use !u (urgent), !i (important) or !ui").format(token=tok.text),
                            field="flag", token=tok)
    return _FLAG_WORDS[word]


def _batch(tok: Token) -> str:
    name = tok.text[1:].lower()
    if not _BATCH.match(name):
        raise QuickAddError(_("{token}: a batch is one word of letters, digits or dashes (e.g. #email)").format(
            token=tok.text), field="batch", token=tok)
    return name


def _estimate(tok: Token) -> timedelta:
    try:
        return parse_duration(tok.text[1:], field="estimate")
    except ValidationError:
        raise QuickAddError(_("{token}: not an estimate; write e.g. ~15m, ~1h or ~1h30").format(token=tok.text),
                            field="estimate", token=tok) from None


def _is_zone_token(word: str) -> bool:
    """A word after due:/reply: that names the zone: "client", "me" or a real IANA name."""
    z = zone_word(word)
    if z is None or z in ("client", "me") and word.lower() not in ("client", "me"):
        return False
    if z in ("client", "me"):
        return True
    try:
        validate_zone(z)
    except ValidationError:
        return False
    return True


def _key(tok: Token) -> tuple[str, str] | None:
    key, sep, value = tok.text.partition(":")
    if not sep:
        return None
    key = key.lower()
    if key == "due":
        return "due", value
    if key in ("reply", "rb", "replyby", "reply-by"):
        return "reply", value
    return None


def parse_quick_add(text: str, *, clients: Sequence[Client], now: datetime, my_zone: str,
                    client: Client | None = None, batch: str | None = None) -> QuickAdd:
    """Parse a quick-add line. `client` and `batch` are defaults the line may override."""
    line, _sep, notes = text.partition(" // ")
    tokens = tokenize(line)
    title: list[str] = []
    found_client: Client | None = None
    client_token: Token | None = None
    found_batch: str | None = None
    urgent = important = False
    estimate: timedelta | None = None
    due_parts: tuple[Token, list[str]] | None = None
    reply_parts: tuple[Token, list[str]] | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.text
        i += 1
        if t.startswith("\\") and len(t) > 1:
            title.append(t[1:])
            continue
        if t.startswith("@") and len(t) > 1:
            if client_token is not None:
                raise QuickAddError(_("{token}: a task has one client, and {first} already names it").format(
                    token=t, first=client_token.text), field="client", token=tok)
            found_client, client_token = find_client(clients, t[1:], token=tok), tok
            continue
        if t.startswith("#") and len(t) > 1 and t[1].isalpha():
            if found_batch is not None:
                raise QuickAddError(_("{token}: a task has one batch, and #{first} already names it").format(
                    token=t, first=found_batch), field="batch", token=tok)
            found_batch = _batch(tok)
            continue
        if t.startswith("!") and len(t) > 1 and t[1:].isalpha():
            u, imp = _flag(tok)
            urgent, important = urgent or u, important or imp
            continue
        if t.startswith("~") and len(t) > 1:
            if estimate is not None:
                raise QuickAddError(_("{token}: the estimate is already given").format(token=t), field="estimate", token=tok)
            estimate = _estimate(tok)
            continue
        keyed = _key(tok)
        if keyed is not None:
            key, value = keyed
            if (due_parts if key == "due" else reply_parts) is not None:
                raise QuickAddError(_("{token}: {key}: is given twice").format(token=t, key=key), field=key, token=tok)
            # Following words that are a time ("17:00", "5pm") or a zone ("client") belong to it
            # (not after a reply promise: "reply:24h" is complete).
            extra: list[str] = []
            takes_more = not (key == "reply" and (not value or _DURATION_LIKE.match(value)))
            while takes_more and i < len(tokens) and len(extra) < 2 and (
                parse_time_word(tokens[i].text) is not None or _is_zone_token(tokens[i].text)
            ):
                extra.append(tokens[i].text)
                i += 1
            if extra:
                tok = Token(line[tok.start:tokens[i - 1].end], tok.start, tokens[i - 1].end)
            if key == "due":
                due_parts = (tok, [value, *extra])
            else:
                reply_parts = (tok, [value, *extra])
            continue
        title.append(t)

    the_client = found_client or client
    due = due_zone = reply_by = None
    if due_parts is not None:
        tok, words = due_parts
        spec = parse_when_words(words, field="due", token=tok, strict=True)
        due, due_zone = resolve_when(spec, now=now, my_zone=my_zone, client=the_client, field="due", token=tok)
    if reply_parts is not None:
        tok, words = reply_parts
        reply_by = parse_reply(words[0], extra=words[1:], now=now, my_zone=my_zone, client=the_client,
                               token=tok)
    if not title:
        raise QuickAddError(_("a task needs a title: the words that are not @client, #batch, !u, ~15m, due: or reply:"),
                            field="title")
    return QuickAdd(
        title=" ".join(title), client=the_client, batch=found_batch or batch, urgent=urgent, important=important,
        estimate=estimate, due=due, due_zone=due_zone, reply_by=reply_by, notes=notes.strip(),
    )


# --- checklist template items ------------------------------------------------------------------


def parse_template_item(text: str) -> ChecklistTemplateItem:
    """One item of a checklist template: "Collect logins #admin ~20m !i day:2" (or +2d): due two
    days after the start day."""
    title: list[str] = []
    batch = "admin"
    estimate: timedelta | None = None
    urgent = important = False
    offset = 0
    for tok in tokenize(text):
        t = tok.text
        if t.startswith("\\") and len(t) > 1:
            title.append(t[1:])
        elif t.startswith("#") and len(t) > 1 and t[1].isalpha():
            batch = _batch(tok)
        elif t.startswith("!") and len(t) > 1 and t[1:].isalpha():
            u, imp = _flag(tok)
            urgent, important = urgent or u, important or imp
        elif t.startswith("~") and len(t) > 1:
            estimate = _estimate(tok)
        elif re.fullmatch(r"(?:day:|\+)-?\d+d?", t, re.I):
            offset = int(re.sub(r"[^\d\-]", "", t))
            if not 0 <= offset <= 366:
                raise QuickAddError(_("{token}: the day is 0 to 366 days after the start").format(token=t),
                                    field="day", token=tok)
        elif t.lower().startswith("day:"):
            raise QuickAddError(_("{token}: write day:N, the number of days after the start day").format(token=t),
                                field="day", token=tok)
        else:
            title.append(t)
    if not title:
        raise QuickAddError(_("{item!r}: a checklist item needs a title").format(item=text.strip()), field="title")
    return ChecklistTemplateItem(title=" ".join(title), batch=batch, offset_days=offset, estimate=estimate,
                                 urgent=urgent, important=important)


def format_template_item(item: ChecklistTemplateItem) -> str:
    """The line `parse_template_item` reads back."""
    from vatui.core.durations import format_duration_config

    parts = [item.title, f"#{item.batch}"]
    if item.urgent and item.important:
        parts.append("!ui")
    elif item.urgent:
        parts.append("!u")
    elif item.important:
        parts.append("!i")
    if item.estimate:
        parts.append("~" + format_duration_config(item.estimate))
    parts.append(f"day:{item.offset_days}")
    return " ".join(parts)
