"""The cockpit in Romanian and Brazilian Portuguese: pane titles, footer keys, help, command
palette and toasts translated; one process switching languages between apps; and the 80x24
layout still fits the longer words."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from rich.cells import cell_len

from vatui.core.settings import Settings
from vatui.exports.report_text import table_rows
from vatui.i18n import _, current_language
from vatui.screens.help import HelpScreen
from vatui.screens.report_screen import ReportScreen
from vatui.widgets.clock_pane import ClockPane
from vatui.widgets.fit import TextCell
from vatui.widgets.footer import KeyFooter


def speaking(settings: Settings, language: str | None) -> Settings:
    return replace(settings, language=language)


def footer_words(app) -> list[str]:
    """What the footer shows beside each key (a group's keys share their group's label)."""
    return [item.description for item in app.screen.query_one(KeyFooter).items if item.kind in ("key", "palette")]


PANE_TITLES = {
    "en": ["1 World clock", "2 Today's blocks", "3 Task queues", "4 Pomodoro"],
    "ro": ["1 Ceas mondial", "2 Blocurile de azi", "3 Sarcini", "4 Pomodoro"],
    "pt_BR": ["1 Relógio mundial", "2 Blocos de hoje", "3 Tarefas", "4 Pomodoro"],
}
QUEUE_FOOTER = {  # focus starts in the queue
    "en": ["Add", "Next", "Done", "View", "Filter", "Help", "Quit", "palette"],
    "ro": ["Adaugă", "Următoarea", "Gata", "Vedere", "Filtru", "Ajutor", "Ieșire", "comenzi"],
    "pt_BR": ["Adicionar", "Próxima", "Concluir", "Visão", "Filtrar", "Ajuda", "Sair", "paleta"],
}


async def test_one_process_switches_languages(make_app, settings):
    """ro, then en, then pt_BR, then ro again: each app speaks its own language, nothing sticks."""
    for language in ("ro", "en", "pt_BR", "ro"):
        app = make_app(settings_=speaking(settings, language))
        assert current_language() == language
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            titles = [app.screen.pane(n).border_title.split(" · ")[0] for n in (1, 2, 3, 4)]
            assert titles == PANE_TITLES[language]
            assert footer_words(app) == QUEUE_FOOTER[language]


async def test_footer_follows_focus_and_groups_in_romanian(make_app, settings):
    app = make_app(settings_=speaking(settings, "ro"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        words = footer_words(app)
        assert "Ore comune" in words and "Adaugă" in words and "Editează" in words
        items = app.screen.query_one(KeyFooter).items
        labels = [item.description for item in items if item.kind == "label"]
        assert labels == ["Oră", "Zi"]  # the h/l and H/L groups
        tooltips = {item.tooltip for item in items if item.tooltip}
        assert "Editează clientul selectat" in tooltips


async def test_help_screen_and_palette_in_portuguese(make_app, settings, help_text):
    app = make_app(settings_=speaking(settings, "pt_BR"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert "Em qualquer lugar" in text and "Mostra todas as teclas" in text
        assert "1 Relógio mundial" in text and "Volta o cursor do relógio uma hora" in text
        await pilot.press("escape")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Tema", "Sair", "Teclas"} <= titles


async def test_toasts_in_romanian(make_app, settings):
    app = make_app(settings_=speaking(settings, "ro"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert app.notices[-1] == "Nimic de anulat."


async def test_unknown_language_says_so_once_in_english(make_app, settings):
    app = make_app(settings_=speaking(settings, "tlh"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        notes = [n for n in app.notices if "tlh" in n]
        assert len(notes) == 1 and "English" in notes[0]
        assert PANE_TITLES["en"][0] == app.screen.pane(1).border_title.split(" · ")[0]


async def test_the_default_name_me_is_translated(make_app, settings):
    app = make_app(settings_=speaking(settings, "pt_BR"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(ClockPane).table.rows()[0].name == "Eu"


async def test_report_numbers_and_months(make_app, settings):
    app = make_app(settings_=speaking(settings, "ro"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r", "left_square_bracket", "m")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        title = str(app.screen.query_one("#report-title").render())
        assert "Raport · noiembrie 2026 · Europe/Bucharest" in title
        charts = " ".join(str(w.render()) for w in app.screen.query("BarChart"))
        assert re.search(r"Ore pe client · \d+,\d\d h în total", charts), charts[:200]  # a decimal comma
        headers, body, totals = table_rows(app.screen.report)
        table = " | ".join(" ".join(cells) for cells in [headers, *body, *totals])
        assert "Sumă" in headers and re.search(r"\d\.\d{3},\d\d INR", table), table  # 1.500,00 INR: grouped, the currency kept


# --- the layout at 80x24 -------------------------------------------------------------------------
def clipped_cells(screen) -> list[str]:
    """Every one-row text cell whose words do not fit its width (word-fitting cells are checked by
    fit_words itself: they end at a word with "…")."""
    out = []
    for cell in screen.query(TextCell):
        if cell.display and not cell.fit and cell.size.width and cell_len(cell.text) > cell.size.width:
            out.append(f"{cell.id or cell.classes}: {cell.text!r} in {cell.size.width}")
    return out


def footer_clipped(screen, *, app_keys: bool = True) -> list[str]:
    """Footer keys that do not fit before the command-palette key at the right. With
    `app_keys=False` the app-wide ? and q keys, which come last, are let go (the report screen's
    own eight keys fill 80 columns in English too)."""
    wide = {_("Help"), _("Quit")}
    return [words for words in screen.query_one(KeyFooter).clipped() if app_keys or words not in wide]


@pytest.mark.parametrize("language", ["ro", "pt_BR", "en"])
async def test_cockpit_fits_80x24(make_app, settings, language):
    app = make_app(settings_=speaking(settings, language))
    async with app.run_test(size=(80, 24)) as pilot:
        for pane in ("1", "3", "2", "4"):
            await pilot.press(pane)
            await pilot.pause()
            assert footer_clipped(app.screen) == [], pane
        assert clipped_cells(app.screen) == []
        table = app.screen.query_one(ClockPane).table  # the state words, with the countdown, are whole
        for row in table.rows():
            assert cell_len(row.state) <= table.column("state").width, row.state
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert footer_clipped(app.screen, app_keys=False) == []
