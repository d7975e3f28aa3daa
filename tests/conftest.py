"""Fixtures shared by every test: a fixed clock and a real store in a temp folder."""

from __future__ import annotations

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
    return Settings(me_zone=MY_ZONE, me_city="Bucharest")


@pytest.fixture
def store(tmp_path, clock) -> Store:
    return Store(tmp_path / "vatui.json", clock=clock)


@pytest.fixture
def demo_store(tmp_path, clock) -> Store:
    from vatui.demo import seed_demo

    s = Store(tmp_path / "demo.json", clock=clock)
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
