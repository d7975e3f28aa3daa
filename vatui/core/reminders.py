"""Reminders before each reply-by and due time: which are due now, which were missed, which come next.

A reminder is one (task, deadline kind, lead): "1h before the reply-by of task 12". It fires once:
its key names the deadline's instant too, so moving a due date arms the reminder again, and the
set of keys already fired (kept by the store) is passed in. Never for done tasks, never for a
moment before the task existed.

A reminder whose moment passed while nothing was watching (vatui was closed) is "missed": shown once
as such at the next start. Only the last `lookback` is searched, so a long absence brings back a
few missed reminders, not every overdue task of the year; and of one deadline's leads only the
latest is shown (a 1h and a 15m reminder both missed read as one). Nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from vatui.core.models import Task

GRACE = timedelta(minutes=2)  # a moment this recent is "now", not "missed" (a tick can come late)
LOOKBACK = timedelta(days=1)  # how far back missed reminders are searched when `since` is not known


@dataclass(frozen=True, slots=True)
class Reminder:
    task: Task
    kind: str  # "reply" or "due"
    lead: timedelta
    deadline: datetime  # UTC
    at: datetime  # deadline - lead, UTC

    @property
    def key(self) -> str:
        """Stable across restarts: task, kind, lead in minutes and the deadline's instant."""
        return f"{self.task.id}:{self.kind}:{int(self.lead.total_seconds() // 60)}:{int(self.deadline.timestamp())}"


@dataclass(frozen=True, slots=True)
class Check:
    due: tuple[Reminder, ...]  # to notify now
    missed: tuple[Reminder, ...]  # their moment passed while nobody watched: show once, as missed
    fired: tuple[str, ...]  # every key to record as fired (includes the leads collapsed away)


def reminders_of(task: Task, leads: Sequence[timedelta]) -> list[Reminder]:
    """Every reminder of an open task (none for a done task or one without deadlines)."""
    if not task.is_open or task.id is None:
        return []
    out: list[Reminder] = []
    for kind, deadline in (("reply", task.reply_by), ("due", task.due)):
        if deadline is None:
            continue
        for lead in leads:
            at = deadline - lead
            if at >= task.created:
                out.append(Reminder(task, kind, lead, deadline, at))
    return out


def check(tasks: Iterable[Task], now: datetime, leads: Sequence[timedelta], fired: Collection[str], *,
          since: datetime | None = None, lookback: timedelta = LOOKBACK) -> Check:
    """The reminders to show at `now`. `since` is the last instant already checked (the previous
    tick); None at start, when the last `lookback` is searched. A reminder is due when its moment
    is within GRACE of `now`, missed when older; already fired ones are left out."""
    if not leads:
        return Check((), (), ())
    start = now - lookback if since is None else min(since, now - GRACE)
    lo, hi = start + min(leads), now + max(leads)  # a deadline outside (lo, hi] has no reminder in (start, now]
    found: dict[tuple[int, str], list[Reminder]] = {}
    for task in tasks:
        reply, due = task.reply_by, task.due
        if not ((reply is not None and lo < reply <= hi) or (due is not None and lo < due <= hi)):
            continue
        for r in reminders_of(task, leads):
            if start < r.at <= now and r.key not in fired:
                found.setdefault((task.id, r.kind), []).append(r)  # type: ignore[arg-type]
    due: list[Reminder] = []
    missed: list[Reminder] = []
    keys: list[str] = []
    for group in found.values():
        latest = max(group, key=lambda r: r.at)
        keys += [r.key for r in group]
        (due if now - latest.at <= GRACE else missed).append(latest)
    due.sort(key=lambda r: (r.deadline, r.task.id))
    missed.sort(key=lambda r: (r.deadline, r.task.id))
    return Check(tuple(due), tuple(missed), tuple(keys))


def upcoming(tasks: Iterable[Task], now: datetime, leads: Sequence[timedelta], fired: Collection[str] = (),
             limit: int = 5) -> list[Reminder]:
    """The next reminders after `now`, soonest first (for `vatui today`)."""
    pending = [r for t in tasks for r in reminders_of(t, leads) if r.at > now and r.key not in fired]
    pending.sort(key=lambda r: (r.at, r.task.id))
    return pending[:limit]
