"""Store changes run off the event loop, one at a time, in the order they were asked for.

A write can wait on another process's lock or on the disk; doing it on the event loop would
freeze the screen. Textual's `exclusive` workers cancel earlier work, which would drop edits,
so changes queue behind an asyncio.Lock (FIFO) and each runs in a thread.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from textual.app import App

from vatui.core.errors import VatuiError
from vatui.i18n import _

log = logging.getLogger("vatui")


class StoreWriter:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._lock: asyncio.Lock | None = None

    def submit(
        self,
        change: Callable[[], Any],
        *,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        title: str | None = None,
    ) -> None:
        """Run `change()` in a thread after every change submitted before it; then `done(result)`
        on the event loop. A failure is always reported to the user, never swallowed, in a toast
        titled `title` (by default "Not saved": most jobs are changes; a re-read is not)."""
        self.app.run_worker(self._run(change, done, failed, title), group="store", exit_on_error=False)

    async def _run(self, change: Callable[[], Any], done: Callable[[Any], None] | None,
                   failed: Callable[[Exception], None] | None, title: str | None) -> None:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            try:
                result = await asyncio.to_thread(change)
            except VatuiError as exc:
                self.app.notify(str(exc), title=title or _("Not saved"), severity="error", timeout=10)
                if failed:
                    failed(exc)
                return
            except Exception as exc:  # a bug: say so plainly rather than lose the edit silently
                log.exception("store change failed")
                # A job with its own title (a re-read) saved nothing, so do not say a change was lost.
                body = (_("Unexpected error, the change was not saved: {error}") if title is None
                        else _("Unexpected error: {error}"))
                self.app.notify(body.format(error=exc), title=title or _("Not saved"), severity="error", timeout=15)
                if failed:
                    failed(exc)
                return
            if done:
                done(result)
