"""Subscriptions end to end with real parts: a calendar served by http.server on localhost, added
and synced through main(), its meetings read back in `block list` from Asia/Kolkata.

The weekly Acme standup is Mondays 09:00 in New York with 26 October excluded (EXDATE) and the
9 November occurrence moved to Tuesday 10 November 11:00 (RECURRENCE-ID); the US clocks fall back
on 1 November 2026, so in Kolkata (no DST, +05:30) it moves from 18:30 to 19:30.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers.ics_samples import STANDUP_WITH_EXCEPTIONS, offsite, vcalendar, vevent, zoned
from helpers.ics_server import IcsServer

from vatui.calendars.meetings import meetings_between
from vatui.store import Store

ACME = vcalendar(*STANDUP_WITH_EXCEPTIONS, offsite(dt.date(2026, 11, 4), days=2))

# Outlook publishes Windows zone names; this one declares no VTIMEZONE at all.
OUTLOOK = vcalendar(
    vevent("review", "Bondi review", zoned("Eastern Standard Time", "20261029T160000"),
           zoned("Eastern Standard Time", "20261029T170000"), rrule="FREQ=WEEKLY;COUNT=2"),
    prodid="Microsoft Exchange Server 2010")


@pytest.fixture
def server():
    s = IcsServer()
    s.files["/acme/private-1/basic.ics"] = ACME
    s.files["/outlook/calendar.ics"] = OUTLOOK
    yield s
    s.stop()


@pytest.fixture
def cli(make_cli, server):
    run = make_cli('[me]\nzone = "Asia/Kolkata"\n')
    run("client", "add", "Acme", "--tz", "America/New_York", "--city", "New York")
    assert run("calendar", "add", "Acme", server.url("/acme/private-1/basic.ics"), "--client", "Acme")[0] == 0
    assert run("calendar", "add", "Outlook", server.url("/outlook/calendar.ics"))[0] == 0
    return run


def _meetings(cli, day: str) -> list[dict]:
    doc = json.loads(cli("block", "list", "--date", day, "--json")[1])
    return [b for b in doc["blocks"] if b["readonly"]]


def _banners(cli, day: str) -> list[str]:
    return [b["label"] for b in json.loads(cli("block", "list", "--date", day, "--json")[1])["banners"]]


@pytest.mark.parametrize("day, expected", [
    ("2026-10-19", [("18:30", "09:00", "Acme standup")]),  # EDT, UTC-4
    ("2026-10-26", []),  # EXDATE
    ("2026-11-02", [("19:30", "09:00", "Acme standup")]),  # EST, UTC-5: later in Kolkata
    ("2026-11-09", []),  # moved away ...
    ("2026-11-10", [("21:30", "11:00", "Acme standup (moved)")]),  # ... to Tuesday 11:00
    ("2026-11-16", [("19:30", "09:00", "Acme standup")]),
])
def test_weekly_new_york_meeting_seen_from_kolkata_across_the_us_dst_change(cli, day, expected) -> None:
    got = [(m["start_local"][11:16], m["client_start_local"][11:16], m["note"])
           for m in _meetings(cli, day) if m["source"] == "calendar:Acme"]
    assert got == expected


def test_an_all_day_event_is_a_banner_on_each_of_its_days(cli) -> None:
    assert _banners(cli, "2026-11-03") == []
    assert _banners(cli, "2026-11-04") == ["Acme: offsite"]
    assert _banners(cli, "2026-11-05") == ["Acme: offsite"]
    assert _banners(cli, "2026-11-06") == []
    assert not [m for m in _meetings(cli, "2026-11-04") if "offsite" in m["note"]]


def test_a_windows_zone_name_is_read_as_new_york(cli) -> None:
    # 29 October 16:00 EDT = 20:00 UTC; 5 November 16:00 EST = 21:00 UTC (the rule keeps wall time)
    assert [m["start"] for m in _meetings(cli, "2026-10-30") if m["source"] == "calendar:Outlook"] == [
        "2026-10-29T20:00:00+00:00"]  # 01:30 on the 30th in Kolkata
    assert [m["start"] for m in _meetings(cli, "2026-11-06") if m["source"] == "calendar:Outlook"] == [
        "2026-11-05T21:00:00+00:00"]


def test_a_304_keeps_the_copy_and_the_cockpit_api_reads_it(cli, server) -> None:
    code, out, _ = cli("calendar", "sync")
    assert code == 0 and out.count("unchanged") == 2
    assert server.conditional["/acme/private-1/basic.ics"] == 1 and server.hits["/acme/private-1/basic.ics"] == 2
    store = Store(cli.db)
    start = dt.datetime(2026, 11, 1, 18, 30, tzinfo=dt.UTC)
    view = meetings_between(store, start, start + dt.timedelta(days=7), "Asia/Kolkata")
    assert [(m.calendar, m.client_id, m.summary) for m in view.meetings] == [
        ("Acme", store.client_named("Acme").id, "Acme standup"), ("Outlook", None, "Bondi review")]
    assert [(b.day.isoformat(), b.label) for b in view.banners] == [("2026-11-04", "Acme: offsite"),
                                                                    ("2026-11-05", "Acme: offsite")]
    assert not any(s.stale for s in view.status.values())
