"""The blocks pane zoomed, on demo data at the frozen instant (15:00 Mon 23 Nov in Bucharest):
the running block highlighted with its minutes left, the next with "in 40m", plan vs actual,
and (in the second pair) the now-marker in a gap plus an overlap and a no-buffer flag."""

from __future__ import annotations

from datetime import timedelta

import pytest

from vatui.core.models import TimeBlock


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_blocks_pane_zoomed(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, press=["2", "z"])


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_blocks_pane_zoomed_gap_and_flags(snap_compare, make_app, demo_store, clock, size):
    start = clock.now() + timedelta(minutes=150)  # 17:30, right after the last Hudson block: no buffer
    demo_store.blocks.add(TimeBlock(start=start, end=start + timedelta(minutes=45), batch="admin", note="Week review"))
    demo_store.blocks.add(TimeBlock(start=start + timedelta(minutes=30), end=start + timedelta(minutes=60), batch="email",
                                    note="Evening inbox"))
    clock.advance(minutes=33)  # 15:33: between blocks

    async def run_before(pilot) -> None:
        await pilot.press("2", "z")

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
