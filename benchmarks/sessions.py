"""One app in the pseudo-terminal at a time: the private environment a run gets, starting an
app until the cockpit is on screen, timing keys to the screen, and measuring idle output.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pty_screen import Term
from store_bench import percentile

HERE = Path(__file__).resolve().parent
TITLES = ("1 World clock", "2 Today's blocks", "3 Task queues", "4 Pomodoro")
FOOTER_WORD = "Quit"
PARTS = ("startup", "keys", "idle", "store", "profile")


class HarnessError(RuntimeError):
    pass


def vatui_exe() -> str:
    exe = Path(sys.executable).with_name("vatui")
    return str(exe) if exe.exists() else shutil.which("vatui") or "vatui"


def cockpit_visible(text: str) -> bool:
    lines = text.splitlines()
    return all(t in text for t in TITLES) and bool(lines) and FOOTER_WORD in lines[-1]


@dataclass
class Opts:
    repeats: int = 5
    presses: int = 10
    key_timeout: float = 1.5
    # A whole minute: beyond the Pomodoro's seconds, everything the cockpit writes while idle
    # recurs once a minute (clocks, now-marker, the timer's minutes), so a 30 s window counts each
    # of those changes twice or not at all (0 vs 45 B/s for the same cockpit in two runs).
    idle_seconds: float = 60.0
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
        """A copy of the heavy year as a user's data is: the file and its archive beside it (the
        cockpit's first start of a day adds to the archive, so its size is part of what is measured)."""
        target = self.folder / name / "vatui.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.year is not None:
            shutil.copyfile(self.year, target)
            archive = self.year.with_name(f"{self.year.stem}.archive")
            if archive.is_dir():
                shutil.copytree(archive, target.with_name("vatui.archive"))
        return target

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def argv_for(app: str, env: Env, run: int) -> list[str]:
    if app == "bare":
        return [sys.executable, str(HERE / "bare_app.py")]
    if app == "vatui_demo":
        return [vatui_exe(), "--demo"]
    if app == "vatui_empty":
        folder = env.folder / f"empty-{run}"  # a --db file must be in a folder that exists
        folder.mkdir(parents=True, exist_ok=True)
        return [vatui_exe(), "--db", str(folder / "vatui.json")]
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
        out[name] = {"p50_ms": rounded(percentile(got, 50)), "p95_ms": rounded(percentile(got, 95)), "n": len(got),
                     "misses": sum(v is None for v in values), "answered": answered,
                     "samples_ms": [None if v is None else round(v * 1000, 1) for v in values]}
    out["all"] = {"p50_ms": rounded(percentile(everything, 50)), "p95_ms": rounded(percentile(everything, 95)),
                  "n": len(everything)}
    return out


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


# Idle is measured once the start-up notes are gone: their toasts last 10 s (terminal/notify.py),
# and a heavy year opened on a later day always has some (reminders missed while closed).
IDLE_WARMUP = 12.0


def idle_bytes(term: Term, seconds: float, warmup: float = IDLE_WARMUP) -> dict[str, float | None]:
    term.settle(0.5, timeout=5)
    term.drain(warmup)
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
