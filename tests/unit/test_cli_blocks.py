"""`vatui block ...` through main(), on a real data file, at the frozen instant (15:00 in Bucharest)."""

from __future__ import annotations

import io
import json
from argparse import Namespace
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from vatui.cli import main
from vatui.cli.common import Context
from vatui.core.models import TimeEntry
from vatui.store import Store


@pytest.fixture
def cli(tmp_path, clock, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[me]\nzone = "Europe/Bucharest"\n\n[blocks]\nbuffer = "10m"\n')
    monkeypatch.setenv("VATUI_CONFIG", str(config))
    db = tmp_path / "data.json"

    def run(*args: str):
        out, err = io.StringIO(), io.StringIO()
        code = main(["--db", str(db), *args], ctx=Context(Namespace(), clock=clock, out=out, err=err))
        return code, out.getvalue(), err.getvalue()

    run.db = db
    run("client", "add", "Acme", "--tz", "America/New_York")
    run("client", "add", "Bondi Bakes", "--tz", "Australia/Sydney")
    return run


def local(dt: datetime) -> str:
    return dt.astimezone(ZoneInfo("Europe/Bucharest")).strftime("%Y-%m-%d %H:%M")


def test_add_and_list(cli):
    code, out, err = cli("block", "add", "9:30-11 @acme weekly report")
    assert (code, err) == (0, "") and "Added block 1: 09:30-11:00 Acme weekly report (Mon 23 Nov 2026)" in out
    code, out, _ = cli("block", "add", "10:55 45m #email")
    assert code == 0 and "overlaps block 1" in out
    code, out, _ = cli("block", "add", "11:45-12:30 @bondi")
    assert code == 0 and "less than 5m" not in out and "less than 10m from block 2" in out
    code, out, _ = cli("block", "list")
    assert code == 0
    assert "Mon 23 Nov 2026 (Europe/Bucharest): 3 blocks" in out
    assert "02:30-04:00 New York" in out and "overlaps 2" in out and "no buffer to 3" in out
    [b] = [b for b in Store(cli.db).blocks.all() if b.client_id == 1]
    assert (local(b.start), local(b.end), b.note) == ("2026-11-23 09:30", "2026-11-23 11:00", "weekly report")


def test_add_on_another_date_and_across_midnight(cli):
    code, out, _ = cli("block", "add", "23:00 2h @bondi launch", "--date", "2026-11-24")
    assert code == 0
    for day, marker in [("2026-11-24", "(to Wed)"), ("2026-11-25", "(from Tue)")]:
        code, out, _ = cli("block", "list", "--date", day)
        assert code == 0 and "23:00-01:00 " + marker in out and "Bondi Bakes" in out
    code, out, _ = cli("block", "list", "--date", "tomorrow", "--json")
    data = json.loads(out)
    assert data["day"] == "2026-11-24" and data["blocks"][0]["into_next_day"] is True
    assert data["blocks"][0]["client_start_local"].startswith("2026-11-25T08:00")


def test_list_json_has_standing_and_tracked_time(cli):
    cli("block", "add", "14:30-16 @acme")
    cli("block", "add", "16:05 30m @bondi")  # 5 minutes after: less than the 10-minute buffer
    store = Store(cli.db)
    store.entries.add(TimeEntry(start=datetime(2026, 11, 23, 12, 40, tzinfo=timezone.utc),
                                end=datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc), client_id=1))
    code, out, _ = cli("block", "list", "--json")
    data = json.loads(out)
    first, second = data["blocks"]
    assert first["current"] and first["tracked_minutes"] == 20.0 and first["minutes"] == 90.0
    assert second["next"] and not second["current"] and second["too_close"] == [first["id"]]
    assert data["hours"] == 24.0 and data["planned_minutes"] == 120.0


def test_dst_day_is_23_hours(cli, tmp_path, monkeypatch):
    config = tmp_path / "london.toml"
    config.write_text('[me]\nzone = "Europe/London"\n')
    monkeypatch.setenv("VATUI_CONFIG", str(config))
    code, out, _ = cli("block", "add", "00:30-03:30 night", "--date", "2026-03-29")
    assert code == 0
    code, out, _ = cli("block", "list", "--date", "2026-03-29", "--json")
    data = json.loads(out)
    assert data["hours"] == 23.0 and data["blocks"][0]["minutes"] == 120.0


@pytest.mark.parametrize(("args", "message"), [
    (("block", "add", "9:30-9 @acme"), "end: '9' is before the start"),
    (("block", "add", "9:30-9:30"), "zero length"),
    (("block", "add", "9-10 @zz"), "no client called '@zz'"),
    (("block", "add", "lunch"), "'lunch' is not a time"),
    (("block", "list", "--date", "2026-13-01"), "'2026-13-01' is not a date"),
    (("block", "remove", "99"), "no block 99"),
    (("block", "edit", "99", "9-10"), "no block 99"),
    (("block", "shift"), "no block has ended yet today"),
    (("block", "template", "apply", "Nope"), "no day template called 'Nope'"),
    (("block", "copy"), "nothing to copy"),
])
def test_bad_input_exits_2_with_one_line(cli, args, message):
    code, out, err = cli(*args)
    assert code == 2 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_edit_and_remove(cli):
    cli("block", "add", "9:30-11 @acme")
    code, out, _ = cli("block", "edit", "1", "10:00-11:30 @bondi prep")
    assert code == 0 and "Updated block 1: 10:00-11:30 Bondi Bakes prep" in out
    [b] = Store(cli.db).blocks.all()
    assert b.id == 1 and b.client_id == 2 and local(b.start) == "2026-11-23 10:00"
    code, out, _ = cli("block", "remove", "1")
    assert code == 0 and "Removed block 1" in out and Store(cli.db).blocks.all() == []


def test_shift_by_the_overrun_and_by_an_amount(cli):
    cli("block", "add", "13:00-14:40 @acme")  # ended 20 minutes before 15:00; nothing runs at 15:00
    cli("block", "add", "15:10-15:30 @bondi")
    cli("block", "add", "15:40 30m #email")
    cli("block", "add", "09:00-10:00 early")
    code, out, _ = cli("block", "shift")
    assert code == 0 and "now ends 20m later; 2 later blocks moved 20m later" in out
    got = {b.id: (local(b.start)[-5:], local(b.end)[-5:]) for b in Store(cli.db).blocks.all()}
    assert got == {1: ("13:00", "15:00"), 2: ("15:30", "15:50"), 3: ("16:00", "16:30"), 4: ("09:00", "10:00")}
    code, out, _ = cli("block", "shift", "--by=-10m", "--after", "2")
    assert code == 0 and "now ends 10m sooner; 1 later block moved 10m earlier" in out
    got = {b.id: (local(b.start)[-5:], local(b.end)[-5:]) for b in Store(cli.db).blocks.all()}
    assert got[2] == ("15:30", "15:40") and got[3] == ("15:50", "16:20")
    code, _, err = cli("block", "shift", "soon", "--after", "2")
    assert code == 2 and "'soon' is not a duration" in err


def test_shift_while_a_block_runs_stretches_that_block(cli):
    # 15:00: 09:30-11:00 ended long ago, 14:50-15:30 runs. The running block is the one shifted.
    cli("block", "add", "09:30-11:00 @acme")
    cli("block", "add", "14:50-15:30 @bondi")
    cli("block", "add", "16:00 30m #email")
    code, _, err = cli("block", "shift")
    assert code == 2 and "has not overrun" in err  # no amount: a running block has not overrun
    code, out, _ = cli("block", "shift", "10m")
    assert code == 0 and "Block 2" in out and "now ends 10m later; 1 later block moved 10m later" in out
    got = {b.id: (local(b.start)[-5:], local(b.end)[-5:]) for b in Store(cli.db).blocks.all()}
    assert got == {1: ("09:30", "11:00"), 2: ("14:50", "15:40"), 3: ("16:10", "16:40")}


def test_templates_and_copy(cli):
    cli("block", "add", "9:30-11 @acme")
    cli("block", "add", "14:00 45m #email")
    code, out, _ = cli("block", "template", "save", "Monday")
    assert code == 0 and "Saved 2 blocks" in out
    code, out, _ = cli("block", "template", "list")
    assert "Monday" in out and "09:30-14:45" in out and "Acme" in out
    code, out, _ = cli("block", "template", "apply", "mon", "--date", "2026-11-30")
    assert code == 0 and "Added 2 blocks from 'Monday' to Mon 30 Nov" in out
    code, out, _ = cli("block", "template", "apply", "Monday", "--date", "2026-11-30")
    assert "Added 0 blocks" in out and "Skipped 2" in out
    code, out, _ = cli("block", "copy", "--date", "tomorrow")
    assert code == 0 and "Copied 2 blocks from Mon 23 Nov to Tue 24 Nov" in out
    starts = sorted(local(b.start) for b in Store(cli.db).blocks.all())
    assert starts == ["2026-11-23 09:30", "2026-11-23 14:00", "2026-11-24 09:30", "2026-11-24 14:00",
                      "2026-11-30 09:30", "2026-11-30 14:00"]


def test_add_takes_the_clock_words_due_takes(cli):
    # "17h" and "8h15" are times in due: as in block add
    code, out, err = cli("block", "add", "17h-18h #email")
    assert (code, err) == (0, "") and "Added block 1: 17:00-18:00" in out
    code, out, err = cli("block", "add", "8h15 30m")
    assert (code, err) == (0, "") and "08:15-08:45" in out


def test_list_takes_the_day_words_due_takes(cli):
    assert cli("block", "add", "9:00-10:00", "--date", "2026-11-27")[0] == 0
    code, out, err = cli("block", "list", "--date", "fri")
    assert (code, err) == (0, "") and "Fri 27 Nov 2026" in out and "1 block" in out
