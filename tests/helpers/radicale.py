"""A real CalDAV server for the tests: Radicale on a free localhost port with a temporary storage
folder and one plain-htpasswd user. Used through the `radicale` and `calendar` fixtures
(tests/conftest.py)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid

import pytest

USER, PASSWORD = "va", "s3cret pass"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def radicale_server(tmp_path_factory):
    """The server's root address; stopped (and checked to have stopped) at teardown."""
    folder = tmp_path_factory.mktemp("radicale")
    port = free_port()
    (folder / "users").write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    (folder / "config").write_text(f"""
[server]
hosts = 127.0.0.1:{port}
[auth]
type = htpasswd
htpasswd_filename = {folder / "users"}
htpasswd_encryption = plain
delay = 0
[storage]
filesystem_folder = {folder / "collections"}
[rights]
type = owner_only
[logging]
level = error
""", encoding="utf-8")
    log = (folder / "log").open("wb")  # a file, not a pipe nobody reads while the tests run
    server = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(folder / "config")],
                              stdout=log, stderr=log)
    deadline = time.monotonic() + 20
    while True:  # ready when it accepts connections
        if server.poll() is not None:
            pytest.fail(f"radicale did not start: {(folder / 'log').read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                pytest.fail("radicale did not accept connections within 20 s")
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    server.terminate()
    server.wait(timeout=10)
    log.close()


def new_calendar(radicale):
    """A new, empty calendar of the test user's: the caldav library's Calendar object."""
    import caldav

    client = caldav.DAVClient(url=radicale, username=USER, password=PASSWORD)
    name = uuid.uuid4().hex[:12]
    made = client.principal().make_calendar(name=name, cal_id=name)
    yield made
    client.close()


