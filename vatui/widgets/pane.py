"""The frame every cockpit pane shares: a numbered title, a count or status in the border, and
the right to be zoomed (maximised) to the whole screen."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widget import Widget

from vatui.i18n import _


class Pane(Vertical):
    """A titled pane. Subclasses set PANE_TITLE and put one focusable body widget inside."""

    ALLOW_MAXIMIZE = True
    PANE_TITLE = ""

    def __init__(self, number: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=("pane " + (classes or "")).strip())
        self.number = number
        self.title = _(self.PANE_TITLE)  # PANE_TITLE is marked with N_ and translated here
        self.border_title = f"{number} {self.title}"

    def expected_width(self) -> int:
        """The width inside the pane's frame: as laid out, or before the first layout as it
        will be (`width_before_layout`). Drawn to it, the first frame needs no redraw."""
        return self.size.width if self.size.width > 0 else self.width_before_layout()

    def width_before_layout(self) -> int:
        """The width the cockpit's layout will give the inside of this pane: the two columns
        share the screen, the left one rounding down (see app.tcss), less the column's padding
        and the pane's frame. A wrong guess costs only a redraw after the first frame."""
        screen = self.app.size.width
        column = screen // 2 if self.number <= 2 else screen - screen // 2
        parent = self.parent
        return column - (parent.styles.gutter.width if isinstance(parent, Widget) else 0) - self.styles.gutter.width

    def set_info(self, info: str) -> None:
        """Text at the right of the border title (counts, state). Repaints only on change."""
        title = f"{self.number} {self.title}" + (f" · {info}" if info else "")
        if self.border_title != title:
            self.border_title = title

    def set_status(self, status: str) -> None:
        if self.border_subtitle != status:
            self.border_subtitle = status

    def focus_body(self) -> None:
        """Give focus to the pane's body (its first focusable descendant), now: `Widget.focus()`
        only schedules it, so a key that arrives in the same burst ("2z" typed fast, over SSH or
        from a browser) would still act on the old pane."""
        for widget in self.query("*"):
            if isinstance(widget, Widget) and widget.focusable:
                self.screen.set_focus(widget)
                return
        if self.can_focus:
            self.screen.set_focus(self)
