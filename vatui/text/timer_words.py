"""Words for the timer, shared by the cockpit and the CLI (core returns data, these are sentences)."""

from __future__ import annotations

from datetime import timedelta

from vatui.core.pomodoro_state import Phase, Refusal
from vatui.i18n import N_, _


def phase_name(phase: Phase | None) -> str:
    return {
        None: _("Idle"),
        Phase.FOCUS: _("Focus"),
        Phase.SHORT_BREAK: _("Short break"),
        Phase.LONG_BREAK: _("Long break"),
        Phase.STOPWATCH: _("Stopwatch"),
    }[phase]


def phase_letter(phase: Phase) -> str:
    """One letter for a status bar: F(ocus), B(reak), L(ong break), S(topwatch)."""
    return {Phase.FOCUS: _("F"), Phase.SHORT_BREAK: _("B"), Phase.LONG_BREAK: _("L"), Phase.STOPWATCH: _("S")}[phase]


# TRANSLATORS: where a time entry came from, shown in a narrow column of the entries list.
SOURCES = {"pomodoro": N_("Pomodoro"), "stopwatch": N_("stopwatch"), "manual": N_("by hand"), "import": N_("import")}


def source_name(source: str) -> str:
    """A time entry's source in words ("by hand" for "manual"); an unknown one as stored."""
    return _(SOURCES[source]) if source in SOURCES else source


def quoted(title: str) -> str:
    """A task's title in the language's quotation marks: “Reply to Acme”, „Răspuns”."""
    # TRANSLATORS: a task's title in quotation marks; use your language's marks.
    return _("“{title}”").format(title=title)


def refusal(reason: Refusal) -> str:
    return {
        Refusal.NOTHING_RUNNING: _("No timer is running."),
        Refusal.ALREADY_RUNNING: _("A focus is already running; stop or skip it first."),
        Refusal.PAUSED: _("The timer is paused: resume it (p, or vatui pomodoro resume) or stop it first."),
        Refusal.NOT_PAUSED: _("The timer is not paused."),
        Refusal.ALREADY_PAUSED: _("The timer is already paused."),
        Refusal.NOT_FOCUS: _("Interruptions are logged during a focus."),
        Refusal.NEEDS_ANSWER: _("The timer ran unattended: keep, trim or discard that time first."),
        Refusal.NO_QUESTION: _("There is no unattended time to answer for."),
    }[reason]


def clock(delta: timedelta, *, countdown: bool = False) -> str:
    """12:34, or 1:02:03 past an hour (never negative). A countdown rounds up, so it shows 25:00
    when it starts and 00:00 only when the time is up; elapsed time rounds down."""
    seconds = max(delta.total_seconds(), 0.0)
    total = int(-(-seconds // 1)) if countdown else int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def big_minutes(delta: timedelta, *, countdown: bool = False) -> str:
    """What the big display shows: the minutes of `clock()` ("24"), or h:mm from 100 minutes on."""
    seconds = max(delta.total_seconds(), 0.0)
    total = int(-(-seconds // 1)) if countdown else int(seconds)
    minutes = total // 60
    if minutes < 100:
        return f"{minutes:02d}"
    return f"{minutes // 60}:{minutes % 60:02d}"
