"""Read Settings from the TOML config file.

A missing file means defaults. A bad value never stops vatui: it is reported with the key that
holds it and the default is used instead. `load_config` returns the warnings for the caller to
show (the cockpit as a notification, the CLI on stderr).
"""

from __future__ import annotations

import textwrap
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from vatui.core.errors import ValidationError
from vatui.core.grammar import parse_duration, weekday_index
from vatui.core.hours import WEEKDAYS, WeekHours
from vatui.core.settings import (
    NOTIFY_CHANNELS,
    NOTIFY_TERMINAL_STYLES,
    ROUNDING_CHOICES,
    CalDavSettings,
    PomodoroSettings,
    Settings,
)
from vatui.core.tzdb import validate_zone
from vatui.i18n import _, ngettext
from vatui.text.textfit import fit_words


@dataclass
class LoadedConfig:
    settings: Settings
    path: Path
    warnings: list[str] = field(default_factory=list)


def machine_zone() -> str:
    """The machine's IANA zone name, or UTC when it cannot be told (a bare container)."""
    try:
        import tzlocal

        return validate_zone(tzlocal.get_localzone_name() or "UTC")
    except Exception:  # tzlocal raises several kinds on odd systems; UTC is a safe answer
        return "UTC"


class _Reader:
    def __init__(self, data: dict[str, Any], warnings: list[str]) -> None:
        self.data = data
        self.warnings = warnings

    def get(self, key: str, parse: Callable[[Any], Any], default: Any) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        try:
            return parse(node)
        except (ValidationError, ValueError, TypeError) as exc:
            detail = exc.message if isinstance(exc, ValidationError) else str(exc)
            self.warnings.append(_("config: {key} = {value!r} is not valid ({problem}); using the default").format(
                key=key, value=node, problem=detail))
            return default


def _duration(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(_('write a duration with its unit in quotes, e.g. "25m"'))
    return parse_duration(value, field="duration")


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(_("expected true or false"))
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 20:
        raise ValueError(_("expected a whole number from 1 to 20"))
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(_("expected text in quotes"))
    return value


def _weekday(value: Any) -> int:
    index = weekday_index(_text(value), loose=True)
    if index is None:
        raise ValueError(_("expected a weekday name such as monday or sunday"))
    return index


def _channels(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(_("expected a list drawn from {choices}").format(choices=list(NOTIFY_CHANNELS)))
    bad = [v for v in value if v not in NOTIFY_CHANNELS]
    if bad:
        raise ValueError(_("unknown channel {name!r}; choose from {choices}").format(name=bad[0], choices=list(NOTIFY_CHANNELS)))
    return tuple(value)


def _region(value: Any) -> str:
    from vatui.core.client_holidays import parse_region  # loads the holidays library: only when set

    return parse_region(_text(value), field="me.holidays")


def _leads(value: Any) -> tuple[Any, ...]:
    """[reminders] before: a list of durations ("1h", "15m"), longest first; [] for no reminders."""
    if not isinstance(value, list):
        raise ValueError(_('expected a list of durations in quotes, e.g. ["1h", "15m"]'))
    return tuple(sorted({_duration(v) for v in value}, reverse=True))


def _terminal_style(value: Any) -> str:
    if value not in NOTIFY_TERMINAL_STYLES:
        raise ValueError(_("choose one of {choices}").format(choices=", ".join(NOTIFY_TERMINAL_STYLES)))
    return value


def _rounding(value: Any) -> Any:
    if value not in ROUNDING_CHOICES:
        raise ValueError(_("choose one of {choices}").format(choices=", ".join(ROUNDING_CHOICES)))
    return ROUNDING_CHOICES[value]


def _http_url(value: Any) -> str:
    url = _text(value).strip()
    if not url.lower().startswith(("https://", "http://")):
        raise ValueError(_("expected the calendar's address, starting with https:// or http://"))
    return url


def _caldav(r: _Reader, data: dict[str, Any], warnings: list[str]) -> CalDavSettings:
    """[caldav]. A `password` key is refused (and `vatui calendar push` will not run while it is
    there): a password in a plain config file is one copy too many; password_command prints it."""
    table = data.get("caldav")
    in_config = isinstance(table, dict) and "password" in table
    if in_config:
        warnings.append(_("config: caldav.password is not read: never put a password in the config file; "
                          'remove it and set caldav.password_command to a command that prints it, e.g. "pass show caldav"'))
    return CalDavSettings(
        url=r.get("caldav.url", _http_url, ""),
        username=r.get("caldav.username", _text, ""),
        password_command=r.get("caldav.password_command", _text, "").strip(),
        password_in_config=in_config,
    )


def _keys(value: Any, warnings: list[str]) -> tuple[tuple[str, str], ...]:
    """[keys]: `binding-id = "key"` (or "key,key"). An entry that is not text is reported and left
    out, so that binding keeps its default while the others apply. Whether the id names a binding
    and the text names a key is checked by the cockpit (vatui.settings.keymap): that needs Textual, which
    the quick commands must not load."""
    if not isinstance(value, dict):
        raise ValueError(_('expected a table of binding-id = "key" pairs'))
    out: list[tuple[str, str]] = []
    for name, keys in value.items():
        if not isinstance(keys, str) or not keys.strip():
            warnings.append(_("config: {key} = {value!r} is not valid ({problem}); using the default").format(
                key=f"keys.{name}", value=keys, problem=_('write the key in quotes, e.g. "f8" or "ctrl+s"')))
            continue
        out.append((str(name), keys))
    return tuple(out)


KNOWN_KEYS = {
    "language", "theme", "week_start", "closing_soon", "forgotten_after",
    "me.zone", "me.city", "me.name", "me.hours", "me.holidays", "reminders.before",
    "blocks.buffer",
    "pomodoro.focus", "pomodoro.short_break", "pomodoro.long_break", "pomodoro.long_every", "pomodoro.auto_start",
    "notifications.channels", "notifications.terminal", "billing.rounding", "keys",
    "caldav.url", "caldav.username", "caldav.password_command",
    "caldav.password",  # refused with its own message by _caldav, not as an unknown key
    "invoice.number", "business.name", "business.address", "business.email", "business.tax_id", "business.iban",
    "business.payment_link", "business.logo",
}  # fmt: skip


def _unknown_keys(data: dict[str, Any], prefix: str = "") -> list[str]:
    out: list[str] = []
    for key, value in data.items():
        full = f"{prefix}{key}"
        if full in KNOWN_KEYS:
            continue
        if isinstance(value, dict) and any(k.startswith(full + ".") for k in KNOWN_KEYS):
            out.extend(_unknown_keys(value, full + "."))
        else:
            out.append(full)
    return out


def parse_settings(data: dict[str, Any], warnings: list[str]) -> Settings:
    r = _Reader(data, warnings)
    d = Settings()
    p = PomodoroSettings()
    for key in _unknown_keys(data):
        warnings.append(_("config: unknown key {key!r} is ignored").format(key=key))
    pomodoro = replace(
        p,
        focus=r.get("pomodoro.focus", _duration, p.focus),
        short_break=r.get("pomodoro.short_break", _duration, p.short_break),
        long_break=r.get("pomodoro.long_break", _duration, p.long_break),
        long_every=r.get("pomodoro.long_every", _count, p.long_every),
        auto_start=r.get("pomodoro.auto_start", _bool, p.auto_start),
    )
    return replace(
        d,
        me_zone=r.get("me.zone", lambda v: validate_zone(_text(v), field="me.zone"), None) or machine_zone(),
        me_city=r.get("me.city", _text, d.me_city),
        me_name=r.get("me.name", _text, d.me_name),
        me_hours=r.get("me.hours", lambda v: WeekHours.parse(_text(v)), d.me_hours),
        week_start=r.get("week_start", _weekday, d.week_start),
        language=r.get("language", _text, d.language),
        theme=r.get("theme", _text, d.theme),
        closing_soon=r.get("closing_soon", _duration, d.closing_soon),
        forgotten_after=r.get("forgotten_after", _duration, d.forgotten_after),
        block_buffer=r.get("blocks.buffer", lambda v: parse_duration(_text(v), field="duration", allow_zero=True),
                           d.block_buffer),
        pomodoro=pomodoro,
        notify=r.get("notifications.channels", _channels, d.notify),
        notify_terminal=r.get("notifications.terminal", _terminal_style, d.notify_terminal),
        billing_rounding=r.get("billing.rounding", _rounding, d.billing_rounding),
        keys=r.get("keys", lambda v: _keys(v, warnings), d.keys),
        me_holidays=r.get("me.holidays", _region, d.me_holidays),
        reminders_before=r.get("reminders.before", _leads, d.reminders_before),
        caldav=_caldav(r, data, warnings),
    )


def peek_language(path: Path) -> str | None:
    """The config's `language`, read quietly before anything else: the CLI's help and every
    message depend on it. Problems with the file are left for `load_config` to report, in the
    language chosen."""
    try:
        with path.open("rb") as handle:
            value = tomllib.load(handle).get("language")
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return value if isinstance(value, str) else None


def load_config(path: Path) -> LoadedConfig:
    warnings: list[str] = []
    data: dict[str, Any] = {}
    if path.exists():
        try:
            with path.open("rb") as handle:
                data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            warnings.append(_("config: {path} is not valid TOML ({problem}); using defaults for everything").format(
                path=path, problem=exc))
        except OSError as exc:
            warnings.append(_("config: {path} cannot be read ({reason}); using defaults").format(path=path, reason=exc.strerror))
    return LoadedConfig(parse_settings(data, warnings), path, warnings)


PREFIX = "config: "  # what each problem starts with on the command line; the note's heading says it once
SHOWN = 3  # problems listed in the start-up note; `vatui where` lists every one


def problems_note(problems: Sequence[str], path: Path, width: int) -> str:
    """The config's problems as one note for the cockpit's start: a heading naming the file and
    a list. Past SHOWN problems it lists the first few, each kept to two lines of `width`, and
    says how many more `vatui where` shows, so that ten bad values make one readable toast
    instead of a pile that runs off the screen."""
    items = [p.removeprefix(PREFIX) for p in problems]
    heading = ngettext("{n} problem in {path}:", "{n} problems in {path}:", len(items)).format(n=len(items), path=path)
    room = max(width - 2, 10)
    lines = [heading]
    for item in items if len(items) <= SHOWN else items[:SHOWN]:
        wrapped = textwrap.wrap(item, room) or [""]
        if len(items) > SHOWN and len(wrapped) > 2:
            wrapped = [wrapped[0], fit_words(" ".join(wrapped[1:]), room)]
        lines.append("• " + "\n  ".join(wrapped))
    if len(items) > SHOWN:
        more = len(items) - SHOWN
        lines.append(ngettext("…and {n} more: `vatui where` lists them all.",
                              "…and {n} more: `vatui where` lists them all.", more).format(n=more))
    return "\n".join(lines)


def settings_to_dict(s: Settings) -> dict[str, Any]:
    """Settings in the config file's own terms, for `vatui export --json` and `vatui where`."""
    from vatui.core.durations import format_duration_config as d

    return {
        "language": s.language,
        "theme": s.theme,
        "week_start": WEEKDAYS[s.week_start],
        "closing_soon": d(s.closing_soon),
        "forgotten_after": d(s.forgotten_after),
        "me": {"zone": s.me_zone, "city": s.me_city, "name": s.me_name, "hours": s.me_hours.format(),
               "holidays": s.me_holidays},
        "reminders": {"before": [d(x) for x in s.reminders_before]},
        "blocks": {"buffer": d(s.block_buffer)},
        "pomodoro": {
            "focus": d(s.pomodoro.focus), "short_break": d(s.pomodoro.short_break),
            "long_break": d(s.pomodoro.long_break), "long_every": s.pomodoro.long_every,
            "auto_start": s.pomodoro.auto_start,
        },
        "notifications": {"channels": list(s.notify), "terminal": s.notify_terminal},
        "billing": {"rounding": next(k for k, v in ROUNDING_CHOICES.items() if v == s.billing_rounding)},
        "keys": dict(s.keys),
        # only when set: the password_command is a command, not the password, so it may be shown
        **({"caldav": {"url": s.caldav.url, "username": s.caldav.username,
                       "password_command": s.caldav.password_command}} if s.caldav.configured else {}),
    }
