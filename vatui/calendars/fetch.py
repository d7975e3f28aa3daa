"""Fetching one subscription: a plain function, safe to run in a background worker (no Textual).

It takes what it needs (the source, the cached validators, a timeout, "now") and returns a
FetchResult; the caller stores it. A failure never loses the last good copy: the result then
carries `ok=False`, the reason and keeps `body=None` so the caller keeps its cached copy.
"""

from __future__ import annotations

import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from vatui.calendars.mask import mask_in

# A calendar of years of meetings is a few megabytes; an answer far past that is not one worth
# holding in memory (a wrong address serving a large file, or a server that never stops).
MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class FetchResult:
    ok: bool
    body: bytes | None  # None: unchanged (304) or failed; keep the cached copy
    etag: str | None = None
    last_modified: str | None = None
    reason: str = ""  # "HTTP 500", "timeout", "DNS", ... when not ok


def _http_address(source: str) -> str:
    return "https://" + source[len("webcal://"):] if source.lower().startswith("webcal://") else source


def fetch(
    source: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = 10.0,
    max_bytes: int = MAX_BYTES,
) -> FetchResult:
    """Fetch `source` (http(s)/webcal address or .ics path) conditionally; an answer longer than
    `max_bytes` is a failure ("too large")."""
    too_large = FetchResult(ok=False, body=None, reason=f"too large (over {max_bytes // (1024 * 1024) or 1} MB)")
    if not source.lower().startswith(("http://", "https://", "webcal://")):
        try:
            path = Path(source).expanduser()
            if path.stat().st_size > max_bytes:
                return too_large
            return FetchResult(ok=True, body=path.read_bytes())
        except OSError as exc:
            return FetchResult(ok=False, body=None, reason=exc.strerror or "unreadable file")
    request = urllib.request.Request(_http_address(source), headers={"User-Agent": "vatui"})
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                return too_large
            return FetchResult(
                ok=True,
                body=body,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return FetchResult(ok=True, body=None, etag=etag, last_modified=last_modified)
        return FetchResult(ok=False, body=None, reason=f"HTTP {exc.code}")
    except (TimeoutError, socket.timeout):
        return FetchResult(ok=False, body=None, reason="timeout")
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            return FetchResult(ok=False, body=None, reason="timeout")
        if isinstance(exc.reason, socket.gaierror):
            return FetchResult(ok=False, body=None, reason="DNS")
        if isinstance(exc.reason, ssl.SSLError):  # e.g. webcal:// (read as https) to a plain-http server
            return FetchResult(ok=False, body=None, reason="TLS handshake failed")
        return FetchResult(ok=False, body=None, reason=mask_in(str(exc.reason), source))
    except OSError as exc:
        return FetchResult(ok=False, body=None, reason=mask_in(str(exc), source))
