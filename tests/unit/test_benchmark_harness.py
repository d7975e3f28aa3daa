"""The benchmark harness itself works: it starts vatui and the bare app in a pseudo-terminal,
drives them, and writes its JSON with every figure in place. Nothing here is timed: the figures
are only checked for being there and plausible, on a tiny data file with one repeat."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks"

pytest.importorskip("pexpect")
pytest.importorskip("pyte")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="the harness reads /proc (Linux)")]


def test_make_year_is_deterministic_and_loads_in_the_store(tmp_path):
    from vatui.core.models import Status
    from vatui.store import Store
    from vatui.store.history import all_records

    for name in ("a.json", "b.json"):
        subprocess.run([sys.executable, str(BENCH / "make_year.py"), str(tmp_path / name), "--scale", "0.01",
                        "--seed", "3"], check=True, capture_output=True)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    # No lock or temp files left; the year's finished work is archived as daily use would leave it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.archive", "a.json", "b.archive", "b.json"]
    store = Store(tmp_path / "a.json")
    tasks = all_records(store, "tasks")
    assert sum(t.status is not Status.DONE for t in tasks) == 50 and len(tasks) == 200
    assert len(all_records(store, "entries")) == 200 and len(store.clients) == 4 and len(store.templates) == 6
    assert len(store.tasks) < 200 and store.archive.years()
    assert {t.kind for t in store.templates.all()} == {"day", "checklist"}


    # Clients cycle through the 30 zones: at 0.6x (30 clients) every zone is there once.
    subprocess.run([sys.executable, str(BENCH / "make_year.py"), str(tmp_path / "z.json"), "--scale", "0.6"],
                   check=True, capture_output=True)
    zones = [c.tz for c in Store(tmp_path / "z.json").clients.all()]
    assert len(set(zones)) == 30 and {"Asia/Kolkata", "Asia/Kathmandu", "Australia/Sydney"} <= set(zones)


def test_run_writes_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--repeats", "1", "--presses", "1", "--key-timeout", "0.5",
         "--idle-seconds", "0.5", "--scale", "0.01", "--store-scales", "0.01", "--store-reps", "2",
         "--work-dir", str(tmp_path / "work"), "--out", str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr[:3000]
    results = json.loads(out.read_text())
    assert set(results) == {"meta", "startup", "memory", "keys", "idle", "store", "profile", "targets"}

    apps = {"bare", "vatui_demo", "vatui_empty", "vatui_heavy"}
    assert set(results["startup"]) == apps and set(results["memory"]) == apps
    for app in apps:
        assert 0 < results["startup"][app]["median_s"] < 60
        assert results["memory"][app]["vmhwm_median_mib"] > 10
    for app in apps - {"bare"}:  # each run's own ratio to the bare start beside it
        st = results["startup"]
        assert st[app]["paired_ratio_median"] > 0 and len(st[app]["runs_s"]) == len(st["bare"]["runs_s"])
    for app in ("bare", "vatui_heavy"):
        assert set(results["keys"][app]) == {"queue", "panes", "form", "help", "all"}
    # The bare app answers every key it is sent; vatui at least switches panes and opens help.
    assert all(results["keys"]["bare"][s]["answered"] for s in ("queue", "panes", "form", "help"))
    assert results["keys"]["vatui_heavy"]["panes"]["answered"] and results["keys"]["vatui_heavy"]["help"]["answered"]

    idle = results["idle"]
    assert idle["bare"]["bytes_per_s"] >= 0 and idle["vatui_no_timer"]["bytes_per_s"] >= 0
    assert (idle["vatui_pomodoro"] is None) == (idle["pomodoro_note"] is not None)

    store = results["store"]["0.01x"]
    for key in ("open_ms", "parse_ms", "decode_ms", "edit_p50_ms", "edit_p95_ms", "insert_p50_ms", "insert_p95_ms",
                "dumps_ms", "write_fsync_ms", "first_write_of_day_ms", "file_bytes"):
        assert store[key] > 0, key
    assert results["profile"]["store_load_ms"] > 0

    assert [t["key"] for t in results["targets"]] == [
        "startup_demo", "startup_heavy", "keys_p95_heavy", "idle_no_timer", "idle_pomodoro", "memory_heavy",
        "store_edit_p95_1x"]
    for row in results["targets"]:
        assert set(row) == {"key", "what", "unit", "vatui", "bare", "ratio", "target", "pass"}
    # The table on stdout names every target.
    for row in results["targets"]:
        assert row["what"] in proc.stdout or row["key"].startswith("store_")
