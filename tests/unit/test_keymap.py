"""`[keys]` remaps checked against vatui's real binding ids and Textual's key names."""

from __future__ import annotations

import pytest

from vatui.settings.keymap import binding_defaults, check_keymap, normal_key


@pytest.mark.parametrize("text, key", [
    ("f8", "f8"), ("F8", "f8"), ("ctrl+s", "ctrl+s"), ("Ctrl+S", "ctrl+S"), ("shift+up", "shift+up"),
    ("shift+ctrl+up", "ctrl+shift+up"), ("x", "x"), ("K", "K"), ("?", "?"), ("question_mark", "question_mark"),
    ("left_square_bracket", "left_square_bracket"), ("slash", "slash"), ("plus", "plus"), ("+", "+"),
    ("ctrl++", "ctrl++"), ("alt+x", "alt+x"), ("super+k", "super+k"), ("pagedown", "pagedown"), (" enter ", "enter"),
])
def test_key_names_textual_knows(text, key):
    assert normal_key(text) == key


@pytest.mark.parametrize("text", ["notakey+++", "notakey", "", " ", "ctrl+", "ctrl+ctrl+s", "hyperdrive+x", "f99",
                                  "latin_small_letter_a", "ctrl+shift", "enter key"])
def test_text_that_names_no_key(text):
    assert normal_key(text) is None


def test_every_default_key_of_vatui_is_a_key_name():
    """The check is no stricter than vatui's own bindings (else a user could not remap to them)."""
    defaults = binding_defaults()
    assert {"zoom-pane", "help", "edit-task", "save-task-form", "add-entry", "client-form-save"} <= set(defaults)
    for binding_id, keys in defaults.items():
        for key in keys.split(","):
            assert normal_key(key) is not None, (binding_id, key)


def test_bad_entries_are_named_and_left_out():
    good, problems = check_keymap({"zoom-pane": "notakey+++", "no-such-binding": "f9", "help": "F1",
                                   "edit-task": "e, ctrl+e"})
    assert good == {"help": "f1", "edit-task": "e,ctrl+e"}
    assert len(problems) == 2
    assert "keys.zoom-pane" in problems[0] and "'notakey+++' is not a key" in problems[0]
    assert "it keeps its default, z" in problems[0]
    assert "keys.no-such-binding" in problems[1] and "help screen (?)" in problems[1]


def declared_bindings() -> dict[str, str]:
    """Every binding id in the BINDINGS of vatui's app, screens and widgets, with its keys."""
    import importlib
    import pkgutil

    from textual.binding import Binding

    import vatui.screens
    import vatui.widgets

    modules = [importlib.import_module("vatui.app")]
    for package in (vatui.screens, vatui.widgets):
        modules += [importlib.import_module(m.name) for m in pkgutil.iter_modules(package.__path__, package.__name__ + ".")]
    out: dict[str, list[str]] = {}
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__ and "BINDINGS" in value.__dict__:
                for binding in Binding.make_bindings(value.__dict__["BINDINGS"]):
                    if binding.id and binding.key not in out.setdefault(binding.id, []):
                        out[binding.id].append(binding.key)
    return {name: ",".join(keys) for name, keys in out.items()}


def test_the_registry_of_binding_ids_is_the_real_bindings():
    """settings/binding_ids.py lists what the screens declare, so remaps are checked without
    importing every screen; a binding added, removed or rebound must be listed there too."""
    assert binding_defaults() == declared_bindings()


def test_the_key_gate_names_real_cursor_bindings():
    """The bindings the key gate lets through at once (screens/key_gate.py) are real ids: a typo
    would only cost speed, but a stale name would hide that."""
    from vatui.screens.key_gate import MOVES_A_CURSOR

    assert MOVES_A_CURSOR <= set(binding_defaults())
