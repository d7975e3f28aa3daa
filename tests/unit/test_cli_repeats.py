"""Recurring tasks on the command line, on a real data file at the frozen instant (Mon 2026-11-23
13:00 UTC, 15:00 in Bucharest)."""

from __future__ import annotations

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from vatui.store import Store


@pytest.fixture
def cli(make_cli):
    run = make_cli('[me]\nzone = "Europe/Bucharest"\n')
    run("client", "add", "Acme", "--tz", "America/New_York")
    return run


def tasks_json(cli, *extra):
    code, out, err = cli("tasks", "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_add_every_mon_client_time_then_done_makes_the_next(cli):
    code, out, err = cli("add", "Weekly report @acme every:mon due:mon 10:00 client")
    assert code == 0, err
    assert "Repeats every:mon" in out and "every" not in out.splitlines()[0]  # not in the title
    [t] = tasks_json(cli)
    assert t["repeat"] == "FREQ=WEEKLY;BYDAY=MO" and t["series"] == t["id"]
    assert t["due_local"] == "2026-11-30T10:00:00-05:00"
    code, out, err = cli("done", str(t["id"]))
    assert code == 0, err
    assert "Next:" in out
    [n] = tasks_json(cli)
    assert n["id"] != t["id"] and n["series"] == t["id"] and n["repeat"] == t["repeat"]
    assert n["due_local"] == "2026-12-07T10:00:00-05:00" and n["status"] == "todo"
    all_tasks = tasks_json(cli, "--all")
    assert [x["status"] for x in all_tasks].count("done") == 1


def test_every_without_due_takes_the_rules_first_day_at_17(cli):
    assert cli("add", "Invoice @acme every:month:last-business")[0] == 0
    [t] = tasks_json(cli)
    # Monday 30 Nov, the last weekday, at 17:00 my time (Bucharest), like a due: without a time
    assert t["due"] == "2026-11-30T15:00:00Z" and t["due_zone"] == "Europe/Bucharest"


def test_after_rule_counts_from_done(cli, clock):
    cli("add", "Water plants after:3d")
    [t] = tasks_json(cli)
    assert t["repeat"] == "AFTER=3d"
    clock.advance(timedelta(hours=2))
    cli("done", str(t["id"]))
    [n] = tasks_json(cli)
    assert n["due"] == "2026-11-26T15:00:00Z"


def test_closed_for_weeks_makes_one_late_instance(cli, clock):
    cli("add", "Standup notes @acme every:mon due:mon 10:00 client")
    clock.advance(timedelta(days=30))  # Wed 23 Dec: the 30 Nov, 7, 14 and 21 Dec Mondays have come due
    open_ = tasks_json(cli)
    assert len(open_) == 1
    assert open_[0]["due_local"] == "2026-12-21T10:00:00-05:00" and open_[0]["due_state"] == "overdue"
    assert "3" in open_[0]["notes"]


def test_task_repeat_changes_and_stops_a_series(cli):
    cli("add", "Call @acme due:fri")
    [t] = tasks_json(cli)
    code, out, err = cli("task", "repeat", str(t["id"]), "every:mon,thu")
    assert code == 0, err
    assert "every:mon,thu" in out
    assert tasks_json(cli)[0]["repeat"] == "FREQ=WEEKLY;BYDAY=MO,TH"
    assert cli("task", "repeat", str(t["id"]), "--stop")[0] == 0
    [s] = tasks_json(cli)
    assert s["repeat"] is None
    cli("done", str(t["id"]))
    assert tasks_json(cli) == []


@pytest.mark.parametrize("args", [("every:fortnight",), (), ("every:mon", "--stop")])
def test_task_repeat_refuses_bad_input_and_changes_nothing(cli, args):
    cli("add", "Call @acme due:fri")
    before = cli.db.read_bytes()
    code, out, err = cli("task", "repeat", "1", *args)
    assert code == 2 and err and "Traceback" not in err
    assert cli.db.read_bytes() == before


def test_bad_every_in_add_is_refused(cli):
    code, out, err = cli("add", "Call @acme every:someday")
    assert code == 2 and "every:someday" in err
    assert tasks_json(cli) == []


def test_template_schedule_makes_one_recurring_checklist_task(cli):
    assert cli("template", "add", "Weekly social", "--item", "Draft posts ~30m", "--item", "Schedule posts ~15m")[0] == 0
    code, out, err = cli("template", "schedule", "weekly social", "--client", "acme", "--every", "mon")
    assert code == 0, err
    [t] = tasks_json(cli)
    assert t["title"] == "Weekly social" and t["repeat"] == "FREQ=WEEKLY;BYDAY=MO"
    assert [c[0] for c in t["checklist"]] == ["Draft posts", "Schedule posts"] and t["estimate_min"] == 45
    assert t["due_local"] == "2026-11-23T17:00:00-05:00"  # today is a Monday in New York


def test_old_files_without_repeat_load(tmp_path, clock):
    path = tmp_path / "old.json"
    s = Store(path, clock=clock)
    from vatui.core.models import Task
    s.tasks.add(Task(title="Plain", created=clock.now()))
    s.close()
    raw = json.loads(path.read_text())
    assert all("repeat" not in r for r in raw["tasks"].values())  # plain tasks write no new keys
    t = Store(path, clock=clock).tasks.all()[0]
    assert t.repeat is None and t.series is None


def test_done_where_no_successor_was_made_gets_one_at_the_next_read(cli, clock):
    """The cockpit's done (until it calls store.series.mark_done) only sets the status: the next
    command that reads the tasks makes the successor, once."""
    from dataclasses import replace

    from vatui.core.models import Status

    cli("add", "Weekly report @acme every:mon due:mon 10:00 client")
    store = Store(cli.db, clock=clock)
    t = store.tasks.all()[0]
    store.tasks.update(replace(t, status=Status.DONE, done_at=clock.now()))
    store.close()
    first = tasks_json(cli)
    assert len(first) == 1 and first[0]["due_local"] == "2026-12-07T10:00:00-05:00"
    assert tasks_json(cli) == first


def test_the_next_weekday_instance_skips_the_clients_holiday(make_cli):
    cli = make_cli('[me]\nzone = "Europe/Bucharest"\n')
    cli("client", "add", "Acme", "--tz", "America/New_York", "--holidays", "US-NY")
    # Wed 25 Nov 2026, 10:00 New York; the next weekday is Thanksgiving (Thu 26 Nov): skipped
    code, out, err = cli("add", "Standup notes @acme every:weekday due:2026-11-25 10:00 client")
    assert code == 0, err
    code, out, err = cli("done", "1")
    assert code == 0, err
    nxt = [t for t in Store(cli.db).tasks.all() if t.is_open]
    assert len(nxt) == 1 and nxt[0].due.astimezone(ZoneInfo("America/New_York")).strftime("%a %d %H:%M") == "Fri 27 10:00"


def test_task_repeat_takes_the_words_the_form_takes(make_cli):
    cli = make_cli('[me]\nzone = "Europe/Bucharest"\n')
    cli("add", "Pay rent due:2026-12-01")
    code, out, err = cli("task", "repeat", "1", "month:15")  # no every: prefix, a colon inside
    assert code == 0, err
    assert Store(cli.db).tasks.get(1).repeat == "FREQ=MONTHLY;BYMONTHDAY=15"
