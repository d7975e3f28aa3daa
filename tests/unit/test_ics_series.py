"""`vatui export --ics` carries a block series as one VEVENT with RRULE, EXDATE for a removed day
and RECURRENCE-ID for an edited one, read back with recurring_ical_events.

My zone is New York; the series starts Monday 19 October 2026, before the US DST change on
1 November, and the frozen "today" is Monday 23 November (laid out through 7 December).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

NY = ZoneInfo("America/New_York")


@pytest.fixture
def cli(make_cli):
    run = make_cli('[me]\nzone = "America/New_York"\n')
    run("client", "add", "Acme", "--tz", "Europe/London")
    assert run("block", "add", "9:00-9:30 @acme standup", "--date", "2026-10-19", "--every", "mon")[0] == 0
    assert run("block", "add", "14:00-15:00 @acme review", "--date", "2026-11-24")[0] == 0  # a single block
    return run


def _block_on(cli, day: str) -> dict:
    blocks = json.loads(cli("block", "list", "--date", day, "--json")[1])["blocks"]
    return next(b for b in blocks if b["series"] is not None)


def _export(cli, *args: str) -> icalendar.Calendar:
    code, out, err = cli("export", "--ics", *args)
    assert code == 0, err
    return icalendar.Calendar.from_ical(out)


def _occurrences(cal: icalendar.Calendar, first: str, last: str) -> list[tuple[dt.datetime, str]]:
    lo, hi = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return sorted((e["DTSTART"].dt.astimezone(NY), str(e["SUMMARY"])) for e in recurring_ical_events.of(cal).between(lo, hi))


def test_one_series_event_with_exdate_and_an_override(cli) -> None:
    removed = _block_on(cli, "2026-11-02")
    assert cli("block", "remove", str(removed["id"]))[0] == 0
    moved = _block_on(cli, "2026-11-09")
    assert cli("block", "edit", str(moved["id"]), "11:00-11:30 @acme standup (moved)")[0] == 0
    cal = _export(cli)
    masters = [e for e in cal.walk("VEVENT") if "RRULE" in e]
    (master,) = masters
    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO"
    assert master["DTSTART"].params["TZID"] == "America/New_York"
    overrides = [e for e in cal.walk("VEVENT") if "RECURRENCE-ID" in e]
    assert len(overrides) == 1 and overrides[0]["UID"] == master["UID"]
    assert cal.walk("VTIMEZONE")  # the TZID is defined in the file

    seen = _occurrences(cal, "2026-10-19", "2026-12-29")
    standups = [(at.strftime("%m-%d %H:%M"), what) for at, what in seen if "standup" in what]
    assert standups == [
        ("10-19 09:00", "Acme: standup"), ("10-26 09:00", "Acme: standup"),  # EDT
        ("11-09 11:00", "Acme: standup (moved)"),  # 2 November removed; 9 November moved
        ("11-16 09:00", "Acme: standup"), ("11-23 09:00", "Acme: standup"), ("11-30 09:00", "Acme: standup"),
        ("12-07 09:00", "Acme: standup"),  # the last day laid out
        ("12-14 09:00", "Acme: standup"), ("12-21 09:00", "Acme: standup"), ("12-28 09:00", "Acme: standup"),  # RRULE
    ]
    assert Counter(at for at, _what in seen).most_common(1)[0][1] == 1  # no occurrence twice
    assert [what for _at, what in seen if "review" in what] == ["Acme: review"]  # a single block stays single


def test_the_laid_out_copies_are_not_exported_again(cli) -> None:
    cal = _export(cli)
    summaries = Counter(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))
    assert summaries == {"Acme: standup": 1, "Acme: review": 1}


def test_a_window_keeps_the_series_and_the_blocks_outside_it_out(cli) -> None:
    cal = _export(cli, "--from", "2026-11-20", "--to", "2026-11-30")
    seen = _occurrences(cal, "2026-11-20", "2026-12-01")
    assert [at.strftime("%m-%d %H:%M") for at, what in seen if "standup" in what] == ["11-23 09:00", "11-30 09:00"]
    before = _export(cli, "--to", "2026-10-18")
    assert not before.walk("VEVENT")


def test_an_ended_series_leaves_its_earlier_days_as_single_events(cli) -> None:
    later = _block_on(cli, "2026-11-16")
    assert cli("block", "remove", str(later["id"]), "--series")[0] == 0
    cal = _export(cli)
    assert not [e for e in cal.walk("VEVENT") if "RRULE" in e]
    days = [at.strftime("%m-%d") for at, what in _occurrences(cal, "2026-10-01", "2027-01-01") if "standup" in what]
    assert days == ["10-19", "10-26", "11-02", "11-09"]


def test_a_series_changed_from_a_day_on_keeps_its_earlier_days(cli) -> None:
    later = _block_on(cli, "2026-11-16")
    assert cli("block", "edit", str(later["id"]), "10:00-10:45 @acme standup", "--series")[0] == 0
    cal = _export(cli)
    seen = [(at.strftime("%m-%d %H:%M"), what) for at, what in _occurrences(cal, "2026-10-19", "2026-12-22")
            if "standup" in what]
    assert seen == [("10-19 09:00", "Acme: standup"), ("10-26 09:00", "Acme: standup"),
                    ("11-02 09:00", "Acme: standup"), ("11-09 09:00", "Acme: standup"),
                    ("11-16 10:00", "Acme: standup"), ("11-23 10:00", "Acme: standup"),
                    ("11-30 10:00", "Acme: standup"), ("12-07 10:00", "Acme: standup"),
                    ("12-14 10:00", "Acme: standup"), ("12-21 10:00", "Acme: standup")]
