"""Words about subscribed calendars, shared by the cockpit and the CLI: how fresh a calendar is.

    "stale since 09:40 (HTTP 500)"   the last sync failed; the copy shown is from 09:40 today
    "stale since 2026-11-20 09:40 (timeout)"   ... from another day
    "never synced (DNS)"             no copy at all yet
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from vatui.i18n import _


def when(at: datetime, now: datetime, zone_name: str) -> str:
    """`at` on my clock: "09:40" on today's date, "2026-11-20 09:40" on another day."""
    zone = ZoneInfo(zone_name)
    local = at.astimezone(zone)
    if local.date() == now.astimezone(zone).date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def stale_words(last_ok_at: datetime | None, reason: str | None, now: datetime, zone_name: str) -> str:
    """Why a calendar shows old meetings (or none): for a calendar whose last sync failed."""
    if last_ok_at is None:
        return _("never synced ({reason})").format(reason=reason)
    return _("stale since {time} ({reason})").format(time=when(last_ok_at, now, zone_name), reason=reason)


def stale_note(calendar: str, last_ok_at: datetime | None, reason: str | None, now: datetime, zone_name: str) -> str:
    """ "Calendar Acme: stale since 09:40 (HTTP 500)": a note above the day's blocks."""
    return _("Calendar {name}: {state}").format(name=calendar, state=stale_words(last_ok_at, reason, now, zone_name))
