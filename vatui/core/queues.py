"""Which task comes next: the ordering rule every queue view, `n` and the reports share.

The rule, in order:
1. A task being worked on (doing) before anything else.
2. Eisenhower quadrant: urgent+important, then important, then urgent, then neither.
3. The sooner reply-by promise, then the sooner due time (none last).
4. Older first (created).
Manual reordering sits on top: a task the user moved carries a `rank`, and ranked tasks keep
their place relative to each other inside their quadrant.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from vatui.core.models import Status, Task

_FAR = datetime.max.replace(tzinfo=None)


def _naive(value: datetime | None) -> datetime:
    return value.replace(tzinfo=None) if value is not None else _FAR


def sort_key(task: Task) -> tuple:
    return (
        task.status is not Status.DOING,
        task.quadrant.rank,
        task.rank is None,
        task.rank if task.rank is not None else 0.0,
        _naive(task.reply_by),
        _naive(task.due),
        _naive(task.created),
        task.id or 0,
    )


def is_actionable(task: Task, today: date) -> bool:
    """Open and the VA's move: not done, not waiting on the client, not deferred to a later day."""
    if task.status in (Status.DONE, Status.WAITING):
        return False
    if task.status is Status.DEFERRED:
        return task.defer_until is not None and task.defer_until <= today
    return True


def order_tasks(tasks: Iterable[Task], today: date) -> list[Task]:
    """The actionable tasks, next first."""
    return sorted((t for t in tasks if is_actionable(t, today)), key=sort_key)


def next_task(tasks: Iterable[Task], today: date) -> Task | None:
    ordered = order_tasks(tasks, today)
    return ordered[0] if ordered else None
