"""What the cockpit's pane controllers are given: the store and its writer, the clock, the
settings, the undo stack, and a narrow handle on the screen (say something, open a screen over
it, redraw every pane). The day's entries screen is given the same services, so that `u` undoes
its changes as the cockpit's.

Nothing here imports a widget or another screen module: the controllers, the cockpit and the
screens opened over it import this module, never one another through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from vatui.i18n import _

if TYPE_CHECKING:
    from textual.screen import Screen

    from vatui.core.clock import Clock
    from vatui.core.settings import Settings
    from vatui.store import Store
    from vatui.store.writer import StoreWriter

UNDO_DEPTH = 50  # the steps `u` can go back


class CockpitHandle(Protocol):
    """What a controller may ask of the cockpit screen."""

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...

    def open_screen(self, screen: Screen[Any], callback: Callable[[Any], Any] | None = None) -> None: ...

    def refresh_all(self) -> None:
        """Recompute every pane from the store."""


@dataclass
class UndoStep:
    label: str
    undo: Callable[[], Any]


@dataclass
class UndoStack:
    steps: list[UndoStep] = field(default_factory=list)

    def push(self, step: UndoStep) -> None:
        self.steps.append(step)
        del self.steps[:-UNDO_DEPTH]

    def pop(self) -> UndoStep | None:
        return self.steps.pop() if self.steps else None


@dataclass
class Services:
    """The cockpit's services, one set shared by every pane's controller."""

    store: Store
    writer: StoreWriter
    clock: Clock
    settings: Settings
    my_zone: ZoneInfo
    screen: CockpitHandle
    undo: UndoStack = field(default_factory=UndoStack)

    def now(self) -> datetime:
        return self.clock.now()

    def notify(self, message: str, **kwargs: Any) -> None:
        self.screen.notify(message, **kwargs)

    def open_screen(self, screen: Screen[Any], callback: Callable[[Any], Any] | None = None) -> None:
        self.screen.open_screen(screen, callback)

    def refresh_all(self) -> None:
        self.screen.refresh_all()

    def save(self, change: Callable[[], Any], *, done: Callable[[Any], None] | None = None,
             undo: Callable[[Any], UndoStep | None] | None = None) -> None:
        """Run a store change in the background (the writer's thread); then remember how to undo
        it (`undo` gets the change's result and returns an UndoStep), run `done` and redraw."""

        def finished(result: Any) -> None:
            if undo is not None:
                step = undo(result)
                if step is not None:
                    self.undo.push(step)
            if done is not None:
                done(result)
            self.screen.refresh_all()

        self.writer.submit(change, done=finished)

    def undo_last(self) -> None:
        step = self.undo.pop()
        if step is None:
            self.notify(_("Nothing to undo."), timeout=3)
            return
        self.writer.submit(step.undo, done=lambda _result: (self.screen.refresh_all(), self.notify(
            _("Undone: {what}").format(what=step.label), timeout=3)))

    def remember(self, key: str, value: Any) -> None:
        """Keep a view choice (sort, view, batch) for the next start; written only when it differs."""
        store = self.store
        if store.get_state(key) != value:
            self.writer.submit(lambda: store.set_state(key, value))
