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


@pytest.mark.parametrize("module", ["vatui", "vatui.cli", "vatui.store", "vatui.text.queue_text", "vatui.exports.report_text",
                                    "vatui.exports.ics", "vatui.exports.entries_csv", "vatui.invoices.document"])
def test_quick_paths_do_not_load_textual(module):
    assert "textual" not in _loaded_after(f"import {module}")


# Kept off the start path on purpose (each is imported where it is first needed): a top-level
# import of one of them would quietly put its cost back into every start.
LAZY_MODULES = ["vatui.core.block_syntax", "vatui.terminal.notify", "vatui.screens.help", "vatui.screens.report_screen",
                "vatui.screens.queue_modals", "vatui.screens.block_modal", "vatui.screens.client_modal", "plyer",
                # holidays and reminders: loaded only for a place with a holiday setting, or when
                # reminders are checked or listed
                "holidays", "vatui.core.client_holidays", "vatui.core.reminders", "vatui.timers.reminder_watch",
                "vatui.store.reminder_log", "vatui.text.holiday_text", "vatui.cli.holidays",
                # calendars: the CalDAV push only when it runs
                "vatui.calendars.caldav_push", "vatui.calendars.plan_events", "caldav",
                # invoice documents: only when one is written
                "vatui.invoices", "vatui.invoices.document", "vatui.invoices.pdf", "fpdf", "babel",
                # invoicing rules and commands: only when invoicing
                "vatui.core.invoicing", "vatui.store.invoices", "vatui.cli.invoices",
                # recurrence: only for a task or block that repeats
                "vatui.core.recurrence", "vatui.core.series", "vatui.store.series", "dateutil.rrule",
                # calendar subscriptions: fetched and parsed only when a calendar is used
                "vatui.calendars", "vatui.calendars.fetch", "vatui.calendars.parse", "icalendar",
                "vatui.calendars.meetings", "vatui.store.calendars", "vatui.calendars.series_ics", "vatui.text.calendar_text",
                "recurring_ical_events", "x_wr_timezone"]

COCKPIT_STARTS = """
import asyncio, sys, tempfile
from pathlib import Path
from vatui.app import VatuiApp
from vatui.core.clock import SystemClock
from vatui.core.settings import Settings
from vatui.store.demo import seed_demo
from vatui.store import Store

folder = Path(tempfile.mkdtemp())
(folder / "config.toml").write_text("")  # a --config file must exist
clock = SystemClock()
store = Store(folder / "demo.json", clock=clock, journal=True)
seed_demo(store, clock.now(), "Europe/Bucharest")
store.set_state("archived_on", None)
from vatui.cli import main as cli  # an invoice in the file: the cockpit decodes it but prices nothing
cli(["--db", str(folder / "demo.json"), "--config", str(folder / "config.toml"), "invoice", "create", "--client",
     store.clients.all()[0].name, "--item", "Setup=1"])
store = Store(folder / "demo.json", clock=clock, journal=True)
for name in [m for m in sys.modules if m.startswith("vatui.") and "invoic" in m]:
    del sys.modules[name]
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


QUICK_COMMAND = """
import io, sys, tempfile
from argparse import Namespace
from pathlib import Path
from vatui.cli import main
from vatui.cli.common import Context
from vatui.core.clock import FixedClock
from datetime import datetime, timezone

folder = Path(tempfile.mkdtemp())
(folder / "config.toml").write_text("")  # a --config file must exist
(folder / "config.toml").write_text('[me]\\nzone = "Europe/Bucharest"\\n')
clock = FixedClock(datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc))
db = str(folder / "data.json")
for args in (["client", "add", "Acme", "--tz", "America/New_York"], ["add", "Deck @acme due:fri reply:"], {extra}["today"]):
    out = io.StringIO()
    assert main(["--db", db, "--config", str(folder / "config.toml"), *args],
                ctx=Context(Namespace(), clock=clock, out=out, err=out)) == 0, out.getvalue()
print("\\n".join(sorted(sys.modules)))
"""


def _quick_command_loads(extra: str = "") -> set[str]:
    code = QUICK_COMMAND.replace("{extra}", extra)
    return set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())


def test_no_holiday_setting_loads_no_holiday_code():
    loaded = _quick_command_loads()
    assert "vatui.cli.today" in loaded  # the commands did run
    assert not loaded & {"holidays", "vatui.core.client_holidays"}


def test_a_holiday_setting_does_load_it():
    loaded = _quick_command_loads('["client", "edit", "Acme", "--holidays", "US-NY"], ')
    assert {"holidays", "vatui.core.client_holidays"} <= loaded


def test_the_command_line_loads_caldav_only_for_a_push():
    """Every command's parser is built for `vatui add ...`; the push's own module stays light."""
    loaded = _loaded_after("from vatui.cli import build_parser\nbuild_parser()\nimport vatui.calendars.caldav_push")
    assert "caldav" not in loaded and "icalendar" not in loaded


def test_opening_a_file_with_invoices_decodes_them_without_the_invoicing_rules(tmp_path):
    from vatui.cli import main as cli

    db = tmp_path / "data.json"
    (tmp_path / "c.toml").write_text("", encoding="utf-8")  # a --config file must exist
    assert cli(["--db", str(db), "--config", str(tmp_path / "c.toml"), "client", "add", "Acme", "--tz", "UTC"]) == 0
    assert cli(["--db", str(db), "--config", str(tmp_path / "c.toml"), "invoice", "create", "--client", "Acme",
                "--item", "Setup=10"]) == 0
    code = ("import sys; from vatui.store import Store; s = Store(sys.argv[1]); assert len(s.invoices) == 1; "
            "print(' '.join(m for m in sys.modules if 'invoic' in m))")
    out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["vatui.core.invoice_record"]


def test_vatui_adds_path_leaves_the_repeat_rules_unloaded():
    """`vatui add` builds every command's parser and parses a line: unless the line repeats,
    neither the rule modules nor dateutil's rrule are imported."""
    code = ("import sys\nfrom datetime import datetime, timezone\nimport vatui.cli\nvatui.cli.command_modules()\n"
            "from vatui.core.quickadd import parse_quick_add\n"
            "parse_quick_add('Report #admin due:fri', clients=[], now=datetime(2026, 11, 23, tzinfo=timezone.utc), "
            "my_zone='Europe/Bucharest')\nprint('\\n'.join(sorted(sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert "vatui.cli.tasks" in loaded and "vatui.core.quickadd" in loaded
    assert not loaded & {"vatui.core.recurrence", "vatui.core.series", "vatui.store.series", "dateutil.rrule"}
