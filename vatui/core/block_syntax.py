"""A block as people type it: `parse_block` reads "9:30-11 @acme weekly report", "14:00 90m
#email" or "now 45m" as a block on a day in my zone, and `block_text` writes a block back the
same way (what the edit field starts with).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from vatui.core.blocks import MAX_LENGTH, day_bounds
from vatui.core.business import wall_instant, zone
from vatui.core.durations import format_duration
from vatui.core.errors import ValidationError
from vatui.core.grammar import CLOCK_PATTERN, looks_like_duration, parse_duration, read_clock
from vatui.core.models import Client, TimeBlock
from vatui.i18n import _

MAX_NOTE = 200

_TIME = rf"(?:now|{CLOCK_PATTERN})"
_RANGE_HEAD = re.compile(rf"^\s*({_TIME})\s*[-–—]\s*({_TIME})(?=\s|$)", re.IGNORECASE)
_START_HEAD = re.compile(rf"^\s*({_TIME})(?=\s|$)", re.IGNORECASE)
_BATCH = re.compile(r"^#([a-z][\w-]*)$", re.IGNORECASE)

EXAMPLES = "9:30-11 @acme, 14:00 90m #email or now 45m"


@dataclass(frozen=True, slots=True)
class _Clock:
    token: str
    minute: int | None  # minutes after midnight; None for "now"
    suffix: str | None  # "am" / "pm" if written


def _clock(token: str, field: str) -> _Clock:
    if token.strip().lower() == "now":
        return _Clock(token, None, None)
    minute, suffix = read_clock(token, field=field, allow_24=True, allow_loose=True, allow_ampm=True)
    return _Clock(token, minute, suffix)


def _with_suffix(c: _Clock, suffix: str) -> _Clock:
    """"2-4pm" means 14:00-16:00: a start written without am/pm takes the end's."""
    if c.minute is None or c.suffix or c.minute >= 13 * 60 or c.minute < 60:
        return c
    hour, minute = divmod(c.minute, 60)
    hour = hour % 12 + (12 if suffix == "pm" else 0)
    return _Clock(c.token, hour * 60 + minute, suffix)


def _slug(name: str) -> str:
    """A name as one typeable word: "Acorn Ltd." -> "acornltd" (so @acorn-ltd finds it too)."""
    return re.sub(r"[\s\-_.']", "", name.casefold())


def find_client(clients: Iterable[Client], token: str, *, field: str = "client") -> Client:
    """A client by name, ignoring case and spaces: the exact name first, then a unique prefix
    ("@acm" -> Acme), as `Store.client_named` does, but saying why when nothing fits."""
    clients = list(clients)
    key = " ".join(token.split()).casefold().lstrip("@")
    if not key:
        raise ValidationError(_("{field}: write the client's name after @, e.g. @acme").format(field=field), field=field)
    slug = _slug(key)
    for c in clients:
        if c.key == key:
            return c
    for c in clients:
        if _slug(c.key) == slug:
            return c
    matches = [c for c in clients if _slug(c.key).startswith(slug)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(sorted(c.name for c in matches))
        raise ValidationError(_("{field}: {text!r} fits several clients ({names}); type more of the name").format(
            field=field, text=token, names=names), field=field)
    known = ", ".join(sorted(c.name for c in clients)) or _("none yet")
    raise ValidationError(_("{field}: no client called {text!r} (clients: {known})").format(
        field=field, text=token, known=known), field=field)


def parse_block(text: str, *, day: date, zone_name: str, now: datetime,
                clients: Iterable[Client] | Callable[[], Iterable[Client]]) -> TimeBlock:
    """Read what people type into the add/edit field, e.g. "9:30-11 @acme weekly report",
    "14:00 90m #email" or "now 45m", as a block on `day` in my zone.

    The text starts with a time range ("9:30-11", "2-4pm", "now-11:00") or a start and a length
    ("14:00 90m", "now 45m"). Then, in any order: @client (a unique prefix of a name), #batch,
    and a free-text note. A block past midnight is written with its length ("23:00 2h");
    "22:00-24:00" ends at midnight. Bad input raises ValidationError naming the bad token; its
    `field` is one of start, end, length, client, batch, note.
    """
    raw = " ".join(text.split())
    if not raw:
        raise ValidationError(_("{field}: type a time and what the block is for, e.g. {examples}").format(
            field="start", examples=EXAMPLES), field="start")
    tz = zone(zone_name)
    now_minute = now.replace(second=0, microsecond=0)

    def instant(c: _Clock) -> datetime:
        return now_minute if c.minute is None else wall_instant(day, c.minute, tz, field="start")

    end: datetime | None = None
    ranged = _RANGE_HEAD.match(raw)
    if ranged:
        first, last = _clock(ranged.group(1), "start"), _clock(ranged.group(2), "end")
        if last.minute is None:
            raise ValidationError(_("{field}: {text!r} cannot end a block; write a time, e.g. now-11:00").format(
                field="end", text=last.token), field="end")
        if last.suffix and not first.suffix:
            guess = _with_suffix(first, last.suffix)
            if guess.minute is not None and guess.minute < last.minute:
                first = guess
        start, end = instant(first), instant(last)
        rest = raw[ranged.end():].split()
        if end == start:
            raise ValidationError(_("{field}: {text!r} has zero length").format(field="end", text=ranged.group(0).strip()),
                                  field="end")
        if end < start:
            raise ValidationError(
                _("{field}: {text!r} is before the start {start!r}; for a block past midnight write "
                  "its length, e.g. 23:00 2h").format(field="end", text=last.token, start=first.token), field="end")
    else:
        head = _START_HEAD.match(raw)
        if not head:
            token = raw.split()[0]
            raise ValidationError(_("{field}: {text!r} is not a time; begin with one, e.g. {examples}").format(
                field="start", text=token, examples=EXAMPLES), field="start")
        first = _clock(head.group(1), "start")
        if first.minute == 24 * 60:
            raise ValidationError(_("{field}: {text!r} is the end of the day; start at 23:59 at the latest").format(
                field="start", text=first.token), field="start")
        start = instant(first)
        rest = raw[head.end():].split()

    client_id: int | None = None
    client_token = batch = None
    length: timedelta | None = None
    note: list[str] = []
    for token in rest:
        if token == "@":
            raise ValidationError(_("{field}: write the client's name after @, e.g. @acme").format(field="client"),
                                  field="client")
        if token.startswith("@"):
            if client_token is not None:
                raise ValidationError(_("{field}: one client per block ({first!r} and {text!r})").format(
                    field="client", first=client_token, text=token), field="client")
            pool = clients() if callable(clients) else clients
            client_id = find_client(pool, token).id
            client_token = token
        elif _BATCH.match(token):
            if batch is not None:
                raise ValidationError(_("{field}: one batch per block ({first} and {text!r})").format(
                    field="batch", first="#" + batch, text=token), field="batch")
            batch = token[1:].lower()
        elif token == "#":
            raise ValidationError(_("{field}: write the batch after #, e.g. #email").format(field="batch"), field="batch")
        elif length is None and not note and looks_like_duration(token):
            if end is not None:
                raise ValidationError(_("{field}: {text!r} given as well as an end time; give one or the other").format(
                    field="length", text=token), field="length")
            length = parse_duration(token, field="length", allow_zero=True)
            if not length:
                raise ValidationError(_("{field}: {text!r} is zero length").format(field="length", text=token),
                                      field="length")
        else:
            note.append(token)
    if end is None:
        if length is None:
            raise ValidationError(
                _("{field}: {text!r} needs an end or a length, e.g. {start}-11:00 or {start} 45m").format(
                    field="length", text=first.token, start=first.token),
                field="length")
        end = start + length
    if end - start > MAX_LENGTH:
        raise ValidationError(_("{field}: {length} is longer than a day").format(
            field="length", length=format_duration(end - start)), field="length")
    text_note = " ".join(note)
    if len(text_note) > MAX_NOTE:
        raise ValidationError(_("{field}: keep the note under {count} characters").format(field="note", count=MAX_NOTE),
                              field="note")
    return TimeBlock(start=start, end=end, client_id=client_id, batch=batch, note=text_note)


def client_token(client: Client) -> str:
    return "@" + _slug(client.key)


def block_text(block: TimeBlock, zone_name: str, clients: Mapping[int, Client]) -> str:
    """The block as it would be typed: what the edit field starts with. `parse_block` on the
    block's own start day reads it back to the same block."""
    tz = zone(zone_name)
    start = block.start.astimezone(tz)
    end = block.end.astimezone(tz)
    midnight = day_bounds(start.date(), zone_name)[1]
    if end.date() == start.date() and end.replace(tzinfo=None) > start.replace(tzinfo=None):
        times = f"{start:%H:%M}-{end:%H:%M}"
    elif block.end == midnight:
        times = f"{start:%H:%M}-24:00"
    else:
        times = f"{start:%H:%M} {format_duration(block.length)}"
    parts = [times]
    if block.client_id is not None and block.client_id in clients:
        parts.append(client_token(clients[block.client_id]))
    if block.batch:
        parts.append("#" + block.batch)
    if block.note:
        parts.append(block.note)
    return " ".join(parts)
