"""Two cockpits (two browser tabs under `vatui serve`, or a tab and a terminal) and the CLI on one
data file: an edit in one shows up in the other on its next tick (once a second), and nothing is lost.

Each cockpit has its own Store on the file, as each tab's process does; the CLI runs as a real
separate process. The browser side of the same story is tests/e2e/test_browser.py.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from vatui.app import TICK_SECONDS
from vatui.core.models import Task
from vatui.store import Store
from vatui.store.demo import seed_demo
from vatui.store.history import ARCHIVED_ON_KEY


@pytest.fixture
def shared_path(tmp_path, clock, settings):
    path = tmp_path / "shared.json"
    seed_demo(Store(path, clock=clock), clock.now(), settings.me_zone)
    return path


def watch_queue(app, monkeypatch) -> list[set[str]]:
    """What the cockpit's queue pane is given each time it is refreshed: the task titles in the
    app's store at that moment."""
    seen: list[set[str]] = []
    queue = app.screen.queue  # the queue pane's controller
    original = queue.refresh

    def spy(now):
        seen.append({t.title for t in app.store.tasks.all()})
        original(now)

    monkeypatch.setattr(queue, "refresh", spy)
    return seen


def cli(path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vatui", "--db", str(path), *args],
                          capture_output=True, text=True, timeout=60)


async def settle(*pilots) -> None:
    """Let each app run what was posted to it, then finish its store work (saves, reloads) and
    the refresh after it."""
    for _round in range(2):
        for pilot in pilots:
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()


async def quiet(*pilots) -> None:
    """Let start-up settle: each cockpit saves its theme when it starts, and a tick that follows a
    cockpit's own write is spent repainting for it (the next tick looks at the disk)."""
    await settle(*pilots)
    for _round in range(2):
        for pilot in pilots:
            run_in(pilot.app, pilot.app.tick)
        await settle(*pilots)


def run_in(app, callback, *args) -> None:
    """Run `callback` on `app`'s own message loop. Two apps under test share this test's task,
    where Textual's notion of "the active app" is whichever started last; an app's own loop
    always knows it is itself."""
    app.call_later(callback, *args)


def test_the_tick_that_notices_other_processes_runs_every_second():
    assert TICK_SECONDS <= 1.0  # "within a couple of seconds" rests on this


async def test_two_cockpits_and_the_cli_see_each_others_edits(make_app, shared_path, clock, monkeypatch):
    a = make_app(store=Store(shared_path, clock=clock, journal=True))
    b = make_app(store=Store(shared_path, clock=clock, journal=True))
    async with a.run_test(size=(120, 36)) as pa, b.run_test(size=(120, 36)) as pb:
        await quiet(pa, pb)
        seen_a, seen_b = watch_queue(a, monkeypatch), watch_queue(b, monkeypatch)

        # An edit in cockpit A: B shows it after one tick.
        run_in(a, a.screen.save, lambda: a.store.tasks.add(Task(title="Typed in tab A", created=clock.now())))
        await settle(pa)
        assert "Typed in tab A" in seen_a[-1]
        assert not any("Typed in tab A" in titles for titles in seen_b)
        run_in(b, b.tick)
        await settle(pb)
        assert "Typed in tab A" in seen_b[-1]

        # An edit from the command line (another process): both cockpits show it after one tick.
        done = await asyncio.to_thread(cli, shared_path, "add", "Added from the CLI", "--batch", "email")
        assert done.returncode == 0, done.stderr
        run_in(a, a.tick)
        run_in(b, b.tick)
        await settle(pa, pb)
        assert "Added from the CLI" in seen_a[-1] and "Added from the CLI" in seen_b[-1]

        # And back: B's edit reaches A.
        run_in(b, b.screen.save, lambda: b.store.tasks.add(Task(title="Typed in tab B", created=clock.now())))
        await settle(pb)
        run_in(a, a.tick)
        await settle(pa)
        assert {"Typed in tab A", "Added from the CLI", "Typed in tab B"} <= seen_a[-1]


async def test_edits_made_at_the_same_time_are_all_kept(make_app, shared_path, clock):
    """Both cockpits queue edits without waiting for each other, while the CLI writes too: every
    edit lands in the file, and both cockpits end up showing the same tasks."""
    a = make_app(store=Store(shared_path, clock=clock, journal=True))
    b = make_app(store=Store(shared_path, clock=clock, journal=True))
    before = {t.title for t in Store(shared_path).tasks.all()}
    async with a.run_test(size=(120, 36)) as pa, b.run_test(size=(120, 36)) as pb:
        for i in range(10):
            run_in(a, a.screen.save, lambda i=i: a.store.tasks.add(Task(title=f"A {i}", created=clock.now())))
            run_in(b, b.screen.save, lambda i=i: b.store.tasks.add(Task(title=f"B {i}", created=clock.now())))
        cli_runs = [asyncio.to_thread(cli, shared_path, "add", f"CLI {i}") for i in range(3)]
        results = await asyncio.gather(*cli_runs)
        assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
        await settle(pa, pb)
        run_in(a, a.tick)
        run_in(b, b.tick)
        await settle(pa, pb)
        wanted = before | {f"A {i}" for i in range(10)} | {f"B {i}" for i in range(10)} | {f"CLI {i}" for i in range(3)}
        on_disk = [t.title for t in Store(shared_path).tasks.all()]
        assert set(on_disk) == wanted and len(on_disk) == len(wanted)  # nothing lost, nothing doubled
        assert {t.title for t in a.store.tasks.all()} == wanted
        assert {t.title for t in b.store.tasks.all()} == wanted


async def test_a_write_from_another_process_just_before_the_daily_archive_pass_is_shown(make_app, shared_path,
                                                                                       clock, painted):
    """The archive pass's transaction re-reads the file when another process wrote since the
    cockpit opened it; that write must still reach the panes on the next tick."""
    mine = Store(shared_path, clock=clock, journal=True)
    mine.set_state(ARCHIVED_ON_KEY, None)  # the first start of a day: the pass runs
    other = Store(shared_path, clock=clock)  # the CLI, between the cockpit's open and its pass
    client = other.clients.all()[0]
    other.tasks.add(Task(title="Written elsewhere", created=clock.now(), client_id=client.id, urgent=True,
                         important=True))
    app = make_app(store=mine)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert mine.get_state(ARCHIVED_ON_KEY) is not None and mine.client_named(client.name) is not None
        app.tick()
        await settle(pilot)
        assert "Written elsewhere" in painted(app.screen.query_one("#queue-list"))
