"""What stays in the hot data file and what moves to the monthly archive files.

The hot file is read at every start and rewritten at every edit, so it holds what the cockpit
shows: clients, every open task, recent finished work and recent tracked time. The rest moves to
archive files that only reports, exports and look-ups of old days open. The rule:
- a done task moves once it has been done for more than 30 days;
- a time entry moves once it started before the first day of the previous month (my zone), so
  reports for today, this week, this month and last month never need the archive;
- a time block moves once it ended more than 30 days ago (copy-yesterday and templates use
  recent days only).
So the panes look the same before and after the daily pass (a day browsed back past 28 days is
read from the archive too): the cockpit does not redraw them for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from vatui.core.models import Status, Task, TimeBlock, TimeEntry

KEEP_DONE = timedelta(days=30)
KEEP_BLOCKS = timedelta(days=30)


def pass_day(now: datetime, my_zone: str) -> str:
    """The day the daily archive pass is kept by: my date at `now`, as text ("2026-12-02")."""
    return now.astimezone(ZoneInfo(my_zone)).date().isoformat()


def entries_cutoff(now: datetime, my_zone: str) -> datetime:
    """Start of the previous month in my zone, as UTC: entries starting before it are archived."""
    tz = ZoneInfo(my_zone)
    local = now.astimezone(tz).date()
    first = date(local.year, local.month, 1)
    previous = date(first.year - 1, 12, 1) if first.month == 1 else date(first.year, first.month - 1, 1)
    return datetime.combine(previous, time(), tz).astimezone(now.tzinfo)


def old_tasks(tasks: Iterable[Task], now: datetime) -> list[Task]:
    return [t for t in tasks if t.status is Status.DONE and t.done_at is not None and now - t.done_at > KEEP_DONE]


def old_entries(entries: Iterable[TimeEntry], now: datetime, my_zone: str) -> list[TimeEntry]:
    cutoff = entries_cutoff(now, my_zone)
    return [e for e in entries if e.start < cutoff]


def old_blocks(blocks: Iterable[TimeBlock], now: datetime) -> list[TimeBlock]:
    return [b for b in blocks if now - b.end > KEEP_BLOCKS]


def archive_month(record: Task | TimeEntry | TimeBlock) -> tuple[int, int]:
    """Which monthly file a record belongs in: the UTC (year, month) it finished (a task) or
    started (an entry or a block)."""
    if isinstance(record, Task):
        assert record.done_at is not None
        return record.done_at.year, record.done_at.month
    return record.start.year, record.start.month
