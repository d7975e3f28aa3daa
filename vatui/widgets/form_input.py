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


class FormKey(Message, bubble=False):
    """A key for the form, queued at its screen in arrival order."""

    def __init__(self, key: str, character: str | None) -> None:
        super().__init__()
        self.key = key
        self.character = character


class KeysInOrder:
    """Mixin for a Screen: keys for its FormInputs are applied from one queue, in order."""

    async def on_form_key(self, message: FormKey) -> None:
        message.stop()
        app = self.app  # type: ignore[attr-defined]
        if app.screen is not self:
            # The form closed earlier in the burst: the key goes on to what is shown now.
            app.post_message(events.Key(message.key, message.character))
            return
        focused = app.focused
        if isinstance(focused, FormInput):
            await focused.apply_key(message.key, message.character)
        elif focused is not None:
            focused.post_message(events.Key(message.key, message.character))
        else:
            await _run_binding(self, message.key)  # type: ignore[arg-type]


async def _run_binding(node, key: str) -> bool:  # noqa: ANN001
    """Run the action the binding chain gives `key` (the focused widget's first), as Textual would."""
    try:
        active = node.screen.active_bindings
    except Exception:  # noqa: BLE001 - not mounted on a screen (any more)
        return False
    found = active.get(key)
    if found is None or not found.enabled:
        return False
    return bool(await node.app.run_action(found.binding.action, found.node))


class FormInput(Input):
    """An Input that applies every key when it arrives (see the module docstring)."""

    def _form_screen(self) -> KeysInOrder | None:
        try:
            screen = self.screen
        except Exception:  # noqa: BLE001 - not on a screen yet
            return None
        return screen if isinstance(screen, KeysInOrder) else None

    def post_message(self, message: Message) -> bool:
        if isinstance(message, events.Key) and message.is_forwarded:
            screen = self._form_screen()
            if screen is not None:
                return screen.post_message(FormKey(message.key, message.character))  # type: ignore[attr-defined]
        return super().post_message(message)

    async def _on_key(self, event: events.Key) -> None:
        # Reached only where no KeysInOrder screen queues the keys (e.g. the queue's filter line).
        event.stop()
        event.prevent_default()
        if not self.has_focus and self.app.focused is not None and self.app.focused is not self:
            # A Tab earlier in the burst moved on: this key belongs to the field focused now.
            target = self.app.focused
            if isinstance(target, FormInput):
                await target.apply_key(event.key, event.character)
            else:
                target.post_message(events.Key(event.key, event.character))
            return
        await self.apply_key(event.key, event.character)

    async def apply_key(self, key: str, character: str | None) -> None:
        """Apply one key now: insert a printable one, else run its binding."""
        self._restart_blink()
        if events.Key(key, character).is_printable:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(character)
            else:
                self.replace(character, *selection)
            return
        await _run_binding(self, key)  # a key bound to nothing does nothing, as in Input
