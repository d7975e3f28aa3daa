"""The notification chain without a UI: where we are, the escapes, plyer in a child process,
the order of the channels, and that nothing raises."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from vatui.terminal.notify import (
    BEL,
    ESC,
    DesktopResult,
    Environment,
    Notifier,
    clean,
    osc9,
    osc99,
    osc777,
    plan,
    send_desktop,
    terminal_sequence,
    tmux_wrap,
)


def env(**values: str) -> Environment:
    return Environment.from_env(values, platform="linux")


def test_environment_detection():
    assert env(DISPLAY=":0").desktop and not env(DISPLAY=":0").ssh
    over_ssh = env(DISPLAY="localhost:10.0", SSH_CONNECTION="1.2.3.4 5 6.7.8.9 22")
    assert over_ssh.ssh and not over_ssh.desktop  # X forwarding is not a local desktop
    assert env(SSH_TTY="/dev/pts/1").ssh
    assert not env().desktop  # a console, a container, CI
    assert env(TMUX="/tmp/tmux-1/default,1,0").tmux
    assert env(STY="1234.pts-0").screen
    assert Environment.from_env({}, platform="darwin").desktop
    assert not Environment.from_env({"SSH_CLIENT": "x"}, platform="darwin").desktop


def test_escape_sequences():
    assert osc777("Focus done", "Break (5m)") == f"{ESC}]777;notify;Focus done;Break (5m){BEL}"
    assert osc9("Focus done", "Break") == f"{ESC}]9;Focus done: Break{BEL}"
    assert osc99("T", "B").startswith(f"{ESC}]99;i=vatui:d=0:p=title;T{ESC}\\")
    # Fields cannot break out of the sequence.
    assert clean(f"a;b{ESC}]0;evil{BEL}c") == "a,b ]0,evil c"
    assert tmux_wrap(f"{ESC}]9;x{BEL}") == f"{ESC}Ptmux;{ESC}{ESC}]9;x{BEL}{ESC}\\"


def test_terminal_style_follows_the_terminal_or_the_setting():
    iterm = env(LC_TERMINAL="iTerm2", SSH_TTY="x")
    assert terminal_sequence("T", "B", iterm) == osc9("T", "B")
    assert terminal_sequence("T", "B", env(TERM="xterm-kitty")) == osc99("T", "B")
    assert terminal_sequence("T", "B", env(TERM="foot")) == osc777("T", "B")
    assert terminal_sequence("T", "B", env(TERM="foot"), "osc9") == osc9("T", "B")
    in_tmux = terminal_sequence("T", "B", env(TMUX="x"))
    assert in_tmux.startswith(f"{ESC}Ptmux;{ESC}{ESC}]777;") and in_tmux.endswith(f"{ESC}\\")
    in_screen = terminal_sequence("T", "B", env(STY="x"))
    assert in_screen == f"{ESC}P{osc777('T', 'B')}{ESC}\\"


def test_plan():
    ssh = env(SSH_TTY="x")
    local = env(DISPLAY=":0")
    assert plan(("desktop", "terminal", "bell"), ssh, web=False) == ["terminal", "bell"]
    assert plan(("desktop", "terminal", "bell"), local, web=False) == ["desktop", "terminal", "bell"]
    assert plan(("desktop", "terminal", "bell"), local, web=True) == []
    assert plan(("bell",), ssh, web=False) == ["bell"]


def test_plyer_without_a_desktop_is_not_delivered_and_prints_nothing(capfd):
    result = send_desktop("vatui test", "no desktop here")
    assert not result.delivered and result.detail
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_notify_send_complaining_is_captured_not_shown(tmp_path, monkeypatch, capfd):
    """Where notify-send exists but D-Bus does not, it prints onto the terminal and plyer returns
    None. Here that goes into our pipe and counts as not delivered."""
    fake = tmp_path / "notify-send"
    fake.write_text("#!/bin/sh\necho 'Cannot autolaunch D-Bus without X11 $DISPLAY' >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    result = send_desktop("vatui test", "fake notify-send")
    assert not result.delivered
    assert "Cannot autolaunch" in result.detail or "dbus" in result.detail.lower()
    out, err = capfd.readouterr()
    assert "Cannot autolaunch" not in out + err


class FakeApp:
    """The parts of an App the Notifier uses; the desktop worker runs inline."""

    def __init__(self, web: bool = False) -> None:
        self.is_web = web
        self.toasts: list[str] = []
        self.written: list[str] = []

    def notify(self, message: str, **_kw) -> None:
        self.toasts.append(message)

    def run_worker(self, work, **_kw) -> None:
        work()

    def call_from_thread(self, callback, *args) -> None:
        callback(*args)

    def write_terminal(self, text: str) -> bool:
        if self.is_web:
            return False
        self.written.append(text)
        return True


def test_in_a_browser_only_the_toast():
    app = FakeApp(web=True)
    tried = []
    n = Notifier(app, ("desktop", "terminal", "bell"), env=env(DISPLAY=":0"),
                 desktop=lambda t, b: tried.append(t) or DesktopResult(True))
    n.send("Focus done", "Break")
    assert app.toasts == ["Break"] and app.written == [] and tried == []


def test_a_raising_desktop_falls_back_and_never_raises():
    app = FakeApp()

    def boom(title: str, body: str) -> DesktopResult:
        raise RuntimeError("no bus")

    n = Notifier(app, ("desktop", "terminal", "bell"), env=env(DISPLAY=":0"), desktop=boom)
    n.send("Focus done", "Break")
    assert app.written == [osc777("Focus done", "Break"), BEL]
    assert any("no bus" in line for line in n.log)


def test_a_broken_terminal_writer_is_logged_not_raised():
    class Broken(FakeApp):
        def write_terminal(self, text: str) -> bool:
            raise OSError("terminal gone")

    n = Notifier(Broken(), ("terminal", "bell"), env=env(SSH_TTY="x"))
    n.send("Focus done", "Break")
    assert any("terminal gone" in line for line in n.log)


def test_in_app_only():
    app = FakeApp()
    Notifier(app, ("terminal", "bell"), env=env(SSH_TTY="x")).send("T", "B", in_app_only=True)
    assert app.toasts == ["B"] and app.written == []


@pytest.mark.skipif(sys.platform != "linux", reason="the fake notify-send is a shell script")
def test_child_entry_point_exit_codes(tmp_path, monkeypatch):
    import subprocess

    monkeypatch.setenv("PATH", str(tmp_path))  # no notify-send at all
    done = subprocess.run([sys.executable, "-m", "vatui.terminal.notify", "t", "b"], capture_output=True, text=True,
                          env={**os.environ, "PATH": str(tmp_path)})
    assert done.returncode != 0 and "Traceback" not in done.stderr
