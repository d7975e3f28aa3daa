"""Whether a due time falls inside its client's business hours: a deadline the client cannot see
met during their working day (due 04:00 their time, or on their Sunday) is worth pointing out
while the task is written."""

from __future__ import annotations

from datetime import datetime, timedelta

from vatui.core.business import client_closed, is_open


def due_outside_hours(client: object, due: datetime) -> bool:
    """True when `due` is outside the client's business hours (their holidays and closed days
    count as closed). The closing minute itself is inside: "due 17:00" on a 09:00-17:00 day is
    the end of their working day, not after it."""
    hours = getattr(client, "hours", None)
    tz = getattr(client, "tz", None)
    if hours is None or not tz:
        return False
    closed = client_closed(client)
    return not (is_open(hours, tz, due, closed) or is_open(hours, tz, due - timedelta(seconds=1), closed))
