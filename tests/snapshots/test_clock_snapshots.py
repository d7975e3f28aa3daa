"""The World clock pane, zoomed, at the frozen instant (Mon 23 Nov 2026 13:00 UTC) with demo data.
Zoomed so these pictures do not change when the other panes do. Review the SVGs in the report
before accepting changes with --snapshot-update."""

from __future__ import annotations

import pytest

from vatui.app import VatuiApp


@pytest.fixture
def clock_app(demo_store, clock, settings, tmp_path):
    def factory() -> VatuiApp:
        return VatuiApp(store=demo_store, clock=clock, settings=settings,
                        config_path=tmp_path / "config" / "config.toml", tick=False)

    return factory


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_clock_pane_zoomed(snap_compare, clock_app, size):
    assert snap_compare(clock_app(), terminal_size=size, press=["1", "z"])


def test_clock_pane_cursor_on_tuesday(snap_compare, clock_app):
    # Tuesday 00:00 my time: New York the day before, Sydney in hours; the read-out line is for the
    # selected row (the first client, Hudson Realty, in New York).
    assert snap_compare(clock_app(), terminal_size=(120, 36), press=["1", "z"] + ["l"] * 9)


def test_client_form_at_80x24(snap_compare, clock_app):
    assert snap_compare(clock_app(), terminal_size=(80, 24), press=["1", "a", "A", "c", "m", "e", "tab", "s", "y", "d", "n"])
