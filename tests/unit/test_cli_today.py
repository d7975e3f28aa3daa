"""`vatui today`: the day as plain text in 80 columns, or JSON."""

import io
import json
from argparse import Namespace
from datetime import timedelta

import pytest

from vatui.cli import main
from vatui.cli.common import Context
from vatui.core.models import TimeEntry
from vatui.text.textfit import cell_len


@pytest.fixture
def today(demo_store, clock, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[me]\nzone = "Europe/Bucharest"\ncity = "Bucharest"\n')
    monkeypatch.setenv("VATUI_CONFIG", str(config))

    def run(*args):
        out, err = io.StringIO(), io.StringIO()
        code = main(["--db", str(demo_store.path), "today", *args], ctx=Context(Namespace(), clock=clock, out=out, err=err))
        return code, out.getvalue(), err.getvalue()

    return run


def test_the_day_in_eighty_columns(today, demo_store, clock):
    hudson = demo_store.client_named("hudson")
    demo_store.entries.add(TimeEntry(start=clock.now().replace(hour=12), end=clock.now().replace(hour=13, minute=30),
                                     client_id=hudson.id))
    code, out, err = today()
    assert code == 0 and not err
    lines = out.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), max(lines, key=cell_len)
    assert lines[0] == "vatui · Mon 23 Nov 2026 · 15:00 Bucharest"
    for heading in ("Clocks", "Today's blocks · 7h35m planned, 3h55m tracked", "Next task per client", "Pomodoro",
                    "Tracked today"):
        assert heading in lines
    text = "\n".join(lines)
    assert "⌂ Me" in text and "Sydney" in text and "▲ opens in 9h" in text  # Bondi, 00:00 Tue in Sydney
    assert "▶ 14:00-15:30  Hudson Realty" in text and "30m left" in text  # the current block
    assert "!ui Triage partner" in text and "reply by today 17:00 LON" in text  # Regent Law's next, its zone named
    assert "Idle. Next: focus (25m)." in text
    assert "Hudson Realty" in text.split("Tracked today")[1] and "2.25 h  90.00 USD" in text  # with the demo's 14:05-14:50


def test_json_for_scripts(today):
    code, out, _err = today("--json")
    doc = json.loads(out)
    assert code == 0
    assert set(doc) == {"now", "zone", "clocks", "blocks", "next_tasks", "pomodoro", "tracked_today",
                        "closed_ahead", "reminders", "invoicing"}
    assert doc["zone"] == "Europe/Bucharest" and len(doc["clocks"]) == 5 and doc["clocks"][0]["me"]
    assert sum(b["current"] for b in doc["blocks"]) == 1
    assert {t["client_name"] for t in doc["next_tasks"]} == {"Bondi Bakes", "Regent Law", "Hudson Realty", "Masala Media"}
    assert doc["pomodoro"]["phase"] is None


def test_a_day_billed_in_four_currencies_stays_in_eighty_columns(today, demo_store, clock):
    start = clock.now().replace(hour=9)
    for k, client in enumerate(demo_store.clients.all()):  # the demo's four clients bill in four currencies
        demo_store.entries.add(TimeEntry(start=start + timedelta(hours=k), end=start + timedelta(hours=k, minutes=50),
                                         client_id=client.id))
    code, out, err = today()
    assert code == 0 and not err
    lines = out.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), max(lines, key=cell_len)
    total = next(i for i, line in enumerate(lines) if line.strip().startswith("Total"))
    tail = " ".join(lines[total:total + 2])
    assert all(code in tail for code in ("AUD", "GBP", "INR", "USD")), lines[total:]
    assert lines[total].endswith(",") and lines[total + 1].startswith(" " * 30)


def test_time_left_is_in_whole_minutes_as_the_pane_says_it(today, clock):
    clock.advance(seconds=30)  # 15:00:30: 29m30s of Hudson's block left, 39m30s until #social
    code, out, _err = today()
    assert code == 0
    assert "30m left" in out and "in 40m" in out and "29m" not in out
