"""vatui's benchmark: vatui against a bare Textual app of the same shape, in one run.

    python benchmarks/run.py                     # everything, 5 repeats (~11 minutes)
    python benchmarks/run.py --quick             # a rough picture in about a minute
    python benchmarks/run.py --parts startup,keys --repeats 9

Both apps run in a real pseudo-terminal at 120x36 (pexpect); their output is fed to a terminal
emulator (pyte) so "on screen" means what a user would see. The harness answers Textual's
synchronized-output query like a modern terminal does, so each frame arrives between
`ESC[?2026h` and `ESC[?2026l` and a frame is judged only once it is complete.

Parts (--parts, default all):
- startup: spawn until the cockpit is on screen (the four pane titles and the footer visible,
  then no output for 0.3 s; the figure is the time of the last byte before that quiet spell),
  for the bare app, `vatui --demo`, vatui on a new empty file and vatui on the heavy year
  (a copy of benchmarks/make_year.py's file per run). Peak memory (VmHWM) is read from each of
  those processes just before it quits.
- keys: in the heavy-year sessions and the bare app: key-to-screen latency, from writing the
  key to the pty until the screen (rows 1.., i.e. all but the top bar with the ticking clock)
  differs from what it was: moving through the queue (3, then down/up), switching panes (1 2 4 3),
  opening a form (--form-key, default `a`, in the queue pane; Escape closes it) and opening the
  help screen (?). A key the app does not answer within --key-timeout counts as a miss; two
  misses in a row and that scenario is "n/a" (a placeholder pane).
- idle: bytes per second written to the terminal over --idle-seconds after start-up, vatui on
  the heavy year with no timer running, vatui with a Pomodoro running (started with
  `vatui pomodoro start` (--pomodoro-cmd) if this vatui has it, else "n/a"), and the bare app (whose
  clock always ticks).
- store: benchmarks/store_bench.py at --store-scales (open, task edit, entry insert).
- profile: one heavy-year start under cProfile: how much of start-up is the store.

vatui's modules are byte-compiled first (compileall), as pip does when it installs the wheel:
with an editable install and PYTHONDONTWRITEBYTECODE set, every start would otherwise compile
vatui's ~90 modules from source, which no installed vatui does (about 100 ms of each start).

Figures go to stdout as one table, and to benchmarks/out/bench-<time>.json (or --out).
The machine matters: compare ratios against the bare app from the same run, not raw figures
across runs.

The pieces: pty_screen.py (the terminal), sessions.py (starting an app, keys, idle output),
results_table.py (the targets and the table); store_bench.py is the store part.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import store_bench  # noqa: E402
from pty_screen import COLS, ROWS  # noqa: E402
from results_table import judge, scale_key, table  # noqa: E402
from sessions import (  # noqa: E402
    PARTS,
    Env,
    HarnessError,
    Opts,
    argv_for,
    idle_bytes,
    key_scenarios,
    median,
    pomodoro_command,
    rounded,
    start,
    summarise_keys,
    vatui_exe,
)
from store_bench import vm_kib, year_file  # noqa: E402

# --- the parts ---------------------------------------------------------------------------------


def part_startup_keys(opts: Opts, env: Env, log: Callable[[str], None]) -> dict[str, Any]:
    apps = ["bare", "vatui_demo", "vatui_empty", "vatui_heavy"]
    startup: dict[str, list[float]] = {a: [] for a in apps}
    visible: dict[str, list[float]] = {a: [] for a in apps}
    memory: dict[str, list[float]] = {a: [] for a in apps}
    keys: dict[str, dict[str, list[float | None]]] = {"bare": {}, "vatui_heavy": {}}
    do_startup, do_keys = "startup" in opts.parts, "keys" in opts.parts
    for run in range(opts.repeats):
        # Interleaved, so that the machine's drift touches every app alike.
        for app in apps if do_startup else ["bare", "vatui_heavy"]:
            term, times = start(argv_for(app, env, run), env, opts)
            try:
                startup[app].append(times["startup_s"])
                visible[app].append(times["visible_s"])
                if do_keys and app in keys:
                    for name, values in key_scenarios(term, opts).items():
                        keys[app].setdefault(name, []).extend(values)
                hwm = vm_kib("VmHWM", term.pid)
                if hwm:
                    memory[app].append(hwm / 1024)
            finally:
                term.quit()
            log(f"  run {run + 1}/{opts.repeats} {app:<12} start-up {times['startup_s'] * 1000:7.0f} ms")
    # Each run's own ratio (its bare start was taken just before): drift from one run to the next
    # (the bare app's start-up moved between 333 and 520 ms within one run of 9) cancels out.
    paired = {a: rounded(median([v / b for v, b in zip(startup[a], startup["bare"]) if b]), 3)
              for a in apps if a != "bare" and startup[a]}
    return {
        "startup": {a: {"median_s": rounded(median(startup[a]), 4), "visible_median_s": rounded(median(visible[a]), 4),
                        "runs_s": [round(v, 4) for v in startup[a]],
                        **({"paired_ratio_median": paired[a]} if a in paired else {})}
                    for a in apps} if do_startup else None,
        "memory": {a: {"vmhwm_median_mib": rounded(median(memory[a]), 1)} for a in apps} if do_startup else None,
        "keys": {a: summarise_keys(keys[a]) for a in keys} if do_keys else None,
    }


def part_idle(opts: Opts, env: Env, log: Callable[[str], None]) -> dict[str, Any]:
    out: dict[str, Any] = {"seconds": opts.idle_seconds}
    term, _ = start(argv_for("bare", env, 0), env, opts)
    try:
        out["bare"] = idle_bytes(term, opts.idle_seconds)
    finally:
        term.quit()
    log(f"  idle bare: {out['bare']['bytes_per_s']} B/s")
    term, _ = start(argv_for("vatui_heavy", env, 100), env, opts)
    try:
        out["vatui_no_timer"] = idle_bytes(term, opts.idle_seconds)
    finally:
        term.quit()
    log(f"  idle vatui, no timer: {out['vatui_no_timer']['bytes_per_s']} B/s")
    db = env.data_copy("pomodoro")
    why_not = pomodoro_command(env, db, opts.pomodoro_cmd)
    out["pomodoro_note"] = why_not
    if why_not is None:
        term, _ = start([vatui_exe(), "--db", str(db)], env, opts)
        try:
            out["vatui_pomodoro"] = idle_bytes(term, opts.idle_seconds)
        finally:
            term.quit()
        log(f"  idle vatui, Pomodoro running: {out['vatui_pomodoro']['bytes_per_s']} B/s")
    else:
        out["vatui_pomodoro"] = None
        log(f"  idle vatui, Pomodoro running: n/a ({why_not})")
    return out


def part_profile(opts: Opts, env: Env, log: Callable[[str], None]) -> dict[str, Any]:
    """One heavy-year start under cProfile: cumulative time in the store vs everything else."""
    prof = env.folder / "startup.prof"
    argv = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "vatui", "--db", str(env.data_copy("profile"))]
    term, times = start(argv, env, opts)
    term.quit()
    if not prof.exists():
        return {"note": "cProfile wrote no profile"}
    stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]

    def cum(match: Callable[[str, str], bool]) -> float:
        # The outermost matching call's cumulative time: summing would count nested calls twice.
        return max((v[3] for (f, _line, name), v in stats.items() if match(f.replace("\\", "/"), name)), default=0.0)

    def total(match: Callable[[str, str], bool]) -> float:
        return sum(v[3] for (f, _line, name), v in stats.items() if match(f.replace("\\", "/"), name))

    store_open = cum(lambda f, n: f.endswith("vatui/store/store.py") and n == "_load")
    return {
        "startup_under_profiler_s": rounded(times["startup_s"], 3),
        "store_load_ms": rounded(store_open * 1000, 1),
        "parse_ms": rounded(total(lambda f, n: "orjson" in n and "loads" in n) * 1000, 1),
        "decode_ms": rounded(total(lambda f, n: f.endswith("vatui/store/codec.py") and n == "decode") * 1000, 1),
        "app_run_ms": rounded(cum(lambda f, n: f.endswith("textual/app.py") and n == "run") * 1000, 1),
        "note": "cProfile slows Python code (the decoding most); read the shares, not the absolute times",
    }


# --- main --------------------------------------------------------------------------------------


def compile_vatui() -> bool:
    """Byte-compile vatui as an install would (see the module's docstring). True if all compiled."""
    import compileall

    import vatui

    return bool(compileall.compile_dir(str(Path(vatui.__file__).parent), quiet=2))


def run(opts: Opts, log: Callable[[str], None] = lambda s: print(s, file=sys.stderr, flush=True)) -> dict[str, Any]:
    compiled = compile_vatui()
    results: dict[str, Any] = {
        "meta": {**meta(opts), "vatui_byte_compiled": compiled},
        "startup": None, "memory": None, "keys": None, "idle": None, "store": None,
        "profile": None,
    }
    needs_year = {"startup", "keys", "idle", "profile"} & set(opts.parts)
    year = year_file(opts.scale, opts.seed, opts.out_dir) if needs_year else None
    env = Env(year)
    try:
        if {"startup", "keys"} & set(opts.parts):
            log("start-up, memory and keys ...")
            results.update(part_startup_keys(opts, env, log))
        if "idle" in opts.parts and opts.idle_seconds > 0:
            log(f"idle output, {opts.idle_seconds:g} s each ...")
            results["idle"] = part_idle(opts, env, log)
        if "profile" in opts.parts:
            log("profiling a heavy-year start ...")
            results["profile"] = part_profile(opts, env, log)
        if "store" in opts.parts:
            log(f"store at {', '.join(scale_key(s) for s in opts.store_scales)} ...")
            results["store"] = store_bench.run(list(opts.store_scales), opts.store_reps, opts.seed, opts.out_dir)
    finally:
        env.cleanup()
    results["targets"] = judge(results)
    return results


def meta(opts: Opts) -> dict[str, Any]:
    import textual

    import vatui

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=False).stdout.strip() or None
    except OSError:
        commit = None
    return {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "commit": commit,
        "vatui": vatui.__version__, "textual": textual.__version__, "python": platform.python_version(),
        "cpus": os.cpu_count(), "load_avg": [round(x, 2) for x in os.getloadavg()], "terminal": f"{COLS}x{ROWS}",
        "scale": opts.scale, "seed": opts.seed, "repeats": opts.repeats, "presses": opts.presses,
        "idle_seconds": opts.idle_seconds, "store_scales": list(opts.store_scales), "store_reps": opts.store_reps,
        "form_key": opts.form_key, "pomodoro_cmd": opts.pomodoro_cmd, "parts": list(opts.parts),
    }


def parse_args(argv: list[str] | None) -> tuple[Opts, Path | None]:
    p = argparse.ArgumentParser(description="vatui's benchmark: vatui against a bare Textual app, in one run.")
    p.add_argument("--quick", action="store_true",
                   help="2 repeats, 4 presses, 5 s idle, store at 1x only, 10 store reps (a rough picture)")
    p.add_argument("--parts", help=f"comma-separated parts to run (default all: {','.join(PARTS)})")
    p.add_argument("--repeats", type=int, help="start-ups per app (default 5)")
    p.add_argument("--presses", type=int, help="presses per key scenario per session (default 10)")
    p.add_argument("--key-timeout", type=float, help="seconds before a key counts as not answered (default 1.5)")
    p.add_argument("--idle-seconds", type=float,
                   help="seconds of idle output measured (default 60, one whole minute; 0 skips idle)")
    p.add_argument("--scale", type=float, help="size of the heavy year the cockpit opens (default 1)")
    p.add_argument("--store-scales", help="comma-separated store benchmark scales (default 1,10)")
    p.add_argument("--store-reps", type=int, help="edits and inserts per scale (default 30)")
    p.add_argument("--seed", type=int, help="heavy-year seed (default 8)")
    p.add_argument("--form-key", help="the key that opens a form in the queue pane (default a)")
    p.add_argument("--pomodoro-cmd", help="the vatui command that starts a Pomodoro (default: pomodoro start)")
    p.add_argument("--out", type=Path, help="JSON file to write (default benchmarks/out/bench-<time>.json)")
    p.add_argument("--work-dir", type=Path, help="where generated heavy years are cached (default benchmarks/out)")
    a = p.parse_args(argv)
    opts = Opts()
    if a.quick:
        opts = Opts(repeats=2, presses=4, key_timeout=1.0, idle_seconds=5, store_scales=(1.0,), store_reps=10)
    if a.parts:
        parts = tuple(x.strip() for x in a.parts.split(",") if x.strip())
        unknown = set(parts) - set(PARTS)
        if unknown:
            p.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
        opts.parts = parts
    for name in ("repeats", "presses", "key_timeout", "idle_seconds", "scale", "store_reps", "seed", "form_key",
                 "pomodoro_cmd"):
        if getattr(a, name) is not None:
            setattr(opts, name, getattr(a, name))
    if a.store_scales:
        opts.store_scales = tuple(float(s) for s in a.store_scales.split(","))
    if a.work_dir:
        opts.out_dir = a.work_dir
    if opts.repeats < 1 or opts.presses < 1:
        p.error("--repeats and --presses must be at least 1")
    return opts, a.out


def main(argv: list[str] | None = None) -> int:
    opts, out = parse_args(argv)
    try:
        results = run(opts)
    except HarnessError as exc:
        print(f"benchmark: {exc}", file=sys.stderr)
        return 1
    out = out or opts.out_dir / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    m = results["meta"]
    print(f"vatui {m['vatui']} ({m['commit']}), textual {m['textual']}, Python {m['python']}, {m['cpus']} CPUs, "
          f"load {m['load_avg']}, {m['terminal']}, {m['repeats']} repeats")
    print(table(results))
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
