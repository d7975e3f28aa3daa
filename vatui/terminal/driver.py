"""The driver vatui draws through: it lets the app write raw escapes (terminal notifications, the
bell) and sends each colour escape only when the colour on the wire changes (vatui/terminal/sgr_coalescer.py).

Textual writes everything it draws through its Driver, on the app thread; an escape printed to
stdout from elsewhere would land in the middle of a frame. Textual has no public "write raw
text" call, but `App.get_driver_class` is public and every Driver has a public `write`. So the
app wraps whatever driver Textual picked (Linux, Windows, web) in a subclass that hands its
`write` to the app once it exists, and passes all that is written through one `SgrCoalescer`
(a ticking Pomodoro's frame each second: 68 -> 32 bytes). Headless test runs use Textual's
HeadlessDriver and get no writer; tests inject one (`VatuiApp(terminal_writer=...)`).
"""

from __future__ import annotations

from typing import Any

from textual.driver import Driver

from vatui.terminal.sgr_coalescer import SgrCoalescer


def with_terminal_writer(base: type[Driver]) -> type[Driver]:
    class TerminalWriterDriver(base):  # type: ignore[valid-type, misc]
        def __init__(self, app: Any, *args: Any, **kwargs: Any) -> None:
            self._coalescer = SgrCoalescer()
            super().__init__(app, *args, **kwargs)
            attach = getattr(app, "attach_terminal", None)
            if attach is not None:
                attach(self.write)

        def write(self, data: str) -> None:
            if data := self._coalescer.feed(data):  # a held-back reset alone is nothing to send
                super().write(data)

    TerminalWriterDriver.__name__ = f"TerminalWriter{base.__name__}"
    TerminalWriterDriver.__qualname__ = TerminalWriterDriver.__name__
    return TerminalWriterDriver
