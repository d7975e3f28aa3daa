"""Time `vatui invoice create` on the heavy year (the issue's target: under 0.5 s).

    python benchmarks/invoice_bench.py [--runs 5] [--client NAME]

Builds the heavy year with make_year.py in a temp folder, then for each run copies it fresh and
times the whole command in a subprocess (interpreter start included), as a user would see it.
Prints each run and the median.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--client", default="Bondi Law")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vatui-invoice-bench-"))
    try:
        year = folder / "year.json"
        subprocess.run([sys.executable, str(HERE / "make_year.py"), str(year)], check=True, capture_output=True)
        config = folder / "config.toml"
        config.write_text('[me]\nzone = "Europe/Bucharest"\n', encoding="utf-8")
        env = {**os.environ, "VATUI_CONFIG": str(config)}
        times = []
        for n in range(args.runs):
            db = folder / f"run{n}.json"
            shutil.copyfile(year, db)
            began = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "vatui", "--db", str(db), "invoice", "create", "--client",
                                   args.client, "--date", "2026-11-23", "--to", "2026-11-23"],
                                  capture_output=True, text=True, env=env)
            took = time.perf_counter() - began
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            times.append(took)
            print(f"run {n + 1}: {took:.3f} s  {done.stdout.strip()}")
        print(f"median of {args.runs}: {statistics.median(times):.3f} s (target < 0.5 s)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
