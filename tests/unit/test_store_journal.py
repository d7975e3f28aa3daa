"""The cockpit's journal: small edits appended, folded into the file seldom, nothing lost or revived."""

import shutil
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vatui.core.clock import FixedClock
from vatui.core.models import Task
from vatui.store import Store, journal
from vatui.store.backups import list_backups
from vatui.store.errors import StoreError
from vatui.store.journal import journal_path

NOW = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)


def _task(title: str, **kw) -> Task:
    return Task(title=title, created=NOW, **kw)


@pytest.fixture
def heavy(tmp_path):
    """A file of 1,000 tasks, already backed up today (so the next write may go to the journal)."""
    path = tmp_path / "vatui.json"
    store = Store(path, clock=FixedClock(NOW))
    store.tasks.add_many([_task(f"t{i}", notes="n" * 200) for i in range(1000)])
    store.set_state("seen", True)  # the day's first write to an existing file: takes the backup
    assert list_backups(path)
    return path


def _lines(path):
    return [orjson.loads(line) for line in journal_path(path).read_bytes().splitlines()]


def test_an_edit_appends_one_small_line_and_leaves_the_file_alone(heavy):
    before = heavy.read_bytes()
    store = Store(heavy, clock=FixedClock(NOW), journal=True)
    task = store.tasks.all()[10]
    store.tasks.update(replace(task, title="edited"))
    store.tasks.add(_task("new one"))
    assert heavy.read_bytes() == before  # 240 KB not rewritten
    lines = journal_path(heavy).read_bytes().splitlines()
    assert len(lines) == 2 and all(len(line) < 1500 for line in lines)
    again = Store(heavy)  # any reader, journal or not, sees both
    assert again.tasks.require(task.id).title == "edited"
    assert "new one" in {t.title for t in again.tasks.all()}


def test_close_folds_the_journal_into_the_file(heavy, tmp_path):
    store = Store(heavy, clock=FixedClock(NOW), journal=True)
    task = store.tasks.all()[0]
    store.tasks.update(replace(task, title="kept"))
    store.tasks.delete(store.tasks.all()[1].id)
    store.close()
    assert not journal_path(heavy).exists()
    alone = tmp_path / "copy" / "vatui.json"  # the file alone, without any journal beside it
    alone.parent.mkdir()
    shutil.copyfile(heavy, alone)
    copy = Store(alone)
    assert copy.tasks.require(task.id).title == "kept" and len(copy.tasks) == 999


def test_a_torn_last_line_is_ignored_then_cut_off_by_the_next_append(heavy):
    store = Store(heavy, clock=FixedClock(NOW), journal=True)
    first = store.tasks.all()[0]
    store.tasks.update(replace(first, title="saved"))
    with journal_path(heavy).open("ab") as f:  # a crash in the middle of the next append
        f.write(b'{"base":"abc","tables":{"tasks":{"1":{"title":"' + b"x" * 5000)  # longer than a line
    reopened = Store(heavy, clock=FixedClock(NOW), journal=True)
    assert reopened.tasks.require(first.id).title == "saved"
    second = reopened.tasks.all()[1]
    reopened.tasks.update(replace(second, title="after the crash"))
    assert len(_lines(heavy)) == 2  # every line parses: the torn tail is gone
    final = Store(heavy)
    assert final.tasks.require(first.id).title == "saved"
    assert final.tasks.require(second.id).title == "after the crash"


def test_a_damaged_whole_line_is_refused_and_nothing_is_touched(heavy):
    store = Store(heavy, clock=FixedClock(NOW), journal=True)
    store.tasks.update(replace(store.tasks.all()[0], title="x"))
    with journal_path(heavy).open("ab") as f:
        f.write(b"not json\n")
    files = {p: p.read_bytes() for p in (heavy, journal_path(heavy))}
    with pytest.raises(StoreError) as caught:
        Store(heavy)
    message = str(caught.value)
    assert str(journal_path(heavy)) in message and "line 2" in message and "Move the journal aside" in message
    assert {p: p.read_bytes() for p in files} == files
    journal_path(heavy).rename(heavy.with_name("aside.journal"))  # the advice works
    assert len(Store(heavy).tasks) == 1000


def test_a_running_cockpit_told_of_a_damaged_journal_keeps_what_it_had(heavy):
    store = Store(heavy, clock=FixedClock(NOW), journal=True)
    task = store.tasks.all()[0]
    store.tasks.update(replace(task, title="good"))
    with journal_path(heavy).open("ab") as f:
        f.write(b'{"base":"x","tables":{"tasks":{"not a number":{}}}}\n')  # JSON, but not a change vatui wrote
    with pytest.raises(StoreError, match="not a change vatui wrote"):
        store.reload_if_changed()
    assert store.tasks.require(task.id).title == "good"
    assert not store.reload_if_changed()  # told once, not every tick


def test_files_that_share_a_stem_keep_their_own_journals(tmp_path):
    work_json, work_db = tmp_path / "work.json", tmp_path / "work.db"
    for path in (work_json, work_db):
        seed = Store(path, clock=FixedClock(NOW))
        seed.tasks.add(_task("seed"))
        seed.set_state("seen", True)
    Store(work_json, clock=FixedClock(NOW), journal=True).tasks.add(_task("in work.json"))
    Store(work_db, clock=FixedClock(NOW)).tasks.add(_task("in work.db"))  # a whole rewrite of work.db
    assert {t.title for t in Store(work_json).tasks.all()} == {"seed", "in work.json"}
    assert {t.title for t in Store(work_db).tasks.all()} == {"seed", "in work.db"}


def test_a_reader_never_mixes_two_versions_of_file_and_journal(heavy, monkeypatch):
    """Between reading the file and reading the journal, another process rewrites the file whole and
    starts a new journal: the reader reads again instead of showing a state that never existed."""
    reader = Store(heavy, clock=FixedClock(NOW), journal=True)
    other = Store(heavy, clock=FixedClock(NOW), journal=True)
    a, b = other.tasks.all()[:2]
    other.tasks.update(replace(a, title="a, in the old journal"))
    real_replay = journal.replay
    calls = []

    def replay_after_the_other_writes(path, data, base):
        if not calls:
            other.close()  # folds the old journal into a new file ...
            other.tasks.update(replace(other.tasks.require(b.id), title="b, in the new journal"))
        calls.append(base)
        return real_replay(path, data, base)

    monkeypatch.setattr(journal, "replay", replay_after_the_other_writes)
    assert reader.reload_if_changed()
    assert len(calls) >= 2
    assert reader.tasks.require(a.id).title == "a, in the old journal"
    assert reader.tasks.require(b.id).title == "b, in the new journal"


def test_an_append_that_fails_is_taken_back_and_reported_not_saved(heavy, monkeypatch):
    import os as os_module

    store = Store(heavy, clock=FixedClock(NOW), journal=True)
    task = store.tasks.all()[0]
    store.tasks.update(replace(task, title="saved"))
    saved = journal_path(heavy).read_bytes()
    real_fsync = os_module.fsync

    def failing_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os_module, "fsync", failing_fsync)
    with pytest.raises(StoreError, match="not saved"):
        store.tasks.update(replace(store.tasks.require(task.id), title="not saved"))
    monkeypatch.setattr(os_module, "fsync", real_fsync)
    assert journal_path(heavy).read_bytes() == saved
    assert store.tasks.require(task.id).title == "saved"
    assert Store(heavy).tasks.require(task.id).title == "saved"


def test_a_file_of_data_format_1_is_rewritten_whole_as_format_2_before_any_journal(tmp_path):
    path = tmp_path / "old.json"
    path.write_bytes(orjson.dumps({"_meta": {"1": {"app": "vatui", "schema": 1, "next_id": {"tasks": 1}}}}))
    store = Store(path, clock=FixedClock(NOW), journal=True)
    store.tasks.add(_task("first"))
    assert not journal_path(path).exists()
    assert orjson.loads(path.read_bytes())["_meta"]["1"]["schema"] == 2  # a vatui 0.1.0 now refuses it
    store.tasks.add(_task("second"))
    assert journal_path(path).exists()


def test_lines_of_another_file_are_skipped(heavy, tmp_path):
    """Moved aside or restored over: a journal never applies to a file it did not extend."""
    store = Store(heavy, clock=FixedClock(NOW), journal=True)
    store.tasks.update(replace(store.tasks.all()[0], title="belongs to the old file"))
    other = tmp_path / "other.json"
    Store(other).tasks.add(_task("another file"))
    shutil.copyfile(other, heavy)  # e.g. a backup restored over the data file
    titles = {t.title for t in Store(heavy).tasks.all()}
    assert titles == {"another file"}


def test_a_crash_between_rewrite_and_removing_the_journal_changes_nothing(heavy):
    store = Store(heavy, clock=FixedClock(NOW), journal=True)
    a, b = store.tasks.all()[:2]
    store.tasks.update(replace(a, title="one"))
    store.tasks.update(replace(a, title="two"))
    store.tasks.delete(b.id)
    left = journal_path(heavy).read_bytes()
    store.close()
    journal_path(heavy).write_bytes(left)  # as if the crash came before the journal's removal
    after = Store(heavy, clock=FixedClock(NOW), journal=True)
    assert after.tasks.require(a.id).title == "two" and after.tasks.get(b.id) is None
    after.tasks.add(_task("next"))  # and it goes on working on top ...
    assert not journal_path(heavy).exists()  # ... by a whole rewrite: no stale line outlives it
    assert {"two", "next"} <= {t.title for t in Store(heavy).tasks.all()}


def test_a_long_journal_is_folded_into_the_file(heavy, monkeypatch):
    monkeypatch.setattr(journal, "JOURNAL_LIMIT", 3000)
    store = Store(heavy, clock=FixedClock(NOW), journal=True)
    task = store.tasks.all()[0]
    sizes = []
    for i in range(12):
        store.tasks.update(replace(task, title=f"edit {i}"))
        sizes.append(journal_path(heavy).stat().st_size if journal_path(heavy).exists() else 0)
    assert max(sizes) < 3000 + 1500 and 0 in sizes  # it grew, was folded, grew again
    assert Store(heavy).tasks.require(task.id).title == "edit 11"


def test_the_first_write_of_a_day_backs_up_the_journal_too_and_folds_it(tmp_path):
    path = tmp_path / "vatui.json"
    clock = FixedClock(NOW)
    store = Store(path, clock=clock, journal=True)
    task = store.tasks.add(_task("monday"))  # a new file: written whole
    store.tasks.update(replace(task, title="monday noon"))  # backs it up, rewrites it whole
    store.tasks.update(replace(task, title="monday evening"))
    assert journal_path(path).exists()
    clock.set(NOW + timedelta(days=1))
    store.tasks.add(_task("tuesday"))
    assert not journal_path(path).exists()  # the day's first write rewrote the file whole
    backups = list_backups(path)
    assert [p.name for p in backups] == ["vatui-2026-11-23.json", "vatui-2026-11-24.json"]
    copy = tmp_path / "restored.json"
    shutil.copyfile(backups[1], copy)
    assert {t.title for t in Store(copy).tasks.all()} == {"monday evening"}  # the journal's edit is in it


def test_a_one_shot_writer_folds_a_cockpits_journal(heavy):
    cockpit = Store(heavy, clock=FixedClock(NOW), journal=True)
    task = cockpit.tasks.all()[0]
    cockpit.tasks.update(replace(task, title="from the cockpit"))
    cli = Store(heavy, clock=FixedClock(NOW))
    cli.tasks.add(_task("from the command line"))
    assert not journal_path(heavy).exists()
    assert cockpit.changed_on_disk() and cockpit.reload_if_changed()
    titles = {t.title for t in cockpit.tasks.all()}
    assert {"from the cockpit", "from the command line"} <= titles
    cockpit.tasks.update(replace(cockpit.tasks.require(task.id), title="and back"))  # a line on the new file
    assert Store(heavy).tasks.require(task.id).title == "and back"


def test_another_cockpits_line_is_seen_by_a_running_one(heavy):
    one = Store(heavy, clock=FixedClock(NOW), journal=True)
    two = Store(heavy, clock=FixedClock(NOW), journal=True)
    task = one.tasks.all()[0]
    one.tasks.update(replace(task, title="by one"))
    assert two.changed_on_disk() and two.reload_if_changed()
    assert two.tasks.require(task.id).title == "by one"
    two.tasks.update(replace(two.tasks.require(task.id), urgent=True))
    one.reload_if_changed()
    assert one.tasks.require(task.id).title == "by one" and one.tasks.require(task.id).urgent


def test_an_import_replacing_a_table_rewrites_the_file_whole(heavy):
    store = Store(heavy, clock=FixedClock(NOW), journal=True)
    store.tasks.update(replace(store.tasks.all()[0], title="x"))
    store.tasks.replace_all([replace(_task("only"), id=5)])
    assert not journal_path(heavy).exists()
    assert [t.title for t in Store(heavy).tasks.all()] == ["only"]


OPS = st.lists(st.tuples(st.sampled_from(["add", "add2", "edit", "delete", "delete2", "undo", "state", "cli",
                                          "reopen", "close", "torn"]),
                         st.integers(0, 50)), max_size=25)


def _everything(store: Store) -> tuple:
    return (sorted(store.tasks.all(), key=lambda t: t.id), sorted(store.clients.all(), key=lambda c: c.id),
            store.get_state("k"))


@settings(max_examples=40, deadline=None)
@given(ops=OPS)
def test_any_sequence_of_edits_crashes_and_restarts_reads_back_as_written(tmp_path_factory, ops):
    path = tmp_path_factory.mktemp("j") / "vatui.json"
    seed = Store(path, clock=FixedClock(NOW))
    seed.tasks.add(_task("seed"))
    seed.set_state("seen", True)  # today's backup taken: what follows may go to the journal
    store = Store(path, clock=FixedClock(NOW), journal=True)
    model = {t.id: t.title for t in store.tasks.all()}
    state = None
    deleted: list[Task] = []
    for op, n in ops:
        ids = sorted(model)
        if op == "add":
            model[store.tasks.add(_task(f"a{n}")).id] = f"a{n}"
        elif op == "add2":
            for t in store.tasks.add_many([_task(f"m{n}"), _task(f"n{n}")]):
                model[t.id] = t.title
        elif op == "edit" and ids:
            rid = ids[n % len(ids)]
            store.tasks.update(replace(store.tasks.require(rid), title=f"e{n}"))
            model[rid] = f"e{n}"
        elif op == "delete" and ids:
            deleted.append(store.tasks.delete(ids[n % len(ids)]))
            del model[deleted[-1].id]
        elif op == "delete2" and len(ids) >= 2:
            for t in store.tasks.delete_many(ids[:2]):
                del model[t.id]
        elif op == "undo" and deleted:
            back = store.tasks.restore(deleted.pop())
            model[back.id] = back.title
        elif op == "state":
            store.set_state("k", n)
            state = n
        elif op == "cli":  # a one-shot command's whole rewrite, between two of the cockpit's edits
            model[Store(path, clock=FixedClock(NOW)).tasks.add(_task(f"c{n}")).id] = f"c{n}"
            store.reload_if_changed()
        elif op == "close":
            store.close()
        elif op == "torn" and journal_path(path).exists():
            with journal_path(path).open("ab") as f:
                f.write(b'{"base":')
        if op in ("reopen", "torn", "close"):
            store = Store(path, clock=FixedClock(NOW), journal=True)
        assert {t.id: t.title for t in store.tasks.all()} == model
        assert _everything(Store(path)) == _everything(store)  # a fresh reader sees exactly what memory holds
    final = Store(path)
    assert {t.id: t.title for t in final.tasks.all()} == model
    assert final.get_state("k") == state
