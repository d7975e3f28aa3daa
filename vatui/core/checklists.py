"""Checklist templates: repeated work (client onboarding, monthly report, social week) defined
once as a list of items, applied to a client to create its tasks with due dates offset from a
start day. An item is written like a quick-add line: "Collect logins #admin ~20m !i day:2"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from vatui.core.business import local_instant, zone
from vatui.core.errors import ValidationError
from vatui.core.models import ChecklistTemplateItem, Client, Task, Template
from vatui.core.quickadd import parse_template_item
from vatui.core.when_words import DEFAULT_DUE_MINUTE, QuickAddError
from vatui.i18n import _


def make_checklist_template(name: str, lines: Sequence[str]) -> Template:
    """A checklist template from item lines (blank lines and lines starting with # are skipped).
    A bad line raises a ValidationError naming its number."""
    items: list[ChecklistTemplateItem] = []
    for n, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("# ") or text == "#":
            continue
        try:
            items.append(parse_template_item(text))
        except QuickAddError as exc:
            raise ValidationError(_("item {n}: {error}").format(n=n, error=exc.message), field="items") from None
    if not items:
        raise ValidationError(_("items: a checklist template needs at least one item"), field="items")
    return Template(kind="checklist", name=name, items=tuple(items))


def apply_checklist(template: Template, client: Client, start: date, now: datetime) -> list[Task]:
    """The tasks a checklist template makes for `client`: item k is due `offset_days` after
    `start`, at the end of that day (17:00) in the client's zone. Created now, in item order."""
    if template.kind != "checklist":
        raise ValidationError(_("{name} is a day template, not a checklist").format(name=template.name), field="template")
    tz = zone(client.tz)
    tasks: list[Task] = []
    for n, item in enumerate(template.items):
        assert isinstance(item, ChecklistTemplateItem)
        day = start + timedelta(days=item.offset_days)
        tasks.append(Task(
            title=item.title, created=now + timedelta(microseconds=n),  # keeps the template's order on ties
            client_id=client.id, batch=item.batch, urgent=item.urgent, important=item.important,
            estimate=item.estimate, due=local_instant(day, DEFAULT_DUE_MINUTE, tz), due_zone=client.tz,
            notes=_("From template {name}").format(name=template.name),
        ))
    return tasks
