"""The footer of keys: one widget that draws the keys the focused pane and the screen offer.

Textual's Footer is a container of one widget per key (nine in the cockpit), each styled, laid
out and painted on its own: about a twentieth of the cockpit's start-up, for one line of text.
This footer draws the same line, in the same compact layout and colours, as one widget: it reads
the screen's active bindings when Textual says they changed, redraws only when the keys it shows
differ, and answers the mouse as Textual's does (a click presses the key, hovering shows the
key's tooltip).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


class FooterItem(NamedTuple):
    """One thing the footer shows, at columns `x` to `x + width` (the palette key: from the right)."""

    kind: str  # "key", "grouped" (a key shown under its group's label), "label" or "palette"
    key: str  # the key pressed when clicked ("" for a label)
    key_display: str
    description: str  # a grouped key's description is its group's label
    enabled: bool
    tooltip: str
    x: int
    width: int

    @property
    def right(self) -> int:
        return self.x + self.width


class KeyFooter(Widget, can_focus=False):
    """The key footer (compact), as Textual's Footer lays it out and colours it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--label", "footer--hover", "footer--edge",
                         "footer--disabled"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        & > .footer--description { color: $footer-description-foreground; background: $footer-description-background; }
        & > .footer--label { color: $footer-description-foreground; background: $footer-description-background; }
        & > .footer--hover { color: $footer-key-foreground; background: $block-hover-background; }
        & > .footer--edge { color: $foreground 20%; }
        & > .footer--disabled { text-style: dim; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple = ()
        self._hover: int | None = None  # the item under the mouse
        self._items: tuple[FooterItem, ...] = ()
        self._laid_out_for = (-1, 0)  # the (width, scroll) the items were placed for
        self.key_offset = 0  # columns scrolled left (the mouse wheel), to reach keys under the palette

    # --- what is shown -------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # Mounted once the focus is set (CockpitScreen.on_mount), so the keys are known now: drawn
        # in the first frame rather than a frame later.
        self._read_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self._read_keys()

    def _read_keys(self) -> None:
        shown = self.shown_keys()
        if shown != self._shown:
            self._shown = shown
            self._laid_out_for = (-1, 0)
            self.key_offset = 0
            self._hover = None
            self.tooltip = None
            self.refresh()

    def shown_keys(self) -> tuple:
        """Each shown key as (kind, key, key display, description, enabled, tooltip), in Textual's
        Footer order: a binding group of several actions shows their keys then the group's label."""
        app = self.app
        active = self.screen.active_bindings
        per_action: defaultdict[str, list] = defaultdict(list)
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                per_action[binding.action].append((binding, enabled, tooltip))
        out: list[tuple] = []
        for group, actions in groupby(per_action.values(), lambda bindings: bindings[0][0].group):
            actions = list(actions)
            if group is not None and len(actions) > 1:
                # (vatui's groups are all compact: drawn as Textual draws a compact group)
                for binding, enabled, tooltip in (bindings[0] for bindings in actions):
                    out.append(("grouped", binding.key, app.get_key_display(binding), group.description, enabled,
                                tooltip or binding.description))
                out.append(("label", "", "", group.description, True, ""))
            else:
                for binding, enabled, tooltip in (bindings[0] for bindings in actions):
                    out.append(("key", binding.key, app.get_key_display(binding), binding.description, enabled,
                                tooltip))
        palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            _node, binding, enabled, _tooltip = palette
            out.append(("palette", binding.key, app.get_key_display(binding), binding.description, enabled,
                        binding.tooltip or binding.description))
        return tuple(out)

    @property
    def items(self) -> tuple[FooterItem, ...]:
        """What is shown and where, for the current width."""
        key = (self.size.width, self.key_offset)
        if key != self._laid_out_for:
            self._items = tuple(_place(self._shown, *key))
            self._laid_out_for = key
        return self._items

    @property
    def palette(self) -> FooterItem | None:
        """The command palette's key, docked at the right (always the last item)."""
        items = self.items
        return items[-1] if items and items[-1].kind == "palette" else None

    def _palette_edge(self) -> int:
        """Where the keys end: the palette key's edge, or the footer's."""
        palette = self.palette
        return palette.x if palette else self.size.width

    def clipped(self) -> list[str]:
        """The descriptions of keys hidden (wholly or partly) under the palette key at the right."""
        edge = self._palette_edge()
        return [i.description for i in self.items if i.kind != "palette" and i.right > edge]

    # --- drawing -------------------------------------------------------------------------------
    def render(self) -> Text:
        width = self.size.width
        line = Text(no_wrap=True, overflow="crop", end="")
        style = self.get_component_rich_style
        key_style, description_style = style("footer--key"), style("footer--description")
        label_style, hover_style = style("footer--label"), style("footer--hover")
        dim = Style(dim=True)
        column = 0
        palette: FooterItem | None = None
        for index, item in enumerate(self.items):
            hover = hover_style if index == self._hover else None
            if item.kind == "palette":
                palette, palette_hover = item, hover
            elif item.right > 0 and item.x < width:
                text = self._item_text(item, key_style, description_style, label_style, hover, dim)
                if item.x < 0:  # scrolled partly out at the left
                    text = text[-item.x:]
                line.append(" " * (max(0, item.x) - column))
                line.append_text(text)
                column = item.right
        if palette is None:
            return line
        # Docked at the right over whatever did not fit: its edge, its key, its padding.
        line.truncate(max(0, palette.x), pad=True)
        line.append("▏", style("footer--edge"))
        line.append_text(self._item_text(palette, key_style, description_style, label_style, palette_hover, dim))
        line.append(" ")
        return line

    @staticmethod
    def _item_text(item: FooterItem, key_style: Style, description_style: Style, label_style: Style,
                   hover: Style | None, dim: Style) -> Text:
        if item.kind == "label":
            return Text(item.description, label_style)
        if item.kind == "grouped":
            text = Text(item.key_display, key_style)
        elif item.description:
            text = Text.assemble((item.key_display, key_style), (" " + item.description, description_style))
        else:
            text = Text(item.key_display, key_style)
        if hover is not None:
            text.stylize_before(hover)
        if not item.enabled:
            text.stylize(dim)
        return text

    # --- the mouse -----------------------------------------------------------------------------
    def _item_at(self, x: int) -> int | None:
        """The key under column `x`: the palette key first, as it is drawn over what did not fit."""
        items = self.items
        if self.palette is not None and x >= self._palette_edge():
            return len(items) - 1
        for index, item in enumerate(items):
            if item.kind not in ("label", "palette") and item.x <= x < item.right:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._item_at(event.x)
        if index != self._hover:
            self._hover = index
            self.tooltip = self.items[index].tooltip or None if index is not None else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        self.tooltip = None
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._item_at(event.x)
        if index is None:
            return
        item = self.items[index]
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    # The wheel scrolls keys that did not fit out from under the palette key, as in Textual's.
    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll(4, event)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll(-4, event)

    def _scroll(self, step: int, event: events.MouseEvent) -> None:
        hidden = max(0, max((i.right for i in self.items if i.kind != "palette"), default=0) + self.key_offset
                     - self._palette_edge())
        offset = max(0, min(hidden, self.key_offset + step))
        if offset != self.key_offset:
            self.key_offset = offset
            self._hover = None
            self.refresh()
            event.stop()


def _place(shown: tuple, width: int, offset: int = 0) -> list[FooterItem]:
    """Columns as Textual's compact Footer lays its widgets out: a key, then one column of margin;
    a compact group: one column of padding, its keys side by side, a column, its label, a column.
    The palette key is docked at the right edge: a one-column edge, the key, one column of padding
    (vatui's setting: with Textual's margin, that cell showed whatever key scrolled under it)."""
    out: list[FooterItem] = []
    x = -offset
    previous = None
    for kind, key, key_display, description, enabled, tooltip in shown:
        if kind == "palette":
            size = cell_len(key_display) + (1 + cell_len(description) if description else 0) + 2
            out.append(FooterItem(kind, key, key_display, description, enabled, tooltip, width - size, size))
            continue
        if kind == "grouped" and previous != "grouped":
            x += 1  # the group's padding
        elif kind != "grouped" and previous == "grouped":
            x += 1  # the group's margin
        if kind == "label":
            size = cell_len(description)
        elif kind == "grouped":
            size = cell_len(key_display)
        else:
            size = cell_len(key_display) + (1 + cell_len(description) if description else 0)
        out.append(FooterItem(kind, key, key_display, description, enabled, tooltip, x, size))
        x += size
        if kind != "grouped":
            x += 1  # the margin after a key or a label
        previous = kind
    return out
