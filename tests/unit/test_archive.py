"""Old records move to yearly archive files; reports and exports still see them."""

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from vatui.core.models import Client, Status, Task, TimeBlock, TimeEntry
from vatui.core.retention import entries_cutoff
from vatui.store import Store
from vatui.store.exchange import export_dataset
from vatui.store.history import (
    all_records,
    archive_old,
    blocks_between,
    entries_between,
    find_task,
    tasks_done_between,
)

NOW = datetime(2026, 11, 23, 13, tzinfo=timezone.utc)
ZONE = "Europe/Bucharest"


def _seed(store):
    c = store.clients.add(Client(name="Acme", tz="UTC"))
    old_done = store.tasks.add(Task(title="old", created=NOW - timedelta(days=400), client_id=c.id,
                                    status=Status.DONE, done_at=NOW - timedelta(days=380)))
    recent_done = store.tasks.add(Task(title="recent", created=NOW - timedelta(days=20), status=Status.DONE,
                                       done_at=NOW - timedelta(days=10)))
    open_old = store.tasks.add(Task(title="open since last year", created=NOW - timedelta(days=500)))
    entries = [store.entries.add(TimeEntry(start=NOW - timedelta(days=d), end=NOW - timedelta(days=d) + timedelta(hours=1),
                                           client_id=c.id, task_id=old_done.id)) for d in (5, 40, 70, 400)]
    blocks = [store.blocks.add(TimeBlock(start=NOW - timedelta(days=d), end=NOW - timedelta(days=d, hours=-1)))
              for d in (1, 45)]
    return c, old_done, recent_done, open_old, entries, blocks


def test_the_daily_pass_is_kept_by_my_date_not_utcs():
    from vatui.core.retention import pass_day

    late = datetime(2026, 12, 2, 22, 30, tzinfo=timezone.utc)  # 00:30 on the 3rd in Bucharest
    assert pass_day(late, ZONE) == "2026-12-03"
    assert pass_day(late, "America/New_York") == "2026-12-02"


def test_entries_cutoff_is_the_start_of_last_month_in_my_zone():
    assert entries_cutoff(NOW, ZONE) == datetime(2026, 9, 30, 21, tzinfo=timezone.utc)  # 1 Oct 00:00 EEST
    assert entries_cutoff(datetime(2026, 1, 10, tzinfo=timezone.utc), "UTC") == datetime(2025, 12, 1, tzinfo=timezone.utc)


def test_archive_moves_old_records_and_keeps_them_readable(store):
    c, old_done, recent_done, open_old, entries, blocks = _seed(store)
    counts = archive_old(store, NOW, ZONE)
    assert counts == {"tasks": 1, "entries": 2, "blocks": 1}  # entries 70 and 400 days old
    hot = Store(store.path)
    assert {t.title for t in hot.tasks.all()} == {"recent", "open since last year"}
    assert len(hot.entries) == 2 and len(hot.blocks) == 1
    assert hot.archive.years() == [2025, 2026]
    assert find_task(hot, old_done.id).title == "old"
    assert [e.id for e in entries_between(hot, NOW - timedelta(days=500), NOW)] == [e.id for e in reversed(entries)]
    assert len(blocks_between(hot, NOW - timedelta(days=60), NOW)) == 2
    assert [t.title for t in tasks_done_between(hot, NOW - timedelta(days=400), NOW)] == ["old", "recent"]
    assert len(all_records(hot, "entries")) == 4
    doc = export_dataset(hot, now=NOW)
    assert len(doc["tasks"]) == 3 and len(doc["entries"]) == 4 and len(doc["blocks"]) == 2
    json.dumps(doc)


def test_archiving_again_moves_nothing_and_ids_stay_unique(store):
    _seed(store)
    archive_old(store, NOW, ZONE)
    assert archive_old(store, NOW, ZONE) == {"tasks": 0, "entries": 0, "blocks": 0}
    new = store.tasks.add(Task(title="new", created=NOW))
    assert find_task(store, new.id).title == "new"
    assert len({t.id for t in all_records(store, "tasks")}) == 4


def test_a_record_in_both_places_is_read_once_hot_copy_winning(store):
    c, old_done, *_ = _seed(store)
    archive_old(store, NOW, ZONE)
    # As if a crash struck between writing the archive and dropping the record from the hot file:
    store.tasks.restore(old_done.__class__(**{**{f: getattr(old_done, f) for f in old_done.__slots__}, "notes": "hot"}))
    assert [t.notes for t in all_records(store, "tasks") if t.id == old_done.id] == ["hot"]
    archive_old(store, NOW, ZONE)  # moves it again, overwriting the archived copy
    assert [t.notes for t in all_records(store, "tasks") if t.id == old_done.id] == ["hot"]
    assert store.tasks.get(old_done.id) is None


def test_a_client_with_archived_history_is_still_in_use(store):
    from vatui.store.history import client_usage

    c, *_ = _seed(store)
    archive_old(store, NOW, ZONE)
    assert client_usage(store, c.id) == (1, 4)  # the old done task and every entry, hot or archived


def test_records_go_to_the_month_they_finished_or_started_in(store):
    _seed(store)
    archive_old(store, NOW, ZONE)
    # the entry 400 days ago: Oct 2025; the task done 380 days ago: Nov 2025; the entry 70 days
    # ago: Sep 2026; the block 45 days ago: Oct 2026.
    assert store.archive.parts() == ["2025-10", "2025-11", "2026-09", "2026-10"]
    assert store.archive.parts_between(NOW - timedelta(days=50), NOW) == ["2026-10"]


def test_the_daily_pass_adds_to_a_month_without_decoding_what_it_holds(store):
    """A record in the month's file that vatui cannot read stays as it was (a report names it);
    the new records are added beside it."""
    c, *_ = _seed(store)
    archive_old(store, NOW, ZONE)
    path = store.archive.path("2026-09")
    data = json.loads(path.read_text())
    data["entries"]["999"] = {"start": "not a time"}
    path.write_text(json.dumps(data))
    later = NOW + timedelta(days=1)
    store.entries.add(TimeEntry(start=datetime(2026, 9, 3, 9, tzinfo=timezone.utc),
                                end=datetime(2026, 9, 3, 10, tzinfo=timezone.utc), client_id=c.id))
    assert archive_old(store, later, ZONE)["entries"] == 1
    data = json.loads(path.read_text())
    assert data["entries"]["999"] == {"start": "not a time"} and len(data["entries"]) == 3


def test_an_archive_file_that_is_not_vatuis_is_refused_and_left_alone(store):
    import pytest

    from vatui.store import StoreError

    _seed(store)
    store.archive.folder.mkdir()
    path = store.archive.path("2026-09")
    path.write_text("[1, 2, 3]")
    with pytest.raises(StoreError, match="2026-09.json cannot be used"):
        archive_old(store, NOW, ZONE)
    assert path.read_text() == "[1, 2, 3]"
    assert len(store.entries) == 4  # nothing left the hot file


def test_a_yearly_file_of_vatui_0_1_is_still_read_and_a_month_copy_wins(store):
    c, old_done, *_ = _seed(store)
    archive_old(store, NOW, ZONE)
    # vatui 0.1.0 kept a year per file: put one there, holding an older copy of the same task.
    store.archive.put("2025", {"tasks": [replace(old_done, notes="from 0.1.0")], "entries": [], "blocks": []})
    legacy_only = replace(old_done, id=500, title="only in the yearly file")
    store.archive.put("2025", {"tasks": [legacy_only], "entries": [], "blocks": []})
    assert store.archive.parts() == ["2025", "2025-10", "2025-11", "2026-09", "2026-10"]
    assert store.archive.parts_between(datetime(2025, 3, 1, tzinfo=timezone.utc), NOW)[0] == "2025"
    assert find_task(store, old_done.id).notes == ""  # the month's copy, written later
    assert find_task(store, 500).title == "only in the yearly file"
    titles = [t.title for t in all_records(store, "tasks")]
    assert titles.count("old") == 1 and "only in the yearly file" in titles
    done = tasks_done_between(store, NOW - timedelta(days=400), NOW)
    assert [t.title for t in done].count("old") == 1


def test_an_entry_longer_than_a_day_is_found_in_the_month_it_started(store):
    c = store.clients.add(Client(name="Acme", tz="UTC"))
    weekend = store.entries.add(TimeEntry(start=datetime(2026, 7, 30, 9, tzinfo=timezone.utc),
                                          end=datetime(2026, 8, 3, 9, tzinfo=timezone.utc), client_id=c.id))
    over = store.entries.add(TimeEntry(start=datetime(2026, 8, 25, 9, tzinfo=timezone.utc),
                                       end=datetime(2026, 9, 5, 9, tzinfo=timezone.utc), client_id=c.id))
    assert archive_old(store, datetime(2026, 10, 15, tzinfo=timezone.utc), "UTC")["entries"] == 2
    hot = Store(store.path)
    aug_2 = datetime(2026, 8, 2, tzinfo=timezone.utc)
    assert [e.id for e in entries_between(hot, aug_2, aug_2 + timedelta(days=1))] == [weekend.id]
    # Past the archive's horizon (1 Sep) by more than a day, and still overlapped by one archived.
    sep_3 = datetime(2026, 9, 3, tzinfo=timezone.utc)
    assert [e.id for e in entries_between(hot, sep_3, sep_3 + timedelta(days=1))] == [over.id]


def test_copies_of_a_move_that_did_not_finish_are_dropped_by_the_next(store):
    import pytest

    c = store.clients.add(Client(name="Acme", tz="UTC"))
    entry = store.entries.add(TimeEntry(start=datetime(2026, 9, 3, 9, tzinfo=timezone.utc),
                                        end=datetime(2026, 9, 3, 10, tzinfo=timezone.utc), client_id=c.id))
    with pytest.raises(RuntimeError):
        with store.transaction():
            archive_old(store, NOW, ZONE)  # writes 2026-09, then the data file is never written
            raise RuntimeError("killed before the data file was written")
    assert store.archive.parts() == ["2026-09"] and store.entries.get(entry.id) == entry
    # Corrected meanwhile: it was on 28 August. The next move files it under August...
    moved = store.entries.update(replace(entry, start=datetime(2026, 8, 28, 9, tzinfo=timezone.utc),
                                         end=datetime(2026, 8, 28, 10, tzinfo=timezone.utc)))
    archive_old(store, NOW, ZONE)
    # ...and the September copy, older and wrong, is gone: the entry reads as corrected everywhere.
    assert [e for e in all_records(store, "entries") if e.id == entry.id] == [moved]
    aug, sep = datetime(2026, 8, 1, tzinfo=timezone.utc), datetime(2026, 9, 1, tzinfo=timezone.utc)
    assert entries_between(store, aug, sep) == [moved]
    assert entries_between(store, sep, sep + timedelta(days=30)) == []


def test_a_move_that_never_finished_leaves_no_copy_in_the_archive(store):
    """A crash after the archive was written but before the records left the data file, and then
    the record changed (reopened): the next pass drops the archived copy instead of keeping two."""
    c, old_done, *_ = _seed(store)
    archive_old(store, NOW, ZONE)
    (part,) = [p for p in store.archive.parts() if old_done.id in store.archive.load(p).get("tasks", {})]
    # The move is noted (moving.json) and archived, and the task is in the data file again, reopened:
    store.tasks.restore(replace(old_done, status=Status.TODO, done_at=None))
    archive_old(store, NOW, ZONE)
    assert old_done.id not in store.archive.load(part).get("tasks", {})
    assert [t.status for t in all_records(store, "tasks") if t.id == old_done.id] == [Status.TODO]
