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
