"""A child process in a pseudo-terminal (pexpect), its output rendered by a terminal emulator
(pyte), so that "on screen" means what a user would see. The harness answers Textual's
synchronized-output query like a modern terminal does, so each frame arrives between
`ESC[?2026h` and `ESC[?2026l` and a frame is judged only once it is complete.
"""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import pexpect
    import pyte
except ImportError:  # pragma: no cover - said plainly rather than as a traceback
    sys.exit("The benchmark needs pexpect and pyte: pip install -e '.[bench]'")

ROOT = Path(__file__).resolve().parent.parent
COLS, ROWS = 120, 36
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"  # "supported, currently off", as kitty, WezTerm, iTerm2, foot... answer
SYNC_START, SYNC_END = b"\x1b[?2026h", b"\x1b[?2026l"
KEYS = {"down": b"\x1b[B", "up": b"\x1b[A", "escape": b"\x1b"}


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
