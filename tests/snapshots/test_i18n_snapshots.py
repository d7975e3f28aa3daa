"""The cockpit in Romanian and Brazilian Portuguese at the frozen instant (Mon 23 Nov 2026, 15:00
in Bucharest) with demo data, at 120x36 and 80x24; and the report screen in Romanian (decimal
commas, month and weekday names). Review the SVGs before accepting them.

The whole cockpit is shown (all four panes real), so these change when any pane's words or layout
change: regenerate them with --snapshot-update after reviewing the new pictures."""

from __future__ import annotations

from dataclasses import replace

import pytest


@pytest.fixture
def app_in(make_app, settings):
    return lambda language: make_app(settings_=replace(settings, language=language))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
@pytest.mark.parametrize("language", ["ro", "pt_BR"])
def test_cockpit(snap_compare, app_in, language, size):
    assert snap_compare(app_in(language), terminal_size=size)


def test_clock_pane_zoomed_in_portuguese(snap_compare, app_in):
    assert snap_compare(app_in("pt_BR"), terminal_size=(120, 36), press=["1", "z"])


def test_report_last_week_in_romanian(snap_compare, app_in):
    assert snap_compare(app_in("ro"), terminal_size=(120, 36), press=["r", "left_square_bracket"])
