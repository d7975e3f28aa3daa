"""Recurring tasks in the data file: the next instance when one is done, and the catch-up pass.

Both run inside the caller's `store.transaction()`, so a done task and its successor are
written together or not at all. Loaded only when a task repeats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from vatui.core import series as core_series
from vatui.core.models import Client, Status, Task
from vatui.store.store import Store


def _zone_of(clients: dict[int, Client], my_zone: str):  # noqa: ANN202 - a small closure
    def zone_of(task: Task) -> str:
        if task.due_zone:
            return task.due_zone
        client = clients.get(task.client_id) if task.client_id is not None else None
        return client.tz if client else my_zone
    return zone_of


def _closed_for(clients: dict) -> Callable[[Task], Callable[[date], object]]:
    """Each task's closed-day test: its client's holidays and own closed days."""
    from vatui.core.business import client_closed

    def closed_for(task: Task) -> Callable[[date], object]:
        client = clients.get(task.client_id) if task.client_id is not None else None
        return (client_closed(client) if client is not None else None) or (lambda _day: None)

    return closed_for


def mark_done(store: Store, task: Task, now: datetime, my_zone: str) -> tuple[Task, Task | None]:
    """Mark `task` done and, when it repeats and its series has no other open instance, add the
    next one. Returns (the done task, the new instance or None). Call inside a transaction."""
    done = store.tasks.update(replace(task, status=Status.DONE, done_at=now))
    if task.repeat is None:
        return done, None
    sid = core_series.series_id(task)
    if any(t.id != task.id and t.is_open and core_series.series_id(t) == sid for t in store.tasks.all()):
        return done, None
    clients = {c.id: c for c in store.clients.all() if c.id is not None}
    nxt = core_series.next_instance(replace(task, status=Status.DONE, done_at=now), now,
                                    _zone_of(clients, my_zone)(task), is_closed=_closed_for(clients)(task))
    return done, (store.tasks.add(nxt) if nxt is not None else None)


def settle(store: Store, now: datetime, my_zone: str) -> int:
    """Catch every series up to `now` (one late instance each, never a flood). Returns how many
    tasks changed. Cheap when nothing repeats: one pass over the tasks, no rule expanded."""
    tasks = [t for t in store.tasks.all() if t.repeat is not None or t.series is not None]
    if not tasks:
        return 0
    clients = {c.id: c for c in store.clients.all() if c.id is not None}
    updates, superseded, new = core_series.settle(tasks, now, _zone_of(clients, my_zone),
                                                  closed_for=_closed_for(clients))
    if not updates and not superseded and not new:
        return 0
    with store.transaction():
        for t in updates:
            store.tasks.update(t)
        for task_id in superseded:
            store.tasks.update(replace(store.tasks.require(task_id), status=Status.DONE, done_at=now))
        if new:
            store.tasks.add_many(new)
    return len(updates) + len(superseded) + len(new)
