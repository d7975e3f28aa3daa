"""The report screen at the frozen instant (Mon 23 Nov 2026, 15:00 in Bucharest) with demo data,
on last week (the demo's tracked week), at 120x36 and 80x24. Review the SVGs before accepting."""

from __future__ import annotations

import pytest


@pytest.fixture
def report_app(make_app):
    return make_app()


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_report_screen_last_week(snap_compare, report_app, size):
    assert snap_compare(report_app, terminal_size=size, press=["r", "left_square_bracket"])


def test_report_screen_by_day_this_week(snap_compare, report_app):
    """The demo's morning so far: four clients in four currencies, today marked."""
    assert snap_compare(report_app, terminal_size=(120, 36), press=["r", "g", "g", "g"])


def test_report_screen_by_day_with_an_empty_week_first(snap_compare, report_app):
    """Next week, nothing tracked yet: said in words, every day at zero."""
    assert snap_compare(report_app, terminal_size=(120, 36), press=["r", "right_square_bracket", "g", "g", "g"])
