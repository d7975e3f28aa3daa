"""The other widgets of a form (buttons, lists, tick boxes, text areas), with their keys queued
at a KeysInOrder screen like FormInput's (see form_input.py), so that a burst of keys moving
through them (a Tab onto a list, then on to the next field) is applied in order too."""

from __future__ import annotations

from textual import events
from textual.widgets import Button, OptionList, Select, TextArea

from vatui.widgets.form_input import RoutesKeys, run_binding
from vatui.widgets.ticks import TickBox


class FormButton(RoutesKeys, Button):
    pass


class FormSelect(RoutesKeys, Select):
    pass


class FormOptionList(RoutesKeys, OptionList):
    pass


class FormTickBox(RoutesKeys, TickBox):
    pass


class FormTextArea(RoutesKeys, TextArea):
    """A TextArea that inserts each key when its turn comes (Enter is a new line, as in TextArea)."""

    async def apply_key(self, key: str, character: str | None) -> None:
        self._restart_blink()
        inserts = {"enter": "\\n"}
        if self.tab_behavior == "indent":
            inserts["tab"] = "\\t" if self.indent_type == "tabs" else "    "
        if not self.read_only and (key in inserts or events.Key(key, character).is_printable):
            text = inserts.get(key, character or "")
            self.replace(text, *self.selection, maintain_selection_offset=False)
            return
        await run_binding(self, key)
