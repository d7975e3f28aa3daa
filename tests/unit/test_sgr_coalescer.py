"""The colour-escape coalescer: fewer bytes, the same screen.

"The same screen" is checked on pyte, a terminal emulator: every cell's character, colours and
attributes and the cursor's place. pyte erases with the current colours as real terminals do
(background colour erase), so a reset held back past an erase would show. It scrolls in blank
lines without colour, so a newline that scrolls could not show it: Textual sends none."""

from __future__ import annotations

import sys

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st

import vatui.terminal.sgr_coalescer
from vatui.terminal.sgr_coalescer import SgrCoalescer

COLS, ROWS = 12, 5
# Styles as Textual renders them: attributes, then a 24-bit foreground and background.
STYLES = ["1;38;2;228;228;228;48;2;26;27;30", "38;2;225;225;225;48;2;26;27;30",
          "38;2;255;135;95;48;2;26;27;30", "1;4;38;2;0;0;255;48;2;31;74;110", "7", "3;9;5"]


def screen_after(*writes: str) -> tuple:
    screen = pyte.Screen(COLS, ROWS)
    stream = pyte.Stream(screen)
    for data in writes:
        stream.feed(data)
    cells = tuple(tuple(screen.buffer[y][x] for x in range(COLS)) for y in range(ROWS))
    return cells, (screen.cursor.x, screen.cursor.y)


def coalesced(*writes: str) -> list[str]:
    coalescer = SgrCoalescer()
    return [coalescer.feed(data) for data in writes]


def styled(style: str, text: str) -> str:
    return f"\x1b[{style}m{text}\x1b[0m"


def move(x: int, y: int) -> str:
    return f"\x1b[{y + 1};{x + 1}H"


def test_a_ticking_seconds_frame_sends_its_colour_once():
    frame = "\x1b[?2026h" + move(8, 3) + styled(STYLES[2], "{}") + move(1, 0) + "\x1b[?2026l"
    writes = [frame.format(f"{second:02d}") for second in range(5)]
    out = coalesced(*writes)
    assert screen_after(*out) == screen_after(*writes)
    # The first frame learns what the terminal has (its first reset); the second sets the colour
    # and holds its reset back; from the third on: brackets, two moves and two digits, no colour.
    assert "".join(out).count("\x1b[38;2;255;135;95") == 2
    assert out[2:] == ["\x1b[?2026h" + move(8, 3) + f"{s:02d}" + move(1, 0) + "\x1b[?2026l" for s in range(2, 5)]
    assert len(out[2]) < len(writes[2]) / 2


def test_runs_of_the_same_style_share_one_escape_and_a_new_style_needs_no_separate_reset():
    line = "\x1b[0m" + styled(STYLES[0], "12:31") + move(0, 1) + styled(STYLES[0], "00:31") + styled(STYLES[1], " ▲ in 6h")
    out = coalesced(line)[0]
    assert screen_after(out) == screen_after(line)
    assert out == f"\x1b[0m\x1b[{STYLES[0]}m12:31{move(0, 1)}00:31\x1b[0;{STYLES[1]}m ▲ in 6h"


def test_the_held_back_reset_is_paid_before_plain_text_an_erase_or_leaving_the_screen():
    for after in ("plain", "\x1b[K", "\x1b[2J", "\x1b[?1049l", "\x1b]8;;\x1b\\"):
        writes = ["\x1b[0m" + styled(STYLES[3], "ab"), move(0, 2) + after]
        out = coalesced(*writes)
        assert out[1].startswith(move(0, 2) + "\x1b[0m"), after
        assert screen_after(*out) == screen_after(*writes)


token = st.one_of(
    st.builds(styled, st.sampled_from(STYLES), st.text("ab █▲", min_size=1, max_size=4)),
    st.text("xy ", min_size=1, max_size=3),  # unstyled text, as Textual sends for a segment without style
    st.builds(move, st.integers(0, COLS - 1), st.integers(0, ROWS - 1)),
    st.builds(lambda y: move(0, y) + "\n", st.integers(0, ROWS - 2)),  # Textual's newline is never on the last row
    st.sampled_from(["\x1b[0m", "\x1b[m", "\r", "\a", "\x1b[?2026h", "\x1b[?2026l", "\x1b[?25l", "\x1b[K",
                     "\x1b[1J", "\x1b[2J", "\x1b[2;3r", "\x1b[1;38;2;9;9;9m", "\x1b[0;7m",
                     "\x1b]8;id=1;https://x\x1b\\", "\x1b]8;;\x1b\\", "\x1b]9;done\a"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(token, max_size=40), st.lists(st.integers(0, 400), max_size=6))
def test_any_stream_cut_into_any_writes_gives_the_same_screen_in_no_more_bytes(tokens, cuts):
    stream = "".join(tokens)
    bounds = sorted({0, len(stream), *(c for c in cuts if c < len(stream))})
    writes = [stream[a:b] for a, b in zip(bounds, bounds[1:])]  # a write may end inside an escape
    out = coalesced(*writes)
    assert screen_after(*out) == screen_after(*writes)
    assert len("".join(out)) <= len(stream) + 4 * len(writes)  # at worst a reset paid early per cut


@given(st.lists(token, max_size=30))
def test_leaving_the_alternate_screen_leaves_the_terminal_without_colours(tokens):
    screen = pyte.Screen(COLS, ROWS)
    pyte.Stream(screen).feed("".join(coalesced("".join(tokens) + "\x1b[0m" + "\x1b[?1049l")))
    assert screen.cursor.attrs == pyte.Screen(COLS, ROWS).cursor.attrs


def test_a_write_from_a_signal_handler_in_the_middle_of_a_feed_goes_out_as_it_is():
    # Textual suspends and resumes from its SIGTSTP/SIGCONT handlers, which run on the thread that
    # may be in the middle of a feed: the handler's write and the interrupted one are sent as given.
    coalescer = SgrCoalescer()
    writes = ["\x1b[0m" + styled(STYLES[2], "ab"), "\x1b[?1049l", move(0, 1) + styled(STYLES[2], "cd")]
    out = [coalescer.feed(writes[0])]  # its reset is held back
    handler_out: list[str] = []

    def tracer(frame, event, _arg):  # stands in for the signal arriving inside the coalescer's work
        if event == "call" and frame.f_code.co_filename == vatui.terminal.sgr_coalescer.__file__ and not handler_out \
                and frame.f_code.co_name != "feed":
            handler_out.append(coalescer.feed(writes[1]))

    sys.settrace(tracer)
    try:
        interrupted = coalescer.feed(writes[2])
    finally:
        sys.settrace(None)
    assert handler_out == ["\x1b[0m\x1b[?1049l"]
    assert interrupted == "\x1b[0m" + writes[2]
    # The terminal gets the handler's bytes first: the same screen as the writes in that order.
    assert screen_after(*out, *handler_out, interrupted) == screen_after(*writes)
