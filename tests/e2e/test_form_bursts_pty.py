"""Keys that arrive in one read (typed fast over SSH) are applied in a form exactly as if typed
slowly. vatui runs in a real pseudo-terminal; each burst is written with ONE os.write, so the
terminal driver reads it at once; then the saved records are read from the data file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pexpect")
pytest.importorskip("pyte")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from pty_screen import Term  # noqa: E402
from sessions import Env  # noqa: E402

from vatui.store.pomodoro_codec import STATE_KEY, from_dict  # noqa: E402
from vatui.store.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
GUARD = 30.0  # seconds: against a hang, not a speed check
TAB, CTRL_S, CTRL_U, ENTER, BACKSPACE, LEFT = b"\t", b"\x13", b"\x15", b"\r", b"\x7f", b"\x1b[D"

pytestmark = pytest.mark.slow  # a real terminal: CI runs it, `-m "not slow"` skips it


def vatui(db: Path, *args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "vatui", "--db", str(db), *args], env=env, check=True,
                   capture_output=True, cwd=db.parent)


@pytest.fixture
def cockpit(tmp_path):
    """A cockpit on a data file holding one client, Koala Care; yields (term, db)."""
    env = Env(year=None, folder=tmp_path / "env").vars()
    env["PYTHONPATH"] = os.environ.get("PYTHONPATH") or str(ROOT)  # this tree's vatui, whatever is installed
    db = tmp_path / "data" / "vatui.json"
    db.parent.mkdir()
    vatui(db, "client", "add", "Koala Care", "--tz", "Australia/Sydney", env=env)
    term = Term([sys.executable, "-m", "vatui", "--db", str(db)], env, cwd=tmp_path)
    try:
        assert term.wait_until(lambda: "Pomodoro" in term.text(), GUARD) is not None, term.text()
        term.settle(0.5, GUARD)
        yield term, db
    finally:
        term.quit()


def write_at_once(term: Term, data: bytes) -> None:
    assert os.write(term.fd, data) == len(data)  # one write: the driver reads the burst together
    term.settle(0.6, GUARD)


def until(term: Term, predicate, what: str) -> None:  # noqa: ANN001
    end = time.perf_counter() + GUARD
    while time.perf_counter() < end:
        if predicate():
            return
        term.pump(0.1)
    raise AssertionError(f"{what} did not happen; the screen:\n{term.text()}")


def open_client_form(term: Term) -> None:
    write_at_once(term, b"1")
    write_at_once(term, b"a")
    until(term, lambda: "Add a client" in term.text(), "the client form opening")


def clients(db: Path) -> dict[str, str]:
    return {c.name: c.tz for c in Store(db).clients.all()}


def test_client_form_burst_saves_name_and_zone(cockpit):
    term, db = cockpit
    open_client_form(term)
    write_at_once(term, b"Acme Co" + TAB + b"Asia/Kolkata" + CTRL_S)
    until(term, lambda: "Add a client" not in term.text(), "the form closing")
    until(term, lambda: "Acme Co" in clients(db), "the client being saved")
    assert clients(db)["Acme Co"] == "Asia/Kolkata"


def test_client_form_burst_with_backspace_and_left(cockpit):
    term, db = cockpit
    open_client_form(term)
    write_at_once(term, b"Acmx" + BACKSPACE + b"e" + LEFT + LEFT + b"X" + TAB + b"kolk" + TAB + CTRL_S)
    until(term, lambda: "AcXme" in clients(db), "the client being saved")
    assert clients(db)["AcXme"] == "Asia/Kolkata"  # Tab took the zone's only match


def test_quick_add_burst_clears_the_line_then_adds(cockpit):
    term, db = cockpit
    write_at_once(term, b"3")
    write_at_once(term, b"a")
    until(term, lambda: "Quick add" in term.text(), "quick add opening")
    write_at_once(term, CTRL_U + b"Call supplier ~10m @koala" + ENTER)
    until(term, lambda: "Quick add" not in term.text(), "quick add closing")
    until(term, lambda: any(t.title == "Call supplier" for t in Store(db).tasks.all()), "the task being saved")
    store = Store(db)
    (task,) = [t for t in store.tasks.all() if t.title == "Call supplier"]
    assert task.estimate is not None and task.estimate.total_seconds() == 600
    assert store.clients.get(task.client_id).name == "Koala Care"


def test_one_write_opens_quick_add_fills_it_and_saves(cockpit):
    """The key that opens the form is in the same read as what is typed into it."""
    term, db = cockpit
    write_at_once(term, b"3a" + CTRL_U + b"Call supplierx" + BACKSPACE + b" ~10m @koala" + ENTER)
    until(term, lambda: any(t.title == "Call supplier" for t in Store(db).tasks.all()), "the task being saved")
    store = Store(db)
    (task,) = [t for t in store.tasks.all() if t.title == "Call supplier"]
    assert task.estimate is not None and task.estimate.total_seconds() == 600
    assert from_dict(store.get_state(STATE_KEY)).run is None  # no letter of the title started a timer
    assert "Quick add" not in term.text()


def test_one_write_opens_the_client_form_fills_it_and_saves(cockpit):
    term, db = cockpit
    write_at_once(term, b"1a" + b"Acme Co" + TAB + b"Asia/Kolkata" + CTRL_S)
    until(term, lambda: "Acme Co" in clients(db), "the client being saved")
    assert clients(db)["Acme Co"] == "Asia/Kolkata"
