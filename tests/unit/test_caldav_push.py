"""`vatui calendar push` against a real CalDAV server: Radicale (the test extra) on a free
localhost port with a temporary storage folder and a plain htpasswd user, read back with the
caldav library. One server for the module; each test pushes to a calendar of its own."""

from __future__ import annotations

import socket
import time
from datetime import datetime, timedelta, timezone

import pytest
from helpers.radicale import USER, free_port

from vatui.core.models import Client, Status, Task, TimeBlock
from vatui.core.settings import CalDavSettings, Settings
from vatui.store import Store

UTC = timezone.utc
PUSH = ("calendar", "push")


def _config(url: str, command: str = "echo 's3cret pass'", extra: str = "") -> str:
    return (f'[me]\nzone = "Europe/Bucharest"\n\n[caldav]\nurl = "{url}"\nusername = "{USER}"\n'
            f'password_command = "{command}"\n{extra}')


def _events(cal) -> dict[str, object]:
    """UID -> VEVENT of every event in the calendar, read back from the server."""
    return {str(ev.icalendar_component["uid"]): ev.icalendar_component for ev in cal.events()}


# Mon 2026-11-23 13:00 UTC is the fixed clock: the default window is 23 Nov to 7 Dec (Bucharest).
BLOCK_START = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
DUE = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def _seed(db) -> dict[str, int]:
    store = Store(db)
    acme = store.clients.add(Client(name="Acme", tz="America/New_York"))
    block = store.blocks.add(TimeBlock(start=BLOCK_START, end=BLOCK_START + timedelta(hours=2), client_id=acme.id,
                                       note="inbox zero"))
    far = store.blocks.add(TimeBlock(start=datetime(2026, 12, 20, 8, 0, tzinfo=UTC),
                                     end=datetime(2026, 12, 20, 9, 0, tzinfo=UTC), batch="admin"))
    due = store.tasks.add(Task(title="Send the invoice", created=BLOCK_START - timedelta(days=3), client_id=acme.id,
                               due=DUE))
    store.tasks.add(Task(title="Already done", created=BLOCK_START - timedelta(days=3), due=DUE, status=Status.DONE,
                         done_at=BLOCK_START - timedelta(days=1)))
    return {"client": acme.id, "block": block.id, "far": far.id, "task": due.id}


def test_push_writes_blocks_and_due_times_and_reads_back(make_cli, calendar):
    run = make_cli(_config(str(calendar.url)))
    ids = _seed(run.db)
    code, out, err = run(*PUSH)
    assert (code, err) == (0, "")
    assert "2026-11-23 to 2026-12-07" in out
    assert "2 created, 0 updated, 0 deleted, 0 unchanged" in out
    events = _events(calendar)
    cal_id = Store(run.db).get_state("calendar_id")
    assert set(events) == {f"block-{ids['block']}.{cal_id}@vatui", f"due-{ids['task']}.{cal_id}@vatui"}
    block = events[f"block-{ids['block']}.{cal_id}@vatui"]
    assert str(block["summary"]) == "Acme: inbox zero"
    assert block.decoded("dtstart") == BLOCK_START
    assert block.decoded("dtend") == BLOCK_START + timedelta(hours=2)
    due = events[f"due-{ids['task']}.{cal_id}@vatui"]
    assert str(due["summary"]) == "Due: Send the invoice (Acme)"
    assert due.decoded("dtstart") == DUE
    # the same events, with the same UIDs, as `vatui export --ics` writes for those days
    import icalendar

    code, ics, _err = run("export", "--ics", "--from", "2026-11-23", "--to", "2026-12-07")
    assert code == 0
    exported = {str(ev["uid"]): ev for ev in icalendar.Calendar.from_ical(ics).walk("VEVENT")}
    assert set(exported) == set(events)
    assert all(str(exported[uid]["summary"]) == str(events[uid]["summary"]) for uid in events)


def test_a_changed_block_updates_its_event_a_removed_one_deletes_it_and_a_second_push_changes_nothing(
        make_cli, calendar):
    run = make_cli(_config(str(calendar.url)))
    ids = _seed(run.db)
    assert run(*PUSH)[0] == 0
    first = _events(calendar)

    code, out, _err = run(*PUSH)
    assert code == 0 and "0 created, 0 updated, 0 deleted, 2 unchanged" in out
    assert {uid: ev.to_ical() for uid, ev in _events(calendar).items()} == {
        uid: ev.to_ical() for uid, ev in first.items()}

    store = Store(run.db)
    block = store.blocks.require(ids["block"])
    from dataclasses import replace

    store.blocks.update(replace(block, end=block.end + timedelta(minutes=30), note="inbox and calls"))
    code, out, _err = run(*PUSH)
    assert code == 0 and "0 created, 1 updated, 0 deleted, 1 unchanged" in out
    events = _events(calendar)
    assert len(events) == 2  # updated in place, not doubled
    changed = next(ev for uid, ev in events.items() if uid.startswith("block-"))
    assert str(changed["summary"]) == "Acme: inbox and calls"
    assert changed.decoded("dtend") == BLOCK_START + timedelta(hours=2, minutes=30)

    Store(run.db).blocks.delete(ids["block"])
    code, out, _err = run(*PUSH)
    assert code == 0 and "0 created, 0 updated, 1 deleted, 1 unchanged" in out
    assert [uid.split(".")[0] for uid in _events(calendar)] == [f"due-{ids['task']}"]


def test_a_block_moved_out_of_the_window_moves_its_event_and_a_done_task_loses_its_own(make_cli, calendar):
    run = make_cli(_config(str(calendar.url)))
    ids = _seed(run.db)
    assert run(*PUSH)[0] == 0
    store = Store(run.db)
    from dataclasses import replace

    block = store.blocks.require(ids["block"])
    later = datetime(2026, 12, 15, 8, 0, tzinfo=UTC)
    store.blocks.update(replace(block, start=later, end=later + timedelta(hours=1)))
    task = store.tasks.require(ids["task"])
    store.tasks.update(replace(task, status=Status.DONE, done_at=BLOCK_START))
    code, out, _err = run(*PUSH)
    assert code == 0 and "0 created, 1 updated, 1 deleted, 0 unchanged" in out
    (event,) = _events(calendar).values()
    assert event.decoded("dtstart") == later


def test_the_users_own_events_and_another_data_files_events_are_left_alone(make_cli, calendar, tmp_path):
    calendar.add_event(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//me//EN\r\nBEGIN:VEVENT\r\nUID:lunch-1@example.com\r\n"
        "DTSTAMP:20261120T100000Z\r\nDTSTART:20261124T110000Z\r\nDTEND:20261124T120000Z\r\nSUMMARY:Lunch with Ana\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n")
    run = make_cli(_config(str(calendar.url)))
    ids = _seed(run.db)
    other_db = tmp_path / "other.json"
    other = Store(other_db)
    other.blocks.add(TimeBlock(start=BLOCK_START, end=BLOCK_START + timedelta(hours=1), batch="email"))
    assert run(*PUSH, db_path=other_db)[0] == 0
    assert run(*PUSH)[0] == 0
    assert len(_events(calendar)) == 4  # the user's, the other file's block, this file's block and due time

    Store(run.db).blocks.delete(ids["block"])
    Store(run.db).tasks.delete(ids["task"])
    code, out, _err = run(*PUSH)
    assert code == 0 and "0 created, 0 updated, 2 deleted, 0 unchanged" in out
    events = _events(calendar)
    assert "lunch-1@example.com" in events
    assert str(events["lunch-1@example.com"]["summary"]) == "Lunch with Ana"
    other_id = Store(other_db).get_state("calendar_id")
    assert [uid for uid in events if uid != "lunch-1@example.com"] == [f"block-1.{other_id}@vatui"]


def test_from_and_to_choose_the_days(make_cli, calendar):
    run = make_cli(_config(str(calendar.url)))
    ids = _seed(run.db)
    code, out, _err = run(*PUSH, "--from", "2026-12-20", "--to", "2026-12-20")
    assert code == 0 and "1 created, 0 updated, 0 deleted, 0 unchanged" in out
    assert [uid.split(".")[0] for uid in _events(calendar)] == [f"block-{ids['far']}"]


def test_a_wrong_password_is_a_clear_message_and_exit_1(make_cli, calendar):
    run = make_cli(_config(str(calendar.url), command="echo wrong"))
    _seed(run.db)
    code, out, err = run(*PUSH)
    assert code == 1 and out == ""
    assert "refused the username or password" in err
    assert "Traceback" not in err
    assert _events(calendar) == {}


def test_a_server_that_is_down_is_a_clear_message_exit_1_and_loses_nothing(make_cli):
    url = f"http://127.0.0.1:{free_port()}/va/plan/"
    run = make_cli(_config(url))
    _seed(run.db)
    code, out, err = run(*PUSH)
    assert code == 1 and out == ""
    assert err.startswith(f"vatui: cannot reach {url} (connection refused)")
    assert "nothing was lost" in err and "Traceback" not in err
    # the push only read the data file (its calendar id aside): every block and task is still there
    store = Store(run.db)
    assert len(store.blocks) == 2 and len(store.tasks) == 2


@pytest.mark.parametrize(("command", "says"), [
    ("false", "caldav.password_command failed (exit code 1)"),
    ("no-such-program-for-vatui", "caldav.password_command: 'no-such-program-for-vatui' was not found"),
    ("echo nope >&2; exit 3", "caldav.password_command failed (exit code 3): nope"),
    ("true", "caldav.password_command printed no password"),
])
def test_a_failing_password_command_is_a_clear_message_and_exit_2(make_cli, command, says):
    run = make_cli(_config(f"http://127.0.0.1:{free_port()}/va/plan/", command=command))
    code, out, err = run(*PUSH)
    assert (code, out) == (2, "")
    assert says in err and "Traceback" not in err


def test_a_password_in_the_config_is_refused(make_cli):
    run = make_cli(_config("http://127.0.0.1:1/va/plan/", extra='password = "hunter2"\n'))
    code, out, err = run(*PUSH)
    assert (code, out) == (2, "")
    assert "caldav.password is not read: never put a password in the config file" in err  # the config's warning
    assert "caldav.password is set in the config file: remove it and set caldav.password_command" in err
    assert "hunter2" not in err


def test_no_caldav_settings_says_what_to_set(make_cli):
    run = make_cli('[me]\nzone = "Europe/Bucharest"\n')
    code, out, err = run(*PUSH)
    assert (code, out) == (2, "")
    assert "no calendar to push to: set url (and username, password_command) under [caldav]" in err


def test_the_background_push_returns_a_note_and_never_raises(calendar, store, clock, tmp_path):
    from vatui.calendars.caldav_push import push_in_background

    settings = Settings(me_zone="Europe/Bucharest")
    assert push_in_background(store, settings, clock.now()) is None  # no [caldav]: nothing to do
    store.blocks.add(TimeBlock(start=BLOCK_START, end=BLOCK_START + timedelta(hours=1), batch="email"))
    good = Settings(me_zone="Europe/Bucharest", caldav=CalDavSettings(
        url=str(calendar.url), username=USER, password_command="echo 's3cret pass'"))
    assert push_in_background(store, good, clock.now()) == "Calendar pushed: 1 created, 0 updated, 0 deleted, 0 unchanged"
    assert push_in_background(store, good, clock.now()) is None  # nothing changed: nothing to say
    assert len(_events(calendar)) == 1
    down = Settings(me_zone="Europe/Bucharest", caldav=CalDavSettings(
        url=f"http://127.0.0.1:{free_port()}/va/plan/", username=USER, password_command="echo x"))
    note = push_in_background(store, down, clock.now())
    assert note.startswith("Calendar push failed: cannot reach http://127.0.0.1:")
    failing = Settings(me_zone="Europe/Bucharest", caldav=CalDavSettings(url=str(calendar.url), password_command="false"))
    assert push_in_background(store, failing, clock.now()) == (
        "Calendar push failed: caldav.password_command failed (exit code 1)")


def test_a_server_that_never_answers_times_out_with_a_clear_message(make_cli, monkeypatch):
    import vatui.calendars.caldav_push as caldav_push

    monkeypatch.setattr(caldav_push, "HTTP_TIMEOUT", 1)
    with socket.socket() as silent:  # accepts connections (the kernel's backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/va/plan/"
        run = make_cli(_config(url))
        _seed(run.db)
        started = time.monotonic()
        code, out, err = run(*PUSH)
    assert (code, out) == (1, "")
    assert err == f"vatui: cannot reach {url} (no answer within 1 s); nothing was lost, push again later\n"
    assert time.monotonic() - started < 10
