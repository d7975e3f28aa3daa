"""The task form as text fields and back: what the edit modal shows and how it is read.

`form_values` fills the fields from a task; `apply_form` reads them into a new Task or raises a
ValidationError whose `field` is the form field to point at. Unchanged due and reply-by fields
keep their exact instants.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from vatui.core.durations import format_duration_config
from vatui.core.errors import ValidationError
from vatui.core.grammar import parse_duration
from vatui.core.models import ChecklistItem, Client, Status, Task
from vatui.core.quickadd import find_client
from vatui.core.when_words import QuickAddError, parse_day_field, parse_reply, parse_when
from vatui.i18n import _

FIELDS = ("title", "client", "batch", "urgent", "important", "estimate", "due", "reply", "status", "defer",
          "notes", "checklist")
_CHECK = re.compile(r"^\s*(?:[-*]\s*)?\[( |x|X)\]\s*(.*)$")

FormValues = Mapping[str, "str | bool"]


def format_when(at: datetime, tz_name: str, *, my_zone: str, client: Client | None) -> str:
    """An instant as the form writes it: "2026-11-27 17:00", then "client" or a zone if not mine."""
    local = at.astimezone(ZoneInfo(tz_name))
    text = f"{local:%Y-%m-%d %H:%M}"
    if tz_name == my_zone:
        return text
    if client is not None and tz_name == client.tz:
        return text + " client"
    return f"{text} {tz_name}"


def format_checklist(items: Sequence[ChecklistItem]) -> str:
    return "\n".join(f"[{'x' if i.done else ' '}] {i.text}" for i in items)


def parse_checklist(text: str) -> tuple[ChecklistItem, ...]:
    """One item a line: "[x] done item", "[ ] open item" or just "open item"."""
    items: list[ChecklistItem] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        m = _CHECK.match(line)
        if m:
            if m.group(2).strip():
                items.append(ChecklistItem(" ".join(m.group(2).split()), m.group(1).lower() == "x"))
        else:
            items.append(ChecklistItem(" ".join(line.split())))
    return tuple(items)


def form_values(task: Task, clients: Mapping[int, Client], my_zone: str) -> dict[str, str | bool]:
    client = clients.get(task.client_id) if task.client_id is not None else None
    due = ""
    if task.due is not None:
        due = format_when(task.due, task.due_zone or my_zone, my_zone=my_zone, client=client)
    reply = ""
    if task.reply_by is not None:
        reply = format_when(task.reply_by, client.tz if client else my_zone, my_zone=my_zone, client=client)
    return {
        "title": task.title,
        "client": client.name if client else "",
        "batch": task.batch,
        "urgent": task.urgent,
        "important": task.important,
        "estimate": format_duration_config(task.estimate) if task.estimate else "",
        "due": due,
        "reply": reply,
        "repeat": _repeat_words(task),
        "status": task.status.value,
        "defer": task.defer_until.isoformat() if task.defer_until else "",
        "notes": task.notes,
        "checklist": format_checklist(task.checklist),
    }


def _repeat_words(task: Task) -> str:
    if task.repeat is None:
        return ""
    from vatui.core.series import repeat_field  # the rule modules load only for a task that repeats

    return repeat_field(task)


def _text(values: FormValues, name: str) -> str:
    value = values.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def apply_form(original: Task, values: FormValues, *, clients: Sequence[Client], now: datetime, my_zone: str) -> Task:
    """The task the form describes. Raises ValidationError(field=...) at the first bad field."""
    by_id = {c.id: c for c in clients if c.id is not None}
    before = form_values(original, by_id, my_zone)
    client: Client | None = None
    name = _text(values, "client")
    if name:
        try:
            client = find_client(clients, name)
        except QuickAddError as exc:
            raise ValidationError(exc.message, field="client") from None
    estimate_text = _text(values, "estimate")
    estimate = parse_duration(estimate_text, field="estimate") if estimate_text else None

    due_text, due, due_zone = _text(values, "due"), None, None
    if due_text and due_text == before["due"] and original.client_id == (client.id if client else None):
        due, due_zone = original.due, original.due_zone
    elif due_text:
        due, due_zone = _reraise(lambda: parse_when(due_text, now=now, my_zone=my_zone, client=client, field="due"))

    reply_text, reply_by = _text(values, "reply"), None
    if reply_text and reply_text == before["reply"] and original.client_id == (client.id if client else None):
        reply_by = original.reply_by
    elif reply_text:
        words = reply_text.split()
        reply_by = _reraise(lambda: parse_reply(words[0], extra=words[1:], now=now, my_zone=my_zone,
                                                client=client, field="reply"))

    try:
        status = Status(_text(values, "status") or original.status.value)
    except ValueError:
        raise ValidationError(_("status: choose todo, doing, waiting, deferred or done"), field="status") from None
    defer_text = _text(values, "defer")
    defer_until = None
    if defer_text:
        today = now.astimezone(ZoneInfo(my_zone)).date()
        defer_until = _reraise(lambda: parse_day_field(defer_text, today=today, field="defer"))
        if status in (Status.TODO, Status.DEFERRED):
            status = Status.DEFERRED
        else:
            defer_until = None
    elif status is Status.DEFERRED:
        raise ValidationError(_("defer: a deferred task needs the day it comes back (e.g. tomorrow)"), field="defer")
    done_at = original.done_at if status is Status.DONE else None
    if status is Status.DONE and done_at is None:
        done_at = now

    urgent, important = bool(values.get("urgent")), bool(values.get("important"))
    rank = original.rank if (urgent, important) == (original.urgent, original.important) else None
    changed = replace(
        original,
        title=_text(values, "title"),
        client_id=client.id if client else None,
        batch=_text(values, "batch") or "admin",
        urgent=urgent,
        important=important,
        estimate=estimate,
        due=due,
        due_zone=due_zone,
        reply_by=reply_by,
        notes=str(values.get("notes") or "").strip(),
        checklist=parse_checklist(str(values.get("checklist") or "")),
        status=status,
        done_at=done_at,
        defer_until=defer_until,
        rank=rank,
    )
    repeat_text = _text(values, "repeat")
    if not repeat_text and original.repeat is None:
        return changed
    from vatui.core.recurrence import business_days
    from vatui.core.series import apply_repeat_field

    business = business_days(client)
    return apply_repeat_field(changed, repeat_text, business_days=business, zone=due_zone or my_zone, now=now)


def _reraise(fn):  # noqa: ANN001, ANN202 - QuickAddError's token means nothing in a form field
    try:
        return fn()
    except QuickAddError as exc:
        raise ValidationError(exc.message, field=exc.field) from None


def toggle_next_item(task: Task) -> Task | None:
    """Tick the first open checklist item (None when every item is ticked or there are none)."""
    for i, item in enumerate(task.checklist):
        if not item.done:
            items = list(task.checklist)
            items[i] = replace(item, done=True)
            return replace(task, checklist=tuple(items))
    return None

