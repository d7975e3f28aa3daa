"""The Pomodoro pane zoomed, idle and with a focus running, at the frozen instant."""

from __future__ import annotations

from datetime import timedelta

import pytest

from vatui.timers.timekeeping import TimeKeeper


@pytest.fixture
def running_app(make_app, demo_store, settings, clock, monkeypatch):
    """A focus on a demo task, started 7m26s before the frozen instant (so 17:34 is left)."""
    for name in ("SSH_CONNECTION", "SSH_TTY", "TMUX", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    task = demo_store.tasks.all()[0]
    started = clock.now() - timedelta(minutes=7, seconds=26)
    TimeKeeper(demo_store, settings).apply(
        started, lambda t, s, n: t.start(s, n, task_id=task.id, client_id=task.client_id, bind=True))
    return make_app


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_pomodoro_pane_idle_zoomed(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, press=["4", "z"])


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_pomodoro_pane_running_zoomed(snap_compare, running_app, size):
    assert snap_compare(running_app(), terminal_size=size, press=["4", "z"])

