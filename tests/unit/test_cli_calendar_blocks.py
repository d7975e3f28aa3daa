"""Meetings from a subscribed calendar in `vatui block list` and `vatui today`, read-only.

The frozen instant is Monday 23 November 2026, 13:00 UTC = 18:30 in Kolkata; the Acme standup is
Mondays 09:00 New York (EST since 1 November) = 19:30 in Kolkata.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers.ics_samples import STANDUP, offsite, vcalendar

ACME = vcalendar(STANDUP, offsite(dt.date(2026, 11, 23)))


@pytest.fixture
def cli(make_cli, tmp_path):
    run = make_cli('[me]\nzone = "Asia/Kolkata"\ncity = "Kolkata"\n')
    run("client", "add", "Acme", "--tz", "America/New_York", "--city", "New York")
    source = tmp_path / "acme.ics"
    source.write_bytes(ACME)
    run.source = source
    assert run("calendar", "add", "Acme", str(source), "--client", "Acme")[0] == 0
    assert run("block", "add", "19:00-20:00 @acme report", "--date", "2026-11-23")[0] == 0
    return run


def test_block_list_json_has_the_meeting_read_only(cli) -> None:
    code, out, err = cli("block", "list", "--date", "2026-11-23", "--json")
    assert code == 0, err
    doc = json.loads(out)
    block, meeting = doc["blocks"]
    assert block["source"] == "vatui" and not block["readonly"] and block["clashes"] == ["m1"]
    assert meeting["source"] == "calendar:Acme" and meeting["readonly"] is True and meeting["id"] is None
    assert meeting["start"] == "2026-11-23T14:00:00+00:00" and meeting["end"] == "2026-11-23T14:30:00+00:00"
    assert meeting["start_local"] == "2026-11-23T19:30:00+05:30"
    assert meeting["client_start_local"] == "2026-11-23T09:00:00-05:00" and meeting["client"] == "Acme"
    assert meeting["clashes"] == [block["id"]] and meeting["note"] == "Acme standup"
    assert [b["label"] for b in doc["banners"]] == ["Acme: offsite"] and doc["meeting_minutes"] == 30.0


def test_block_list_text_marks_the_meeting(cli) -> None:
    code, out, _ = cli("block", "list", "--date", "2026-11-23")
    assert code == 0 and "1 meeting (30m)" in out and "Acme: offsite" in out
    meeting = next(line for line in out.splitlines() if line.startswith("m1"))
    assert "19:30-20:00 ◆" in meeting and "09:00-09:30 New York" in meeting and "clashes with 1" in meeting
    assert "read-only" in out


def test_another_day_has_no_banner_and_the_week_after_has_the_meeting(cli) -> None:
    doc = json.loads(cli("block", "list", "--date", "2026-11-30", "--json")[1])
    assert doc["banners"] == [] and [b["start"] for b in doc["blocks"]] == ["2026-11-30T14:00:00+00:00"]


def test_today_counts_and_shows_meetings_and_banners(cli) -> None:
    code, out, _ = cli("today")
    assert code == 0
    assert "1 meeting (30m)" in out and "Acme: offsite" in out
    line = next(x for x in out.splitlines() if "Acme standup" in x)
    assert line.startswith("◆ 19:30-20:00") and "clash" in line
    doc = json.loads(cli("today", "--json")[1])
    (meeting,) = doc["meetings"]
    assert meeting["source"] == "calendar:Acme" and meeting["readonly"] and meeting["start"] == "2026-11-23T14:00:00Z"
    assert doc["banners"][0]["label"] == "Acme: offsite"
    mine = next(x for x in out.splitlines() if "19:00-20:00" in x and "◆" not in x)
    assert "clash" in mine  # my block is flagged too, not only the meeting
    assert [b["clashes"] for b in doc["blocks"]] == [["m1"]]


@pytest.mark.parametrize("args", [["edit", "m1", "10:00-11:00"], ["remove", "m1"], ["remove", "M1", "--series"]])
def test_a_meeting_cannot_be_edited_or_removed(cli, args) -> None:
    code, _, err = cli("block", *args)
    assert code == 2 and "read-only" in err
    assert len(json.loads(cli("block", "list", "--date", "2026-11-23", "--json")[1])["blocks"]) == 2


def test_a_stale_calendar_is_said_and_its_copy_still_shown(cli) -> None:
    cli.source.unlink()
    assert cli("calendar", "sync")[0] == 1
    code, out, _ = cli("block", "list", "--date", "2026-11-23")
    assert "Calendar Acme: stale since 18:30" in out and "Acme standup" in out
    doc = json.loads(cli("block", "list", "--date", "2026-11-23", "--json")[1])
    assert doc["stale_calendars"][0]["calendar"] == "Acme"


def test_without_calendars_the_listing_is_as_before(make_cli) -> None:
    run = make_cli('[me]\nzone = "Asia/Kolkata"\n')
    doc = json.loads(run("block", "list", "--json")[1])
    assert "banners" not in doc and doc["blocks"] == []
