"""Keys for the cockpit's bindings are applied one at a time, in the order they were typed.

Over SSH a burst such as `3` `a` `Call supplier` `Enter` arrives in one read. Textual hands every
key of it to the focused widget at once, and a binding runs only when its key has bubbled back up to
the app; the binding's effect (a pane focused, a form opened) comes later still, through messages.
So `a` was read by the pane that had the focus before `3` moved it, and `Call supplier` reached the
cockpit before the quick-add form was open: its letters ran as commands (`s` started a focus).

`KeyGate` (a mixin for the App) holds each key that has a binding in the cockpit (or on any screen
that is not a form) until the effects of the key before it have been applied, then lets the held
keys go on in order. Typed slowly, nothing is held: a key's effects take a few turns of the event
loop, far less than the time between two keystrokes. Forms (screens with `KeysInOrder`) order their
own keys and are not gated.

How "applied" is told: a key, and each message its binding posts, moves one step per turn of the
queues it passes through (widget, its containers, the screen, the app). One round posts a callback
to each of those queues and waits until all of them have run; after as many rounds as the path is
long, twice over (up for the key, up again for the message it caused) and a few more (a screen
pushed, its first field focused), everything the key caused has run.
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea

from vatui.widgets.form_input import KeysInOrder

# Bindings that only move a cursor within the focused list: their effect is made at once when the
# binding runs, in key order, so the keys after them need not wait (and j/k held down stays cheap).
MOVES_A_CURSOR = frozenset({
    "blocks-cursor-down", "blocks-cursor-up", "blocks-cursor-first", "blocks-cursor-last",
    "queue-cursor-down", "queue-cursor-up", "queue-first", "queue-last", "queue-page-down", "queue-page-up",
    "clock-next-row", "clock-previous-row",
})
EXTRA_ROUNDS = 4  # a pushed screen: its ScreenResume, its first focus, that Focus event
FOCUS_ROUNDS = 6  # at most, for a form that is open but has not focused its first field yet
ROUND_TIMEOUT = 0.2  # seconds; a round normally takes well under a millisecond


class KeyGate:
    """Mixin for the App (before `App` in the bases): see the module docstring."""

    _gate_held: list[events.Key] | None = None  # keys waiting while one key's effects settle
    _gate_task: asyncio.Task[None] | None = None  # kept: the loop holds tasks only weakly

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._gate_held is not None:
                self._gate_held.append(event)
                return
            if self._gate_needed(event.key):
                self._gate_held = []
                await super().on_event(event)  # type: ignore[misc]
                self._gate_task = asyncio.get_running_loop().create_task(self._settle_then_release())
                return
        await super().on_event(event)  # type: ignore[misc]

    def _gate_needed(self, key: str) -> bool:
        """A key that will run a binding of a screen that is not a form."""
        screen = self.screen  # type: ignore[attr-defined]
        if isinstance(screen, KeysInOrder):
            return False
        if isinstance(self.focused, (Input, TextArea)):  # type: ignore[attr-defined]
            return False  # a text field in the cockpit (the queue's filter) applies its keys itself
        try:
            found = screen.active_bindings.get(key)
        except Exception:  # noqa: BLE001 - a screen being torn down has no bindings to run
            return False
        return found is not None and found.enabled and found.binding.id not in MOVES_A_CURSOR

    def _path(self) -> list[Widget]:
        """The queues a key and its binding's messages pass through: the focused widget up to the app."""
        app = self
        start = app.focused or app.screen  # type: ignore[attr-defined]
        return list(start.ancestors_with_self)

    async def _round(self) -> None:
        """One turn of every queue on the path: wait until a callback posted to each has run."""
        done = asyncio.Event()
        pending = 0

        def one_ran() -> None:
            nonlocal pending
            pending -= 1
            if pending == 0:
                done.set()

        for node in self._path():
            if node.call_later(one_ran):
                pending += 1
        if pending:
            # A screen popped by the key closes its widgets' queues before their callbacks run:
            # do not wait on those for ever.
            try:
                await asyncio.wait_for(done.wait(), ROUND_TIMEOUT)
            except TimeoutError:
                pass

    async def _settle_then_release(self) -> None:
        try:
            rounds = 2 * len(self._path()) + EXTRA_ROUNDS
            for _ in range(rounds):
                await self._round()
            for _ in range(FOCUS_ROUNDS):
                if not isinstance(self.screen, KeysInOrder) or self.focused is not None:  # type: ignore[attr-defined]
                    break
                await self._round()
        except Exception:  # noqa: BLE001, S110 - the app is closing: nothing is left to settle
            pass
        finally:
            held, self._gate_held = self._gate_held or [], None
            for key in held:
                self.post_message(key)  # type: ignore[attr-defined]
