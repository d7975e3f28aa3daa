"""The report screen (`r`): charts and table for a switchable period, live refresh after a store
change, and the weekly digest written to a file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input, Select, Static

from vatui.core.models import TimeEntry
from vatui.screens.cockpit import CockpitScreen
from vatui.screens.digest_modal import DigestModal
from vatui.screens.report_screen import ReportScreen
from vatui.widgets.bar_chart import BarChart, bar_cells, truncate_words
from vatui.widgets.footer import KeyFooter


def text_of(app, selector: str) -> str:
    widget = app.screen.query_one(selector)
    if isinstance(widget, BarChart):
        return str(widget.render())
    content = widget.render()
    return content.plain if hasattr(content, "plain") else str(widget.content)


def table_text(app) -> str:
    """The table as the user sees it (Rich renders it into the Static)."""
    static = app.screen.query_one("#report-table", Static)
    console = app.console
    with console.capture() as capture:
        console.print(static.content)
    return capture.get()


async def test_r_opens_the_report_and_escape_returns(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, ReportScreen)
        assert "Week Mon 23 Nov to Sun 29 Nov 2026" in text_of(app, "#report-title")
        # The demo has tracked today's client blocks so far: 35 + 65 + 45 + 45 min.
        assert "3.17 h in all" in text_of(app, "#chart-clients")
        await pilot.press("right_square_bracket")  # next week: still empty, and says so in words
        assert "Week Mon 30 Nov" in text_of(app, "#report-title")
        assert "Nothing tracked" in text_of(app, "#chart-clients")
        assert "Nothing tracked in this period." in table_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, CockpitScreen)


async def test_switching_periods_and_groupings(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r", "left_square_bracket")
        assert "Week Mon 16 Nov to Sun 22 Nov 2026" in text_of(app, "#report-title")
        clients = text_of(app, "#chart-clients")
        # Demo week: Hudson 5 x (75 + 25) min = 8.33 h; Regent 5 x 50 min = 4.17 h; the others 5 x 25 = 2.08 h.
        assert "16.67 h in all" in clients
        assert "Hudson Realty" in clients and "8.33 h" in clients and "4.17 h" in clients
        days = text_of(app, "#chart-days")
        assert days.count("3.33 h") == 5 and days.count("0.00 h") == 2
        table = table_text(app)
        for figure in ("114.58 AUD", "133.33 GBP", "3,125.00 INR", "250.00 USD"):
            assert figure in table
        await pilot.press("g")
        assert "by task" in text_of(app, "#report-table-title")
        await pilot.press("g", "g")
        assert "by day" in text_of(app, "#report-table-title") and "Mon 16 Nov" in table_text(app)
        await pilot.press("right")
        assert "Week Mon 23 Nov" in text_of(app, "#report-title")
        await pilot.press("m")
        # The demo's November: its tracked week (16.67 h) and today so far (3.17 h).
        assert "November 2026" in text_of(app, "#report-title") and "19.83 h in all" in text_of(app, "#chart-clients")
        await pilot.press("d")
        assert "Today, Mon 23 Nov 2026" in text_of(app, "#report-title")
        assert "3.17 h in all" in text_of(app, "#chart-clients")


async def test_a_new_entry_shows_without_reopening(make_app, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r", "d")
        assert "3.17 h in all" in text_of(app, "#chart-clients")  # the demo's morning
        assert "32.08 AUD" in table_text(app)  # Bondi: 35 min x 55 AUD
        bondi = app.store.client_named("bondi")
        now = clock.now()
        # What the Pomodoro does when a focus ends: it writes an entry (here, 09:00-10:30 local).
        app.store.entries.add(TimeEntry(start=now - timedelta(hours=4), end=now - timedelta(hours=2, minutes=30),
                                        client_id=bondi.id))
        app.tick()
        await pilot.pause()
        assert "4.67 h in all" in text_of(app, "#chart-clients")
        assert "114.58 AUD" in table_text(app)  # Bondi: (35 + 90) min x 55 AUD


async def test_write_the_digest_to_a_file(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r", "left_square_bracket", "s")
        assert isinstance(app.screen, DigestModal)
        # The busiest client of the week is offered first, with a file in the home folder.
        assert app.screen.query_one("#digest-client", Select).value == app.store.client_named("hudson").id
        expected = tmp_path / "hudson-realty-update-2026-11-16.md"
        assert app.screen.query_one("#digest-path", Input).value == str(expected)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        text = expected.read_text()
        assert text.startswith("# Hudson Realty: weekly update\n") and "Send open-house flyer" in text
        assert "Billable: 6.25 h, 250.00 USD." in text
        assert any(str(expected) in notice for notice in app.notices)
        assert "written to ~/hudson-realty-update-2026-11-16.md" in text_of(app, "#report-status")

        # Again: the file exists, so the first Enter asks, the second replaces it.
        expected.write_text("old")
        await pilot.press("s", "enter")
        assert isinstance(app.screen, DigestModal)
        assert "already exists" in text_of(app, "#digest-path-error")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert expected.read_text() == text


async def test_digest_form_refuses_a_missing_folder_and_can_be_cancelled(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "s")
        box = app.screen.query_one("#digest-path", Input)
        box.value = str(tmp_path / "nowhere" / "update.md")
        await pilot.press("enter")
        assert isinstance(app.screen, DigestModal)
        assert "does not exist" in text_of(app, "#digest-path-error")
        box.value = str(tmp_path)
        await pilot.press("enter")
        assert "is a folder" in text_of(app, "#digest-path-error")
        await pilot.press("escape")
        assert isinstance(app.screen, ReportScreen)
        assert list(tmp_path.glob("*.md")) == []


async def test_digest_form_reads_a_relative_name_in_the_proposed_folder(make_app, tmp_path, monkeypatch):
    home, elsewhere = tmp_path / "home", tmp_path / "started-here"
    home.mkdir()
    elsewhere.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(elsewhere)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r", "s")
        box = app.screen.query_one("#digest-path", Input)
        for typed, problem in (("", "Give a file name"), (".md", "only an extension"),
                               ("sub/update.md", "does not exist")):
            box.value = typed
            await pilot.press("enter")
            assert isinstance(app.screen, DigestModal) and problem in text_of(app, "#digest-path-error")
        box.value = "mine.md"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert (home / "mine.md").read_text().startswith("# ")
    assert list(elsewhere.iterdir()) == [] and not (home / "sub").exists() and not (home / ".md").exists()


async def test_the_key_is_in_help_with_its_id(make_app, help_text):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        text = help_text(app)
        assert "Hours and billing per client and per day" in text and "open-report" in text


def test_bars_and_labels():
    assert bar_cells(1, 1, 10) == "█" * 10
    assert bar_cells(0.5, 1, 10) == "█" * 5
    assert bar_cells(0.01, 1, 10) == "▏"  # any time at all is visible
    assert bar_cells(0, 1, 10) == ""
    assert truncate_words("Hudson Realty Group", 12) == "Hudson…"
    assert truncate_words("Bondi", 12) == "Bondi"



@pytest.mark.parametrize("key", [None, "r"])
async def test_nothing_shows_through_beside_the_palette_key_at_80x24(make_app, key, painted):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        if key:
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ReportScreen)
        # The report's keys run on under the palette key; its last cell must be its own.
        footer = app.screen.query_one(KeyFooter)
        palette = footer.items[-1]
        assert palette.kind == "palette" and palette.right == 80
        assert painted(footer).endswith("▏^p palette ")
