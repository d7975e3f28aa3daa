"""Send a colour escape only when the colour on the wire changes (what reaches the terminal over SSH).

Textual renders every styled run as a self-contained `ESC[<style>m text ESC[0m`, so a frame
repeats the full 24-bit colour escape (~35 bytes) for each run and resets after it, even when the
next run, a cursor move away, has the same style. A ticking Pomodoro is the worst case: its frame
each second is one run of two digits, so two thirds of its bytes are the colour being set and reset.

`SgrCoalescer` rewrites the stream so that the terminal's screen ends up the same, cell for cell,
while a reset is held back until something could be drawn with it:
- a reset followed, after only cursor moves, newlines and the other escapes listed in `_INERT`,
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
# Escapes and characters that neither draw nor depend on the current colours: cursor moves to a
# cell, newline and carriage return (Textual sends a newline only between the rows it draws, never
# on the last one, so none scrolls), the bell, synchronised output brackets, cursor hide/show.
_INERT = r"\x1b\[\d*(?:;\d*)?H|[\r\n\a]|\x1b\[\?(?:2026|25)[hl]"
_TOKEN = re.compile(rf"\x1b\[([0-9;]*)m|({_INERT})|(\x1b)")


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
        out: list[str] = []
        position = 0
        for match in _TOKEN.finditer(data):
            if match.start() > position:
                self._pay_reset(out)
                out.append(data[position:match.start()])
            position = match.end()
            params, inert = match.group(1), match.group(2)
            if params is not None:
                self._style(params, out)
            elif inert is not None:
                out.append(inert)
            else:  # another escape: it may draw, or change what we think the terminal has
                self._pay_reset(out)
                self._terminal = None
                out.append(match.group(3))
        if position < len(data):
            self._pay_reset(out)
            out.append(data[position:])
        return "".join(out)

    def _pay_reset(self, out: list[str]) -> None:
        if self._owed_reset:
            out.append(RESET)
            self._terminal = ""
            self._owed_reset = False

    def _style(self, params: str, out: list[str]) -> None:
        head, _sep, rest = params.partition(";")
        if head not in ("", "0"):
            self._set(params, out)
            return
        # A reset, perhaps followed by a style in the same escape ("0;1;38;2;...").
        if self._terminal is None:  # whatever the terminal had, it now has exactly this
            out.append(f"\x1b[{params}m")
            self._terminal, self._owed_reset = rest, False
            return
        if self._terminal:
            self._owed_reset = True  # held back: maybe the same style comes next
        if rest:
            self._set(rest, out)

    def _set(self, params: str, out: list[str]) -> None:
        if self._owed_reset:
            self._owed_reset = False
            if params != self._terminal:
                out.append(f"\x1b[0;{params}m")
                self._terminal = params
            return  # else: the terminal has this style already
        out.append(f"\x1b[{params}m")
        # Over the default the terminal now has exactly this style; over another, a mix of both.
        self._terminal = params if self._terminal == "" else None
