"""The notification chain at each phase end: in-app always, then the best channel the user can
see, then the bell.

1. In-app: a toast (`app.notify`), always, and the only thing tried in a browser (textual-serve).
2. Desktop, through plyer, only in a local desktop session (a display, or macOS / Windows, and no
   SSH). plyer cannot say whether anything was shown: without a desktop it raises, and where
   notify-send exists but D-Bus does not it returns None while notify-send writes "Cannot
   autolaunch D-Bus" on the terminal, into the middle of the screen. So plyer runs in a child
   process (`python -m vatui.terminal.notify`) from a worker thread, with stdin closed and stdout/stderr
   captured, under a timeout; it counts as delivered only if it exited cleanly and said nothing.
3. Terminal: when over SSH, or when the desktop did not deliver, an OSC escape the terminal turns
   into a notification (OSC 777 by default; OSC 9 for iTerm2; OSC 99 for kitty), wrapped in the
   tmux DCS passthrough (inner ESCs doubled) inside tmux, or screen's DCS inside GNU screen.
   It is written through Textual's driver on the app thread, never printed from a thread.
4. The bell, last.

Channels come from settings.notify (config `[notifications] channels`). Nothing here raises into
the UI or blocks the event loop. This module does not import Textual; the app is duck-typed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"
DESKTOP_TIMEOUT = 15.0  # seconds a desktop notifier may take before we give up on it
TERMINAL_STYLES = ("auto", "osc777", "osc9", "osc99")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Environment:
    """What the process can tell about where its output is seen."""

    ssh: bool
    desktop: bool  # a local desktop session a desktop notification would reach
    tmux: bool
    screen: bool
    term: str = ""
    term_program: str = ""
    lc_terminal: str = ""
    kitty: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, platform: str | None = None) -> Environment:
        env = os.environ if env is None else env
        platform = platform or sys.platform
        ssh = bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY") or env.get("SSH_CLIENT"))
        if platform == "darwin" or platform.startswith("win"):
            display = True
        else:
            display = bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
        return cls(
            ssh=ssh,
            desktop=display and not ssh,
            tmux=bool(env.get("TMUX")),
            screen=bool(env.get("STY")) and not env.get("TMUX"),
            term=env.get("TERM", ""),
            term_program=env.get("TERM_PROGRAM", ""),
            lc_terminal=env.get("LC_TERMINAL", ""),
            kitty=bool(env.get("KITTY_WINDOW_ID")) or "kitty" in env.get("TERM", ""),
        )


def clean(text: str, limit: int = 200) -> str:
    """Text safe inside an OSC string: no control characters, no ';' (the field separator)."""
    text = _CONTROL.sub(" ", text).replace(";", ",").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def osc777(title: str, body: str) -> str:
    return f"{ESC}]777;notify;{clean(title)};{clean(body)}{BEL}"


def osc9(title: str, body: str) -> str:
    text = f"{clean(title)}: {clean(body)}" if body else clean(title)
    return f"{ESC}]9;{text}{BEL}"


def osc99(title: str, body: str) -> str:
    # kitty's protocol: a title chunk (d=0: more follows) and then the body.
    return f"{ESC}]99;i=vatui:d=0:p=title;{clean(title)}{ST}{ESC}]99;i=vatui:d=1:p=body;{clean(body)}{ST}"


def tmux_wrap(sequence: str) -> str:
    """tmux's DCS passthrough: ESC P tmux; <sequence, each ESC doubled> ESC \\ . tmux forwards it to
    the outer terminal when `allow-passthrough` is on (tmux 3.3+)."""
    return f"{ESC}Ptmux;{sequence.replace(ESC, ESC + ESC)}{ST}"


def screen_wrap(sequence: str) -> str:
    return f"{ESC}P{sequence}{ST}"


def pick_style(env: Environment, style: str = "auto") -> str:
    if style != "auto":
        return style
    if "iterm" in env.term_program.lower() or "iterm" in env.lc_terminal.lower():
        return "osc9"
    if env.kitty:
        return "osc99"
    return "osc777"


def terminal_sequence(title: str, body: str, env: Environment, style: str = "auto") -> str:
    """The escape that makes the terminal show a notification, wrapped for tmux or screen."""
    make = {"osc777": osc777, "osc9": osc9, "osc99": osc99}[pick_style(env, style)]
    sequence = make(title, body)
    if env.tmux:
        return tmux_wrap(sequence)
    if env.screen:
        return screen_wrap(sequence)
    return sequence


@dataclass(frozen=True, slots=True)
class DesktopResult:
    delivered: bool
    detail: str = ""


def send_desktop(title: str, body: str, *, timeout: float = DESKTOP_TIMEOUT) -> DesktopResult:
    """Show a desktop notification through plyer in a child process; blocking, so call it from a
    worker thread. Never raises; whatever the child writes is captured, not shown."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "vatui.terminal.notify", title, body],
            stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, start_new_session=True,
        )
    except subprocess.TimeoutExpired:
        return DesktopResult(False, f"no answer in {timeout:.0f} s")
    except OSError as exc:
        return DesktopResult(False, str(exc))
    said = (done.stderr + done.stdout).decode("utf-8", "replace").strip()
    if done.returncode != 0 or said:
        return DesktopResult(False, said.splitlines()[-1] if said else f"exit {done.returncode}")
    return DesktopResult(True)


def plan(channels: Sequence[str], env: Environment, *, web: bool) -> list[str]:
    """The channels to try after the in-app toast, in order. 'desktop' may fall back to 'terminal'."""
    if web:
        return []
    out: list[str] = []
    if "desktop" in channels and env.desktop:
        out.append("desktop")
    if "terminal" in channels:
        out.append("terminal")
    if "bell" in channels:
        out.append("bell")
    return out


class Notifier:
    """Sends phase-end notifications for one app.

    `app` needs: notify(message, title=..., timeout=...), is_web, run_worker(...),
    call_from_thread(...), write_terminal(text) -> bool. `desktop` is replaceable for tests.
    """

    def __init__(self, app: Any, channels: Sequence[str], *, env: Environment | None = None,
                 terminal_style: str = "auto",
                 desktop: Callable[[str, str], DesktopResult] = send_desktop) -> None:
        self.app = app
        self.channels = tuple(channels)
        self.env = env or Environment.from_env()
        self.terminal_style = terminal_style
        self.desktop = desktop
        self.log: list[str] = []  # what was tried and how it went, newest last (for `?` and tests)

    def _note(self, what: str) -> None:
        self.log.append(what)
        del self.log[:-50]

    def send(self, title: str, body: str, *, in_app_only: bool = False, timeout: float = 10) -> None:
        """In-app now; the rest in order, the desktop off the event loop."""
        try:
            self.app.notify(body, title=title, timeout=timeout)
        except Exception as exc:  # a toast must never take the app down
            self._note(f"in-app failed: {exc}")
        if in_app_only:
            return
        steps = plan(self.channels, self.env, web=bool(getattr(self.app, "is_web", False)))
        if not steps:
            self._note("in-app only")
            return
        if steps[0] == "desktop":
            self._desktop_then(title, body, steps[1:])
        else:
            self._rest(title, body, steps)

    def _desktop_then(self, title: str, body: str, rest: list[str]) -> None:
        def work() -> None:
            try:
                result = self.desktop(title, body)
            except Exception as exc:  # a replaced notifier that raises: treat as not delivered
                result = DesktopResult(False, str(exc))
            try:
                self.app.call_from_thread(self._after_desktop, title, body, rest, result)
            except RuntimeError:  # the app has gone away meanwhile
                pass

        try:
            self.app.run_worker(work, thread=True, group="notify", exit_on_error=False,
                                description="desktop notification")
        except Exception as exc:
            self._note(f"desktop not started: {exc}")
            self._rest(title, body, rest)

    def _after_desktop(self, title: str, body: str, rest: list[str], result: DesktopResult) -> None:
        self._note("desktop delivered" if result.delivered else f"desktop failed: {result.detail}")
        self._rest(title, body, rest, delivered=result.delivered)

    def _rest(self, title: str, body: str, steps: list[str], *, delivered: bool = False) -> None:
        for step in steps:
            try:
                if step == "terminal" and not delivered:
                    seq = terminal_sequence(title, body, self.env, self.terminal_style)
                    if self.app.write_terminal(seq):
                        self._note("terminal escape sent")
                elif step == "bell":
                    if self.app.write_terminal(BEL):
                        self._note("bell")
            except Exception as exc:  # a closed terminal, a driver gone: never into the UI
                self._note(f"{step} failed: {exc}")


def _main(argv: Sequence[str]) -> int:
    """The child process: `python -m vatui.terminal.notify TITLE BODY`. Exit 0 only if plyer raised nothing."""
    import warnings

    warnings.simplefilter("ignore")
    title, body = (list(argv) + ["", ""])[:2]
    try:
        from plyer import notification

        notification.notify(title=title, message=body, app_name="vatui", timeout=10)
    except NotImplementedError:
        print("no desktop notifier on this system", file=sys.stderr)
        return 3
    except Exception as exc:  # D-Bus errors and the like
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 4
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
