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
