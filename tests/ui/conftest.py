"""Build a VatuiApp on a real store in a temp folder, with the fixed clock and no timer running.
Tests drive time with `clock.advance(...)` and `app.tick()`, never by sleeping."""

from __future__ import annotations

import pytest

from vatui.app import VatuiApp


@pytest.fixture
def make_app(demo_store, clock, settings, tmp_path):
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
