"""The Task queues pane zoomed, with demo data at the frozen instant, in each view and size."""

import pytest


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
@pytest.mark.parametrize("views", [0, 1, 2, 3], ids=["client", "batch", "eisenhower", "deadlines"])
def test_queue_pane_zoomed(snap_compare, make_app, size, views):
    assert snap_compare(make_app(), terminal_size=size, press=["3", *(["v"] * views), "g", "z"])


def test_queue_pane_in_the_cockpit_at_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["3"])


def test_quick_add_form_at_80x24(snap_compare, make_app):
    async def type_a_line(pilot):
        await pilot.press("a")
        pilot.app.screen.query_one("Input").value = "Reply to invoice question @hud #email !u !i ~15m due:fri reply:24h"
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=type_a_line)


def test_task_form_with_an_error_at_80x24(snap_compare, make_app):
    async def bad_due(pilot):
        await pilot.press("e")
        pilot.app.screen.query_one("#f-due").value = "someday"
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=bad_due)
