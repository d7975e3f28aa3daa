"""The world clock in words and symbols, shared by the clock pane and `vatui today` (no Textual)."""

from __future__ import annotations

from vatui.core.zones import HoursState, Reading, format_span
from vatui.i18n import _

# Symbols beside the words, so no state is told by colour alone (all in the WGL4 set, one cell wide).
STATE_SYMBOLS = {
    HoursState.IN_HOURS: "■",
    HoursState.CLOSING_SOON: "▼",
    HoursState.OPENS_SOON: "▲",
    HoursState.AFTER_HOURS: "□",
    HoursState.WEEKEND: "○",  # also a holiday: closed all day; the words name the day
}
ME_SYMBOL = "⌂"
CLIENT_DOT = "●"


def state_words(reading: Reading) -> str:
    span = format_span(reading.change_in) if reading.change_in is not None else ""
    match reading.state:
        case HoursState.IN_HOURS:
            return _("in hours")
        case HoursState.CLOSING_SOON:
            return _("closes in {time}").format(time=span)
        case HoursState.OPENS_SOON:
            return _("opens in {time}").format(time=span)
        case HoursState.AFTER_HOURS:
            return _("after hours")
        case HoursState.WEEKEND if reading.holiday:
            return _("holiday: {name}").format(name=reading.holiday)
        case _:
            return _("weekend")
