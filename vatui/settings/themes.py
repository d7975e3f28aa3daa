"""Theme files (themes/*.toml) -> Textual themes, validated.

A theme is a handful of Textual's base colours plus vatui's own app colours (`[app]`), which the
stylesheet uses as $variables. A bad file is reported and skipped; the default theme is used.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

from vatui.i18n import _

DEFAULT_THEME = "vatui-dark"
BASE_KEYS = ("primary", "secondary", "accent", "foreground", "background", "surface", "panel",
             "success", "warning", "error")
# App colours and their fallbacks (the dark theme's), declared to Textual once so that every
# $variable in app.tcss exists even when a user's theme leaves some out.
APP_COLOURS: dict[str, str] = {
    "in-hours": "#87d787",
    "closing-soon": "#ffd75f",
    "after-hours": "#8a8f98",
    "weekend": "#b294e0",
    "block-current": "#1f4a6e",
    "block-overlap": "#ff6b6b",
    "now-marker": "#ffaf00",
    "pomodoro-focus": "#ff875f",
    "pomodoro-break": "#5fd7af",
    "due-soon": "#ffd75f",
    "overdue": "#ff6b6b",
}


@dataclass
class ThemeSet:
    themes: dict[str, Theme] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)  # the names of the themes whose file was refused


def _colour(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(_("{key} must be a colour in quotes").format(key=where))
    try:
        Color.parse(value)
    except ColorParseError:
        raise ValueError(_("{key} = {value!r} is not a colour (use #rrggbb)").format(key=where, value=value)) from None
    return value


def theme_from_file(path: Path) -> Theme:
    """Read one theme file. Raises ValueError with a message naming the file and key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(_("theme {path}: cannot be read ({reason})").format(path=path, reason=exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(_("theme {path}: not valid TOML ({problem})").format(path=path, problem=exc)) from None
    try:
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(_("needs a name = \"...\""))
        colors = data.get("colors", {})
        if not isinstance(colors, dict) or "primary" not in colors:
            raise ValueError(_("needs a [colors] table with at least primary"))
        unknown = set(colors) - set(BASE_KEYS)
        if unknown:
            raise ValueError(_("unknown colour {name!r} in [colors]; known: {known}").format(
                name=sorted(unknown)[0], known=", ".join(BASE_KEYS)))
        base = {k: _colour(v, f"colors.{k}") for k, v in colors.items()}
        app = data.get("app", {})
        if not isinstance(app, dict):
            raise ValueError(_("[app] must be a table"))
        unknown = set(app) - set(APP_COLOURS)
        if unknown:
            raise ValueError(_("unknown app colour {name!r}; known: {known}").format(
                name=sorted(unknown)[0], known=", ".join(APP_COLOURS)))
        variables = {k: _colour(v, f"app.{k}") for k, v in app.items()}
        dark = data.get("dark", True)
        if not isinstance(dark, bool):
            raise ValueError(_("dark must be true or false"))
    except ValueError as exc:
        raise ValueError(_("theme {path}: {problem}").format(path=path, problem=exc)) from None
    return Theme(name=name.strip(), dark=dark, variables=variables, **base)


def _declared_names(path: Path) -> set[str]:
    """The names a refused theme file goes by (its `name`, if that much can be read, and the file
    name), so that choosing it is answered with "its file was refused", not "not found"."""
    names = {path.stem}
    try:
        name = tomllib.loads(path.read_text(encoding="utf-8")).get("name")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return names
    if isinstance(name, str) and name.strip():
        names.add(name.strip())
    return names


def load_themes(*folders: Path) -> ThemeSet:
    """Every *.toml in the folders, later folders overriding earlier ones by name."""
    out = ThemeSet()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = theme_from_file(path)
            except ValueError as exc:
                out.warnings.append(_("{problem}; it is skipped").format(problem=exc))
                out.refused |= _declared_names(path)
                continue
            out.themes[theme.name] = theme
    return out
