"""What the running cockpit calls on its tick to fire reminders (no Textual here): it asks
vatui.core.reminders what is due, sends each through the notification chain (vatui.terminal.notify:
in-app, desktop, terminal escape, bell), and records them as fired in the store so each fires once
per task and lead, across restarts.

The first check after start also returns the reminders missed while vatui was closed: they are
shown once, in-app, as one "missed" note, and recorded like the others. Checks run once per minute
of the clock; a tick within the same minute costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from vatui.core.durations import format_duration
from vatui.core.models import Client
from vatui.core.reminders import Reminder, check
from vatui.i18n import _, ngettext
from vatui.store.reminder_log import fired_keys, record_fired


@dataclass(frozen=True, slots=True)
class Notice:
    title: str
    body: str
    in_app_only: bool = False


def reminder_body(r: Reminder, clients: Mapping[int, Client]) -> str:
    client = clients.get(r.task.client_id) if r.task.client_id is not None else None
    return f"{r.task.title} · {client.name}" if client else r.task.title


def reminder_title(r: Reminder) -> str:
    lead = format_duration(r.lead)
    if r.kind == "reply":
        return _("Reply-by in {lead}").format(lead=lead)
    return _("Due in {lead}").format(lead=lead)


UTC = ZoneInfo("UTC")
MISSED_SHOWN = 5  # missed reminders listed by name in the note at start; the rest are counted


def missed_title(r: Reminder, zone: ZoneInfo) -> str:
    """A missed reminder by its deadline, which may have passed too: "Reply-by 14:30", "Due Mon 09:00"."""
    local = r.deadline.astimezone(zone)
    when = f"{local:%H:%M}"
    if r.kind == "reply":
        return _("Reply-by {when}").format(when=when)
    return _("Due {when}").format(when=when)


def notices(due: Sequence[Reminder], missed: Sequence[Reminder], clients: Mapping[int, Client],
            zone: ZoneInfo = UTC) -> list[Notice]:
    """One notice per reminder due now, and one in-app note listing the missed ones (each with its
    deadline on my clock: a missed one's "in 15m" may be long past)."""
    out = [Notice(reminder_title(r), reminder_body(r, clients)) for r in due]
    if missed:
        # The first few by deadline: after days away the whole list would cover the screen.
        lines = [f"{missed_title(r, zone)}: {reminder_body(r, clients)}" for r in missed[:MISSED_SHOWN]]
        if len(missed) > MISSED_SHOWN:
            more = len(missed) - MISSED_SHOWN
            lines.append(ngettext("… and {count} more (vatui today lists what is due)",
                                  "… and {count} more (vatui today lists what is due)", more).format(count=more))
        out.append(Notice(_("Missed while vatui was closed"), "\n".join(lines), in_app_only=True))
    return out


class ReminderWatch:
    """Call `tick(now)` from the cockpit's tick. `notifier` is a vatui.terminal.notify.Notifier (or anything
    with its `send`); None returns the notices without sending them (for tests and `--dry` use)."""

    def __init__(self, store: Any, leads: Sequence[timedelta], notifier: Any = None, zone: str = "UTC") -> None:
        self.store = store
        self.leads = tuple(leads)
        self.notifier = notifier
        self.zone = ZoneInfo(zone)
        self._since: datetime | None = None  # None until the first check: that one looks for missed
        self._minute: datetime | None = None

    def tick(self, now: datetime) -> list[Notice]:
        minute = now.replace(second=0, microsecond=0)
        if minute == self._minute or not self.leads:
            return []
        self._minute = minute
        tasks = [t for t in self.store.tasks.all() if t.is_open and (t.due is not None or t.reply_by is not None)]
        result = check(tasks, now, self.leads, fired_keys(self.store), since=self._since)
        self._since = now
        if not result.fired:
            return []
        clients = {c.id: c for c in self.store.clients.all() if c.id is not None}
        out = notices(result.due, result.missed, clients, self.zone)
        record_fired(self.store, result.fired, now)  # before sending: a failed channel must not repeat it
        if self.notifier is not None:
            for n in out:
                self.notifier.send(n.title, n.body, in_app_only=n.in_app_only)
        return out
