"""`vatui pomodoro`, `stopwatch`, `log`, `entries`, `entry edit|delete` through main(), with the
fixed clock; and the status line in a real subprocess (fast path, no Textual)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from vatui.store import Store


@pytest.fixture
def cli(make_cli):
    run = make_cli('[me]\nzone = "Europe/Bucharest"\n[pomodoro]\nfocus = "25m"\n')
    run("client", "add", "Acme", "--tz", "America/New_York")
    run("client", "add", "Bondi Bakes", "--tz", "Australia/Sydney")
    run("add", "Write the report", "--client", "acme")
    return run


def test_start_status_pause_resume_stop(cli, clock):
    code, out, _ = cli("pomodoro", "start", "--task", "1")
    assert code == 0 and "Focus started: 25m, ends at 15:25" in out and "Write the report" in out
    clock.advance(minutes=7, seconds=26)
    code, out, _ = cli("pomodoro", "status", "--short")
    assert code == 0 and out == "F 17:34 Acme\n"
    code, out, _ = cli("pomodoro", "status")
    assert "Focus · 17:34 left (ends 15:25)" in out and "Focus sessions today: 0" in out
    assert cli("pomodoro", "pause")[1] == "Paused.\n"
    clock.advance(minutes=10)
    assert cli("pomodoro", "status", "--short")[1] == "F 17:34 Acme (paused)\n"
    code, _, err = cli("pomodoro", "pause")
    assert code == 2 and err == "vatui: The timer is already paused\n"
    code, out, _ = cli("pomodoro", "resume")
    assert "Focus ends at 15:35." in out
    clock.advance(minutes=3)
    code, out, _ = cli("pomodoro", "stop")
    assert code == 0 and "Stopped." in out and "Logged 10m for Acme." in out
    entry = Store(cli.db).entries.all()
    assert [(e.source, e.task_id) for e in entry] == [("pomodoro", 1), ("pomodoro", 1)]
    assert sum((e.duration for e in entry), timedelta(0)) == timedelta(minutes=10, seconds=26)


def test_status_json_next_phase_is_the_one_after_the_current(make_cli, clock):
    """`phase` is what runs now, `next_phase` what follows it: a break after a focus (long after
    the last of a set), a focus after a break, and, idle, what `start` begins."""
    cli = make_cli('[me]\nzone = "Europe/Bucharest"\n[pomodoro]\nfocus = "25m"\nlong_every = 2\n')

    def status() -> tuple:
        doc = json.loads(cli("pomodoro", "status", "--json")[1])
        return doc["phase"], doc["next_phase"], doc["paused"]

    assert status() == (None, "focus", False)
    cli("pomodoro", "start")
    assert status() == ("focus", "short_break", False)
    cli("pomodoro", "pause")
    assert status() == ("focus", "short_break", True)
    cli("pomodoro", "resume")
    clock.advance(minutes=25)
    assert status() == (None, "short_break", False)
    cli("pomodoro", "start")
    assert status() == ("short_break", "focus", False)
    clock.advance(minutes=5)
    cli("pomodoro", "start")
    assert status() == ("focus", "long_break", False)  # the second of a set of two
    clock.advance(minutes=25)
    cli("pomodoro", "start")
    assert status() == ("long_break", "focus", False)


def test_status_json_and_ended_phase(cli, clock):
    cli("pomodoro", "start", "--client", "bondi")
    clock.advance(minutes=30)
    code, out, _ = cli("pomodoro", "status", "--json")
    doc = json.loads(out)
    assert doc["phase"] is None and doc["next_phase"] == "short_break" and doc["focus_done_today"] == 1
    assert doc["last_end"] == {"phase": "focus", "at": "2026-11-23T13:25:00Z"}
    assert doc["client"] == {"id": 2, "name": "Bondi Bakes"}
    assert cli("pomodoro", "status", "--short")[1] == "\n"  # idle: nothing for the status bar
    # status logged the focus that ended while no cockpit was open: the next start only starts
    assert [(e.client_id, e.end - e.start) for e in Store(cli.db).entries.all()] == [(2, timedelta(minutes=25))]
    code, out, _ = cli("pomodoro", "start")
    assert "Logged" not in out and "Short break started: 5m" in out


def test_a_start_after_the_end_writes_what_passed_and_says_so(cli, clock):
    cli("pomodoro", "start", "--client", "bondi")
    clock.advance(minutes=30)
    code, out, _ = cli("pomodoro", "start")
    assert "Focus ended at 15:25." in out and "Logged 25m for Bondi Bakes." in out
    assert "Short break started: 5m" in out


@pytest.mark.parametrize("command", [("entries",), ("report", "--today"), ("today",), ("digest", "--client", "acme"),
                                     ("export", "--json"), ("pomodoro", "status")])
def test_a_focus_that_ended_with_no_cockpit_open_is_logged_by_the_next_command(cli, clock, command):
    cli("pomodoro", "start", "--task", "1")
    clock.advance(minutes=26)
    assert Store(cli.db).entries.all() == []
    code, out, err = cli(*command)
    assert code == 0, err
    entries = Store(cli.db).entries.all()
    assert [(e.task_id, e.client_id, e.start, e.end - e.start) for e in entries] == [
        (1, 1, datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc), timedelta(minutes=25))]
    cli(*command)  # a second look logs nothing more
    assert len(Store(cli.db).entries.all()) == 1


def test_skip_and_interrupt(cli, clock):
    cli("pomodoro", "start", "--task", "1")
    clock.advance(minutes=3)
    assert "Interruption logged (1 in this focus)." in cli("pomodoro", "interrupt")[1]
    clock.advance(minutes=2)
    code, out, _ = cli("pomodoro", "skip")
    assert "Logged 5m for Acme." in out and "Next: short break." in out
    code, _, err = cli("pomodoro", "interrupt")
    assert code == 2 and "during a focus" in err


def test_start_refused_while_a_focus_runs(cli):
    cli("pomodoro", "start")
    code, _, err = cli("pomodoro", "start", "--task", "1")
    assert code == 2 and "already running" in err


def test_unknown_task_or_client(cli):
    assert cli("pomodoro", "start", "--task", "99")[0] == 2
    code, _, err = cli("pomodoro", "start", "--client", "nobody")
    assert code == 2 and "no client called 'nobody'" in err
    code, _, err = cli("pomodoro", "start", "--task", "1", "--client", "bondi")
    assert code == 2 and "task 1 is for Acme, not Bondi Bakes" in err


def test_stopwatch_and_a_forgotten_one(cli, clock):
    code, out, _ = cli("stopwatch", "start", "--client", "acme")
    assert code == 0 and "Stopwatch started on no task" not in out and "Acme" in out
    clock.advance(minutes=50)
    assert cli("pomodoro", "status", "--short")[1] == "S 50:00 Acme\n"
    clock.advance(hours=3)  # forgotten: far past its plan (1h) with nothing pressed
    assert cli("pomodoro", "status", "--short")[1] == "S 3:50:00 Acme ?\n"
    code, _, err = cli("stopwatch", "stop")
    assert code == 2 and "--keep (3h50m)" in err and "--trim to the planned end 16:00 (1h)" in err
    code, out, _ = cli("stopwatch", "stop", "--trim")
    assert code == 0 and "Logged 1h for Acme." in out
    assert cli("pomodoro", "status", "--short")[1] == "\n"
    code, _, err = cli("stopwatch", "stop")
    assert code == 2 and "no stopwatch is running" in err


def test_log_entries_edit_delete(cli, clock):
    code, out, _ = cli("log", "--client", "acme", "--from", "09:00", "--to", "10:30", "--task", "1",
                       "--note", "call prep", "--no-billable")
    assert code == 0 and "Logged 1h30m for Acme on 2026-11-23, 09:00-10:30 (entry 1, not billable)." in out
    code, out, _ = cli("log", "--client", "bondi", "--from", "22:00", "--to", "23:15", "--date", "yesterday")
    assert code == 0 and "2026-11-22" in out
    code, out, _ = cli("entries")
    assert "09:00  10:30  1h30m  Acme" in out and "Total 1h30m on 2026-11-23 (Europe/Bucharest)." in out
    code, out, _ = cli("entries", "--date", "yesterday", "--json")
    doc = json.loads(out)
    assert doc["entries"][0]["client"] == "Bondi Bakes" and doc["entries"][0]["minutes"] == 75
    code, out, _ = cli("entry", "edit", "1", "--to", "10:45", "--billable", "--client", "bondi")
    assert "Updated entry 1: 09:00-10:45, 1h45m." in out
    e = Store(cli.db).entries.get(1)
    assert e.billable and e.client_id == 2 and e.note == "call prep"
    code, out, _ = cli("entry", "delete", "1")
    assert "Deleted entry 1" in out and 'vatui log --client "Bondi Bakes" --date 2026-11-23 --from 09:00 --to 10:45' in out
    assert Store(cli.db).entries.get(1) is None


def test_log_across_midnight_and_for_a_length(cli):
    # The QA case: 23:00 to 01:00 yesterday is two hours ending today, and the message says so.
    code, out, err = cli("log", "--client", "bondi", "--from", "23:00", "--to", "01:00", "--date", "yesterday")
    assert code == 0, err
    assert "Logged 2h for Bondi Bakes from 2026-11-22 23:00 to 01:00 the next day, 2026-11-23 (entry 1)." in out
    e = Store(cli.db).entries.get(1)
    assert (e.start, e.end) == (datetime(2026, 11, 22, 21, tzinfo=timezone.utc), datetime(2026, 11, 22, 23, tzinfo=timezone.utc))
    code, out, _ = cli("log", "--client", "acme", "--from", "09:00", "--for", "1h30")
    assert code == 0 and "Logged 1h30m for Acme on 2026-11-23, 09:00-10:30 (entry 2)." in out
    code, out, _ = cli("log", "--client", "acme", "--from", "22:30", "--for", "3h", "--date", "2026-11-20")
    assert code == 0 and "from 2026-11-20 22:30 to 01:30 the next day, 2026-11-21" in out


def test_an_overnight_entry_stays_editable(cli):
    cli("log", "--client", "bondi", "--from", "23:00", "--to", "01:00", "--date", "yesterday")
    code, _out, err = cli("entry", "edit", "1", "--from", "23:15")  # its end, 01:00, is the next day's
    assert code == 0, err
    e = Store(cli.db).entries.get(1)
    assert (e.start, e.end) == (datetime(2026, 11, 22, 21, 15, tzinfo=timezone.utc),
                                datetime(2026, 11, 22, 23, tzinfo=timezone.utc))


@pytest.mark.parametrize("args", [["--for", "1h", "--to", "11:30"], []])
def test_log_takes_either_to_or_for(cli, args, capsys):
    with pytest.raises(SystemExit) as done:  # argparse's own usage error
        cli("log", "--client", "acme", "--from", "10:30", *args)
    assert done.value.code == 2 and "--to" in capsys.readouterr().err and Store(cli.db).entries.all() == []


@pytest.mark.parametrize("args, message", [
    (["--from", "10:30", "--to", "09:00"], "to: 09:00 is earlier than 10:30. Read as 09:00 the next day, that is 22h30m"),
    (["--from", "10:30", "--to", "10:30"], "to: 10:30 is not after 10:30"),
    (["--from", "10:30", "--for", "ten"], "for: 'ten' is not a duration"),
    (["--from", "9am", "--to", "10:00"], "from: '9am' is not a time of day"),
    (["--from", "09:00", "--to", "10:00", "--date", "someday"], "date: 'someday' is not a date"),
    (["--from", "03:30", "--to", "05:00", "--date", "2026-03-29"], "does not exist"),  # Bucharest springs forward
])
def test_log_refuses_bad_input_with_exit_2(cli, args, message):
    before = Store(cli.db).entries.all()
    code, out, err = cli("log", "--client", "acme", *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert Store(cli.db).entries.all() == before


def test_edit_and_delete_unknown_entry(cli):
    assert cli("entry", "delete", "42")[0] == 2
    code, _, err = cli("entry", "edit", "42", "--note", "x")
    assert code == 2 and "no time entry 42" in err
    cli("log", "--client", "acme", "--from", "09:00", "--to", "10:00")
    code, _, err = cli("entry", "edit", "1")
    assert code == 2 and "nothing to change" in err


def test_damaged_timer_state_is_reset_with_a_message(cli):
    Store(cli.db).set_state("pomodoro", {"version": 1, "run": {"phase": "nap"}})
    code, out, _ = cli("pomodoro", "status")
    assert code == 0 and "could not be read" in out and "Idle" in out
    code, out, err = cli("pomodoro", "start")
    assert code == 0 and "it was reset" in err and "Focus started" in out


def test_status_short_in_a_subprocess_without_textual(cli, tmp_path):
    code = (
        "import sys\n"
        "from vatui.cli import main\n"
        f"main(['--db', {str(cli.db)!r}, 'pomodoro', 'start', '--task', '1'])\n"
        f"rc = main(['--db', {str(cli.db)!r}, 'pomodoro', 'status', '--short'])\n"
        "assert 'textual' not in sys.modules, 'status --short imported Textual'\n"
        "sys.exit(rc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"VATUI_CONFIG": str(cli.config), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] in ("F 25:00 Acme", "F 24:59 Acme")
