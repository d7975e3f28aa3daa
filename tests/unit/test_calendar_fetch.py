"""fetch() against a real http.server on localhost: 200 with ETag, 304, 500 and a timeout."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from vatui.calendars.fetch import fetch

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        if self.path == "/cal.ics":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(ICS)))
            self.end_headers()
            self.wfile.write(ICS)
        elif self.path == "/slow.ics":
            time.sleep(1.0)  # longer than the client's timeout in the test
            self.send_response(200)
            self.end_headers()
        else:
            self.send_response(500)
            self.end_headers()


@pytest.fixture
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_200_then_304(base: str) -> None:
    first = fetch(f"{base}/cal.ics")
    assert first.ok and first.body == ICS and first.etag == '"v1"'
    second = fetch(f"{base}/cal.ics", etag=first.etag)
    assert second.ok and second.body is None and second.etag == '"v1"'


def test_500_is_a_reason(base: str) -> None:
    result = fetch(f"{base}/broken.ics")
    assert not result.ok and result.body is None and result.reason == "HTTP 500"


def test_timeout_is_a_reason(base: str) -> None:
    result = fetch(f"{base}/slow.ics", timeout=0.2)
    assert not result.ok and result.reason == "timeout"


def test_local_file(tmp_path) -> None:
    path = tmp_path / "a.ics"
    path.write_bytes(ICS)
    assert fetch(str(path)).body == ICS
    missing = fetch(str(tmp_path / "none.ics"))
    assert not missing.ok and missing.reason


def test_an_answer_too_large_is_a_reason(base: str, tmp_path) -> None:
    result = fetch(f"{base}/cal.ics", max_bytes=10)
    assert not result.ok and result.body is None and result.reason.startswith("too large")
    path = tmp_path / "big.ics"
    path.write_bytes(ICS)
    assert fetch(str(path), max_bytes=10).reason.startswith("too large")
