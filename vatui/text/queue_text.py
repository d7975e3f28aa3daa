"""Words for tasks, shared by the queue pane and the command line (no Textual, no Rich):
time left, days relative to today, deadlines in words, a quick-add line described back.

Time left is coarse on purpose (5-minute steps under 2 hours, whole hours under 2 days, then
days): on screen a row's words then change a few times an hour, not every minute.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from vatui.core.deadlines import Deadline, DeadlineKind, DeadlineState
from vatui.core.durations import format_duration
from vatui.core.models import Quadrant, Status
from vatui.core.queues import Group, GroupKind
from vatui.core.tzdb import city_of
from vatui.i18n import N_, _, ngettext
from vatui.text.formats import day_month, hm, moment, weekday, weekday_day_month

if TYPE_CHECKING:
    from vatui.core.quickadd import QuickAdd

STATUS_WORDS = {Status.TODO: N_("todo"), Status.DOING: N_("doing"), Status.WAITING: N_("waiting"),
                Status.DEFERRED: N_("deferred"), Status.DONE: N_("done")}
QUADRANT_WORDS = {Quadrant.DO: N_("do first"), Quadrant.SCHEDULE: N_("schedule"), Quadrant.DELEGATE: N_("delegate"),
                  Quadrant.DROP: N_("later")}


def format_left(left: timedelta) -> str:
    """Coarse time left (or late): 45m, 1h25m (5-minute steps), 23h, 3d."""
    minutes = abs(left.total_seconds()) / 60
    if minutes < 120:
        return format_duration(timedelta(minutes=max(5, math.ceil(minutes / 5) * 5)))
    if minutes < 48 * 60:
        return f"{int(minutes // 60)}h"
    return f"{int(minutes // (24 * 60))}d"


def format_day(day: date, today: date) -> str:
    delta = (day - today).days
    if delta == 0:
        return _("today")
    if delta == 1:
        return _("tmrw")
    if delta == -1:
        return _("yday")
    if -6 <= delta <= 6:
        return weekday(day)
    return day_month(day)


def format_when(at: datetime, zone: str, now: datetime) -> str:
    """"today 17:00", "Fri 17:00", "3 Dec 17:00" in `zone`."""
    tz = ZoneInfo(zone)
    local = at.astimezone(tz)
    return f"{format_day(local.date(), now.astimezone(tz).date())} {hm(local)}"


def zone_label(zone: str) -> str:
    """A zone in two or three letters, for a narrow column: Sydney SYD, New York NY, Kolkata KOL."""
    words = city_of(zone).split()
    return "".join(w[0] for w in words).upper() if len(words) > 1 else words[0][:3].upper() if words else ""


def deadline_words(d: Deadline, now: datetime, *, short: bool, mine: str | None = None) -> tuple[str, str]:
    """(text, style) for one deadline, with the state always in words. A deadline not yet near is
    its moment, "reply by Wed 16:00", on the clock of its zone, labelled ("SYD") when that is not
    `mine`: a day or a time with no zone reads as mine."""
    style = {DeadlineState.OVERDUE: "overdue", DeadlineState.SOON: "soon", DeadlineState.OK: ""}[d.state]
    left = format_left(d.left)
    label = "" if mine is None or d.zone == mine else " " + zone_label(d.zone)
    if d.kind is DeadlineKind.REPLY:
        if d.state is DeadlineState.OVERDUE:
            text = _("↩ late {left}") if short else _("reply late {left}")
            return (text.format(left=left) if d.left < timedelta(0) else (_("↩ late") if short else _("reply late"))), style
        if d.state is DeadlineState.SOON:
            if d.left <= timedelta(0):  # due while the client is closed: no business time left
                return (_("↩ now") if short else _("reply now")), style
            return (_("↩ soon {left}") if short else _("reply soon {left}")).format(left=left), style
        when = format_when(d.at, d.zone, now)
        if short:
            day, _sep, clock = when.partition(" ")
            return "↩ " + (clock if day == _("today") else day) + label, style
        return _("reply by {when}").format(when=when) + label, style
    if d.state is DeadlineState.OVERDUE:
        return (_("late {left}") if short else _("overdue {left}")).format(left=left), style
    if d.state is DeadlineState.SOON:
        return (_("soon {left}") if short else _("due soon {left}")).format(left=left), style
    when = format_when(d.at, d.zone, now)
    if short:
        day, _sep, clock = when.partition(" ")
        return (clock if day == _("today") else day) + label, style
    return _("due {when}").format(when=when) + label, style


def due_with_place(d: Deadline, now: datetime, place: str) -> tuple[str, str]:
    """The wide due column: the moment in the client's zone and where, with the state in words:
    "due Fri 17:00 Sydney", "soon today 12:00 New York", "late today 04:00 Sydney"."""
    style = {DeadlineState.OVERDUE: "overdue", DeadlineState.SOON: "soon", DeadlineState.OK: ""}[d.state]
    word = {DeadlineState.OVERDUE: _("late"), DeadlineState.SOON: _("soon"), DeadlineState.OK: _("due")}[d.state]
    return f"{word} {format_when(d.at, d.zone, now)} {place}".rstrip(), style


def format_moment(at: datetime, zone: str) -> str:
    """"Fri 27 Nov 17:00" in `zone` (absolute, for messages)."""
    return moment(at.astimezone(ZoneInfo(zone)))


def describe_quick_add(q: QuickAdd, *, my_zone: str, default_batch: str = "admin") -> str:
    """What a quick-add line will make, in one line: the preview in the form and the CLI's echo."""
    parts = [q.client.name if q.client else _("no client"), "#" + (q.batch or default_batch)]
    parts.append(_(QUADRANT_WORDS[Quadrant.of(q.urgent, q.important)]))
    if q.estimate:
        parts.append("~" + format_duration(q.estimate))
    if q.due:
        zone = q.due_zone or my_zone
        where = _("mine") if zone == my_zone else (q.client.city if q.client and q.client.tz == zone else zone)
        parts.append(_("due {when} ({where})").format(when=format_moment(q.due, zone), where=where))
        if q.client is not None:
            from vatui.core.due_hours import due_outside_hours

            if due_outside_hours(q.client, q.due):
                parts.append(_("outside {client}'s business hours").format(client=q.client.name))
    if q.reply_by and q.client:
        parts.append(_("reply by {when} {city}").format(when=format_moment(q.reply_by, q.client.tz), city=q.client.city))
    text = " · ".join(parts)
    if q.notes:
        # What goes into the notes is shown, so nothing typed after "//" lands there unseen.
        text += " · " + _("notes: {notes}").format(notes=q.notes)
    return f"{q.title} — {text}"


QUADRANT_TITLES = {
    Quadrant.DO: N_("Do first · urgent and important"),
    Quadrant.SCHEDULE: N_("Schedule · important, not urgent"),
    Quadrant.DELEGATE: N_("Delegate or batch · urgent, not important"),
    Quadrant.DROP: N_("Later or drop · neither"),
}


def group_title(group: Group, today: date) -> str:
    if group.kind is GroupKind.CLIENT:
        if group.client is None:
            return _("No client")
        return f"{group.client.name} · {group.client.city}"
    if group.kind is GroupKind.BATCH:
        return group.batch or ""
    if group.kind is GroupKind.QUADRANT:
        assert group.quadrant is not None
        return _(QUADRANT_TITLES[group.quadrant])
    if group.kind is GroupKind.EARLIER:
        return _("Earlier")
    assert group.day is not None
    day = weekday_day_month(group.day, pad=True)
    delta = (group.day - today).days
    if delta == 0:
        return _("Today · {day}").format(day=day)
    if delta == 1:
        return _("Tomorrow · {day}").format(day=day)
    return day


def tasks_count(n: int) -> str:
    return ngettext("{n} task", "{n} tasks", n).format(n=n)


def entries_count(n: int) -> str:
    return ngettext("{n} time entry", "{n} time entries", n).format(n=n)


def client_in_use(name: str, tasks: int, entries: int) -> str:
    """Why a client cannot be removed (the cockpit and `vatui client remove` say the same)."""
    return _("{name} still has {tasks} and {entries}; they would lose their client. Delete or move them first.").format(
        name=name, tasks=tasks_count(tasks), entries=entries_count(entries))


def group_count(group: Group) -> str:
    if group.total == 0:
        return _("none")
    text = ngettext("{n} to do", "{n} to do", group.actionable).format(n=group.actionable)
    rest = group.total - group.actionable
    if rest:
        text += " " + _("+{n} waiting or later").format(n=rest)
    return text


# A task's quadrant as the quick-add flags that make it, three cells wide (queue rows, `vatui today`).
FLAGS = {Quadrant.DO: "!ui", Quadrant.SCHEDULE: "!i ", Quadrant.DELEGATE: "!u ", Quadrant.DROP: "   "}
