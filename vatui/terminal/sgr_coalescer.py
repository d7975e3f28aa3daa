"""Send a colour escape only when the colour on the wire changes (what reaches the terminal over SSH).

Textual renders every styled run as a self-contained `ESC[<style>m text ESC[0m`, so a frame
repeats the full 24-bit colour escape (~35 bytes) for each run and resets after it, even when the
next run, a cursor move away, has the same style. A ticking Pomodoro is the worst case: its frame
each second is one run of two digits, so two thirds of its bytes are the colour being set and reset.

`SgrCoalescer` rewrites the stream so that the terminal's screen ends up the same, cell for cell,
while a reset is held back until something could be drawn with it:
- a reset followed, after only cursor moves, newlines and the other escapes listed at `_TOKEN`,
  by the very style the terminal still has, is dropped with that style (also across frames: from
  its third frame on, a ticking timer's frame sends no colour at all);
- a reset followed by another style becomes one escape, `ESC[0;<style>m`;
- text, and any escape not known to leave the screen alone (erasing, leaving the alternate
  screen on exit or suspend, hyperlinks, ...), first gets the reset it was owed.
What it cannot follow it passes through as it is and forgets what the terminal has, so the next
reset is sent. tests/unit/test_sgr_coalescer.py checks on a terminal emulator (pyte) that any
mix of these gives the same screen as the stream it was given.

Between frames the terminal is left with the last colour drawn (that is the saving). Nothing of
Textual's draws with it, but a terminal that paints with the current colour on its own shows it
until the next frame repaints: Windows Terminal fills the rows a resize adds with it, and a frame
for the old size sent in the instant the window shrinks scrolls with a newline on what became
the last row. Quitting, suspending and crashing all pay the reset before leaving the screen.
"""

from __future__ import annotations

import re

RESET = "\x1b[0m"
# Split into text and tokens: a colour escape (ESC[...m); an escape or character that neither
# draws nor depends on the current colours (a cursor move to a cell; newline and carriage return,
# as Textual sends a newline only between the rows it draws, never on the last one, so none
# scrolls; the bell; synchronised-output brackets; cursor hide/show); or the ESC of any other
# escape. Each alternative starts with ESC or a control character, which keeps the scan fast.
_TOKEN = re.compile(r"(\x1b(?:\[(?:[0-9;]*m|\d*(?:;\d*)?H|\?(?:2026|25)[hl]))?|[\r\n\a])")


class SgrCoalescer:
    """Feed it what would be written to the terminal, in order; write what it returns."""

    def __init__(self) -> None:
        # The SGR parameters the terminal has in effect ("" = default), None when not known.
        self._terminal: str | None = None
        # A reset was held back: the stream's own state is the default, the terminal's is not.
        self._owed_reset = False
        # Textual writes from the app's thread only, but its SIGTSTP/SIGCONT handlers (suspend,
        # resume) run on that thread too and may write in the middle of a feed: see `feed`.
        self._feeding = False
        self._interrupted = False

    def feed(self, data: str) -> str:
        if self._feeding:  # a signal handler writing mid-feed: send its bytes as they are
            self._interrupted = True
            return RESET + data
        self._feeding = True
        try:
            out = self._rewrite(data)
        finally:
            self._feeding = False
        if self._interrupted:  # what we thought the terminal had is no longer so: as given
            self._interrupted, self._terminal, self._owed_reset = False, None, False
            return RESET + data
        return out

    def _rewrite(self, data: str) -> str:
        # One pass with the state in locals: a start-up writes ~5,000 tokens, and a method call
        # per token would cost more than all the rest.
        terminal, owed = self._terminal, self._owed_reset
        out: list[str] = []
        append = out.append
        for index, piece in enumerate(_TOKEN.split(data)):
            if not piece:
                continue
            if not index % 2 or piece == "\x1b":  # text, or an escape that may draw: pay what is owed
                if owed:
                    append(RESET)
                    terminal, owed = "", False
                if index % 2:
                    terminal = None  # nor do we know what that escape does to the colours
                append(piece)
            elif piece[-1] != "m":
                append(piece)  # inert
            else:
                params = piece[2:-1]
                if params in ("", "0") or params.startswith("0;"):  # a reset, maybe with a style
                    params = params[2:]
                    if terminal is None:  # whatever the terminal had, it now has exactly this
                        append(piece)
                        terminal, owed = params, False
                        continue
                    if terminal:
                        owed = True  # held back: maybe the same style comes next
                    if not params:
                        continue
                if owed:
                    owed = False
                    if params != terminal:
                        append(f"\x1b[0;{params}m")
                        terminal = params
                    # else: the terminal has this style already
                else:
                    append(f"\x1b[{params}m")
                    # Over the default the terminal now has exactly this; over another, a mix.
                    terminal = params if terminal == "" else None
        self._terminal, self._owed_reset = terminal, owed
        return "".join(out)
