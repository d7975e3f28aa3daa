"""The domain and the quick CLI paths must not drag in the UI or the database."""

import subprocess
import sys

import pytest

# Every module in vatui/core is imported (found by pkgutil); these must at least be among them.
CORE_MODULES = ["vatui.core.clock", "vatui.core.models", "vatui.core.business", "vatui.core.queues",
                "vatui.core.zones", "vatui.core.reports", "vatui.core.quickadd", "vatui.core.pomodoro",
                "vatui.core.tracking", "vatui.core.blocks"]


def _loaded_after(imports: str) -> set[str]:
    code = f"import sys\n{imports}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return {line.split(".")[0] for line in out.splitlines()}


def test_core_loads_neither_textual_nor_tinydb_nor_plyer():
    import pkgutil

    import vatui.core

    every = [f"vatui.core.{m.name}" for m in pkgutil.iter_modules(vatui.core.__path__)]
    assert set(CORE_MODULES) <= set(every)
    loaded = _loaded_after("\n".join(f"import {m}" for m in every))
    assert not loaded & {"textual", "tinydb", "plyer", "rich"}


@pytest.mark.parametrize("module", ["vatui", "vatui.cli", "vatui.store", "vatui.queue_text", "vatui.exports.report_text",
                                    "vatui.exports.ics", "vatui.exports.entries_csv"])
def test_quick_paths_do_not_load_textual(module):
    assert "textual" not in _loaded_after(f"import {module}")


# Kept off the start path on purpose (each is imported where it is first needed): a top-level
# import of one of them would quietly put its cost back into every start.
LAZY_MODULES = ["vatui.core.block_syntax", "vatui.notify", "vatui.screens.help", "vatui.screens.report_screen",
                "vatui.screens.queue_modals", "vatui.screens.block_modal", "vatui.screens.client_modal", "plyer",
                # calendar subscriptions: loaded by `vatui calendar` and the sync worker only
                "vatui.calendars", "vatui.calendars.fetch", "vatui.calendars.parse", "icalendar",
                "recurring_ical_events", "x_wr_timezone"]

COCKPIT_STARTS = """
import asyncio, sys, tempfile
from pathlib import Path
from vatui.app import VatuiApp
from vatui.core.clock import SystemClock
from vatui.core.settings import Settings
from vatui.demo import seed_demo
from vatui.store import Store

folder = Path(tempfile.mkdtemp())
clock = SystemClock()
store = Store(folder / "demo.json", clock=clock, journal=True)
seed_demo(store, clock.now(), "Europe/Bucharest")
store.set_state("archived_on", None)
before = set(sys.modules)

async def main():
    app = VatuiApp(store=store, clock=clock, settings=Settings(me_zone="Europe/Bucharest", me_city="Bucharest"),
                   config_path=folder / "config.toml", tick=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        print("\\n".join(sorted(set(sys.modules) - before)))

asyncio.run(main())
"""


def test_the_cockpits_first_paint_leaves_the_lazy_modules_unloaded():
    out = subprocess.run([sys.executable, "-c", COCKPIT_STARTS], capture_output=True, text=True, check=True).stdout
    loaded = set(out.split())
    assert "vatui.screens.cockpit" in loaded  # the cockpit did start
    assert not loaded & set(LAZY_MODULES)
