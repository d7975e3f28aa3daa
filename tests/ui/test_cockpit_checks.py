"""Cockpit-wide promises checked against what exists: NO_COLOR, stable binding ids, tooltips."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

from textual.binding import Binding

import vatui
from vatui.widgets.clock_pane import ClockPane


def _vatui_classes():
    for info in pkgutil.walk_packages(vatui.__path__, "vatui."):
        if info.name.startswith(("vatui.cli", "vatui.core", "vatui.store")) or info.name == "vatui.__main__":
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and "BINDINGS" in cls.__dict__:
                yield cls


def test_every_binding_has_a_stable_unique_id_and_words():
    seen: dict[str, str] = {}
    classes = list(_vatui_classes())
    assert {c.__name__ for c in classes} >= {"VatuiApp", "CockpitBase", "ClockPane", "ClockTable", "ClientModal"}
    for cls in classes:
        for binding in Binding.make_bindings(cls.__dict__["BINDINGS"]):
            where = f"{cls.__name__}: {binding.key} -> {binding.action}"
            assert binding.id and re.fullmatch(r"[a-z]+(-[a-z]+)*", binding.id), where
            assert binding.description, where
            owner = seen.setdefault(binding.id, cls.__name__)
            assert owner == cls.__name__, f"{binding.id} is used by {owner} and {cls.__name__}"


async def test_no_color_is_honoured(make_app, monkeypatch, tmp_path):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1")
        assert app.no_color
        svg = app.export_screenshot()
    colours = set(re.findall(r"(?:fill|stroke):\s*#([0-9a-fA-F]{6})", svg))
    body = {c.lower() for c in colours} - {"c5c8c6", "292929", "ff5f57", "febc2e", "28c840"}  # the SVG window frame
    assert body, "no colours found at all: the check would prove nothing"
    for colour in body:
        r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
        assert r == g == b, f"#{colour} is a colour, not a grey"
    # States are still told apart: by word and symbol, not colour.
    text = svg.replace("&#160;", " ")
    assert "in hours" in text and "after hours" in text and "■" in text and "□" in text


async def test_colours_are_used_without_no_color(make_app, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app()
    async with app.run_test(size=(120, 36)):
        svg = app.export_screenshot()
        assert isinstance(app.screen.query_one(ClockPane), ClockPane)
    greys = [c for c in re.findall(r"fill:\s*#([0-9a-fA-F]{6})", svg) if c[0:2] == c[2:4] == c[4:6]]
    assert len(set(re.findall(r"fill:\s*#([0-9a-fA-F]{6})", svg))) > len(set(greys))
