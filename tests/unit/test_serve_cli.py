"""`vatui serve` on the command line: options, the warning off loopback, the missing extra, the
command each tab runs, and clean failures. (Serving for real: test_serve_server.py, tests/e2e.)"""

from __future__ import annotations

import io
import shlex
import socket
import subprocess
import sys
import tempfile
from argparse import Namespace

import pytest

from vatui.cli import main
from vatui.cli.common import Context
from vatui.cli.serve import page_url, tab_command
from vatui.web import is_loopback


@pytest.fixture
def run(tmp_path, clock, monkeypatch):
    monkeypatch.setenv("VATUI_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("VATUI_DB", str(tmp_path / "data.json"))

    def go(*args: str):
        out, err = io.StringIO(), io.StringIO()
        code = main(list(args), ctx=Context(Namespace(), clock=clock, out=out, err=err))
        return code, out.getvalue(), err.getvalue()

    return go


@pytest.fixture
def taken_port():
    """A port something else is already listening on, on every address."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("0.0.0.0", 0))
        sock.listen()
        yield sock.getsockname()[1]


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST.", "::1", "[::1]", "app.localhost"])
def test_loopback_hosts(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "192.168.1.10", "10.0.0.1", "example.com", "localhost.evil.com"])
def test_hosts_others_may_reach(host):
    assert not is_loopback(host)


def test_each_tab_runs_this_vatui_on_the_same_files(tmp_path):
    db, config = tmp_path / "my data" / "va's.json", tmp_path / "conf" / "config.toml"
    assert shlex.split(tab_command(db, config, demo=False))[1:] == [sys.executable, "-m", "vatui", "--db", str(db)]
    config.parent.mkdir()
    config.write_text("", encoding="utf-8")
    argv = shlex.split(tab_command(db, config, demo=False))
    assert argv[0] == "exec"
    assert argv[1:] == [sys.executable, "-m", "vatui", "--db", str(db), "--config", str(config)]
    assert shlex.split(tab_command(db, config, demo=True))[-1] == "--demo-banner"


def test_page_address():
    assert page_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert page_url("0.0.0.0", 8080) == "http://localhost:8080"
    assert page_url("::1", 8000) == "http://[::1]:8000"


def test_help_names_the_tunnel_and_the_options():
    out = subprocess.run([sys.executable, "-m", "vatui", "serve", "--help"], capture_output=True, text=True).stdout
    assert "ssh -L 8000:localhost:8000" in out
    for option in ("--host", "--port", "--demo", "--db", "--config"):
        assert option in out


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_a_bad_port_is_refused(run, port, capsys):
    with pytest.raises(SystemExit) as exit_:
        run("serve", "--port", port)
    assert exit_.value.code == 2
    assert "is not a port number" in capsys.readouterr().err


def test_other_hosts_get_the_warning_and_a_taken_port_a_clear_message(run, taken_port):
    code, _out, err = run("serve", "--host", "0.0.0.0", "--port", str(taken_port))
    assert code == 2
    assert "no login of its own" in err and f"ssh -L {taken_port}:localhost:{taken_port}" in err
    assert f"port {taken_port} on 0.0.0.0 is already in use" in err
    assert "Traceback" not in err


def test_loopback_gets_no_warning(run, taken_port):
    code, _out, err = run("serve", "--port", str(taken_port))
    assert code == 2 and "no login" not in err and "already in use" in err


def test_the_demo_file_is_removed_when_the_server_stops(run, taken_port, tmp_path, monkeypatch):
    demo_home = tmp_path / "tmp"
    demo_home.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(demo_home))
    code, _out, _err = run("serve", "--demo", "--port", str(taken_port))
    assert code == 2
    assert list(demo_home.iterdir()) == []


def test_a_data_file_vatui_cannot_use_is_refused_before_serving(run, tmp_path, taken_port):
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    code, out, err = run("serve", "--db", str(bad), "--port", str(taken_port))
    assert code == 1 and str(bad) in err and "has not been touched" in err
    assert "cockpit is at" not in out
    assert bad.read_text() == "not json"


def test_without_the_web_extra_it_says_how_to_install_it(run, monkeypatch):
    monkeypatch.delitem(sys.modules, "vatui.web.server", raising=False)
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    monkeypatch.setitem(sys.modules, "textual_serve.app_service", None)
    code, _out, err = run("serve")
    assert code == 2
    assert "pip install 'vatui[web]'" in err and "Traceback" not in err


def test_the_command_line_does_not_load_the_web_server():
    code = "import sys, vatui.cli; print(sorted(m for m in sys.modules if m.split('.')[0] in ('aiohttp', 'textual_serve')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
