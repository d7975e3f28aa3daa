"""The cockpit in a real pseudo-terminal looks the same, cell for cell and colour for colour, with
the colour-escape coalescer (vatui/terminal/sgr_coalescer.py) as without it, costs fewer bytes, and leaves
the terminal with its default colours when it quits.

Each run is `vatui --demo` at a fixed instant (so both show the same minute), driven through the
same keys; the screens are read from a terminal emulator (pyte) after each key. The run without
the coalescer replaces `SgrCoalescer.feed` in its own child process, never in this one."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from pty_screen import Term  # noqa: E402
from sessions import Env  # noqa: E402

CHILD = """
import sys
from datetime import datetime, timezone
import vatui.core.clock
vatui.core.clock.SystemClock.now = lambda self: datetime(2026, 12, 2, 10, 24, 30, tzinfo=timezone.utc)
import textual.widgets
textual.widgets.Input.cursor_blink = False  # a blinking cursor would differ between the two runs
if sys.argv[1] == "raw":
    import vatui.terminal.sgr_coalescer
    vatui.terminal.sgr_coalescer.SgrCoalescer.feed = lambda self, data: data
from vatui.__main__ import main
sys.argv = ["vatui", "--demo"]
sys.exit(main())
"""
# Start-up, the help over the cockpit and back, the add form, a pane zoomed and back, queue moves.
KEYS = ["3", "down", "?", "escape", "a", "x", "escape", "z", "z", "escape"]
GUARD = 30.0  # seconds: against a hang, not a speed check

pytestmark = pytest.mark.slow  # a real terminal or browser: CI runs it, `-m "not slow"` skips it


def screens(mode: str, tmp_path: Path) -> tuple[list, int]:
    # The benchmark's environment: a truecolor xterm, a private config and data folder per run.
    term = Term([sys.executable, "-c", CHILD, mode], Env(year=None, folder=tmp_path / mode).vars())
    try:
        assert term.wait_until(lambda: "Pomodoro" in term.text(), GUARD) is not None, term.text()
        term.settle(0.5, GUARD)
        shots = [term.state()]
        for key in KEYS:
            term.send(key)
            term.settle(0.4, GUARD)
            shots.append(term.state())
        # Quitting leaves the terminal with its default colours (no reset still held back).
        term.send("q")
        deadline = time.perf_counter() + GUARD
        while not term.eof and time.perf_counter() < deadline:
            term.pump(0.1)
        assert term.eof, term.text()
        assert term.screen.cursor.attrs == pyte.Screen(1, 1).cursor.attrs
        return shots, term.nbytes
    finally:
        term.quit()


def test_the_cockpit_looks_the_same_with_fewer_colour_escapes(tmp_path):
    raw, raw_bytes = screens("raw", tmp_path)
    coalesced, coalesced_bytes = screens("coalesced", tmp_path)
    for step, (want, got) in enumerate(zip(raw, coalesced)):
        assert got == want, f"the screen differs after {(['start-up', *KEYS])[step]!r}"
    assert len({tuple(shot) for shot in raw}) > 3  # the keys did change the screen
    assert coalesced_bytes < 0.9 * raw_bytes
