"""Fixtures for the browser tests: the system's Chromium, and a real `vatui serve --demo` process
that is always stopped, even when a test fails.

Chromium comes from the system (Debian's `chromium` package; `.ci/run` installs it when missing).
Playwright only drives it: its own browser download is never used. Without a Chromium the tests
are skipped, and say why.
"""

from __future__ import annotations

import os
import re
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_GUARD = 60.0  # seconds for the server to say it is listening (a guard against hangs, not a speed check)
STOP_GUARD = 20.0

# The flags this machine's Chromium needs: headless, no sandbox (we may be root in a container),
# and no background traffic to Google, which a closed network refuses or drops.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def find_chromium() -> str | None:
    candidates = [os.environ.get("VATUI_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                  shutil.which("chromium-browser"), shutil.which("google-chrome")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip("browser test skipped: no Chromium on this machine (looked for $VATUI_CHROMIUM, /usr/bin/chromium, "
                    "chromium, chromium-browser, google-chrome). Install it with `apt-get install chromium`; "
                    ".ci/run does that itself.")
    return path


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright starts Chromium with a new, empty profile folder of its own each time.
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go: $VATUI_E2E_ARTIFACTS, or build/e2e/ in the checkout (git ignores build/)."""
    folder = Path(os.environ.get("VATUI_E2E_ARTIFACTS") or ROOT / "build" / "e2e")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    """A running `vatui serve --demo`, in a process group of its own (with its tabs' cockpits)."""

    process: subprocess.Popen[bytes]
    url: str
    data_file: Path
    lines: list[str] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""

    def stop(self, sig: int = signal.SIGINT) -> int:
        """Stop the server as Ctrl+C would (SIGINT to the server only: it must end its tabs'
        cockpits itself). Anything still alive after STOP_GUARD seconds is killed."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            out, err = self.process.communicate(timeout=STOP_GUARD)
        except subprocess.TimeoutExpired:
            kill_group(self.process.pid)
            out, err = self.process.communicate()
        self.stdout += "\n".join(self.lines) + "\n" + (out or b"").decode("utf-8", "replace")
        self.stderr += (err or b"").decode("utf-8", "replace")
        return self.process.returncode

    def group_alive(self) -> bool:
        """Is any process of the server's group (the server or a tab's cockpit) still running?"""
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True


def kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def find(pattern: str, lines: list[str]) -> re.Match[str] | None:
    return next((m for line in lines if (m := re.search(pattern, line))), None)


def read_until(process: subprocess.Popen[bytes], pattern: str, seen: list[str]) -> re.Match[str]:
    """Read the server's stdout (unbuffered, so nothing waits in a buffer that select cannot see)
    until a line matches `pattern`; every line read is appended to `seen`."""
    assert process.stdout is not None
    fd = process.stdout.fileno()
    pending = b""
    deadline = time.monotonic() + START_GUARD
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while (match := find(pattern, seen)) is None:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(timeout=left):
                break
            chunk = os.read(fd, 4096)
            if not chunk:  # the server ended
                break
            *lines, pending = (pending + chunk).split(b"\n")
            seen.extend(raw.decode("utf-8", "replace") for raw in lines)
    if match is None:
        raise AssertionError(f"vatui serve did not print {pattern!r}; it printed {seen!r}")
    return match


@pytest.fixture
def served(tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), VATUI_CONFIG=str(tmp_path / "config.toml"),
               VATUI_DB=str(tmp_path / "never-used.json"), PYTHONUNBUFFERED="1")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "vatui", "serve", "--demo", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0, env=env, cwd=tmp_path,
        start_new_session=True,  # its own process group, so that nothing it starts can outlive the test
    )
    lines: list[str] = []
    try:
        read_until(process, r"Press Ctrl\+C", lines)  # the last line it prints once listening
        url = find(r"cockpit is at (http://\S+)", lines).group(1)
        data_file = Path(find(r"data: (\S+)", lines).group(1))
        yield Served(process, url, data_file, lines)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=STOP_GUARD)
            except subprocess.TimeoutExpired:
                pass
        kill_group(process.pid)  # the server and every cockpit it started, whatever happened above
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
