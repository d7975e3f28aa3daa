"""Durations written back for people and files: "1h30m" on screens, "90m" in config. Reading them
is `vatui.core.grammar.parse_duration`."""

from __future__ import annotations

from datetime import timedelta


def format_duration(delta: timedelta, *, seconds: bool = False) -> str:
    """Short form for screens: "1h30m", "25m", "45s" (seconds only when asked or < 1 minute)."""
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours and minutes:
        text = f"{hours}h{minutes:02d}m"
    elif hours:
        text = f"{hours}h"
    elif minutes or not secs:
        text = f"{minutes}m"
    else:
        text = ""
    if secs and (seconds or total < 60):
        text = f"{text}{secs}s" if text and text != "0m" else f"{secs}s"
    return sign + text


def format_duration_config(delta: timedelta) -> str:
    """The form written back into config and JSON: exact, shortest unit that fits."""
    total = int(delta.total_seconds())
    if total % 3600 == 0:
        return f"{total // 3600}h"
    if total % 60 == 0:
        return f"{total // 60}m"
    return f"{total}s"
