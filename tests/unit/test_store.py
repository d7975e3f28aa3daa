"""The store with real files: round trips, refusals that leave the file untouched, backups."""

import json
import os
import stat
from dataclasses import replace
from datetime import date, timedelta

import pytest

from vatui.core.errors import ValidationError
from vatui.core.models import ChecklistItem, Client, Status, Task, TimeBlock, TimeEntry
from vatui.store import Store, StoreError
from vatui.store.backups import list_backups
from vatui.store.errors import NotFound


def _task(clock, **kw):
    return Task(title=kw.pop("title", "Write report"), created=clock.now(), **kw)


def test_records_survive_a_reopen(store, clock, tmp_path):
    acme = store.clients.add(Client(name="Acme", tz="America/New_York", rate="40", currency="USD"))
    task = store.tasks.add(_task(clock, client_id=acme.id, batch="email", urgent=True,
                                 estimate=timedelta(minutes=15), checklist=(ChecklistItem("draft", True),)))
    block = store.blocks.add(TimeBlock(start=clock.now(), end=clock.now() + timedelta(hours=1), client_id=acme.id))
    entry = store.entries.add(TimeEntry(start=clock.now(), end=clock.now() + timedelta(minutes=25),
                                        client_id=acme.id, task_id=task.id, source="pomodoro"))
    again = Store(store.path, clock=clock)
    assert again.clients.all() == [acme]
    assert again.tasks.get(task.id) == task
    assert again.blocks.all() == [block]
    assert again.entries.all() == [entry]


def test_a_new_private_file_is_first_written_without_a_lock_and_then_with_one(tmp_path, clock):
    """The demo's temp file: nobody else can know it before its first write, so that write takes
    no lock (and does not import filelock); every later write locks as usual."""
    folder = tmp_path / "demo"
    folder.mkdir()
    store = Store(folder / "demo.json", clock=clock, new_private_file=True)
    acme = store.clients.add(Client(name="Acme", tz="America/New_York"))
    assert Store(store.path, clock=clock).clients.all() == [acme]
    assert not (folder / "demo.json.lock").exists()
    store.clients.add(Client(name="Bondi", tz="Australia/Sydney"))
    assert (folder / "demo.json.lock").exists()


def test_an_existing_file_is_never_taken_for_a_new_private_one(store, clock):
    store.clients.add(Client(name="Acme", tz="America/New_York"))
    lock = store.path.with_name(store.path.name + ".lock")
    lock.unlink()
    again = Store(store.path, clock=clock, new_private_file=True)
    again.clients.add(Client(name="Bondi", tz="Australia/Sydney"))
    assert lock.exists()


def test_file_is_private(store, clock):
    store.tasks.add(_task(clock))
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    store.tasks.add(_task(clock))
    for backup in list_backups(store.path):
        assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600


def test_client_names_are_unique_ignoring_case(store):
    store.clients.add(Client(name="Acme", tz="UTC"))
    with pytest.raises(ValidationError, match="already a client called Acme"):
        store.clients.add(Client(name="ACME", tz="UTC"))
    assert len(store.clients) == 1


def test_ids_are_never_reused(store, clock):
    first = store.tasks.add(_task(clock))
    store.tasks.delete(first.id)
    second = store.tasks.add(_task(clock))
    assert second.id != first.id
    assert Store(store.path).tasks.add(_task(clock)).id == second.id + 1


def test_update_and_delete_with_undo(store, clock):
    task = store.tasks.add(_task(clock))
    store.tasks.update(replace(task, status=Status.DONE, done_at=clock.now()))
    assert store.tasks.require(task.id).status is Status.DONE
    gone = store.tasks.delete(task.id)
    assert store.tasks.get(task.id) is None
    store.tasks.restore(gone)
    assert Store(store.path).tasks.require(task.id) == gone


def test_updating_a_deleted_record_says_so(store, clock):
    task = store.tasks.add(_task(clock))
    store.tasks.delete(task.id)
    with pytest.raises(NotFound, match="another vatui window"):
        store.tasks.update(task)


def test_a_failed_transaction_writes_nothing(store, clock):
    store.tasks.add(_task(clock, title="kept"))
    before = store.path.read_bytes()
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.tasks.add(_task(clock, title="half"))
            raise RuntimeError("boom")
    assert store.path.read_bytes() == before
    assert [t.title for t in store.tasks.all()] == ["kept"]


def test_a_second_process_sees_changes(store, clock):
    other = Store(store.path, clock=clock)
    store.tasks.add(_task(clock, title="from one"))
    assert other.changed_on_disk()
    assert other.reload_if_changed() is True
    assert [t.title for t in other.tasks.all()] == ["from one"]
    assert other.reload_if_changed() is False


def test_writes_start_from_the_current_file(store, clock):
    other = Store(store.path, clock=clock)
    store.tasks.add(_task(clock, title="one"))
    other.tasks.add(_task(clock, title="two"))  # other has not reloaded: the transaction must
    assert sorted(t.title for t in Store(store.path).tasks.all()) == ["one", "two"]


def test_state_values(store):
    assert store.get_state("theme") is None
    store.set_state("theme", "vatui-light")
    store.set_state("pomodoro", {"phase": "focus"})
    again = Store(store.path)
    assert again.get_state("theme") == "vatui-light"
    assert again.get_state("pomodoro") == {"phase": "focus"}


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"{not json", "not valid JSON"),
        (b"", "it is empty (0 bytes)"),
        (b"  \n", "it is empty (3 bytes)"),
        (b"{}", "an empty JSON object"),
        (b"[1, 2, 3]", "JSON list"),
        (b'{"_default": {"1": {"a": 1}}}', "no vatui header"),
        (b'\x00\x01\x02garbage', "not valid JSON"),
        (json.dumps({"_meta": {"1": {"app": "vatui", "schema": 99, "next_id": {}}}}).encode(), "newer vatui"),
        (json.dumps({"_meta": {"1": {"app": "vatui", "schema": 1, "next_id": {}}},
                     "tasks": {"1": {"title": "x"}}}).encode(), "tasks record 1: missing field 'created'"),
        (json.dumps({"_meta": {"1": {"app": "vatui", "schema": 1, "next_id": {}}},
                     "clients": {"1": {"name": "A", "tz": "Mars/Base"}}}).encode(), "Mars/Base"),
        *((json.dumps({"_meta": {"1": {"app": "vatui", "schema": 1, "next_id": {}}},
                       table: {"7": record}}).encode(), f"{table} record 7: {problem}") for table, record, problem in [
            ("tasks", {"title": "x", "created": None}, "expected a timestamp string, got null"),
            ("tasks", {"title": "x", "created": "2026-01-01T09:00:00"},
             "timestamp '2026-01-01T09:00:00' has no zone"),
            ("tasks", {"title": 5, "created": "2026-01-01T09:00:00Z"}, "expected text, got int"),
            ("tasks", {"title": "x", "created": "2026-01-01T09:00:00Z", "urgent": "yes"}, "expected true or false"),
            ("tasks", {"title": "x", "created": "2026-01-01T09:00:00Z", "client": True}, "expected a whole number"),
            ("tasks", {"title": "x", "created": "2026-01-01T09:00:00Z", "status": "nope"}, "'nope' is not a task status"),
            ("tasks", {"title": "x", "created": "2026-01-01T09:00:00Z", "notes": ["a"]}, "expected text, got list"),
            ("tasks", {"title": "x", "created": "2026-01-01T09:00:00Z", "checklist": None},
             "checklist: expected a list"),
            ("tasks", {"title": "x", "created": "2026-01-01T09:00:00Z", "checklist": [["a", "yes"]]},
             "expected true or false"),
            ("entries", {"start": "2026-01-01T09:00:00Z", "end": None}, "expected a timestamp string, got null"),
            ("entries", {"start": "2026-01-01T09:00:00Z", "end": "2026-01-01T10:00:00Z", "task": "3"},
             "expected a whole number"),
            ("entries", {"start": "2026-01-01T09:00:00Z", "end": "2026-01-01T10:00:00Z", "billable": 1},
             "expected true or false"),
            ("entries", {"start": "2026-01-01T09:00:00Z", "end": "2026-01-01T10:00:00Z", "source": 2}, "expected text"),
            ("blocks", {"start": None, "end": "2026-01-01T10:00:00Z"}, "expected a timestamp string, got null"),
        ]),
    ],
)
def test_bad_files_are_refused_and_left_untouched(tmp_path, content, expected):
    path = tmp_path / "vatui.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        Store(path)
    message = str(err.value)
    assert expected in message
    assert str(path) in message
    assert "\n" not in message  # one paragraph
    assert path.read_bytes() == content
    assert sorted(os.listdir(tmp_path)) == ["vatui.json"]


@pytest.mark.parametrize("content", [b"", b"{}"])
def test_an_emptied_file_beside_its_backups_is_refused_naming_the_newest_backup(store, clock, content):
    store.tasks.add(_task(clock, title="kept in the backup"))
    clock.advance(days=1)
    store.tasks.add(_task(clock, title="the next day"))  # the day's first write backs up the file first
    newest = list_backups(store.path)[-1]
    store.path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        Store(store.path).tasks.add(_task(clock, title="would bury the backup's data"))
    assert str(newest) in str(err.value) and "not been touched" in str(err.value)
    assert store.path.read_bytes() == content
    assert [t.title for t in Store(newest).tasks.all()] == ["kept in the backup"]


def test_a_read_only_data_file_is_refused_and_keeps_its_mode(store, clock):
    store.tasks.add(_task(clock, title="one"))
    os.chmod(store.path, 0o444)
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match=r"read-only \(mode 444\).*chmod u\+w"):
        Store(store.path).tasks.add(_task(clock, title="two"))
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o444 and store.path.read_bytes() == before
    assert [t.title for t in Store(store.path).tasks.all()] == ["one"]  # reading still works


def test_daily_backups_keep_seven_days(store, clock):
    for day in range(10):
        store.tasks.add(_task(clock, title=f"day {day}"))
        clock.advance(timedelta(days=1))
    backups = list_backups(store.path)
    assert len(backups) == 7
    assert backups[-1].name == f"vatui-{(clock.now() - timedelta(days=1)).date().isoformat()}.json"
    # Each copy is the file as it was before that day's first write: a state that worked.
    first = Store(backups[0])
    assert len(first.tasks) == 3


def test_backup_is_taken_once_per_day(store, clock):
    store.tasks.add(_task(clock))
    store.tasks.add(_task(clock))
    store.tasks.add(_task(clock))
    assert [b.name for b in list_backups(store.path)] == [f"vatui-{date(2026, 11, 23)}.json"]
    assert len(Store(list_backups(store.path)[0]).tasks) == 1


def test_reading_never_creates_the_file(tmp_path):
    path = tmp_path / "sub" / "vatui.json"
    s = Store(path)
    assert s.tasks.all() == []
    assert not path.exists()


def test_client_lookup_by_prefix(store):
    store.clients.add(Client(name="Hudson Realty", tz="America/New_York"))
    store.clients.add(Client(name="Regent Law", tz="Europe/London"))
    assert store.client_named("@hudson").name == "Hudson Realty"
    assert store.client_named("regent law").name == "Regent Law"
    assert store.client_named("x") is None


def test_ids_stay_unique_after_import_replace(store, clock):
    from vatui.store.exchange import import_dataset, parse_dataset

    for _ in range(3):
        store.tasks.add(_task(clock))
    doc = {"kind": "vatui-export", "schema": 1,
           "tasks": [{"id": 200, "title": "imported", "created": "2026-11-01T10:00:00Z"}]}
    import_dataset(store, parse_dataset(doc), mode="replace")
    store.tasks.delete(200)
    assert store.tasks.add(_task(clock)).id == 201


def test_a_lagging_counter_in_the_file_is_corrected_on_load(tmp_path):
    import json

    path = tmp_path / "v.json"
    path.write_text(json.dumps({"_meta": {"1": {"app": "vatui", "schema": 1, "next_id": {"tasks": 1}}},
                                "tasks": {"7": {"title": "x", "created": "2026-11-01T10:00:00Z"}}}))
    s = Store(path)
    assert s.tasks.add(Task(title="y", created=s.clock.now())).id == 8


def test_a_reload_decodes_only_what_changed(store, clock):
    tasks = store.tasks.add_many([_task(clock, title=f"t{i}") for i in range(5)])
    other = Store(store.path, clock=clock)
    other.tasks.update(replace(tasks[2], title="changed elsewhere"))
    untouched = store.tasks.get(tasks[0].id)
    assert store.reload_if_changed()
    assert store.tasks.get(tasks[0].id) is untouched  # reused, not decoded again
    assert store.tasks.get(tasks[2].id).title == "changed elsewhere"


def test_a_bad_file_from_elsewhere_leaves_memory_as_it_was(store, clock):
    store.tasks.add(_task(clock, title="kept"))
    store.path.write_text("{torn")  # what no vatui writes, but a sync tool might
    with pytest.raises(StoreError):
        store.reload_if_changed()
    assert [t.title for t in store.tasks.all()] == ["kept"]
    assert not store.changed_on_disk() and not store.reload_if_changed()  # said once, not every tick
