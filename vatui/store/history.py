"""Reading across the hot file and the monthly archive files, and moving old records into them.

The cockpit works on the hot file only. Reports, exports and look-ups of an old task go
through these functions, which open an archive month only when the asked-for period reaches it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from vatui.core.models import Status, Task, TimeBlock, TimeEntry
from vatui.core.retention import KEEP_BLOCKS, KEEP_DONE, archive_month, entries_cutoff, old_blocks, old_entries, old_tasks
from vatui.store.archive import ARCHIVED_TABLES, part_name
from vatui.store.codec import dec_dt, enc_dt
from vatui.store.store import Store


def archive_old(store: Store, now: datetime, my_zone: str) -> dict[str, int]:
    """Move what the retention rule says is old out of the hot file. Returns counts per table.
    The same daily pass catches recurring tasks up (one late instance per series)."""
    with store.transaction():
        if any(t.repeat is not None for t in store.tasks.all()):
            from vatui.store.series import settle  # loaded only when a task repeats

            settle(store, now, my_zone)
        from vatui.store import block_series  # light: the rule modules load only when a series exists

        if block_series.has_series(store):
            from vatui.core.block_series import horizon, local_day

            block_series.extend(store, horizon(local_day(now, my_zone)), my_zone)
        moves: dict[str, list[Any]] = {
            "tasks": old_tasks(store.tasks.all(), now),
            "entries": old_entries(store.entries.all(), now, my_zone),
            "blocks": old_blocks(store.blocks.all(), now),
        }
        by_month: dict[str, dict[str, list[Any]]] = defaultdict(lambda: {t: [] for t in ARCHIVED_TABLES})
        for table, records in moves.items():
            for record in records:
                by_month[part_name(*archive_month(record))][table].append(record)
        _drop_unfinished_copies(store)
        # Archive first, then drop from the hot file: a crash in between duplicates, never loses.
        if by_month:
            store.archive.note_moving({part: {t: [r.id for r in recs] for t, recs in tables.items() if recs}
                                       for part, tables in by_month.items()})
        for part in sorted(by_month):
            store.archive.put(part, by_month[part])
        for table, records in moves.items():
            getattr(store, table).delete_many([r.id for r in records])
        # Records are filed under the month they start in: remember the longest one archived, so
        # a period is looked for that far back (a timer left running over a weekend).
        longest = dict(store.get_state(LONGEST_KEY) or {})
        for table in ("entries", "blocks"):
            spans = [int((r.end - r.start).total_seconds() // 60) + 1 for r in moves[table]]
            if spans and max(spans) > longest.get(table, 0):
                longest[table] = max(spans)
        if longest:
            store.set_state(LONGEST_KEY, longest)
        # Remember how far back the hot file is complete, so that reading a recent period never
        # opens (and decodes) an archive file. Only ever moves forward.
        horizon = dict(store.get_state(HORIZON_KEY) or {})
        for table, cutoff in (("tasks", now - KEEP_DONE), ("entries", entries_cutoff(now, my_zone)),
                              ("blocks", now - KEEP_BLOCKS)):
            if moves[table] or table in horizon:
                previous = dec_dt(horizon.get(table))
                horizon[table] = enc_dt(max(cutoff, previous) if previous else cutoff)
        store.set_state(HORIZON_KEY, horizon)
        return {t: len(r) for t, r in moves.items()}


def _drop_unfinished_copies(store: Store) -> None:
    """Records the last move wrote to the archive that are still in the data file: that move
    never finished (a crash, a failed write). The data file's copy is the one that counts and is
    moved again now, so the archived copies go (dropping them can lose nothing)."""
    parts = set(store.archive.parts())
    for part, tables in store.archive.moving().items():
        if not isinstance(tables, dict) or part not in parts:
            continue
        # One set per table, not a locked lookup per id: the heavy year's first move noted 34,000
        # ids, and looking each up took ~25 ms of every day's first start.
        still_hot = {t: sorted(getattr(store, t).ids() & set(ids)) for t, ids in tables.items() if t in ARCHIVED_TABLES}
        if any(still_hot.values()):
            store.archive.drop(part, still_hot)


ARCHIVED_ON_KEY = "archived_on"  # my date of the last daily pass (the cockpit's housekeeping)
HORIZON_KEY = "archive.horizon"
LONGEST_KEY = "archive.longest"  # minutes: the longest entry and block ever archived
# Records are archived by when they start or end; a record archived before the horizon may still
# reach past it (an entry running over midnight): recent periods allow a day's slack, or the
# longest archived record's length when that is more.
SLACK = timedelta(days=1)


def _reach(store: Store, table: str) -> timedelta:
    """How long before a period an archived record that overlaps it may have started."""
    minutes = (store.get_state(LONGEST_KEY) or {}).get(table, 0)
    return max(SLACK, timedelta(minutes=minutes))


def _hot_is_enough(store: Store, table: str, start: datetime) -> bool:
    horizon = dec_dt((store.get_state(HORIZON_KEY) or {}).get(table))
    slack = SLACK if table == "tasks" else _reach(store, table)
    return horizon is None or start >= horizon + slack


def _archived(store: Store, table: str, start: datetime | None = None, end: datetime | None = None) -> list[Any]:
    """A table's archived records filed under the months from `start` to `end` (all without
    them), each id once: a later file's copy wins (a record moved again after a crash)."""
    parts = store.archive.parts() if start is None or end is None else store.archive.parts_between(start, end)
    out: dict[int, Any] = {}
    for part in parts:
        out.update(store.archive.load(part)[table])
    return list(out.values())


def _merge(hot: list[Any], archived: list[Any]) -> list[Any]:
    """Hot records win over an archived copy of the same id (see archive.py on crashes)."""
    ids = {r.id for r in hot}
    return hot + [r for r in archived if r.id not in ids]


def _overlapping(store: Store, table: str, start: datetime, end: datetime) -> list[Any]:
    """Records of a table with a start and an end that overlap [start, end), hot or archived."""
    hot = [r for r in getattr(store, table).all() if r.end > start and r.start < end]
    if not _hot_is_enough(store, table, start):
        archived = [r for r in _archived(store, table, start - _reach(store, table), end)
                    if r.end > start and r.start < end]
        hot = _merge(hot, archived)
    return sorted(hot, key=lambda r: (r.start, r.id))


def entries_between(store: Store, start: datetime, end: datetime) -> list[TimeEntry]:
    """Every entry overlapping [start, end), hot or archived, sorted by start."""
    return _overlapping(store, "entries", start, end)


def blocks_between(store: Store, start: datetime, end: datetime) -> list[TimeBlock]:
    return _overlapping(store, "blocks", start, end)


def tasks_done_between(store: Store, start: datetime, end: datetime) -> list[Task]:
    def done_in(t: Task) -> bool:
        return t.status is Status.DONE and t.done_at is not None and start <= t.done_at < end

    hot = [t for t in store.tasks.all() if done_in(t)]
    if _hot_is_enough(store, "tasks", start):
        return sorted(hot, key=lambda t: (t.done_at, t.id))
    archived = [t for t in _archived(store, "tasks", start, end) if done_in(t)]
    return sorted(_merge(hot, archived), key=lambda t: (t.done_at, t.id))


def find_task(store: Store, task_id: int) -> Task | None:
    """A task by id, even one long done and archived (for reports naming an entry's task)."""
    task = store.tasks.get(task_id)
    if task is not None:
        return task
    for part in reversed(store.archive.parts()):
        task = store.archive.load(part)["tasks"].get(task_id)
        if task is not None:
            return task
    return None


def client_usage(store: Store, client_id: int) -> tuple[int, int]:
    """(tasks, time entries) that name this client, hot or archived: a client with billing history
    in last year's archive is still in use."""
    tasks = [t for t in store.tasks.all() if t.client_id == client_id]
    entries = [e for e in store.entries.all() if e.client_id == client_id]
    archived_tasks = [t for t in _archived(store, "tasks") if t.client_id == client_id]
    archived_entries = [e for e in _archived(store, "entries") if e.client_id == client_id]
    return len(_merge(tasks, archived_tasks)), len(_merge(entries, archived_entries))


def tasks_by_id(store: Store, ids: set[int]) -> dict[int, Task]:
    """Tasks for these ids, hot or archived (reports naming old entries' tasks)."""
    out = {t.id: t for t in store.tasks.all() if t.id in ids}
    for missing in ids - out.keys():
        task = find_task(store, missing)
        if task is not None:
            out[missing] = task
    return out


def all_records(store: Store, table: str) -> list[Any]:
    """Everything in a table, hot and archived, by id (for export)."""
    hot = getattr(store, table).all()
    if table not in ARCHIVED_TABLES:
        return sorted(hot, key=lambda r: r.id)
    return sorted(_merge(hot, _archived(store, table)), key=lambda r: r.id)
