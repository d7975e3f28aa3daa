"""The user's `[keys]` remaps, checked before Textual gets them.

Textual's `App.set_keymap` takes any id and any text without a word: an unknown id does nothing
and a key name that no key produces ("notakey+++") silently takes the binding's key away. So each
entry is checked here against vatui's real binding ids and against the key names Textual's
driver produces; a bad entry is left out (the binding keeps its default) and reported with the
other config problems.

This needs Textual (its key names) and the screens (their bindings), so the config reader, which
the quick commands use, only checks that each entry is text; the cockpit and `vatui where` call
`check_keymap`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from textual.keys import KEY_NAME_REPLACEMENTS, REPLACED_KEYS, Keys, format_key, key_to_character

from vatui.i18n import _
from vatui.settings.binding_ids import BINDING_DEFAULTS

# Modifiers as Textual's driver names them; it writes them in alphabetical order ("ctrl+shift+up").
MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")
# The keys that are not characters: "f8", "pageup", "enter", ... (Keys also holds "ctrl+a" and
# internal markers such as "<any>"; only the bare names count).
NAMED_KEYS = frozenset(
    name for name in (k.value.rpartition("+")[2] for k in Keys) if len(name) > 1 and not name.startswith("<")
) - {"ctrl-at"}
KEY_EXAMPLES = "f8, ctrl+s, shift+up, x, ?"


def binding_defaults() -> dict[str, str]:
    """Every binding id vatui declares, with its default keys: the cockpit's and those of every
    form and screen (a remap may name a binding of a form that is not open yet)."""
    return BINDING_DEFAULTS


def _character_name(character: str) -> str:
    """The key name Textual gives a character ("?" -> "question_mark", "/" -> "slash")."""
    if character.isalnum():
        return character
    name = unicodedata.name(character, character).lower().replace("-", "_").replace(" ", "_")
    return KEY_NAME_REPLACEMENTS.get(name, name)


def normal_key(text: str) -> str | None:
    """`text` as the key name Textual matches ("Ctrl+S" -> "ctrl+s", "F8" -> "f8", "shift+ctrl+up"
    -> "ctrl+shift+up", "?" stays "?"), or None when no key is called that."""
    text = text.strip()
    if text.endswith("++") or text == "+":  # the plus key itself, alone or with modifiers
        head, base = text[:-1].removesuffix("+"), "+"
    else:
        head, _sep, base = text.rpartition("+")
    modifiers = [m.lower() for m in head.split("+")] if head else []
    if len(set(modifiers)) != len(modifiers) or any(m not in MODIFIERS for m in modifiers):
        return None
    if len(base) == 1:
        if not base.isprintable() or base.isspace():
            return None
    elif base.lower() in NAMED_KEYS:
        base = base.lower()
    else:
        character = key_to_character(REPLACED_KEYS.get(base, base))
        if character is None or len(character) != 1 or _character_name(character) != base:
            return None
    return "+".join([*sorted(modifiers), base])


def check_keymap(keymap: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The entries of `keymap` that name a real binding with real keys, normalised, and a
    message for each one left out."""
    defaults = binding_defaults()
    good: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in keymap.items():
        if binding_id not in defaults:
            problems.append(_("config: keys.{id} names no key binding, so it is ignored; the help screen (?) shows "
                              "each binding's id").format(id=binding_id))
            continue
        names = [normal_key(part) for part in keys.split(",")]
        bad = next((part.strip() for part, name in zip(keys.split(","), names) if name is None), None)
        if bad is not None:
            problems.append(_("config: keys.{id} = {keys!r}: {key!r} is not a key (e.g. {examples}); "
                              "it keeps its default, {default}").format(
                id=binding_id, keys=keys, key=bad, examples=KEY_EXAMPLES,
                default=" / ".join(format_key(k) for k in defaults[binding_id].split(","))))
            continue
        good[binding_id] = ",".join(dict.fromkeys(n for n in names if n))
    return good, problems
