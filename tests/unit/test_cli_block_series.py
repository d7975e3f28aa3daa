"""Recurring blocks from the shell at the frozen instant (Mon 2026-11-23 13:00 UTC, 15:00 in Bucharest)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from vatui.core import block_series
from vatui.core.models import TimeBlock


@pytest.fixture
def cli(make_cli):
    run = make_cli('[me]\nzone = "Europe/Bucharest"\n')
    run("client", "add", "Acme", "--tz", "America/New_York")
    return run


def day_blocks(cli, day):
    code, out, err = cli("block", "list", "--date", day, "--json")
    assert code == 0, err
    return [(b["id"], b["start_local"][11:16], b["end_local"][11:16], b["note"], b["series"])
            for b in json.loads(out)["blocks"]]


def test_weekday_series_shows_on_weekdays_only(cli):
    code, out, err = cli("block", "add", "9:00-9:30 @acme standup", "--every", "weekday")
    assert code == 0, err
    assert [b[1:4] for b in day_blocks(cli, "2026-11-24")] == [("09:00", "09:30", "standup")]
    assert day_blocks(cli, "2026-11-28") == []  # Saturday
    assert day_blocks(cli, "2026-11-22") == []  # before the series began
    code, out, _ = cli("block", "list", "--date", "2026-11-30")
    assert "↻" in out


def test_a_day_far_ahead_is_laid_out_when_looked_at(cli):
    cli("block", "add", "9:00-9:30 standup", "--every", "mon")
    assert [b[1] for b in day_blocks(cli, "2027-02-01")] == ["09:00"]


def test_edit_one_day_leaves_the_rest_of_the_series(cli):
    cli("block", "add", "9:00-9:30 @acme standup", "--every", "weekday")
    [(bid, *_rest)] = day_blocks(cli, "2026-11-25")
    assert cli("block", "edit", str(bid), "10:00-10:45 @acme long standup")[0] == 0
    assert [b[1:5] for b in day_blocks(cli, "2026-11-25")] == [("10:00", "10:45", "long standup", 1)]
    assert [b[1:4] for b in day_blocks(cli, "2026-11-26")] == [("09:00", "09:30", "standup")]
    assert cli("block", "remove", str(day_blocks(cli, "2026-11-26")[0][0]))[0] == 0
    assert day_blocks(cli, "2026-11-26") == []  # a removed day does not come back
    assert len(day_blocks(cli, "2026-11-27")) == 1


def test_edit_and_end_the_series_from_a_day_on(cli):
    cli("block", "add", "9:00-9:30 @acme standup", "--every", "weekday")
    wed = day_blocks(cli, "2026-11-25")[0][0]
    assert cli("block", "edit", str(wed), "9:15-9:45 @acme standup", "--series")[0] == 0
    assert [b[1] for b in day_blocks(cli, "2026-11-24")] == ["09:00"]  # before: unchanged
    assert [b[1] for b in day_blocks(cli, "2026-12-03")] == ["09:15"]
    assert [b[1] for b in day_blocks(cli, "2026-12-31")] == ["09:15"]  # laid out later from the new shape
    fri = day_blocks(cli, "2026-11-27")[0][0]
    code, out, err = cli("block", "remove", str(fri), "--series")
    assert code == 0, err
    assert day_blocks(cli, "2026-11-27") == [] and day_blocks(cli, "2027-01-04") == []
    assert len(day_blocks(cli, "2026-11-26")) == 1
    code, out, err = cli("block", "edit", str(wed), "9:00-9:30 x", "--series")
    assert code == 2 and "ended" in err


@pytest.mark.parametrize("args", [("--every", "fortnightly"), ("--every", "after:3d")])
def test_bad_every_is_refused_and_nothing_written(cli, args):
    before = cli.db.read_bytes()
    code, out, err = cli("block", "add", "9:00-9:30 standup", *args)
    assert code == 2 and err and "Traceback" not in err
    assert cli.db.read_bytes() == before


def test_series_flag_on_a_plain_block_is_refused(cli):
    cli("block", "add", "9:00-9:30 standup")
    code, out, err = cli("block", "remove", "1", "--series")
    assert code == 2 and "series" in err
    assert len(day_blocks(cli, "2026-11-23")) == 1


def test_today_shows_the_series_block(cli):
    cli("block", "add", "16:00-16:30 @acme standup", "--every", "weekday", "--date", "2026-11-20")
    code, out, err = cli("today")
    assert code == 0, err
    assert "standup" in out


def test_series_blocks_keep_my_wall_time_across_my_dst_change():
    # Bucharest falls back on 2026-10-25: 09:00 stays 09:00 local, the UTC instant moves an hour.
    from datetime import datetime, timezone
    start = datetime(2026, 10, 19, 6, 0, tzinfo=timezone.utc)  # Mon 09:00 EEST
    s = block_series.from_block(TimeBlock(start=start, end=start + timedelta(minutes=30)), "FREQ=WEEKLY;BYDAY=MO",
                                1, "Europe/Bucharest")
    s, blocks = block_series.lay_out(s, date(2026, 11, 2), "Europe/Bucharest")
    assert [b.start.hour for b in blocks] == [6, 7, 7]
    assert s.through == date(2026, 11, 2)
    assert block_series.lay_out(s, date(2026, 11, 2), "Europe/Bucharest")[1] == []  # laid out once
