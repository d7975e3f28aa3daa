"""The cockpit's key bindings, read from the real BINDINGS (with the user's keymap applied), for
the help screen and the command palette. So neither can drift from what the keys actually do.

Binding descriptions and tooltips are class-level strings marked with `N_()`: English until shown.
`TranslatedBindings` hands Textual's footer (and its key panel) translated copies, read in the
language in use when they are shown, so one process can switch languages between apps."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.screen import Screen

from vatui.i18n import N_, _

# Textual's own words that reach the footer and the command palette, marked here to be extracted.
TEXTUAL_WORDS = (
    N_("palette"), N_("Open the command palette"),
    N_("Theme"), N_("Change the current theme"), N_("Quit"), N_("Quit the application as soon as possible"),
    N_("Keys"), N_("Show help for the focused widget and a summary of available keys"),
    N_("Hide the keys and widget help panel"), N_("Maximize"), N_("Maximize the focused widget"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"), N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)


def translated(binding: Binding) -> Binding:
    """A copy of `binding` with its description, tooltip and group label in the user's language."""
    group = binding.group
    if group is not None:
        group = replace(group, description=_(group.description))
    return replace(binding, description=_(binding.description), tooltip=_(binding.tooltip), group=group)


if TYPE_CHECKING:
    _ScreenBase = Screen
else:
    _ScreenBase = object


class TranslatedBindings(_ScreenBase):
    """Mix into a Screen (before Screen): its active bindings, which Textual's Footer and key panel
    show, come translated. Key dispatch does not read them; only their words change."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return {key: ActiveBinding(active.node, translated(active.binding), active.enabled, _(active.tooltip))
                for key, active in super().active_bindings.items()}


@dataclass(frozen=True)
class BoundAction:
    node: DOMNode  # where the action runs
    binding: Binding
    keys: str  # as the user presses them, after their keymap

    @property
    def description(self) -> str:
        return _(self.binding.tooltip or self.binding.description or self.binding.action)

    @property
    def label(self) -> str:
        return _(self.binding.description or self.binding.action)


@dataclass(frozen=True)
class Section:
    title: str
    actions: list[BoundAction]


def _own_bindings(node: DOMNode) -> Iterator[Binding]:
    """vatui's bindings declared by the node's classes (Textual's own widgets are left out), one per
    id with every key that works: `Binding.make_bindings` splits "e,enter" into two bindings, and
    the help must show the alias too."""
    owner: dict[str, type] = {}
    first: dict[str, Binding] = {}
    keys: dict[str, list[str]] = {}
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("vatui"):
            continue
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            name = binding.id or binding.action
            if owner.setdefault(name, cls) is not cls:
                continue  # redefined by a subclass: the subclass's keys are the ones that work
            first.setdefault(name, binding)
            if binding.key not in keys.setdefault(name, []):
                keys[name].append(binding.key)
    for name, binding in first.items():
        yield replace(binding, key=",".join(keys[name]))


def _keys(node: DOMNode, binding: Binding, keymap: Mapping[str, str]) -> str:
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    app = node.app
    return ", ".join(app.get_key_display(Binding(k.strip(), binding.action)) for k in keys.split(","))


def collect(screen: Screen, keymap: dict[str, str]) -> list[Section]:
    from vatui.widgets.pane import Pane

    general = [BoundAction(screen.app, b, _keys(screen, b, keymap)) for b in _own_bindings(screen.app)]
    general += [BoundAction(screen, b, _keys(screen, b, keymap)) for b in _own_bindings(screen)]
    sections = [Section(_("Everywhere"), general)]
    for pane in screen.query(Pane):
        actions: list[BoundAction] = []
        seen: set[str] = set()
        for node in [pane, *pane.query("*")]:
            for b in _own_bindings(node):
                if (b.id or b.action) not in seen:
                    seen.add(b.id or b.action)
                    actions.append(BoundAction(node, b, _keys(node, b, keymap)))
        sections.append(Section(str(pane.border_title).split(" · ")[0], actions))
    return sections
