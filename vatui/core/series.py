"""Recurring tasks as series: which instance comes next, and catching up after a gap.

A series is the tasks that share a `series` id (the id of its first instance) and a `repeat`
rule. It holds at most one open instance: marking it done makes the next one at once; while
vatui was closed or the work was skipped, the occurrences that came due fold into that one open
instance, moved to the latest of them and marked late with the number missed in its notes.

Pure: "now" is passed in; `is_closed(zone, date)`-style callables come from the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime

from vatui.core import recurrence
from vatui.core.models import ChecklistItem, Status, Task
from vatui.i18n import _

ClosedFor = Callable[[Task], recurrence.IsClosed]


def _never(_task: Task) -> recurrence.IsClosed:
    return lambda _day: False


def series_id(task: Task) -> int | None:
    return task.series if task.series is not None else task.id


def _missed_note(notes: str, missed: int) -> str:
    line = _("late: {n} earlier occurrence(s) missed").format(n=missed)
    return f"{notes}\n{line}" if notes else line


def next_instance(done: Task, now: datetime, zone: str, *, is_closed: recurrence.IsClosed | None = None) -> Task | None:
    """The instance that follows `done` (a task of a series just marked done), or None when the
    task does not repeat or the rule has no further occurrence. Its due is the next occurrence
    after the previous due (caught up to `now` when several have come due)."""
    if done.repeat is None:
        return None
    closed = is_closed or (lambda _day: False)
    prev = done.due or done.done_at or now
    due, missed = recurrence.advance(done.repeat, prev, zone, now, done_at=done.done_at or now, is_closed=closed)
    if due is None:
        return None
    notes = _strip_missed(done.notes)
    return replace(
        done, id=None, status=Status.TODO, done_at=None, created=now, due=due,
        series=series_id(done), defer_until=None, rank=None, reply_by=None,
        checklist=tuple(ChecklistItem(i.text) for i in done.checklist),
        notes=_missed_note(notes, missed) if missed else notes,
    )


def _strip_missed(notes: str) -> str:
    """A new instance does not inherit the previous one's "missed" line."""
    marker = _("late: {n} earlier occurrence(s) missed").split("{n}")[0]
    return "\n".join(line for line in notes.split("\n") if not line.startswith(marker)).strip()


def caught_up(task: Task, now: datetime, zone: str, *, is_closed: recurrence.IsClosed | None = None) -> Task | None:
    """An open instance whose later occurrences have also come due, moved to the latest of them
    with the number it passes over in its notes; None when nothing needs changing."""
    if task.repeat is None or not task.is_open or task.due is None or task.due > now:
        return None
    due, missed = recurrence.catch_up(task.repeat, task.due, zone, now, is_closed=is_closed or (lambda _day: False))
    if not missed:
        return None
    return replace(task, due=due, reply_by=None, notes=_missed_note(_strip_missed(task.notes), missed))


def settle(tasks: Iterable[Task], now: datetime, zone_of: Callable[[Task], str], *,
           closed_for: ClosedFor = _never) -> tuple[list[Task], list[int], list[Task]]:
    """The changes that bring every series to its rule: (tasks to update, ids to mark done as
    superseded, new instances to add). A series with two open instances (two processes, an
    import) keeps the one due last; an open instance with later occurrences come due is caught
    up; a series whose latest instance was marked done where no successor was made (an older
    client of the file) gets its next one. A series whose latest instance no longer repeats
    (`--stop`) is left alone."""
    groups: dict[int, list[Task]] = {}
    for t in tasks:
        if t.repeat is not None or t.series is not None:
            sid = series_id(t)
            if sid is not None:
                groups.setdefault(sid, []).append(t)
    updates: list[Task] = []
    superseded: list[int] = []
    new: list[Task] = []
    for group in groups.values():
        opened = sorted((t for t in group if t.is_open), key=lambda t: (t.due or t.created, t.id or 0))
        if not opened:
            last = max(group, key=lambda t: (t.due or t.created, t.id or 0))
            if last.repeat is not None:
                nxt = next_instance(last, now, zone_of(last), is_closed=closed_for(last))
                if nxt is not None:
                    new.append(nxt)
            continue
        keep = opened[-1]
        superseded.extend(t.id for t in opened[:-1] if t.id is not None)
        moved = caught_up(keep, now, zone_of(keep), is_closed=closed_for(keep))
        if moved is not None:
            updates.append(moved)
    return updates, superseded, new


def default_minute() -> int:
    """A series given no due time falls due at the end of the working day, like `due:fri`."""
    return 17 * 60


def first_due(rule: str, today: date, zone: str, *, is_closed: recurrence.IsClosed | None = None) -> datetime:
    return recurrence.first_on_or_after(rule, today, default_minute(), zone, is_closed=is_closed or (lambda _d: False))


def repeat_field(task: Task) -> str:
    """What a task form's repeat field shows: "every:mon,thu", "after:3d" or "" (no repeat)."""
    return recurrence.describe(task.repeat) if task.repeat else ""


def apply_repeat_field(task: Task, text: str, *, business_days: Iterable[int], zone: str, now: datetime) -> Task:
    """The task with the rule a form's repeat field gives: "" stops the series (the task stays),
    an unchanged text keeps the rule, "every:..."/"after:..." (or "mon", "weekday" alone) sets it.
    A task given a rule and no due gets the rule's first day from today at 17:00 in `zone`.
    Raises ValidationError(field="repeat")."""
    text = text.strip()
    if not text:
        return replace(task, repeat=None)
    if task.repeat and text == repeat_field(task):
        return task
    word = text if text.startswith(("every:", "after:")) else f"every:{text}"
    from zoneinfo import ZoneInfo

    anchor = (task.due or now).astimezone(ZoneInfo(task.due_zone or zone)).date()
    rule = recurrence.parse_repeat(word, first_due=anchor, business_days=business_days)
    changed = replace(task, repeat=rule, series=task.series if task.series is not None else task.id)
    if task.due is None:
        changed = replace(changed, due=first_due(rule, anchor, zone), due_zone=zone)
    return changed
