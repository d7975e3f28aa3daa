"""What the store costs on a heavy year: opening the file, one task edit, one time-entry insert.

    python benchmarks/store_bench.py [--scales 1,10] [--reps 30] [--json OUT.json]

For each scale a heavy year is generated (benchmarks/make_year.py, cached in benchmarks/out/)
and measured in a fresh interpreter of its own, so one scale's memory does not colour the next:

- open: `Store(path)`, split into reading the bytes, parsing them (orjson) and decoding every
  record into a model (codec.decode), as the store does at start-up; and the memory it holds
  (VmRSS after minus before);
- edit: `store.tasks.update(...)` of an open task, p50/p95 over --reps, through a store opened
  as the cockpit opens it (journal=True: each change is one appended, fsynced journal line);
- insert: `store.entries.add(...)`, p50/p95 over --reps;
- the parts of a whole rewrite: orjson.dumps of the whole data and write + fsync + rename of that
  many bytes (what a one-shot command's change pays, and a cockpit's when its journal is full);
- first write of the day: it also copies the whole file to backups/ and rewrites it whole;
- close: folding the journal the edits and inserts left into the file (the cockpit's quit).

The target (issue 8): a task edit on the heavy year p95 under one frame at 60 Hz (16.7 ms).
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE / "out"
if str(HERE) not in sys.path:  # make_year sits beside this file
    sys.path.insert(0, str(HERE))
FRAME_MS = 1000 / 60


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100) of `values`; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def year_file(scale: float, seed: int = 8, out_dir: Path = OUT_DIR) -> Path:
    """The cached heavy year for `scale`, (re)generated when missing or older than make_year.py."""
    from make_year import build

    path = out_dir / f"year-{scale:g}x-seed{seed}.json"
    if not path.exists() or path.stat().st_mtime < (HERE / "make_year.py").stat().st_mtime:
        info = build(path, scale=scale, seed=seed)
        print(f"  generated {path.name}: {info['bytes'] / 1e6:.1f} MB in {info['total_s']:.1f} s", file=sys.stderr)
    return path


def vm_kib(field: str, pid: int | str = "self") -> int | None:
    """A VmXXX line of /proc/PID/status in KiB (Linux only; None elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def measure_file(source: Path, reps: int) -> dict[str, object]:
    """Measure one data file (copied to a temp folder first: the store writes to it)."""
    import orjson
    from make_year import NOW

    from vatui.core.clock import FixedClock
    from vatui.core.models import Status, TimeEntry
    from vatui.store import Store, codec
    from vatui.store.atomic import atomic_write_bytes
    from vatui.store.journal import journal_path
    from vatui.store.schema import RECORD_TABLES

    work = Path(tempfile.mkdtemp(prefix="vatui-store-bench-"))
    try:
        path = work / "year.json"
        shutil.copyfile(source, path)
        out: dict[str, object] = {"file_bytes": path.stat().st_size}

        # The real thing first (so the memory figure is not muddled by the steps below).
        rss_before = vm_kib("VmRSS")
        t0 = time.perf_counter()
        store = Store(path, clock=FixedClock(NOW), journal=True)
        out["open_ms"] = _ms(time.perf_counter() - t0)
        rss_after = vm_kib("VmRSS")
        out["open_rss_mib"] = round((rss_after - rss_before) / 1024, 1) if rss_before and rss_after else None

        # The same start-up again, step by step, the way Store._load does it.
        t0 = time.perf_counter()
        raw = path.read_bytes()
        t1 = time.perf_counter()
        data = orjson.loads(raw)
        t2 = time.perf_counter()
        decoded = {t: [codec.decode(t, v, int(k)) for k, v in data.get(t, {}).items()] for t in RECORD_TABLES}
        t3 = time.perf_counter()
        out["records"] = {t: len(v) for t, v in decoded.items()}
        out["read_ms"], out["parse_ms"], out["decode_ms"] = _ms(t1 - t0), _ms(t2 - t1), _ms(t3 - t2)
        del decoded, data, raw

        # One write pays for this whatever it changes: serialise everything, write, fsync, rename.
        whole = orjson.loads(path.read_bytes())
        t0 = time.perf_counter()
        blob = orjson.dumps(whole)
        out["dumps_ms"] = _ms(time.perf_counter() - t0)
        scratch = work / "scratch.json"
        t0 = time.perf_counter()
        atomic_write_bytes(scratch, blob)
        out["write_fsync_ms"] = _ms(time.perf_counter() - t0)
        del whole, blob

        open_tasks = sorted((t for t in store.tasks.all() if t.status is not Status.DONE), key=lambda t: t.id)
        client_id = store.clients.all()[0].id

        # The first write of the day also copies the file to backups/.
        t0 = time.perf_counter()
        store.tasks.update(replace(open_tasks[0], notes="first edit of the day"))
        out["first_write_of_day_ms"] = _ms(time.perf_counter() - t0)

        edits: list[float] = []
        for n in range(reps):
            task = open_tasks[(n * 37) % len(open_tasks)]
            changed = replace(task, title=f"{task.title} ({n})"[:200])
            t0 = time.perf_counter()
            store.tasks.update(changed)
            edits.append(time.perf_counter() - t0)
        inserts: list[float] = []
        for n in range(reps):
            start = NOW - timedelta(minutes=30 * (n + 1))
            entry = TimeEntry(start=start, end=start + timedelta(minutes=25), client_id=client_id, source="pomodoro")
            t0 = time.perf_counter()
            store.entries.add(entry)
            inserts.append(time.perf_counter() - t0)
        for name, values in (("edit", edits), ("insert", inserts)):
            out[f"{name}_p50_ms"] = _ms(percentile(values, 50))
            out[f"{name}_p95_ms"] = _ms(percentile(values, 95))
        journal = journal_path(path)
        out["journal_bytes"] = journal.stat().st_size if journal.exists() else 0
        t0 = time.perf_counter()
        store.close()
        out["close_ms"] = _ms(time.perf_counter() - t0)
        out["reps"] = reps
        out["peak_rss_mib"] = round((vm_kib("VmHWM") or 0) / 1024, 1) or None
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(scales: list[float], reps: int, seed: int = 8, out_dir: Path = OUT_DIR) -> dict[str, dict[str, object]]:
    """Each scale measured in its own interpreter. Returns {"1x": {...}, "10x": {...}}."""
    results: dict[str, dict[str, object]] = {}
    for scale in scales:
        path = year_file(scale, seed, out_dir)
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--one", str(path), "--reps", str(reps)],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"store bench failed on {path}:\n{proc.stderr}")
        results[f"{scale:g}x"] = json.loads(proc.stdout)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Store cost on a heavy year: open, task edit, entry insert.")
    parser.add_argument("--scales", default="1,10", help="comma-separated scales of the heavy year (default 1,10)")
    parser.add_argument("--reps", type=int, default=30, help="edits and inserts per scale (default 30)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # internal: measure one file, print JSON
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_file(args.one, args.reps)))
        return 0
    results = run([float(s) for s in args.scales.split(",")], args.reps, args.seed)
    for scale, r in results.items():
        print(f"{scale:>5}: {r['file_bytes'] / 1e6:6.1f} MB  open {r['open_ms']:8.1f} ms (parse {r['parse_ms']:.0f}, "
              f"decode {r['decode_ms']:.0f})  +{r['open_rss_mib']} MiB  edit p50/p95 {r['edit_p50_ms']:.1f}/"
              f"{r['edit_p95_ms']:.1f} ms  insert p50/p95 {r['insert_p50_ms']:.1f}/{r['insert_p95_ms']:.1f} ms  "
              f"(dumps {r['dumps_ms']:.1f} + write/fsync {r['write_fsync_ms']:.1f}; first of day "
              f"{r['first_write_of_day_ms']:.1f}; close {r['close_ms']:.1f} after a "
              f"{r['journal_bytes'] / 1e3:.0f} KB journal)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
