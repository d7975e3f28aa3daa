"""Every cockpit action in the command palette (Ctrl+P), found by its name."""

from __future__ import annotations

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
        for name, action in self._actions():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, action),
                          help=f"{action.keys} · {action.description}")
