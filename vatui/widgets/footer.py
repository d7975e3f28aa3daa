"""The footer of keys, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its key widgets whenever the screen says its bindings may have
changed: every focus move, and several times while the cockpit starts (12 ms each, most of a
pane switch). Most of those calls would draw the same keys again; this one compares first, and
builds its keys compact from the start.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer


class KeyFooter(Footer):
    # Textual's compact footer gives every key, the docked palette key too, a one-cell right
    # margin. A margin is not painted: in the palette's last cell showed whatever key had
    # scrolled under it ("… s Digest▏^p paletteu" at 80 columns). Padding paints that cell.
    DEFAULT_CSS = """
    KeyFooter.-compact FooterKey.-command-palette { margin-right: 0; padding-right: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(compact=True, id=id)
        self._shown: tuple | None = None
        # Textual's footer draws no keys until the screen first says its bindings changed, after
        # the first paint, so the keys came one frame (or two) late. Mounted after the focus is set
        # (CockpitBase.on_mount), the keys it would wait for are already known.
        self.set_reactive(Footer._bindings_ready, True)

    def shown_keys(self) -> tuple:
        """What compose would draw: each shown binding's key, words, state and tooltip, and the
        command palette's key."""
        app = self.app
        active = self.screen.active_bindings

        def words(binding, enabled, tooltip) -> tuple:  # noqa: ANN001 - Textual's Binding
            return (binding.key, binding.action, binding.description, binding.group, enabled, tooltip,
                    app.get_key_display(binding))

        shown = tuple(words(b, enabled, tooltip) for _node, b, enabled, tooltip in active.values() if b.show)
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        return shown, palette and words(*palette[1:]), self.show_command_palette, app.ENABLE_COMMAND_PALETTE

    def compose(self) -> ComposeResult:
        # Each key is compact from the start: Textual sets "-compact" on a key once it is
        # mounted, which restyles it (and its two parts) a second time.
        self._shown = self.shown_keys()
        for widget in super().compose():
            if type(widget).__name__ == "FooterKey":  # (not exported by textual.widgets)
                widget.set_class(True, "-compact", update=False)
            yield widget

    async def recompose(self) -> None:
        shown = self.shown_keys()
        if shown == self._shown and self.children:
            return  # the same keys: nothing to rebuild
        self._shown = shown
        await super().recompose()
