"""Choosing the language (config, then LC_ALL/LC_MESSAGES/LANG, then English), the fallback note,
and dates, numbers and relative times in each language's conventions."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from vatui.i18n import _, current_language, html_language, ngettext, resolve_language, set_language, using
from vatui.text import formats


# --- choosing ------------------------------------------------------------------------------------
@pytest.mark.parametrize("code, expected", [
    ("ro", "ro"), ("ro_RO", "ro"), ("ro_RO.UTF-8", "ro"), ("ro_MD.utf8@euro", "ro"), ("RO", "ro"),
    ("pt_BR", "pt_BR"), ("pt-BR", "pt_BR"), ("pt_BR.UTF-8", "pt_BR"), ("pt-br", "pt_BR"), ("pt", "pt_BR"),
    ("en", "en"), ("en_GB.UTF-8", "en"), ("C", "en"), ("C.UTF-8", "en"), ("POSIX", "en"),
])
def test_codes_people_write_are_understood(code, expected):
    assert resolve_language(code, {}) == (expected, None)
    assert set_language(code) == expected == current_language()


def test_the_translation_is_used():
    set_language("ro")
    assert _("Quit") == "Ieșire" and _("World clock") == "Ceas mondial"
    set_language("pt-BR")
    assert _("Quit") == "Sair" and _("World clock") == "Relógio mundial"
    assert html_language() == "pt-BR"
    set_language("en")
    assert _("Quit") == "Quit" and _("") == ""  # an empty string is not the catalog's header


def test_config_wins_over_the_environment():
    assert resolve_language("ro", {"LANG": "pt_BR.UTF-8", "LC_ALL": "pt_BR.UTF-8"}) == ("ro", None)


@pytest.mark.parametrize("environ, expected", [
    ({"LC_ALL": "ro_RO.UTF-8", "LC_MESSAGES": "pt_BR.UTF-8", "LANG": "en_US.UTF-8"}, "ro"),
    ({"LC_MESSAGES": "pt_BR.UTF-8", "LANG": "ro_RO.UTF-8"}, "pt_BR"),
    ({"LC_ALL": "", "LANG": "ro_RO.UTF-8"}, "ro"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
])
def test_environment_order(environ, expected):
    assert resolve_language(None, environ) == (expected, None)


def test_an_unknown_language_in_the_config_gives_english_and_a_note():
    code, note = resolve_language("de", {"LANG": "ro_RO.UTF-8"})
    assert code == "en"
    assert note is not None and "de" in note and "English" in note and "\n" not in note


def test_an_unknown_language_in_the_environment_gives_english_and_a_note():
    code, note = resolve_language(None, {"LANG": "de_DE.UTF-8"})
    assert code == "en"
    assert note is not None and "LANG=de_DE.UTF-8" in note and 'language = "en"' in note and "\n" not in note


@pytest.mark.parametrize("nonsense", ["", "   ", "??", "x" * 200, "pt_", "_BR", "ro.", "@"])
def test_nonsense_never_crashes(nonsense):
    code, _note = resolve_language(nonsense, {})
    assert code in {"en", "ro", "pt_BR"}
    assert set_language(nonsense) in {"en", "ro", "pt_BR"}


def test_using_a_language_for_a_while():
    set_language("ro")
    with using("en"):
        assert _("Quit") == "Quit"
    assert _("Quit") == "Ieșire"


@pytest.mark.parametrize("language, one, few, many", [
    ("en", "1 task", "2 tasks", "20 tasks"),
    ("ro", "1 sarcină", "2 sarcini", "20 de sarcini"),
    ("pt_BR", "1 tarefa", "2 tarefas", "20 tarefas"),
])
def test_plurals(language, one, few, many):
    set_language(language)
    said = [ngettext("{n} task", "{n} tasks", n).format(n=n) for n in (1, 2, 20)]
    assert said == [one, few, many]


# --- dates, numbers, relative times --------------------------------------------------------------
FRIDAY = date(2026, 11, 27)
AT = datetime(2026, 12, 4, 17, 5, tzinfo=timezone.utc)


@pytest.mark.parametrize("language, day, day_month, moment, month, long_day", [
    ("en", "Fri", "27 Nov", "Fri 4 Dec 17:05", "November 2026", "Fri 27 Nov 2026"),
    ("ro", "vin", "27 nov", "vin 4 dec 17:05", "noiembrie 2026", "vin 27 nov 2026"),
    ("pt_BR", "sex", "27 nov", "sex 4 dez 17:05", "novembro de 2026", "sex 27 nov 2026"),
])
def test_dates(language, day, day_month, moment, month, long_day):
    set_language(language)
    assert formats.weekday(FRIDAY) == day
    assert formats.day_month(FRIDAY) == day_month
    assert formats.moment(AT) == moment
    assert formats.month_year(FRIDAY) == month
    assert formats.long_day(FRIDAY) == long_day


def test_two_cell_weekdays_fit_two_cells():
    from rich.cells import cell_len

    for language in ("en", "ro", "pt_BR"):
        set_language(language)
        names = [formats.weekday_2(FRIDAY + timedelta(days=i)) for i in range(7)]
        assert all(cell_len(n) == 2 for n in names) and len(set(names)) == 7, (language, names)


@pytest.mark.parametrize("language, number, money, hours", [
    ("en", "1,234,567.5", "1,500.00 INR", "0.25"),
    ("ro", "1.234.567,5", "1.500,00 INR", "0,25"),
    ("pt_BR", "1.234.567,5", "1.500,00 INR", "0,25"),
])
def test_numbers(language, number, money, hours):
    set_language(language)
    assert formats.number(Decimal("1234567.5")) == number
    assert formats.money(Decimal("1500.00"), "INR") == money  # the client's currency code is kept
    assert formats.number(Decimal("0.25"), group=False) == hours
    assert formats.number(3, places=2).endswith(("00",))


@pytest.mark.parametrize("language, later, earlier", [
    ("en", "in 2 hours", "3 days ago"),
    ("ro", "peste 2 ore", "3 zile în urmă"),
    ("pt_BR", "em 2 horas", "faz 3 dias"),
])
def test_relative_times(language, later, earlier):
    set_language(language)
    assert formats.relative(timedelta(hours=2)) == later
    assert formats.relative(-timedelta(days=3)) == earlier


def test_a_rate_with_a_decimal_comma_is_read():
    from vatui.core.errors import ValidationError
    from vatui.core.money import parse_rate

    assert parse_rate("37,50") == Decimal("37.50") and parse_rate("40,5") == Decimal("40.5")
    with pytest.raises(ValidationError):
        parse_rate("1,500")  # a thousands separator or three decimals: ambiguous, so refused


# --- the command line ----------------------------------------------------------------------------
@pytest.fixture
def cli(make_cli, monkeypatch):
    monkeypatch.delenv("LANGUAGE", raising=False)  # main() sets it for argparse; restored after the test
    runner = make_cli()

    def run(*args: str, language: str | None = None):
        if language is not None:
            runner.config.write_text(f'language = "{language}"\n', encoding="utf-8")
        return runner(*args)

    return run


def test_cli_help_in_romanian(cli, capsys):
    with pytest.raises(SystemExit) as done:
        cli("--help", language="ro")
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "utilizare: vatui" in out and "opțiuni:" in out and "arată acest mesaj de ajutor și ieși" in out
    assert "adaugă, listează, modifică sau șterge clienți" in out
    assert "usage:" not in out and "show this help" not in out


def test_cli_help_from_lang(cli, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")
    with pytest.raises(SystemExit):
        cli("client", "add", "--help")
    out = capsys.readouterr().out
    assert "uso: vatui client add" in out and "argumentos posicionais:" in out and "fuso horário IANA" in out


def test_cli_errors_in_romanian(cli, capsys):
    code, _out, err = cli("client", "add", "Acme", "--tz", "Mars/Base", language="ro")
    assert code == 2 and "nu este un fus orar IANA cunoscut" in err
    with pytest.raises(SystemExit) as done:
        cli("client", "add", language="ro")
    assert done.value.code == 2
    assert "eroare: lipsesc argumentele obligatorii: name, --tz" in capsys.readouterr().err


def test_cli_output_in_portuguese(cli):
    cli("client", "add", "Acme", "--tz", "America/Sao_Paulo", "--rate", "1500,5", language="pt_BR")
    code, out, _err = cli("client", "list", language="pt_BR")
    assert code == 0 and "Valor/hora" in out and "1.500,5 USD" in out
    code, out, _err = cli("add", "Ligar para o contador", "--client", "acme", language="pt_BR")
    assert code == 0 and out.startswith("Tarefa 1 adicionada: Ligar para o contador — Acme")


def test_config_warnings_in_the_chosen_language(cli, tmp_path):
    (tmp_path / "config.toml").write_text('language = "ro"\nfoo = 1\n', encoding="utf-8")
    code, _out, err = cli("tasks")
    assert code == 0 and "config: cheia necunoscută 'foo' este ignorată" in err


def test_cli_unknown_language_notes_and_goes_on(cli):
    code, out, err = cli("where", language="klingon")
    assert code == 0 and "data file:" in out
    assert err.count("\n") == 1 and "klingon" in err and "English" in err


@pytest.mark.parametrize("where", ["config", "environment"])
def test_the_unknown_language_note_is_printed_once(cli, monkeypatch, where):
    if where == "environment":
        monkeypatch.setenv("LANG", "xx_XX.UTF-8")
        code, out, err = cli("today")
    else:
        code, out, err = cli("today", language="xx")
    assert code == 0 and "Clocks" in out
    assert err.count("vatui has no xx") == 1 and "translation" not in out


def test_digest_in_another_language(cli):
    cli("client", "add", "Acme", "--tz", "America/New_York", language="ro")
    code, out, _err = cli("digest", "--client", "acme", language="ro")
    assert code == 0 and "rezumatul săptămânii" in out and "## Finalizate" in out
    code, out, _err = cli("digest", "--client", "acme", "--language", "en", language="ro")
    assert code == 0 and "Acme: weekly update" in out and "## Done" in out
    assert _("Quit") == "Ieșire"  # the CLI's own language is back after the digest
    code, _out, err = cli("digest", "--client", "acme", "--language", "xx", language="ro")
    assert code == 2 and "vatui nu are traducere în xx" in err


@pytest.mark.parametrize(("code", "joined"), [("en", " or "), ("ro", " sau "), ("pt_BR", " ou ")])
def test_day_words_help_joins_its_last_example_in_the_language(code, joined):
    from vatui.core.grammar import day_help

    with using(code):
        shown = day_help()
    assert shown == f"today, tomorrow, fri, +3d, eow, 1dec{joined}2026-12-01"
