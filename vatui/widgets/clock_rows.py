"""The World clock's rows as words and geometry: what each column of a place's row says
(`ClockRow`), where the columns go in a row of a given width, and the three parts a row is drawn
in (see PARTS). No widgets here: clock_table.py draws these rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

from vatui.core.zones import Reading, format_offset
from vatui.i18n import _, current_language
from vatui.text.clock_text import CLIENT_DOT, ME_SYMBOL, STATE_SYMBOLS, state_words

STATE_WIDTH = 15  # "▼ closes in 40m"; wider in a language whose words need it (state_width)
COMPACT_BELOW = 62  # columns inside the pane: drop the city column (names first)
TIGHT_BELOW = 48  # and the offset column (an 80-column cockpit: 40 each side)
NAME_MIN, NAME_MAX = 6, 32  # the name column takes what the others leave, within these

_STATE_WIDTHS: dict[str, int] = {}


def state_width() -> int:
    """The state column in the language in use: its usual words ("opens in 8h30") and symbol, at
    least STATE_WIDTH and at most 20 cells; the name column gives way."""
    language = current_language()
    if language not in _STATE_WIDTHS:
        words = (_("in hours"), _("after hours"), _("weekend"), _("closes in {time}").format(time="40m"),
                 _("opens in {time}").format(time="8h30"))
        _STATE_WIDTHS[language] = max(STATE_WIDTH, min(20, 2 + max(cell_len(w) for w in words)))
    return _STATE_WIDTHS[language]


def day_marker(shift: int) -> str:
    return "" if shift == 0 else f"{shift:+d}"


# --- one row --------------------------------------------------------------------------------
COLUMNS = ("dot", "name", "city", "time", "day", "offset", "state")


@dataclass(frozen=True, slots=True)
class ClockRow:
    """Me or one client: the words of each column, as the table draws them."""

    key: str
    client_id: int | None
    dot: str
    dot_style: str  # "bold" for me, else the client's colour ("" for none)
    name: str
    city: str
    time: str
    day: str
    offset: str
    state: str
    state_class: str  # "-in-hours", "-closing-soon", "-opens", "-after-hours", "-weekend"

    @classmethod
    def of(cls, reading: Reading) -> ClockRow:
        place = reading.place
        return cls(
            key=place.key, client_id=place.client_id,
            dot=ME_SYMBOL if place.is_me else CLIENT_DOT, dot_style="bold" if place.is_me else (place.colour or ""),
            name=place.name, city=place.city, time=f"{reading.local:%H:%M}", day=day_marker(reading.day_shift),
            offset=format_offset(reading.offset), state=f"{STATE_SYMBOLS[reading.state]} {state_words(reading)}",
            state_class=f"-{reading.state.value}",
        )

    def text(self, column: str) -> str:
        return getattr(self, column)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    x: int
    width: int


def column_layout(width: int, *, compact: bool, tight: bool, state_w: int) -> tuple[Column, ...]:
    """Where each shown column starts and how wide it is, in a row `width` cells wide: one space
    between columns; the name takes what is left (NAME_MIN to NAME_MAX cells)."""
    widths = {"dot": 1, "city": 12, "time": 5, "day": 2, "offset": 6, "state": state_w}
    shown = [c for c in COLUMNS if not (compact and c == "city") and not (tight and c == "offset")]
    # A gap after every column but the last: the other columns' widths and all the gaps.
    fixed = sum(widths[c] + 1 for c in shown if c != "name")
    widths["name"] = max(NAME_MIN, min(NAME_MAX, width - fixed))
    out, x = [], 0
    for name in shown:
        out.append(Column(name, x, widths[name]))
        x += widths[name] + 1
    return tuple(out)


# The row is drawn by three widgets side by side, so that a minute's change is sent alone:
# Textual resends a changed line of a widget from the widget's left edge, so a time cell in the
# middle of one wide widget would resend the name before it on every row, every minute.
PARTS = (("names", ("dot", "name", "city")), ("times", ("time", "day", "offset")), ("states", ("state",)))
PART_OF = {column: part for part, columns in PARTS for column in columns}
