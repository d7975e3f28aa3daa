"""Holidays and reminders on the command line (the clock: Mon 2026-11-23 13:00 UTC, me in Bucharest)."""

from __future__ import annotations

import json

import pytest

from vatui.store import Store

CONFIG = '[me]\nzone = "Europe/Bucharest"\nholidays = "RO"\n[reminders]\nbefore = ["1h", "15m"]\n'


@pytest.fixture
def run(make_cli):
    return make_cli(CONFIG)


def test_client_holidays_are_set_shown_and_cleared(run):
    code, out, err = run("client", "add", "Acme", "--tz", "America/New_York", "--holidays", "us-ny",
                         "--closed", "2026-12-31,2026-12-24")
    assert (code, err) == (0, "")
    assert "Holidays: US-NY + 2 closed days" in out
    code, out, _err = run("client", "list", "--json")
    acme = json.loads(out)[0]
    assert (acme["holidays"], acme["closed"]) == ("US-NY", ["2026-12-24", "2026-12-31"])
    code, out, _err = run("client", "list")
    assert "US-NY + 2 closed days" in out
    assert run("client", "edit", "Acme", "--holidays", "", "--closed", "")[0] == 0
    acme = json.loads(run("client", "list", "--json")[1])[0]
    assert (acme["holidays"], acme["closed"]) == (None, [])


@pytest.mark.parametrize(("args", "message"), [
    (["--holidays", "AU-XYZ"], "AU has no subdivision 'XYZ'; it has: ACT, NSW"),
    (["--holidays", "ZZ"], "'ZZ' is not a country"),
    (["--closed", "2026-12-24,christmas"], "'christmas' not a date"),
])
def test_bad_holiday_settings_are_refused_and_nothing_is_saved(run, args, message):
    code, out, err = run("client", "add", "Acme", "--tz", "America/New_York", *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert json.loads(run("client", "list", "--json")[1]) == []


def test_a_due_date_on_a_client_holiday_is_pointed_out(run):
    run("client", "add", "Acme", "--tz", "America/New_York", "--holidays", "US-NY")
    code, out, _err = run("add", "Turkey order @acme due:2026-11-26 10:00")
    assert code == 0
    assert "Note: Thu 26 Nov is closed for Acme (Thanksgiving Day)." in out
    code, out, _err = run("add", "Plain @acme due:2026-11-27 10:00")
    assert "Note:" not in out


def test_reply_by_made_on_the_cli_skips_the_holiday(run):
    run("client", "add", "Acme", "--tz", "America/New_York", "--holidays", "US-NY")
    code, out, _err = run("add", "Ask @acme reply:32h", "--json")  # made Mon 23 Nov 08:00 in New York
    task = json.loads(out)
    # Mon 8h, Tue 8h, Wed 8h, Thanksgiving skipped, Fri 8h: Fri 17:00 New York = 22:00 UTC.
    assert task["reply_by"] == "2026-11-27T22:00:00Z"


def test_leave_is_added_listed_removed_and_checked(run):
    assert run("off", "2026-12-24..2027-01-02")[1] == "Added leave 2026-12-24..2027-01-02 (10 days).\n"
    assert "2026-12-24..2027-01-02" in run("off")[1]
    code, _out, err = run("off", "2027-01-02..2026-12-24")
    assert code == 2 and "ends before it starts" in err
    code, _out, err = run("off", "--remove", "2026-12-01..2026-12-02")
    assert code == 2 and "no leave from 2026-12-01 to 2026-12-02" in err
    assert run("off", "--remove", "2026-12-24..2027-01-02")[0] == 0
    assert "No leave yet" in run("off")[1]


def test_holidays_lists_mine_and_each_clients_in_a_range(run):
    run("client", "add", "Acme", "--tz", "America/New_York", "--holidays", "US-NY")
    run("client", "add", "Koala", "--tz", "Australia/Sydney", "--holidays", "AU-NSW", "--closed", "2026-12-24")
    run("off", "2026-12-28..2026-12-29")
    code, out, _err = run("holidays", "--from", "2026-11-20", "--to", "2026-12-31", "--json")
    rows = [(r["day"], r["who"], r["name"]) for r in json.loads(out)]
    assert ("2026-11-26", "Acme", "Thanksgiving Day") in rows
    assert ("2026-12-24", "Koala", "closed day") in rows
    assert ("2026-12-28", "Me", "leave") in rows
    assert ("2026-12-01", "Me", "National Day") in rows  # [me] holidays = "RO", named in vatui's language
    code, out, _err = run("holidays", "--client", "acme", "--from", "2026-11-20", "--to", "2026-11-30")
    assert code == 0 and "Thu 26 Nov  Acme  Thanksgiving Day" in out and "Koala" not in out
    code, _out, err = run("holidays", "--from", "2026-12-31", "--to", "2026-12-01")
    assert code == 2 and "before --from" in err


def test_today_names_the_closed_days_ahead_and_the_next_reminders(run):
    run("client", "add", "Acme", "--tz", "America/New_York", "--holidays", "US-NY")
    run("add", "Deck @acme due:2026-11-24 10:00")
    code, out, _err = run("today")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("  Acme") and "closed Thu 26 Nov: Thanksgiving Day" in line for line in lines)
    i = lines.index("Next reminders")
    assert "Due in 1h: Deck · Acme" in lines[i + 1] and "Due in 15m: Deck · Acme" in lines[i + 2]
    doc = json.loads(run("today", "--json")[1])
    assert {"name": "Acme", "me": False, "day": "2026-11-26", "holiday": "Thanksgiving Day"} in doc["closed_ahead"]
    assert [r["lead_min"] for r in doc["reminders"]] == [60, 15]


def test_the_clock_in_today_says_holiday(make_cli, clock):
    from datetime import datetime, timezone

    run = make_cli(CONFIG)
    run("client", "add", "Acme", "--tz", "America/New_York", "--holidays", "US-NY")
    clock.set(datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc))  # Thanksgiving, 10:00 in New York
    out = run("today")[1]
    assert any("Acme" in line and line.endswith("○ holiday: Thanksgiving Day") for line in out.splitlines())


def test_digest_names_the_clients_days_off(run):
    run("client", "add", "Acme", "--tz", "America/New_York", "--holidays", "US-NY")
    out = run("digest", "--client", "acme")[1]
    assert "## Your days off this week\n\n- closed Thu 26 Nov: Thanksgiving Day\n" in out


def test_holidays_setting_survives_a_reload(run):
    run("client", "add", "Acme", "--tz", "America/New_York", "--holidays", "US-NY", "--closed", "2026-12-24")
    acme = Store(run.db).client_named("acme")
    assert acme.holidays == "US-NY" and [d.isoformat() for d in acme.closed] == ["2026-12-24"]
