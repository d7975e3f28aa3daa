"""The cockpit screen's frame, whatever its panes hold: the keys that focus a pane, zoom it and
back out, the compact forms for small terminals, and the marker for screens that follow the
cockpit's refresh. The cockpit itself (cockpit.py) builds on it: the panes, their controllers,
the tick, saving and undo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding
from textual.screen import Screen

from vatui.i18n import N_
from vatui.screens.key_bindings import TranslatedBindings
from vatui.widgets.pane import Pane

if TYPE_CHECKING:
    from vatui.screens.host import VatuiHost

PANE_IDS = ("clock-pane", "blocks-pane", "queue-pane", "pomodoro-pane")
NARROW_BELOW = 100  # columns: below this the panes switch to their compact form
SHORT_BELOW = 30  # rows


class FollowsCockpit:
    """A screen opened over the cockpit that shows what is in the store (the report, the day's
    entries): refreshed whenever the cockpit is. (A marker the cockpit checks for, so that it
    need not import every such screen to find out whether one is open.)"""

    def cockpit_refreshed(self) -> None:
        """The store may have changed: show it again."""


class CockpitBase(TranslatedBindings, Screen[None]):
    # Escape first goes to the focused pane (the clock's cursor returns to now), then un-zooms.
    ESCAPE_TO_MINIMIZE = False
    BINDINGS = [
        Binding("1", "focus_pane(1)", N_("Clock"), id="focus-clock", show=False),
        Binding("2", "focus_pane(2)", N_("Blocks"), id="focus-blocks", show=False),
        Binding("3", "focus_pane(3)", N_("Queues"), id="focus-queue", show=False),
        Binding("4", "focus_pane(4)", N_("Pomodoro"), id="focus-pomodoro", show=False),
        # Global keys stay out of the footer (it must fit the focused pane's keys at 80 columns);
        # `?` lists them and the command palette finds them.
        Binding("z", "zoom_pane", N_("Zoom"), id="zoom-pane", show=False,
                tooltip=N_("Show the focused pane on the whole screen")),
        Binding("u", "undo", N_("Undo"), id="undo", show=False, tooltip=N_("Undo the last change")),
        Binding("escape", "back_out", N_("Back"), id="back-out", show=False,
                tooltip=N_("Back out: leave the zoomed pane")),
    ]

    app: VatuiHost  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id="cockpit")
        self.active_pane: Pane | None = None  # the pane last focused (by key, Tab or mouse)

    # --- focus, zoom, layout -------------------------------------------------------------------
    def pane(self, number: int) -> Pane:
        return self.query_one(f"#{PANE_IDS[number - 1]}", Pane)

    def action_focus_pane(self, number: int) -> None:
        if self.maximized is not None:
            self.minimize()
        self.active_pane = self.pane(number)
        self.active_pane.focus_body()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        pane = next((a for a in event.widget.ancestors_with_self if isinstance(a, Pane)), None)
        if pane is not None:
            self.active_pane = pane

    def action_zoom_pane(self) -> None:
        """Zoom the pane that holds the focus (the pane itself, whatever widget inside has focus:
        Textual will not maximise a scrolling body). The pane last chosen is the fallback, so a
        `3` then `z` sent in one burst zooms pane 3 even if focus is still settling."""
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        pane = next((a for a in focused.ancestors_with_self if isinstance(a, Pane)), None) if focused else None
        pane = pane or self.active_pane
        if pane is not None:
            self.maximize(pane, container=False)

    def action_back_out(self) -> None:
        if self.maximized is not None:
            self.minimize()

    def on_resize(self) -> None:
        self.size_classes(self.size.width, self.size.height)

    def size_classes(self, width: int, height: int, *, update: bool = True) -> None:
        """The compact forms for small terminals. Also set before the panes are first styled
        (compose), from the app's size: set only on the first resize, after the first frame,
        every pane was styled, laid out and painted twice at 80x24."""
        self.set_class(width < NARROW_BELOW, "-narrow", update=update)
        self.set_class(height < SHORT_BELOW, "-short", update=update)
