"""Meetings from subscribed calendars in `vatui block list` and `vatui today`: read-only rows.

They come from each calendar's last good copy (vatui/calendars/meetings.py); nothing here fetches.
A meeting has no block id: the listing names it m1, m2, ... in the day's order, and `block
edit`/`remove` refuse such a name (a meeting changes in its own calendar). Nothing is loaded
when no calendar is subscribed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from vatui.cli.common import CliError, Context
from vatui.core import blocks as core
from vatui.core.meetings import MEETING_MARK
from vatui.i18n import _

if TYPE_CHECKING:
    from vatui.calendars.meetings import Banner, CalendarStatus, Meeting
    from vatui.core.models import Client

MARK = MEETING_MARK  # a meeting's row, beside the series mark ↻
_REF = re.compile(r"^m(\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class DayMeetings:
    meetings: list[Meeting]
    banners: list[Banner]
    status: dict[str, CalendarStatus]
    start: datetime  # the day's bounds, UTC
    end: datetime

    def ref(self, n: int) -> str:
        return f"m{n + 1}"

    @property
    def spans(self) -> list[tuple[datetime, datetime]]:
        return [(m.start, m.end) for m in self.meetings]

    def stale(self) -> list[CalendarStatus]:
        return [s for s in self.status.values() if s.stale]


def day_meetings(ctx: Context, day: date, zone_name: str) -> DayMeetings | None:
    """The day's meetings and banners, or None when no calendar is subscribed."""
    from vatui.store.calendars import KEY

    if not ctx.store.get_state(KEY):
        return None
    from vatui.calendars.meetings import meetings_between

    lo, hi = core.day_bounds(day, zone_name)
    view = meetings_between(ctx.store, lo, hi, zone_name)
    return DayMeetings(view.meetings, view.banners, view.status, lo, hi)


def clashing_blocks(meeting: Meeting, blocks: list) -> list[int]:
    """Ids of the blocks (TimeBlocks) a meeting clashes with; touching ends do not clash."""
    from vatui.core.meetings import clashes

    return [blocks[i].id for i in clashes((meeting.start, meeting.end), [(b.start, b.end) for b in blocks])]


def clashing_meetings(block, day: DayMeetings) -> list[str]:  # noqa: ANN001 - a TimeBlock
    from vatui.core.meetings import clashes

    return [day.ref(i) for i in clashes((block.start, block.end), day.spans)]


def meeting_json(n: int, m: Meeting, day: DayMeetings, zone_name: str, clients: dict[int, Client],
                 blocks: list) -> dict:
    """A meeting as `block list --json` shows blocks: start/end (UTC and local), the client's
    local time, and what marks it a meeting (source, readonly)."""
    from zoneinfo import ZoneInfo

    client = clients.get(m.client_id) if m.client_id is not None else None
    mine = ZoneInfo(zone_name)
    theirs = ZoneInfo(client.tz) if client else None
    return {
        "id": None, "ref": day.ref(n), "source": f"calendar:{m.calendar}", "readonly": True, "series": None,
        "uid": m.uid, "start": m.start.isoformat(), "end": m.end.isoformat(),
        "start_local": m.start.astimezone(mine).isoformat(), "end_local": m.end.astimezone(mine).isoformat(),
        "minutes": round((m.end - m.start).total_seconds() / 60, 2), "client_id": m.client_id,
        "client": client.name if client else None, "batch": None, "note": m.summary,
        "client_start_local": m.start.astimezone(theirs).isoformat() if theirs else None,
        "client_end_local": m.end.astimezone(theirs).isoformat() if theirs else None,
        "from_previous_day": m.start < day.start, "into_next_day": m.end > day.end,
        "clashes": clashing_blocks(m, blocks),
    }


def banners_json(day: DayMeetings) -> list[dict]:
    return [{"source": f"calendar:{b.calendar}", "day": b.day.isoformat(), "client_id": b.client_id,
             "summary": b.summary, "uid": b.uid, "label": b.label} for b in day.banners]


def stale_json(day: DayMeetings) -> list[dict]:
    return [{"calendar": s.calendar, "last_ok_at": s.last_ok_at.isoformat() if s.last_ok_at else None,
             "reason": s.reason} for s in day.stale()]


def stale_lines(ctx: Context, day: DayMeetings) -> list[str]:
    """ "Calendar Acme: stale since 09:40 (HTTP 500)" for each calendar whose last sync failed."""
    from vatui.text.calendar_text import stale_note

    now, zone = ctx.clock.now(), ctx.config.settings.me_zone
    return [stale_note(s.calendar, s.last_ok_at, s.reason, now, zone) for s in day.stale()]


def refuse_meeting_ref(text: str) -> int:
    """A block id typed to `block edit`/`remove`: its number; a meeting's name (m1) is refused."""
    if _REF.match(text.strip()):
        raise CliError(_("{ref} is a meeting from a subscribed calendar: it is read-only here; change it in its own "
                         "calendar").format(ref=text.strip()))
    try:
        return int(text)
    except ValueError:
        raise CliError(_("{text!r} is not a block id; vatui block list shows the ids").format(text=text)) from None
