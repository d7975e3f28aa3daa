"""What recurring work costs at start on the heavy year: expanding every series.

    python benchmarks/recurrence_bench.py [--reps 15] [--json OUT.json]

Builds the heavy year (benchmarks/make_year.py: ~50 recurring tasks, 5 recurring blocks) in a
temporary folder, opens it as the cockpit does, and times, medians over --reps, in one process:

- import: `vatui.core.recurrence` + `vatui.core.series` + `vatui.core.block_series` (dateutil's
  rrule included), paid once, only when some series exists;
- tasks: core.series.settle over every open task of the hot file (the catch-up pass: which
  series need moving, each rule expanded from its due to now);
- blocks: core.block_series.lay_out of every block series from two weeks back to two weeks ahead
  (what a daily pass or a first look at a fortnight expands), rules expanded, blocks built.

The target (issue 20): all of it under 20 ms on the heavy year.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


IMPORT = """
import time
import vatui.core.models, vatui.store, vatui.core.durations  # already loaded by any start
t0 = time.perf_counter()
import vatui.core.recurrence, vatui.core.series, vatui.core.block_series, vatui.store.series
print((time.perf_counter() - t0) * 1000)
"""


def _import_ms(reps: int) -> float:
    """The rule modules' import in a fresh interpreter (dateutil.rrule included), median."""
    import subprocess

    runs = [float(subprocess.run([sys.executable, "-c", IMPORT], capture_output=True, text=True, check=True).stdout)
            for _ in range(max(3, reps // 3))]
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reps", type=int, default=15)
    p.add_argument("--json", metavar="OUT")
    args = p.parse_args(argv)

    import make_year

    from vatui.core.clock import FixedClock
    from vatui.store import Store

    folder = Path(tempfile.mkdtemp(prefix="recurrence-bench-"))
    make_year.build(folder / "year.json")
    store = Store(folder / "year.json", clock=FixedClock(make_year.NOW))
    zone = make_year.MY_ZONE.key
    now = make_year.NOW + timedelta(days=3)  # a long weekend closed: some series have come due

    from vatui.core import block_series, series
    from vatui.store.block_series import load
    t_import = _import_ms(args.reps)

    tasks = store.tasks.all()
    clients = {c.id: c for c in store.clients.all()}
    repeating = [t for t in tasks if t.repeat is not None and t.is_open]

    def zone_of(t):  # noqa: ANN001, ANN202
        return t.due_zone or (clients[t.client_id].tz if t.client_id in clients else zone)

    all_series = load(store)
    today = now.astimezone(make_year.MY_ZONE).date()
    task_ms, block_ms, moved, laid = [], [], 0, 0
    for _ in range(args.reps):
        t0 = time.perf_counter()
        updates, superseded, new = series.settle(tasks, now, zone_of)
        task_ms.append((time.perf_counter() - t0) * 1000)
        moved = len(updates) + len(superseded) + len(new)
        t0 = time.perf_counter()
        laid = 0
        for s in all_series:
            from dataclasses import replace
            _s2, blocks = block_series.lay_out(replace(s, through=today - timedelta(days=15)),
                                               block_series.horizon(today), zone)
            laid += len(blocks)
        block_ms.append((time.perf_counter() - t0) * 1000)
    result = {
        "open_tasks": sum(t.is_open for t in tasks), "repeating_tasks": len(repeating), "moved": moved,
        "block_series": len(all_series), "blocks_laid_out": laid, "import_ms": round(t_import, 2),
        "tasks_ms_median": round(statistics.median(task_ms), 2), "blocks_ms_median": round(statistics.median(block_ms), 2),
    }
    result["total_ms"] = round(result["import_ms"] + result["tasks_ms_median"] + result["blocks_ms_median"], 2)
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
