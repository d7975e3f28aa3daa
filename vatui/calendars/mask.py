"""Masking of subscription addresses, which are secrets (Google's "secret address in iCal format").

Rule: the scheme and the host stay readable, and so does the last path segment when it is a plain
file name ("basic.ics", "calendar.ics": it tells calendars apart and is not the secret); every
other path segment becomes one "…" (iCloud's and others' addresses end in the token itself); the
query string and fragment are dropped; a user:password part is dropped.
A local file path is not a secret and is shown as given; an address of another scheme (a typo,
ftp://) is masked like an http one.

    https://calendar.google.com/calendar/ical/abc%40group/private-f00/basic.ics
        -> https://calendar.google.com/…/basic.ics
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SCHEMES = ("http", "https", "webcal")
# A name a person gave a file: letters, spaces, dashes, at most 24 before ".ics". A token (digits
# and letters mixed, long) or a segment without the extension is masked.
_FILE_NAME = re.compile(r"[A-Za-z][A-Za-z _-]{0,23}\.ics", re.IGNORECASE)


def mask_source(source: str) -> str:
    """Return `source` with its secret parts hidden (see the module docstring for the rule)."""
    parts = urlsplit(source)
    if parts.scheme.lower() not in _SCHEMES and not parts.netloc:
        return source  # a file path; any address with a host (ftp://, a mistyped scheme) is masked too
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    segments = [s for s in parts.path.split("/") if s]
    if not segments:
        path = ""
    elif not _FILE_NAME.fullmatch(segments[-1]):
        path = "/…"
    elif len(segments) == 1:
        path = "/" + segments[0]
    else:
        path = "/…/" + segments[-1]
    masked = f"{parts.scheme}://{host}{path}"
    if parts.query or parts.fragment:
        masked += "?…"
    return masked


def mask_in(text: str, source: str) -> str:
    """Return `text` (an error message, say) with every occurrence of `source` masked."""
    return text.replace(source, mask_source(source)) if source else text
