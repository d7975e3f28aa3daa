"""What a widget can know before the cockpit's first layout, so the first frame is the right one.

Textual decides on a scrollbar while it lays the screen out, and showing one asks for another
layout: a second full frame straight after the first (on the heavy year, the queue and the clock
both did, and every queue row was drawn twice, one cell narrower the second time). Pane widths
likewise are known only once laid out, so a title fitted to them before that was fitted again.
"""

from __future__ import annotations

from textual.widget import Widget


def scrollbar_up_front(widget: Widget, lines: int) -> None:
    """Before the first layout, show `widget`'s vertical scrollbar if `lines` lines cannot fit
    even on the whole screen. Only a sure overflow is decided here, so this never guesses
    wrong: a list that fits on the screen but not in its pane gets its scrollbar as before, from
    Textual's layout (one layout more)."""
    if widget.size.height == 0 and widget.styles.overflow_y == "auto" and lines > widget.app.size.height:
        widget.show_vertical_scrollbar = True
