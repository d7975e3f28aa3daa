"""Holidays and reminders in words, shared by `vatui today`, `vatui holidays`, the digest and (later)
the cockpit. No Textual."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from vatui.i18n import _
from vatui.text.formats import weekday_day_month


def closed_words(day: date, name: str) -> str:
    """"closed Thu 26 Nov: Thanksgiving"."""
    return _("closed {day}: {name}").format(day=weekday_day_month(day), name=name)


def closed_list(days: Sequence[tuple[date, str]]) -> str:
    """Several closed days on one line, "; " between them."""
    return "; ".join(closed_words(d, n) for d, n in days)


def due_on_holiday_words(client_name: str, day: date, name: str) -> str:
    """The note printed when a due date falls on a client's closed day."""
    return _("Note: {day} is closed for {client} ({name}).").format(
        day=weekday_day_month(day), client=client_name, name=name)
