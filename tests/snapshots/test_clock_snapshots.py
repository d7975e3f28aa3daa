"""The World clock pane, zoomed, at the frozen instant (Mon 23 Nov 2026 13:00 UTC) with demo data.
Zoomed so these pictures do not change when the other panes do. Review the SVGs in the report
before accepting changes with --snapshot-update."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_clock_pane_zoomed(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, press=["1", "z"])


def test_clock_pane_cursor_on_tuesday(snap_compare, make_app):
    # Tuesday 00:00 my time: New York the day before, Sydney in hours; the read-out line is for the
    # selected row (the first client, Hudson Realty, in New York).
    assert snap_compare(make_app(), terminal_size=(120, 36), press=["1", "z"] + ["l"] * 9)


def test_client_form_at_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["1", "a", "A", "c", "m", "e", "tab", "s", "y", "d", "n"])
