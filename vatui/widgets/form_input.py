"""Form fields that apply a burst of keys exactly as if it were typed slowly.

Over SSH a burst such as `Acme<Tab>Asia/Kolkata<Ctrl+S>` arrives in one read. Textual's Input
inserts printable keys as they come but runs its bound keys (Backspace, Ctrl+U, arrows, ...) and
the screen's Tab, Enter and Ctrl+S later, on the way back up through the binding chain; and keys
already queued for a field stay with it after a Tab moves the focus (Textual issue 6605). So the
burst came out as `Acmekolk` in the name and an empty zone.

Here every key is applied at once, in arrival order:
- a `FormInput` handles each key itself: a printable one is inserted, one of its own bindings runs
  its action now, any other bound key (Tab, Enter, Ctrl+S, Esc) runs the action the screen's
  binding chain gives it, now;
- on a screen with `KeysInOrder`, a key meant for a FormInput is not queued at that field but at the
  screen, in the order the app received it; the screen hands each key to whichever field has the
  focus when its turn comes, so the keys after a Tab reach the next field.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input
from textual.widgets.input import Selection


class FormKey(Message, bubble=False):
    """A key for the form, queued at its screen in arrival order."""

    def __init__(self, key: str, character: str | None) -> None:
        super().__init__()
        self.key = key
        self.character = character


class KeysInOrder:
    """Mixin for a Screen: keys for its form widgets are applied from one queue, in order.

    Enter in a field submits through a message (Input.Submitted) that reaches the screen after
    the keys already queued behind it; those keys wait until it has been handled, so that what
    comes after a submit happens after it (in the next form, or in the cockpit once this closes)."""

    _held: list[FormKey] | None = None  # keys waiting for a submit to be handled

    async def on_form_key(self, message: FormKey) -> None:
        message.stop()
        if self._held is not None:
            self._held.append(message)
            return
        app = self.app  # type: ignore[attr-defined]
        if app.screen is not self:
            # The form closed earlier in the burst: the key goes on to what is shown now.
            app.post_message(events.Key(message.key, message.character))
            return
        focused = app.focused
        if isinstance(focused, RoutesKeys):
            await focused.apply_key(message.key, message.character)
            if message.key == "enter" and isinstance(focused, Input):
                self._held = []
                self.set_timer(1.0, self._release_held)  # in case no submit comes through
        elif focused is not None:
            if not await run_binding(focused, message.key):
                focused.post_message(events.Key(message.key, message.character))
        else:
            await run_binding(self, message.key)

    def on_input_submitted(self) -> None:
        if self._held is not None:
            self.call_later(self._release_held)  # after every handler of the submit has run

    async def _release_held(self) -> None:
        held, self._held = self._held or [], None
        for index, key in enumerate(held):
            if self._held is not None:  # another Enter in the burst: the rest waits again
                self._held.extend(held[index:])
                return
            await self.on_form_key(key)


async def run_binding(node, key: str) -> bool:  # noqa: ANN001
    """Run the action the binding chain gives `key` (the focused widget's first), as Textual would."""
    try:
        active = node.screen.active_bindings
    except Exception:  # noqa: BLE001 - not mounted on a screen (any more)
        return False
    found = active.get(key)
    if found is None or not found.enabled:
        return False
    return bool(await node.app.run_action(found.binding.action, found.node))


class RoutesKeys:
    """Mixin for a widget in a form: the keys the app forwards to it are queued at its screen
    (when that screen has KeysInOrder), which applies each in order with `apply_key`."""

    def post_message(self, message: Message) -> bool:
        if isinstance(message, events.Key) and message.is_forwarded:
            try:
                screen = self.screen  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - not on a screen yet
                screen = None
            if isinstance(screen, KeysInOrder):
                return screen.post_message(FormKey(message.key, message.character))  # type: ignore[attr-defined]
        return super().post_message(message)  # type: ignore[misc]

    async def apply_key(self, key: str, character: str | None) -> None:
        """Apply one key now: its binding runs at once; a key bound to nothing is handled by the
        widget as it would be without a form around it."""
        if not await run_binding(self, key):
            super().post_message(events.Key(key, character))  # type: ignore[misc]


class FormInput(RoutesKeys, Input):
    """An Input that applies every key when it arrives (see the module docstring)."""

    _focus_seen = False  # its Focus event has been handled since it last lost focus
    _select_on_focus_later = False  # select_on_focus was applied early, to be restored

    def on_focus(self) -> None:
        self._focus_seen = True
        if self._select_on_focus_later:
            self.call_later(self._restore_select_on_focus)

    def on_blur(self) -> None:
        self._focus_seen = False

    def _restore_select_on_focus(self) -> None:
        self._select_on_focus_later = False
        self.select_on_focus = True

    def _focus_first(self) -> None:
        """A Tab earlier in the burst focused this field, but its Focus event (which selects the
        text when select_on_focus is set) comes after the keys: do it now, as slow typing would
        have seen it, and not again when the event comes."""
        if self._focus_seen or not self.select_on_focus:
            return
        self.selection = Selection(0, len(self.value))
        self.select_on_focus = False
        self._select_on_focus_later = True

    async def _on_key(self, event: events.Key) -> None:
        # Reached only where no KeysInOrder screen queues the keys (e.g. the queue's filter line).
        event.stop()
        event.prevent_default()
        if not self.has_focus and self.app.focused is not None and self.app.focused is not self:
            # A Tab earlier in the burst moved on: this key belongs to the field focused now.
            target = self.app.focused
            if isinstance(target, RoutesKeys):
                await target.apply_key(event.key, event.character)
            else:
                target.post_message(events.Key(event.key, event.character))
            return
        await self.apply_key(event.key, event.character)

    async def apply_key(self, key: str, character: str | None) -> None:
        """Apply one key now: insert a printable one, else run its binding."""
        self._restart_blink()
        self._focus_first()
        if events.Key(key, character).is_printable:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(character)
            else:
                self.replace(character, *selection)
            return
        await run_binding(self, key)  # a key bound to nothing does nothing, as in Input
