"""The real `vatui` cockpit in a pseudo-terminal writes its edits to the journal while it runs
(another process sees them at once) and folds them into the data file when the user quits."""

from __future__ import annotations

import shutil
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

pytest.importorskip("pexpect")
pytest.importorskip("pyte")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from pty_screen import Term  # noqa: E402
from sessions import Env, cockpit_visible, vatui_exe  # noqa: E402

from vatui.core.models import Task  # noqa: E402
from vatui.store import Store  # noqa: E402
from vatui.store.journal import journal_path  # noqa: E402

GUARD = 30.0  # seconds: against a hang, not a speed check


def test_edits_go_to_the_journal_and_quitting_folds_them_into_the_file(tmp_path):
    data = tmp_path / "data" / "vatui.json"
    seed = Store(data)
    seed.tasks.add(Task(title="Reply to Acme", created=datetime(2026, 12, 1, tzinfo=timezone.utc)))
    seed.set_state("seen", True)  # today's backup is taken: the cockpit's next writes are journal lines
    term = Term([vatui_exe(), "--db", str(data)], Env(year=None, folder=tmp_path / "env").vars())
    try:
        assert term.wait_until(lambda: cockpit_visible(term.text()), GUARD) is not None, term.text()
        term.settle(0.5, GUARD)
        before = Store(data).get_state("theme")
        file_bytes = data.read_bytes()
        term.send("t")  # next theme, remembered in the data file's state
        deadline = time.perf_counter() + GUARD
        while Store(data).get_state("theme") == before and time.perf_counter() < deadline:
            term.pump(0.1)
        chosen = Store(data).get_state("theme")  # another process reads file + journal
        assert chosen not in (before, None)
        assert journal_path(data).exists() and data.read_bytes() == file_bytes
        term.send("q")
        while not term.eof and time.perf_counter() < deadline:
            term.pump(0.1)
        assert term.eof, term.text()
    finally:
        term.quit()
    assert not journal_path(data).exists()
    alone = tmp_path / "copy" / "vatui.json"  # the file by itself holds everything
    alone.parent.mkdir()
    shutil.copyfile(data, alone)
    assert Store(alone).get_state("theme") == chosen
    assert [t.title for t in Store(alone).tasks.all()] == ["Reply to Acme"]
