"""Every cockpit action in the command palette (Ctrl+P), found by its name or by the words of its
help: "invoice" finds the report, "export" the digest."""

from __future__ import annotations

import re
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from vatui.screens import key_bindings as keys


class ActionCommands(Provider):
    def _actions(self) -> list[tuple[str, keys.BoundAction]]:
        from vatui.screens.base import CockpitBase

        screen = self.screen
        # The palette is itself a screen on top of the cockpit: find the cockpit beneath it.
        cockpit = next((s for s in reversed(self.app.screen_stack) if isinstance(s, CockpitBase)), None)
        if cockpit is None:
            return []
        del screen
        keymap = self.app.keymap  # type: ignore[attr-defined]
        out: list[tuple[str, keys.BoundAction]] = []
        for section in keys.collect(cockpit, keymap):
            for action in section.actions:
                out.append((f"{section.title}: {action.label}", action))
        return out

    async def _run(self, action: keys.BoundAction) -> None:
        await self.app.run_action(action.binding.action, default_namespace=action.node)

    async def discover(self) -> Hits:
        for name, action in self._actions():
            yield DiscoveryHit(name, partial(self._run, action), help=f"{action.keys} · {action.description}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        wanted = query.casefold().split()
        for name, action in self._actions():
            score = matcher.match(name)
            if score <= 0 and wanted and help_words_match(wanted, f"{action.description} {action.binding.id or ''}"):
                score = HELP_SCORE
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, action),
                          help=f"{action.keys} · {action.description}")


# Below any match on the name: a name that matches is the likelier wish.
HELP_SCORE = 0.1


def help_words_match(wanted: list[str], text: str) -> bool:
    """Each word of the query starts a word of the help (in the user's language). Word starts,
    not the fuzzy letters-in-order match used for names, which over a sentence matches nearly
    anything."""
    words = re.findall(r"\w+", text.casefold())
    return all(any(w.startswith(q) for w in words) for q in wanted)
