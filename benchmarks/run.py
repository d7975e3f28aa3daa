"""vatui's benchmark: vatui against a bare Textual app of the same shape, in one run.

    python benchmarks/run.py                     # everything, 5 repeats (~6 minutes)
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
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import select
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import store_bench  # noqa: E402
from store_bench import percentile, vm_kib, year_file  # noqa: E402

try:
    import pexpect
    import pyte
except ImportError:  # pragma: no cover - said plainly rather than as a traceback
    sys.exit("The benchmark needs pexpect and pyte: pip install -e '.[bench]'")

COLS, ROWS = 120, 36
TITLES = ("1 World clock", "2 Today's blocks", "3 Task queues", "4 Pomodoro")
FOOTER_WORD = "Quit"
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"  # "supported, currently off", as kitty, WezTerm, iTerm2, foot... answer
SYNC_START, SYNC_END = b"\x1b[?2026h", b"\x1b[?2026l"
KEYS = {"down": b"\x1b[B", "up": b"\x1b[A", "escape": b"\x1b"}
PARTS = ("startup", "keys", "idle", "store", "profile")
FRAME_MS = 1000 / 60

# The targets of issue 8: (key, what, limit, kind). kind "ratio": vatui/bare <= limit;
# "max": vatui <= limit (absolute); "bare": vatui <= bare's figure.
TARGETS = [
    ("startup_demo", "start-up, demo data", 1.6, "ratio"),
    ("startup_heavy", "start-up, heavy year", 2.0, "ratio"),
    ("keys_p95_heavy", "key-to-screen p95, heavy year", 3.0, "ratio"),
    ("idle_no_timer", "idle bytes/s, no timer", 60.0, "max"),
    ("idle_pomodoro", "idle bytes/s, Pomodoro running", None, "bare"),
    ("memory_heavy", "peak memory, heavy year", 2.0, "ratio"),
    ("store_edit_p95_1x", "store task edit p95, 1x", FRAME_MS, "max"),
]


class HarnessError(RuntimeError):
    pass


def vatui_exe() -> str:
    exe = Path(sys.executable).with_name("vatui")
    return str(exe) if exe.exists() else shutil.which("vatui") or "vatui"


# --- the terminal ------------------------------------------------------------------------------


class Term:
    """A child process in a pseudo-terminal, its output rendered by pyte."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path | None = None) -> None:
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.nbytes = 0
        self.last_output: float | None = None
        self.in_frame = False  # between a sync start and its end
        self.eof = False
        self.frames = 0  # synchronized frames seen
        self._tail = b""
        self._pending: list[bytes] = []
        self.t0 = time.perf_counter()
        self.child = pexpect.spawn(argv[0], argv[1:], env=env, cwd=str(cwd or ROOT), dimensions=(ROWS, COLS),
                                   echo=False)
        self.fd = self.child.child_fd
        self.pid = self.child.pid

    def pump(self, timeout: float) -> bool:
        """Read what arrives within `timeout` seconds (one read). True if anything came.

        pyte is slow (a full frame takes it tens of ms), so bytes are only stamped and kept while
        a frame is arriving, and fed to pyte once the frame is complete: the time stamps are
        those of the reads, not of our parsing."""
        if self.eof:
            return False
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            data = b""
        if not data:
            self.eof = True
            self._feed()
            return False
        self.last_output = time.perf_counter()
        self.nbytes += len(data)
        seen = self._tail + data
        if SYNC_QUERY in seen:
            os.write(self.fd, SYNC_REPLY)
        start, end = seen.rfind(SYNC_START), seen.rfind(SYNC_END)
        if start >= 0 or end >= 0:
            self.in_frame = start > end
        self.frames += data.count(SYNC_END)
        self._tail = seen[-16:]
        self._pending.append(data)
        if not self.in_frame:
            self._feed()
        return True

    def _feed(self) -> None:
        if self._pending:
            self.stream.feed(b"".join(self._pending))
            self._pending.clear()

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def state(self) -> tuple[tuple[Any, ...], ...]:
        """Every cell (character and attributes) below the top row."""
        buf = self.screen.buffer
        return tuple(tuple(buf[y][x] for x in range(COLS)) for y in range(1, ROWS))

    def wait_until(self, predicate: Callable[[], bool], timeout: float) -> float | None:
        """The time of the first complete frame after which `predicate()` holds, or None."""
        end = time.perf_counter() + timeout
        while (left := end - time.perf_counter()) > 0:
            if self.pump(min(left, 0.05)) and not self.in_frame and predicate():
                return self.last_output
            if self.eof:
                return None
        return None

    def settle(self, quiet: float, timeout: float = 10.0) -> float | None:
        """Read until no output for `quiet` seconds; the time of the last output."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if not self.pump(quiet):
                return self.last_output
        return self.last_output

    def drain(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            self.pump(left)

    def send(self, key: str) -> float:
        data = KEYS.get(key, key.encode())
        t = time.perf_counter()
        os.write(self.fd, data)
        return t

    def cpu_seconds(self) -> float | None:
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def quit(self) -> None:
        """Quit with q (so a profiler gets to write its file); Escape first if a screen is open."""
        for keys in (["q"], ["escape", "q"]):
            if self.eof:
                break
            try:
                for key in keys:
                    self.send(key)
                    self.drain(0.15)
            except OSError:
                break
            end = time.perf_counter() + 3
            while not self.eof and time.perf_counter() < end:
                self.pump(0.1)
        self.child.close(force=True)


def cockpit_visible(text: str) -> bool:
    lines = text.splitlines()
    return all(t in text for t in TITLES) and bool(lines) and FOOTER_WORD in lines[-1]


# --- sessions ----------------------------------------------------------------------------------


@dataclass
class Opts:
    repeats: int = 5
    presses: int = 10
    key_timeout: float = 1.5
    idle_seconds: float = 30.0
    store_scales: tuple[float, ...] = (1.0, 10.0)
    store_reps: int = 30
    scale: float = 1.0
    seed: int = 8
    form_key: str = "a"
    pomodoro_cmd: str = "pomodoro start"
    startup_timeout: float = 60.0
    parts: tuple[str, ...] = PARTS
    out_dir: Path = HERE / "out"


@dataclass
class Env:
    """A private folder per run: config, data copies, XDG dirs (nothing of the user's is read)."""

    year: Path | None
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="vatui-bench-")))

    def vars(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "VATUI_", "NO_COLOR"))}
        env.update(TERM="xterm-256color", COLORTERM="truecolor", TZ="Europe/Bucharest", LANG="C.UTF-8",
                   VATUI_CONFIG=str(self.folder / "config" / "config.toml"),
                   XDG_DATA_HOME=str(self.folder / "xdg-data"), XDG_CONFIG_HOME=str(self.folder / "xdg-config"))
        for name in ("TMUX", "COLUMNS", "LINES"):  # COLUMNS/LINES would override the pty's size
            env.pop(name, None)
        return env

    def data_copy(self, name: str) -> Path:
        target = self.folder / name / "vatui.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.year is not None:
            shutil.copyfile(self.year, target)
        return target

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def argv_for(app: str, env: Env, run: int) -> list[str]:
    if app == "bare":
        return [sys.executable, str(HERE / "bare_app.py")]
    if app == "vatui_demo":
        return [vatui_exe(), "--demo"]
    if app == "vatui_empty":
        return [vatui_exe(), "--db", str(env.folder / f"empty-{run}" / "vatui.json")]
    if app == "vatui_heavy":
        return [vatui_exe(), "--db", str(env.data_copy(f"heavy-{run}"))]
    raise ValueError(app)


def start(argv: list[str], env: Env, opts: Opts) -> tuple[Term, dict[str, float]]:
    term = Term(argv, env.vars())
    seen = term.wait_until(lambda: cockpit_visible(term.text()), opts.startup_timeout)
    if seen is None:
        screen = term.text()
        term.quit()
        raise HarnessError(f"{' '.join(argv)} did not show the cockpit within {opts.startup_timeout:.0f} s. "
                           f"Screen:\n{screen}")
    settled = term.settle(0.3) or seen
    return term, {"visible_s": seen - term.t0, "startup_s": settled - term.t0}


def press_once(term: Term, key: str, opts: Opts, *, close: str | None = None) -> float | None:
    """Latency in seconds from writing `key` until the screen changed; None if it did not."""
    term.settle(0.12, timeout=3)
    before = term.state()
    sent = term.send(key)
    shown = term.wait_until(lambda: term.state() != before, opts.key_timeout)
    if close is not None and shown is not None:
        term.settle(0.12, timeout=3)
        term.send(close)
        term.wait_until(lambda: term.state() == before, 3)
    return None if shown is None else shown - sent


def key_scenarios(term: Term, opts: Opts) -> dict[str, list[float | None]]:
    """Each scenario's latencies (None = no change on screen)."""
    out: dict[str, list[float | None]] = {}
    plans: list[tuple[str, list[str], Callable[[int], tuple[str, str | None]]]] = [
        ("queue", ["3"], lambda n: ("down" if n % 2 == 0 else "up", None)),
        ("panes", [], lambda n: ("1243"[n % 4], None)),
        ("form", ["3"], lambda n: (opts.form_key, "escape")),
        ("help", [], lambda n: ("?", "escape")),
    ]
    for name, setup, plan in plans:
        for key in setup:
            term.send(key)
            term.settle(0.2, timeout=3)
        values: list[float | None] = []
        for n in range(opts.presses):
            key, close = plan(n)
            values.append(press_once(term, key, opts, close=close))
            if n >= 1 and values[-1] is None and values[-2] is None:
                break  # not answered twice in a row: this app has nothing there (yet)
        out[name] = values
    return out


def summarise_keys(samples: dict[str, list[float | None]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    everything: list[float] = []
    for name, values in samples.items():
        got = [v * 1000 for v in values if v is not None]
        answered = bool(got)
        if answered:
            everything += got
        out[name] = {"p50_ms": _r(percentile(got, 50)), "p95_ms": _r(percentile(got, 95)), "n": len(got),
                     "misses": sum(v is None for v in values), "answered": answered,
                     "samples_ms": [None if v is None else round(v * 1000, 1) for v in values]}
    out["all"] = {"p50_ms": _r(percentile(everything, 50)), "p95_ms": _r(percentile(everything, 95)),
                  "n": len(everything)}
    return out


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def idle_bytes(term: Term, seconds: float) -> dict[str, float | None]:
    term.settle(0.5, timeout=5)
    bytes0, frames0, cpu0, t0 = term.nbytes, term.frames, term.cpu_seconds(), time.perf_counter()
    term.drain(seconds)
    elapsed = time.perf_counter() - t0
    cpu1 = term.cpu_seconds()
    return {"bytes_per_s": round((term.nbytes - bytes0) / elapsed, 1),
            "frames_per_s": round((term.frames - frames0) / elapsed, 2),
            "cpu_percent": round(100 * (cpu1 - cpu0) / elapsed, 2) if cpu0 is not None and cpu1 is not None else None}


def pomodoro_command(env: Env, db: Path, command: str) -> str | None:
    """Start a Pomodoro through the CLI (`vatui --db DB <command>`). Returns None if done, else why not."""
    exe, words = vatui_exe(), shlex.split(command)
    probe = subprocess.run([exe, *words[:2], "--help"], env=env.vars(), capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        return f"this vatui has no `vatui {' '.join(words[:2])}`"
    run = subprocess.run([exe, "--db", str(db), *words], env=env.vars(), capture_output=True, text=True, check=False)
    if run.returncode != 0:
        return f"`vatui {command}` failed: {(run.stderr or run.stdout).strip()[:200]}"
    return None


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
    return {
        "startup": {a: {"median_s": _r(_median(startup[a]), 4), "visible_median_s": _r(_median(visible[a]), 4),
                        "runs_s": [round(v, 4) for v in startup[a]]} for a in apps} if do_startup else None,
        "memory": {a: {"vmhwm_median_mib": _r(_median(memory[a]), 1)} for a in apps} if do_startup else None,
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
        "startup_under_profiler_s": _r(times["startup_s"], 3),
        "store_load_ms": _r(store_open * 1000, 1),
        "parse_ms": _r(total(lambda f, n: "orjson" in n and "loads" in n) * 1000, 1),
        "decode_ms": _r(total(lambda f, n: f.endswith("vatui/store/codec.py") and n == "decode") * 1000, 1),
        "app_run_ms": _r(cum(lambda f, n: f.endswith("textual/app.py") and n == "run") * 1000, 1),
        "note": "cProfile slows Python code (the decoding most); read the shares, not the absolute times",
    }


# --- the table and the targets -----------------------------------------------------------------


def judge(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The targets of issue 8, each with vatui's figure, the bare app's, the ratio and pass/fail."""
    st, mem, keys, idle, store = (results.get(k) or {} for k in ("startup", "memory", "keys", "idle", "store"))

    def get(d: Any, *path: str) -> Any:
        for p in path:
            if not isinstance(d, dict):
                return None
            d = d.get(p)
        return d

    figures = {
        "startup_demo": (get(st, "vatui_demo", "median_s"), get(st, "bare", "median_s"), "s"),
        "startup_heavy": (get(st, "vatui_heavy", "median_s"), get(st, "bare", "median_s"), "s"),
        "keys_p95_heavy": (get(keys, "vatui_heavy", "all", "p95_ms"), get(keys, "bare", "all", "p95_ms"), "ms"),
        "idle_no_timer": (get(idle, "vatui_no_timer", "bytes_per_s"), get(idle, "bare", "bytes_per_s"), "B/s"),
        "idle_pomodoro": (get(idle, "vatui_pomodoro", "bytes_per_s"), get(idle, "bare", "bytes_per_s"), "B/s"),
        "memory_heavy": (get(mem, "vatui_heavy", "vmhwm_median_mib"), get(mem, "bare", "vmhwm_median_mib"), "MiB"),
        "store_edit_p95_1x": (get(store, _scale_key(1.0), "edit_p95_ms"), None, "ms"),
    }
    rows = []
    for key, what, limit, kind in TARGETS:
        vatui, bare, unit = figures[key]
        ratio = round(vatui / bare, 2) if vatui is not None and bare else None
        if kind == "ratio":
            ok = None if ratio is None else ratio <= limit
            target = f"<= {limit:g}x bare"
        elif kind == "max":
            ok = None if vatui is None else vatui <= limit
            target = f"<= {limit:.4g} {unit}"
        else:
            ok = None if vatui is None or bare is None else vatui <= bare
            target = "<= bare"
        rows.append({"key": key, "what": what, "unit": unit, "vatui": vatui, "bare": bare, "ratio": ratio,
                     "target": target, "pass": ok})
    return rows


def _scale_key(scale: float) -> str:
    return f"{scale:g}x"


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value * 1000:.0f} ms"
    if isinstance(value, float):
        return f"{value:.1f}{' ' + unit if unit else ''}" if abs(value) < 1000 else f"{value:.0f} {unit}".strip()
    return f"{value} {unit}".strip()


def table(results: dict[str, Any]) -> str:
    """One table: every figure, vatui against bare, and the targets."""
    rows: list[list[str]] = []
    targets = {r["key"]: r for r in results["targets"]}

    def add(what: str, vatui: Any, bare: Any, unit: str, key: str | None = None) -> None:
        ratio = f"{vatui / bare:.2f}x" if isinstance(vatui, (int, float)) and isinstance(bare, (int, float)) and bare \
            else ""
        target = verdict = ""
        if key:
            t = targets[key]
            target = t["target"]
            verdict = {True: "PASS", False: "FAIL", None: "n/a"}[t["pass"]]
        rows.append([what, _fmt(vatui, unit), _fmt(bare, unit) if bare is not None or key else "", ratio, target,
                     verdict])

    st, mem, keys, idle = (results.get(k) for k in ("startup", "memory", "keys", "idle"))
    if st:
        add("start-up, demo data", st["vatui_demo"]["median_s"], st["bare"]["median_s"], "s", "startup_demo")
        add("start-up, new empty file", st["vatui_empty"]["median_s"], st["bare"]["median_s"], "s")
        add(f"start-up, heavy year {results['meta']['scale']:g}x", st["vatui_heavy"]["median_s"],
            st["bare"]["median_s"], "s", "startup_heavy")
    if keys:
        for name, label in (("queue", "queue down/up"), ("panes", "panes 1 2 4 3"), ("form", "open a form"),
                            ("help", "open help ?")):
            v, b = keys["vatui_heavy"].get(name, {}), keys["bare"].get(name, {})
            note = "" if v.get("answered", True) else " (no answer: placeholder?)"
            add(f"key p50, {label}{note}", v.get("p50_ms"), b.get("p50_ms"), "ms")
            add(f"key p95, {label}", v.get("p95_ms"), b.get("p95_ms"), "ms")
        add("key-to-screen p95, heavy year (all answered keys)", keys["vatui_heavy"]["all"]["p95_ms"],
            keys["bare"]["all"]["p95_ms"], "ms", "keys_p95_heavy")
    if idle:
        add(f"idle bytes/s, no timer ({idle['seconds']:g} s; bare ticks)", idle["vatui_no_timer"]["bytes_per_s"],
            idle["bare"]["bytes_per_s"], "B/s", "idle_no_timer")
        vp = idle.get("vatui_pomodoro") or {}
        add("idle bytes/s, Pomodoro running" + (" (no CLI)" if idle.get("pomodoro_note") else ""),
            vp.get("bytes_per_s"), idle["bare"]["bytes_per_s"], "B/s", "idle_pomodoro")
        add("idle CPU %, no timer", idle["vatui_no_timer"]["cpu_percent"], idle["bare"]["cpu_percent"], "%")
    if mem:
        add("peak memory, new empty file (VmHWM)", mem["vatui_empty"]["vmhwm_median_mib"],
            mem["bare"]["vmhwm_median_mib"], "MiB")
        add("peak memory, demo (VmHWM)", mem["vatui_demo"]["vmhwm_median_mib"], mem["bare"]["vmhwm_median_mib"], "MiB")
        add("peak memory, heavy year (VmHWM)", mem["vatui_heavy"]["vmhwm_median_mib"],
            mem["bare"]["vmhwm_median_mib"], "MiB", "memory_heavy")
    for scale, s in (results.get("store") or {}).items():
        key = "store_edit_p95_1x" if scale == "1x" else None
        add(f"store open, {scale} ({s['file_bytes'] / 1e6:.1f} MB; parse {s['parse_ms']:.0f} + decode "
            f"{s['decode_ms']:.0f} ms)", s["open_ms"], None, "ms")
        add(f"store task edit p50, {scale}", s["edit_p50_ms"], None, "ms")
        add(f"store task edit p95, {scale}", s["edit_p95_ms"], None, "ms", key)
        add(f"store entry insert p50 / p95, {scale}", f"{s['insert_p50_ms']:.1f} / {s['insert_p95_ms']:.1f}", None,
            "ms")
    prof = results.get("profile")
    if prof and "store_load_ms" in prof:
        add("cProfile, heavy start: Store() load (before the app)", prof["store_load_ms"], None, "ms")
        add("cProfile, heavy start: of which JSON parse / decode", f"{prof['parse_ms']:.0f} / {prof['decode_ms']:.0f}",
            None, "ms")
        add("cProfile, heavy start: App.run (Textual, to quit)", prof["app_run_ms"], None, "ms")
    headers = ["measure", "vatui", "bare", "ratio", "target", "result"]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


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
            log(f"store at {', '.join(_scale_key(s) for s in opts.store_scales)} ...")
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
    p.add_argument("--idle-seconds", type=float, help="seconds of idle output measured (default 30; 0 skips idle)")
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
