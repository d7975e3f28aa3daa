"""Fixtures shared by every test: a fixed clock and a real store in a temp folder."""

from __future__ import annotations

import io
from argparse import Namespace
from datetime import datetime, timezone

import pytest

from vatui.core.clock import FixedClock
from vatui.core.settings import Settings
from vatui.store import Store

# Monday 23 November 2026, 13:00 UTC: 15:00 in Bucharest, 00:00 Tuesday in Sydney,
# 13:00 in London, 08:00 in New York, 18:30 in Kolkata.
FROZEN = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)
MY_ZONE = "Europe/Bucharest"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(FROZEN)


@pytest.fixture
def settings() -> Settings:
    # No reminders unless a test asks for them: the demo's deadlines would otherwise add their
    # notifications to every cockpit test's notices.
    return Settings(me_zone=MY_ZONE, me_city="Bucharest", reminders_before=())


@pytest.fixture
def store(tmp_path, clock) -> Store:
    # journal=True: the store as the cockpit opens it (its edits go to the journal). Every other
    # reader in the tests, `Store(path)` or a CLI run, reads file and journal together.
    return Store(tmp_path / "vatui.json", clock=clock, journal=True)


@pytest.fixture
def make_cli(tmp_path, clock, monkeypatch):
    """`make_cli(config_text)` -> run(*args): `vatui ARGS` in this process on tmp_path/data.json
    with the fixed clock, returning (exit code, stdout, stderr). run.db and run.config are the
    files; `stdin=` feeds standard input, `db_path=` points at another data file."""
    from vatui.cli import main
    from vatui.cli.common import Context

    def make(config: str | None = None):
        config_path, db = tmp_path / "config.toml", tmp_path / "data.json"
        if config is not None:
            config_path.write_text(config, encoding="utf-8")
        monkeypatch.setenv("VATUI_CONFIG", str(config_path))

        def run(*args: str, db_path=db, stdin: str | None = None):
            out, err = io.StringIO(), io.StringIO()
            if stdin is not None:
                monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
            code = main(["--db", str(db_path), *args], ctx=Context(Namespace(), clock=clock, out=out, err=err))
            return code, out.getvalue(), err.getvalue()

        run.db, run.config = db, config_path
        return run

    return make


@pytest.fixture
def demo_store(tmp_path, clock) -> Store:
    from vatui.store.demo import seed_demo

    s = Store(tmp_path / "demo.json", clock=clock, journal=True)
    seed_demo(s, clock.now(), MY_ZONE)
    return s


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch):
    """Every test starts in English whatever the machine's locale, and leaves English behind
    (the language is process-wide; a test that picks another must not leak it)."""
    from vatui.i18n import set_language

    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):  # LANGUAGE: set by the CLI for argparse
        monkeypatch.delenv(name, raising=False)
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def make_app(demo_store, clock, settings, tmp_path):
    """A VatuiApp on a real store (the demo one unless given) with the fixed clock and no timer
    running: tests drive time with `clock.advance(...)` and `app.tick()`, never by sleeping."""
    from vatui.app import VatuiApp

    def factory(*, store=None, settings_=None, **kwargs) -> VatuiApp:
        return VatuiApp(
            store=store or demo_store,
            clock=clock,
            settings=settings_ or settings,
            config_path=tmp_path / "config" / "config.toml",
            tick=False,
            **kwargs,
        )

    return factory



def painted_text(widget) -> str:
    """The widget's lines as they are painted (border included), one per line."""
    from textual.geometry import Region

    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size)))


@pytest.fixture
def painted():
    """`painted(widget)`: what the widget shows, as text (see painted_text)."""
    return painted_text


@pytest.fixture
def help_text():
    """`help_text(app)`: the open help screen's words as painted, runs of spaces made one (each
    binding is a row: keys, what it does, its id)."""

    def read(app) -> str:
        return " ".join(" ".join(painted_text(s).split()) for s in app.screen.query("Static, KeyTable"))

    return read


@pytest.fixture(scope="session")
def radicale(tmp_path_factory):
    """A real CalDAV server on localhost (tests/helpers/radicale.py): its root address."""
    from helpers.radicale import radicale_server

    yield from radicale_server(tmp_path_factory)


@pytest.fixture
def calendar(radicale):
    """A new, empty calendar on that server: the caldav library's Calendar object."""
    from helpers.radicale import new_calendar

    yield from new_calendar(radicale)
