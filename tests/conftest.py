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
