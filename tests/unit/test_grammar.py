"""Every form the grammar accepts or refuses, per function and per set of flags a real field
uses. Today is fixed: Saturday 5 December 2026."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from vatui.core.errors import ValidationError
from vatui.core.grammar import parse_clock, parse_day, parse_duration, weekday_index

TODAY = date(2026, 12, 5)  # a Saturday


class Refused(str):
    """The fragment the refusal's message must hold."""


# The flags each call site passes.
HOURS = {"field": "hours", "allow_loose": True}  # business hours "9-17", entries --from
HOURS_END = {**HOURS, "allow_24": True}  # a range's end, entries --to
BLOCK = {"field": "start", "allow_24": True, "allow_loose": True, "allow_ampm": True}  # block add "2-4pm"
DUE_TIME = {"field": "due", "allow_ampm": True}  # due:fri 17:00 in the quick-add line
DUE_TIME_FORM = {**DUE_TIME, "allow_loose": True}  # the task form's due field
CSV_TIME = {"field": "due"}  # "2026-12-05 09:30" in an imported CSV
DUE_DAY = {"field": "due", "today": TODAY}  # due:fri, a form's due field
PAST_DAY = {"field": "--date", "today": TODAY, "allow_past": True}  # entries/block --date, report --from, defer
FORM_DAY = {"field": "defer", "today": TODAY, "allow_past": True, "local": True}  # a form's defer/start field
ISO_DAY = {"field": "closed", "today": None, "allow_relative": False}  # closed days, holiday ranges, CSV due
ESTIMATE = {"field": "estimate"}  # ~10m, pomodoro lengths, after:3d, entries --for
BUFFER = {"field": "duration", "allow_zero": True}  # blocks.buffer in the config
SHIFT = {"field": "shift", "allow_zero": True, "allow_sign": True, "bare_minutes": True}  # shift 10m


def _m(minutes: int) -> timedelta:
    return timedelta(minutes=minutes)


TABLE = [
    # --- parse_clock ---
    (parse_clock, "9", HOURS, 540),
    (parse_clock, "09:00", HOURS, 540),
    (parse_clock, "0930", HOURS, 570),
    (parse_clock, "930", HOURS, 570),
    (parse_clock, " 17:30 ", HOURS, 1050),
    (parse_clock, "17h", HOURS, 1020),
    (parse_clock, "8h15", HOURS, 495),
    (parse_clock, "0", HOURS, 0),
    (parse_clock, "23:59", HOURS, 1439),
    (parse_clock, "24:00", HOURS_END, 1440),
    (parse_clock, "24", HOURS_END, 1440),
    (parse_clock, "", HOURS, Refused("hours: a time of day is required (e.g. 09:00 or 17:30)")),
    (parse_clock, "24:00", HOURS, Refused("'24:00' is not a time of day (00:00 to 23:59)")),
    (parse_clock, "24:30", HOURS_END, Refused("(00:00 to 23:59)")),
    (parse_clock, "9:75", HOURS, Refused("'9:75' is not a time of day (00:00 to 23:59)")),
    (parse_clock, "25", HOURS, Refused("(00:00 to 23:59)")),
    (parse_clock, "9am", HOURS, Refused("'9am' is not a time of day (e.g. 09:00 or 17:30)")),
    (parse_clock, "noon", HOURS, Refused("is not a time of day")),
    (parse_clock, "9.30", HOURS, Refused("is not a time of day")),
    (parse_clock, "12345", HOURS, Refused("is not a time of day")),
    (parse_clock, "9:30", BLOCK, 570),
    (parse_clock, "2pm", BLOCK, 840),
    (parse_clock, "2p", BLOCK, 840),
    (parse_clock, "9:30 am", BLOCK, 570),
    (parse_clock, "12am", BLOCK, 0),
    (parse_clock, "12pm", BLOCK, 720),
    (parse_clock, "12:30AM", BLOCK, 30),
    (parse_clock, "noon", BLOCK, 720),
    (parse_clock, "0930", BLOCK, 570),
    (parse_clock, "11", BLOCK, 660),
    (parse_clock, "24:00", BLOCK, 1440),
    (parse_clock, "13pm", BLOCK, Refused("'13pm' is not a time (with am/pm the hour is 1 to 12)")),
    (parse_clock, "0am", BLOCK, Refused("with am/pm the hour is 1 to 12")),
    (parse_clock, "9:75", BLOCK, Refused("'9:75' is not a time (minutes go up to 59)")),
    (parse_clock, "25:00", BLOCK, Refused("'25:00' is not a time (hours go up to 24:00)")),
    (parse_clock, "lunch", BLOCK, Refused("start: 'lunch' is not a time; write e.g. 9:30, 14:00 or 2pm")),
    (parse_clock, "17:00", DUE_TIME, 1020),
    (parse_clock, "5pm", DUE_TIME, 1020),
    (parse_clock, "5:30pm", DUE_TIME, 1050),
    (parse_clock, "5P", DUE_TIME, 1020),
    (parse_clock, "17h30", DUE_TIME, 1050),
    (parse_clock, "midnight", DUE_TIME, 0),
    (parse_clock, "17", DUE_TIME, Refused("'17' is not a time")),  # "call 5 people": a bare number stays a word
    (parse_clock, "0930", DUE_TIME, Refused("is not a time")),
    (parse_clock, "24:00", DUE_TIME, Refused("'24:00' is not a time of day (00:00 to 23:59)")),
    (parse_clock, "17", DUE_TIME_FORM, 1020),
    (parse_clock, "0930", DUE_TIME_FORM, 570),
    (parse_clock, "09:30", CSV_TIME, 570),
    (parse_clock, "9", CSV_TIME, Refused("'9' is not a time of day")),
    (parse_clock, "9am", CSV_TIME, Refused("'9am' is not a time of day")),
    # --- parse_day ---
    (parse_day, "today", DUE_DAY, TODAY),
    (parse_day, "TOD", DUE_DAY, TODAY),
    (parse_day, "tomorrow", DUE_DAY, date(2026, 12, 6)),
    (parse_day, "tmrw", DUE_DAY, date(2026, 12, 6)),
    (parse_day, "mon", DUE_DAY, date(2026, 12, 7)),
    (parse_day, "Friday", DUE_DAY, date(2026, 12, 11)),
    (parse_day, "thurs", DUE_DAY, date(2026, 12, 10)),
    (parse_day, "fr", DUE_DAY, date(2026, 12, 11)),
    (parse_day, "sat", DUE_DAY, date(2026, 12, 12)),  # the next Saturday, never today
    (parse_day, "eow", DUE_DAY, date(2026, 12, 11)),
    (parse_day, "eom", DUE_DAY, date(2026, 12, 31)),
    (parse_day, "nextweek", DUE_DAY, date(2026, 12, 7)),
    (parse_day, "next-week", DUE_DAY, date(2026, 12, 7)),
    (parse_day, "+3d", DUE_DAY, date(2026, 12, 8)),
    (parse_day, "+2w", DUE_DAY, date(2026, 12, 19)),
    (parse_day, "5dec", DUE_DAY, TODAY),
    (parse_day, "dec5", DUE_DAY, TODAY),
    (parse_day, "24-dec", DUE_DAY, date(2026, 12, 24)),
    (parse_day, "4december", DUE_DAY, date(2027, 12, 4)),  # this year's has passed
    (parse_day, "jan1", DUE_DAY, date(2027, 1, 1)),
    (parse_day, "29feb", DUE_DAY, date(2028, 2, 29)),
    (parse_day, "2026-12-31", DUE_DAY, date(2026, 12, 31)),
    (parse_day, "2027-1-5", DUE_DAY, date(2027, 1, 5)),
    (parse_day, "20261224", DUE_DAY, date(2026, 12, 24)),
    (parse_day, "yesterday", DUE_DAY, Refused("due: 'yesterday' is not a day; write today, tomorrow, fri")),
    (parse_day, "-7d", DUE_DAY, Refused("'-7d' is not a day")),
    (parse_day, "2026-12-04", DUE_DAY, Refused("due: 2026-12-04 is in the past")),
    (parse_day, "+3", DUE_DAY, Refused("'+3' is not a day")),  # days or hours? say which
    (parse_day, "+4h", DUE_DAY, Refused("'+4h' is not a day")),  # an instant, read by when_words
    (parse_day, "feb30", DUE_DAY, Refused("'feb30' is not a day")),
    (parse_day, "32dec", DUE_DAY, Refused("'32dec' is not a day")),
    (parse_day, "frday", DUE_DAY, Refused("'frday' is not a day")),
    (parse_day, "wedding", DUE_DAY, Refused("'wedding' is not a day")),
    (parse_day, "2026-13-01", DUE_DAY, Refused("'2026-13-01' is not a day")),
    (parse_day, "", DUE_DAY, Refused("'' is not a day")),
    (parse_day, "2300-01-01", DUE_DAY, Refused("2300-01-01 is outside the years vatui works with (1970-2199)")),
    (parse_day, "yesterday", PAST_DAY, date(2026, 12, 4)),
    (parse_day, "-7d", PAST_DAY, date(2026, 11, 28)),
    (parse_day, "-2", PAST_DAY, date(2026, 12, 3)),
    (parse_day, "-1w", PAST_DAY, date(2026, 11, 28)),
    (parse_day, "2026-03-08", PAST_DAY, date(2026, 3, 8)),
    (parse_day, "today", PAST_DAY, TODAY),
    (parse_day, "fri", PAST_DAY, date(2026, 12, 11)),  # day names still look ahead, as due: reads them
    (parse_day, "someday", PAST_DAY, Refused("--date: 'someday' is not a date; write e.g. 2026-11-23, today or yesterday")),
    (parse_day, "2026-13-01", PAST_DAY, Refused("'2026-13-01' is not a date")),
    (parse_day, "1969-12-31", PAST_DAY, Refused("outside the years vatui works with")),
    (parse_day, "tomorrow", FORM_DAY, date(2026, 12, 6)),
    (parse_day, "mâine", {**FORM_DAY, "language": "ro"}, date(2026, 12, 6)),
    (parse_day, "MAINE", {**FORM_DAY, "language": "ro"}, date(2026, 12, 6)),  # accents and case do not matter
    (parse_day, "azi", {**FORM_DAY, "language": "ro"}, TODAY),
    (parse_day, "amanhã", {**FORM_DAY, "language": "pt_BR"}, date(2026, 12, 6)),
    (parse_day, "fri", {**FORM_DAY, "language": "ro"}, date(2026, 12, 11)),  # the typed syntax stays English
    (parse_day, "mâine", {**PAST_DAY, "language": "ro"}, Refused("'mâine' nu este o dată")),  # local words only in a form
    (parse_day, "2026-12-24", ISO_DAY, date(2026, 12, 24)),
    (parse_day, "1999-01-01", ISO_DAY, date(1999, 1, 1)),
    (parse_day, "tomorrow", ISO_DAY, Refused("closed: 'tomorrow' is not a date; write it as YYYY-MM-DD")),
    (parse_day, "24/12/2026", ISO_DAY, Refused("'24/12/2026' is not a date")),
    (parse_day, "2026-W52-1", ISO_DAY, Refused("is not a date")),
    # --- parse_duration ---
    (parse_duration, "25m", ESTIMATE, _m(25)),
    (parse_duration, "90s", ESTIMATE, timedelta(seconds=90)),
    (parse_duration, "1h", ESTIMATE, _m(60)),
    (parse_duration, "1h30", ESTIMATE, _m(90)),
    (parse_duration, "1h30m", ESTIMATE, _m(90)),
    (parse_duration, "1h 30m", ESTIMATE, _m(90)),
    (parse_duration, "1.5h", ESTIMATE, _m(90)),
    (parse_duration, ".5h", ESTIMATE, _m(30)),
    (parse_duration, "2D", ESTIMATE, timedelta(days=2)),
    (parse_duration, "3d", ESTIMATE, timedelta(days=3)),  # after:3d
    (parse_duration, "1w", ESTIMATE, timedelta(weeks=1)),
    (parse_duration, "366d", ESTIMATE, timedelta(days=366)),
    (parse_duration, "25", ESTIMATE, Refused("estimate: '25' is not a duration; write e.g. 25m, 90s, 1h or 1h30m")),
    (parse_duration, "", ESTIMATE, Refused("estimate: empty duration")),
    (parse_duration, "0m", ESTIMATE, Refused("estimate: a duration must be longer than zero")),
    (parse_duration, "-5m", ESTIMATE, Refused("'-5m' is not a duration")),
    (parse_duration, "1.h", ESTIMATE, Refused("is not a duration")),
    (parse_duration, "1h30x", ESTIMATE, Refused("is not a duration")),
    (parse_duration, "soon", ESTIMATE, Refused("'soon' is not a duration")),
    (parse_duration, "367d", ESTIMATE, Refused("'367d' is longer than vatui takes (at most 366d)")),
    (parse_duration, "0m", BUFFER, timedelta(0)),
    (parse_duration, "10m", BUFFER, _m(10)),
    (parse_duration, "10", BUFFER, Refused("'10' is not a duration")),
    (parse_duration, "10", SHIFT, _m(10)),
    (parse_duration, "10m", SHIFT, _m(10)),
    (parse_duration, "-15m", SHIFT, _m(-15)),
    (parse_duration, "- 15", SHIFT, _m(-15)),
    (parse_duration, "+1h", SHIFT, _m(60)),
    (parse_duration, "0", SHIFT, timedelta(0)),
    (parse_duration, "ten", SHIFT, Refused("shift: 'ten' is not a duration")),
    (parse_duration, "--5m", SHIFT, Refused("is not a duration")),
    # --- weekday_index: every:mon,thu and business-hours day lists ---
    (weekday_index, "mon", {}, 0),
    (weekday_index, "Tues", {}, 1),
    (weekday_index, "su", {}, 6),
    (weekday_index, "weds", {}, None),
    (weekday_index, "weds", {"loose": True}, 2),
    (weekday_index, "m", {"loose": True}, None),
]


def _id(row: tuple) -> str:
    func, text, flags, _expected = row
    named = [k for k, v in flags.items() if v is True] + [v for k, v in flags.items() if k == "language"]
    return f"{func.__name__}-{text!r}-{'+'.join(named) or 'plain'}"


@pytest.mark.parametrize("row", TABLE, ids=[_id(row) for row in TABLE])
def test_grammar(row):
    from vatui.i18n import set_language

    func, text, flags, expected = row
    flags = dict(flags)
    set_language(flags.pop("language", "en"))  # the conftest fixture puts English back
    if isinstance(expected, Refused):
        with pytest.raises(ValidationError) as err:
            func(text, **flags)
        assert expected in err.value.message and err.value.field == flags["field"]
    else:
        assert func(text, **flags) == expected
