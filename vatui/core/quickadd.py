"""The one-line quick-add syntax. The day and time words of `due:` and `reply:` (shared by forms
and the command line) are in when_words.py.

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
- `every:mon`  a repeat: every:day, every:weekday (the client's business days), every:mon,thu,
               every:2w, every:month[:15|:last|:last-business], every:quarter, every:year; or
               `after:3d` (the next one that long after this one is done). See core/recurrence.py.
               Without due: the first one is the rule's first day from today, at 17:00.
- `\\#word`     a backslash keeps a token literally in the title.

A word after `due:DAY` (or after its time or zone) that looks like a time, with digits and ':' or
ending in am/pm, is the due time: "due:fri 25:00" is refused, not "25:00" put into the title.

A bad token raises `QuickAddError` (a ValidationError) whose message quotes the token and whose
`field` names what it was (client, batch, flag, estimate, due, reply, title); nothing is built.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from vatui.core.business import zone
from vatui.core.errors import ValidationError
from vatui.core.grammar import looks_like_duration, looks_like_time, parse_duration
from vatui.core.models import ChecklistTemplateItem, Client, Task, client_slug, plain
from vatui.core.tzdb import validate_zone
from vatui.core.when_words import (
    QuickAddError,
    Token,
    parse_reply,
    parse_time_word,
    parse_when_words,
    resolve_when,
    zone_word,
)
from vatui.i18n import _, ngettext

_BATCH = re.compile(r"^[a-z][a-z0-9_\-]{0,29}$")


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


SUGGESTED = 8  # names at most in a "no such client" message: a file may hold hundreds


def client_suggestions(clients: Sequence[Client], query: str) -> str:
    """The names to offer for a name that matched no client: the closest few, else the first few
    of all (alphabetically), never more than SUGGESTED, with how many more there are."""
    names = sorted(c.name for c in clients)
    if not names:
        return _("no clients yet")
    slugs = {client_slug(n): n for n in names}
    close = difflib.get_close_matches(client_slug(query.lstrip("@")), list(slugs), n=SUGGESTED, cutoff=0.5)
    if close:
        return _("did you mean {names}?").format(names=", ".join(slugs[s] for s in close))
    shown = ", ".join(names[:SUGGESTED])
    if len(names) > SUGGESTED:
        shown += " " + ngettext("and {n} more", "and {n} more", len(names) - SUGGESTED).format(n=len(names) - SUGGESTED)
    return _("clients: {names}").format(names=shown)


def find_client(clients: Sequence[Client], query: str, *, field: str = "client", token: Token | None = None) -> Client:
    found = match_clients(clients, query)
    if len(found) == 1:
        return found[0]
    shown = token.text if token else query
    if not found:
        raise QuickAddError(_("{token}: no client by that name ({suggestions})").format(
            token=shown, suggestions=client_suggestions(clients, query)), field=field, token=token)
    names = ", ".join(sorted(c.name for c in found))
    raise QuickAddError(_("{token}: more than one client matches ({names}); type more of the name").format(
        token=shown, names=names), field=field, token=token)


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
    repeat: str | None = None  # the rule text

    def to_task(self, now: datetime, *, default_batch: str = "admin") -> Task:
        return Task(
            title=self.title, created=now, client_id=self.client.id if self.client else None,
            batch=self.batch or default_batch, urgent=self.urgent, important=self.important,
            estimate=self.estimate, due=self.due, due_zone=self.due_zone, reply_by=self.reply_by, notes=self.notes,
            repeat=self.repeat,
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
    if key in ("every", "after") and value:
        return "repeat", tok.text
    return None


def parse_quick_add(text: str, *, clients: Sequence[Client], now: datetime, my_zone: str,
                    client: Client | None = None, batch: str | None = None) -> QuickAdd:
    """Parse a quick-add line. `client` and `batch` are defaults the line may override."""
    line, _sep, notes = plain(text).partition(" // ")
    tokens = tokenize(line)
    title: list[str] = []
    found_client: Client | None = None
    client_token: Token | None = None
    found_batch: str | None = None
    urgent = important = False
    estimate: timedelta | None = None
    due_parts: tuple[Token, list[str]] | None = None
    reply_parts: tuple[Token, list[str]] | None = None
    repeat_token: Token | None = None
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
        if keyed is not None and keyed[0] == "repeat":
            if repeat_token is not None:
                raise QuickAddError(_("{token}: a task has one repeat, and {first} already gives it").format(
                    token=t, first=repeat_token.text), field="repeat", token=tok)
            repeat_token = tok
            continue
        if keyed is not None:
            key, value = keyed
            if (due_parts if key == "due" else reply_parts) is not None:
                raise QuickAddError(_("{token}: {key}: is given twice").format(token=t, key=key), field=key, token=tok)
            # Following words that are a time ("17:00", "5pm") or a zone ("client") belong to it
            # (not after a reply promise: "reply:24h" is complete).
            extra: list[str] = []
            takes_more = not (key == "reply" and (not value or looks_like_duration(value)))
            while takes_more and i < len(tokens) and len(extra) < 2:
                word = tokens[i].text
                if parse_time_word(word) is None and looks_like_time(word):
                    raise QuickAddError(_("{token}: not a time of day; write 00:00 to 23:59 or 1am to 12pm "
                                          "(\\{token} keeps the word in the title)").format(token=word),
                                        field=key, token=tokens[i])
                if parse_time_word(word) is None and not _is_zone_token(word):
                    break
                extra.append(word)
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
    repeat = None
    if repeat_token is not None:
        repeat, due, due_zone = _repeat(repeat_token, due, due_zone, now=now, my_zone=my_zone, client=the_client)
    if not title:
        raise QuickAddError(_("a task needs a title: the words that are not @client, #batch, !u, ~15m, due: or reply:"),
                            field="title")
    return QuickAdd(
        title=" ".join(title), client=the_client, batch=found_batch or batch, urgent=urgent, important=important,
        estimate=estimate, due=due, due_zone=due_zone, reply_by=reply_by, notes=notes.strip(),
        repeat=repeat,
    )


def _repeat(tok: Token, due: datetime | None, due_zone: str | None, *, now: datetime, my_zone: str,
            client: Client | None) -> tuple[str, datetime, str]:
    """The rule of an every:/after: token, and the first due (the rule's first day from today at
    17:00 when the line gave none). Loaded only for a line that repeats."""
    from vatui.core import recurrence, series

    zone_name = due_zone or my_zone
    tz = zone(zone_name)
    business = recurrence.business_days(client)
    anchor = (due or now).astimezone(tz).date()
    try:
        rule = recurrence.parse_repeat(tok.text, first_due=anchor, business_days=business)
        if due is None:
            due = series.first_due(rule, anchor, zone_name)
    except ValidationError as exc:
        raise QuickAddError(str(exc), field="repeat", token=tok) from None
    return rule, due, zone_name


def without_replaced_suggestion(text: str, suggested: str) -> str:
    """The line with the suggested `@client` / `#batch` dropped where the line names its own.

    Quick add opens with `@client #batch` from the cursor's group as a suggestion: typing another
    `@client` (or `#batch`) replaces it, as typing over a suggestion does, instead of being refused
    as a second client. A suggested token counts only while it is still in the line as it was put
    there (its first occurrence); every other token is left alone."""
    out = text
    for sug in tokenize(suggested):
        kind = _token_kind(sug.text)
        if kind is None:
            continue
        toks = tokenize(out)
        mine = next((t for t in toks if t.text == sug.text), None)
        if mine is None:
            continue
        if any(t is not mine and _token_kind(t.text) == kind for t in toks):
            rest = out[mine.end:]
            out = out[:mine.start] + (rest[1:] if rest.startswith(" ") else rest)
    return out


def _token_kind(word: str) -> str | None:
    if word.startswith("@") and len(word) > 1:
        return "client"
    if word.startswith("#") and len(word) > 1 and word[1].isalpha():
        return "batch"
    return None


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
