"""The first frame is the finished one: what the panes draw before Textual's first layout is
what they draw after it, so a start (and a change elsewhere in the file) repaints nothing twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

import vatui.app
from vatui.app import VatuiApp
from vatui.core.models import Status, TimeEntry
from vatui.screens.cockpit import CockpitScreen
from vatui.widgets.clock_table import ClockTable
from vatui.widgets.pane import Pane
from vatui.widgets.task_list import TaskList


class SeenBeforeLayout(CockpitScreen):
    """The cockpit, noting what its panes show once filled, before the first layout."""

    def on_mount(self) -> None:
        super().on_mount()
        self.before = {
            "laid out": self.query_one(TaskList).size.width > 0,
            "queue title": str(self.pane(3).border_title),
            "queue scrollbar": self.query_one(TaskList).show_vertical_scrollbar,
            "clock scrollbar": self.query_one(ClockTable).show_vertical_scrollbar,
        }


class ProbeApp(VatuiApp):
    CSS_PATH = Path(vatui.app.__file__).with_name("app.tcss")  # relative paths are read beside the subclass

    def get_default_screen(self) -> SeenBeforeLayout:
        return SeenBeforeLayout()


def probe(store, clock, settings, tmp_path) -> ProbeApp:
    return ProbeApp(store=store, clock=clock, settings=settings, config_path=tmp_path / "config.toml", tick=False)


@pytest.mark.parametrize("size", [(120, 36), (121, 37), (80, 24), (81, 24), (99, 29), (200, 60)])
async def test_each_pane_knows_its_width_before_the_first_layout(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for pane in app.screen.query(Pane):
            assert pane.width_before_layout() == pane.size.width, (size, pane.id)


async def test_the_queue_title_and_scrollbars_are_final_before_the_first_layout(demo_store, clock, settings, tmp_path):
    # Forty more clients: more clock rows than the screen has lines, so the clock scrolls too.
    model = demo_store.clients.all()[0]
    demo_store.clients.add_many([replace(model, name=f"Client {n}", id=None) for n in range(40)])
    app = probe(demo_store, clock, settings, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        before = screen.before
        assert not before["laid out"]  # the check would prove nothing once laid out
        assert "late" in before["queue title"]  # the counts, not the bare name
        assert before["queue title"] == str(screen.pane(3).border_title)
        assert before["queue scrollbar"] and screen.query_one(TaskList).show_vertical_scrollbar
        assert before["clock scrollbar"] and screen.query_one(ClockTable).show_vertical_scrollbar


async def test_a_short_list_is_left_to_textual(store, clock, settings, tmp_path):
    """A list that fits on the screen gets no scrollbar up front (whether it needs one depends on
    its pane, which only the layout knows)."""
    app = probe(store, clock, settings, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.screen.before["queue scrollbar"] is False
        assert app.screen.query_one(TaskList).show_vertical_scrollbar is False


async def test_a_change_that_leaves_the_queue_as_it_was_repaints_none_of_it(make_app, demo_store, clock, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        lst = app.screen.query_one(TaskList)
        whole: list[int] = []
        refresh = lst.refresh

        def counting(*regions, **kwargs):
            if not regions:
                whole.append(1)
            return refresh(*regions, **kwargs)

        monkeypatch.setattr(lst, "refresh", counting)
        rows = lst.rows
        client = demo_store.clients.all()[0]
        now = clock.now()
        demo_store.entries.add(TimeEntry(start=now - timedelta(hours=1), end=now, client_id=client.id))
        app.tick()  # the cockpit sees the new revision and refreshes every pane
        await pilot.pause()
        assert lst.rows == rows and lst.rows is not rows  # rebuilt, and the same
        assert whole == []
        # A change the queue shows is repainted.
        task = lst.selected_task
        demo_store.tasks.update(replace(task, status=Status.DONE, done_at=now))
        app.tick()
        await pilot.pause()
        assert task.id not in {r.task.id for r in lst.rows if r.task}
        assert whole
