"""A real HTTP server on a free localhost port serving .ics files, for calendar subscription tests.

`IcsServer.files` maps a path ("/acme.ics") to its bytes; each answer carries an ETag (the bytes'
digest) and honours If-None-Match with a 304; a path in `dated` answers with Last-Modified
instead and honours If-Modified-Since. "/broken.ics" answers 500; "/slow.ics" holds the
request until the server stops (longer than any client timeout in the tests). `hits` counts the
requests per path and `conditional` the ones that came with If-None-Match.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class IcsServer:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.dated: set[str] = set()
        self.hits: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        self._release = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                owner.hits[path] += 1
                if path == "/slow.ics":
                    owner._release.wait(30)
                    self.send_response(200)
                    self.end_headers()
                    return
                body = owner.files.get(path)
                if body is None:
                    self.send_response(500)
                    self.end_headers()
                    return
                if path in owner.dated:
                    stamp = "Mon, 23 Nov 2026 12:00:00 GMT"
                    if self.headers.get("If-Modified-Since"):
                        owner.conditional[path] += 1
                    if self.headers.get("If-Modified-Since") == stamp:
                        self.send_response(304)
                        self.end_headers()
                        return
                    self.send_response(200)
                    self.send_header("Last-Modified", stamp)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                etag = '"' + hashlib.sha256(body).hexdigest()[:12] + '"'
                if self.headers.get("If-None-Match"):
                    owner.conditional[path] += 1
                    if self.headers.get("If-None-Match") == etag:
                        self.send_response(304)
                        self.end_headers()
                        return
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
