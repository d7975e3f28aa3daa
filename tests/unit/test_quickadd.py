"""The quick-add line (quickadd.py) and its day and time words (when_words.py): every token,
the bad ones, and reply-by counted in business hours."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vatui.core.hours import WeekHours
from vatui.core.models import Client
from vatui.core.quickadd import format_template_item, parse_quick_add, parse_template_item, without_replaced_suggestion
from vatui.core.when_words import QuickAddError, parse_day, parse_day_field, parse_time_word, promise_deadline

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)  # Mon 15:00 Bucharest, Tue 00:00 Sydney
ME = "Europe/Bucharest"
ACME = Client(name="Acme", tz="Australia/Sydney", id=1)
BONDI = Client(name="Bondi Bakes", tz="Australia/Sydney", id=2)
BONDI_LAW = Client(name="Bondi Law", tz="Europe/London", id=3, reply_by_hours=8)
HUDSON = Client(name="Hudson Realty", tz="America/New_York", id=4)
CLIENTS = [ACME, BONDI, BONDI_LAW, HUDSON]


def qa(line, now=NOW, **kw):
    return parse_quick_add(line, clients=CLIENTS, now=now, my_zone=ME, **kw)


def local(at, tz):
    return at.astimezone(ZoneInfo(tz))


def bad(line, **kw):
    with pytest.raises(QuickAddError) as info:
        qa(line, **kw)
    return info.value


def test_the_example_line():
    q = qa("Reply to invoice question @acme #email !u !i ~15m due:fri reply:24h")
    assert q.title == "Reply to invoice question"
    assert q.client == ACME and q.batch == "email" and q.urgent and q.important
    assert q.estimate == timedelta(minutes=15)
    assert local(q.due, ME) == datetime(2026, 11, 27, 17, 0, tzinfo=ZoneInfo(ME))
    assert q.due_zone == ME
    # 24 business hours from Tue 00:00 Sydney (9-17): Tue, Wed, Thu -> Thu 17:00 Sydney.
    assert local(q.reply_by, "Australia/Sydney").replace(tzinfo=None) == datetime(2026, 11, 26, 17, 0)
    task = q.to_task(NOW)
    assert task.client_id == 1 and task.created == NOW and task.reply_by == q.reply_by


def test_tokens_anywhere_and_defaults():
    q = qa("#social Post photos @hudson ~1h30", client=ACME, batch="admin")
    assert q.title == "Post photos" and q.client == HUDSON and q.batch == "social"
    assert q.estimate == timedelta(minutes=90)
    q = qa("Post photos", client=ACME, batch="social")
    assert q.client == ACME and q.batch == "social" and q.due is None and q.reply_by is None
    assert qa("Plain title").to_task(NOW).batch == "admin"


def test_flags():
    assert (qa("x !u").urgent, qa("x !u").important) == (True, False)
    assert (qa("x !i").urgent, qa("x !i").important) == (False, True)
    assert (qa("x !ui").urgent, qa("x !iu").important) == (True, True)
    assert qa("x !Important").important


def test_literal_tokens_stay_in_the_title():
    q = qa("Chase invoice #1042 now! \\@acme bob@example.com https://x.io/a:b")
    assert q.title == "Chase invoice #1042 now! @acme bob@example.com https://x.io/a:b"
    assert q.client is None and q.batch is None


def test_notes_after_two_slashes():
    q = qa("Send brief @acme // use the new logo, not the old one #2")
    assert q.title == "Send brief" and q.notes == "use the new logo, not the old one #2"


@pytest.mark.parametrize("name", ["acme", "ACME", "ac", "Acme"])
def test_client_by_name_or_prefix(name):
    assert qa(f"x @{name}").client == ACME


def test_client_with_spaces_by_slug():
    assert qa("x @bondi-bakes").client == BONDI
    assert qa("x @BondiBakes").client == BONDI
    assert qa("x @bondib").client == BONDI
    assert qa("x @hud").client == HUDSON


@pytest.mark.parametrize(
    ("line", "field", "token", "words"),
    [
        ("x @zed", "client", "@zed", ["no client", "Acme", "Hudson Realty"]),
        ("x @bondi", "client", "@bondi", ["more than one", "Bondi Bakes", "Bondi Law"]),
        ("x @acme @hudson", "client", "@hudson", ["one client"]),
        ("x #e.mail", "batch", "#e.mail", ["one word"]),
        ("x #email #admin", "batch", "#admin", ["one batch"]),
        ("x !x", "flag", "!x", ["unknown flag"]),
        ("x ~15q", "estimate", "~15q", ["not an estimate"]),
        ("x ~0m", "estimate", "~0m", ["not an estimate"]),
        ("x ~15m ~20m", "estimate", "~20m", ["already"]),
        ("x due:frday", "due", "due:frday", ["'frday' is not a day"]),
        ("x due:", "due", "due:", ["give a day"]),
        ("x due:2026-02-30", "due", "due:2026-02-30", ["not a day"]),
        ("x due:2020-01-01", "due", "due:2020-01-01", ["in the past"]),
        ("x due:fri client", "due", "due:fri client", ["needs a client"]),
        ("x due:+4h 17:00", "due", "due:+4h 17:00", ["takes no time"]),
        ("x due:fri due:mon", "due", "due:mon", ["twice"]),
        ("x reply:24h", "reply", "reply:24h", ["needs a client"]),
        ("x @acme reply:soonish", "reply", "reply:soonish", ["nor a day"]),
        ("Bad @acme due:fri 25:00", "due", "25:00", ["not a time of day", "00:00 to 23:59"]),
        ("x due:fri 13pm call", "due", "13pm", ["not a time of day"]),
        ("x due:fri client 9:75", "due", "9:75", ["not a time of day"]),
        ("x @acme reply:fri 24:30", "reply", "24:30", ["not a time of day"]),
        ("x @acme reply:-5h", "reply", "reply:-5h", ["'-5h'", "24h", "2d", "tomorrow"]),
        ("x @acme reply:0h", "reply", "reply:0h", ["business hours", "24h", "fri"]),
    ],
)
def test_bad_tokens_name_the_field_and_quote_the_token(line, field, token, words):
    err = bad(line)
    assert err.field == field
    assert err.token is not None and err.token.text == token
    assert line[err.token.start:err.token.end] == token
    assert str(err).startswith(token)
    for word in words:
        assert word in str(err)


def test_a_line_without_a_title():
    err = bad("@acme #email !u ~15m")
    assert err.field == "title" and "needs a title" in str(err)


# --- due -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("today", datetime(2026, 11, 23, 17, 0)),
        ("tomorrow", datetime(2026, 11, 24, 17, 0)),
        ("tom", datetime(2026, 11, 24, 17, 0)),
        ("fri", datetime(2026, 11, 27, 17, 0)),
        ("friday", datetime(2026, 11, 27, 17, 0)),
        ("mon", datetime(2026, 11, 30, 17, 0)),  # the next Monday after today, as in Taskwarrior
        ("+3d", datetime(2026, 11, 26, 17, 0)),
        ("+2w", datetime(2026, 12, 7, 17, 0)),
        ("2026-12-01", datetime(2026, 12, 1, 17, 0)),
        ("1dec", datetime(2026, 12, 1, 17, 0)),
        ("dec-1", datetime(2026, 12, 1, 17, 0)),
        ("1nov", datetime(2027, 11, 1, 17, 0)),  # passed this year: next year
        ("eow", datetime(2026, 11, 27, 17, 0)),
        ("eom", datetime(2026, 11, 30, 17, 0)),
        ("nextweek", datetime(2026, 11, 30, 17, 0)),
        ("fri@9:30", datetime(2026, 11, 27, 9, 30)),
        ("2026-12-01T08:15", datetime(2026, 12, 1, 8, 15)),
    ],
)
def test_due_days_in_my_zone(spec, expected):
    q = qa(f"x due:{spec}")
    assert local(q.due, ME).replace(tzinfo=None) == expected and q.due_zone == ME


@pytest.mark.parametrize(("word", "minute"), [("17:00", 1020), ("5pm", 1020), ("5:30pm", 1050), ("9am", 540),
                                              ("12am", 0), ("12pm", 720), ("17h", 1020), ("8h15", 495),
                                              ("noon", 720), ("5p", 1020), ("9a", 540), ("5:30p", 1050)])
def test_time_words(word, minute):
    assert parse_time_word(word) == minute
    q = qa(f"x due:fri {word} extra words")
    assert q.title == "x extra words"
    assert local(q.due, ME).hour * 60 + local(q.due, ME).minute == minute


@pytest.mark.parametrize("word", ["17", "25:00", "13pm", "13p", "0a", "0am", "9:75"])
def test_not_time_words(word):
    assert parse_time_word(word) is None


def test_a_time_like_word_after_due_must_be_a_time():
    # The README's rule: a word right after due:DAY (or after its time or zone) with digits and
    # ':' or am/pm is the due time, or the line is refused. A backslash keeps it in the title.
    assert qa("Call due:fri 9:30 about 10:00").title == "Call about 10:00"  # the time was taken
    q = qa(r"Bad due:fri \25:00 slot")
    assert q.title == "Bad 25:00 slot" and local(q.due, ME).hour == 17
    assert qa("Vote 25:00 due:fri").title == "Vote 25:00"  # not after due: an ordinary word
    with pytest.raises(QuickAddError):
        qa("Bad due:fri 25:00")
    with pytest.raises(QuickAddError):
        qa("Bad due:fri 13p")  # a clock word that is no clock is refused, never kept in the title


def test_bare_number_after_due_stays_in_the_title():
    q = qa("Print due:fri 5 copies")
    assert q.title == "Print 5 copies" and local(q.due, ME).hour == 17


def test_due_in_the_clients_zone():
    q = qa("x @acme due:fri 17:00 client")
    assert q.due_zone == "Australia/Sydney"
    assert local(q.due, "Australia/Sydney").replace(tzinfo=None) == datetime(2026, 11, 27, 17, 0)
    # "tomorrow" is the client's tomorrow: it is already Tuesday in Sydney.
    q = qa("x @acme due:tomorrow client")
    assert local(q.due, "Australia/Sydney").replace(tzinfo=None) == datetime(2026, 11, 25, 17, 0)
    q = qa("x @acme due:tomorrow")
    assert local(q.due, ME).replace(tzinfo=None) == datetime(2026, 11, 24, 17, 0)


def test_due_in_a_named_zone_and_me():
    q = qa("x due:fri 9am Asia/Kathmandu")
    assert q.due_zone == "Asia/Kathmandu"
    assert q.due == datetime(2026, 11, 27, 3, 15, tzinfo=UTC)  # +5:45
    assert qa("x @acme due:fri me").due_zone == ME


def test_due_offset_from_now_is_exact():
    assert qa("x due:+4h").due == NOW + timedelta(hours=4)
    assert qa("x due:+90m").due == NOW + timedelta(minutes=90)


def test_due_in_a_spring_forward_gap_is_refused_as_everywhere():
    now = datetime(2026, 3, 6, 12, tzinfo=UTC)
    with pytest.raises(QuickAddError, match="02:30 does not exist on 2026-03-08 in America/New_York"):
        parse_quick_add("x @hudson due:2026-03-08 02:30 client", clients=CLIENTS, now=now, my_zone=ME)
    q = parse_quick_add("x @hudson due:2026-03-08 03:00 client", clients=CLIENTS, now=now, my_zone=ME)
    assert q.due == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)  # 03:00 EDT, the moment of the jump


def test_parse_day_field_and_parse_day():
    today = date(2026, 11, 23)
    assert parse_day_field("today", today=today) == today
    assert parse_day_field("+3d", today=today) == date(2026, 11, 26)
    with pytest.raises(QuickAddError) as info:
        parse_day_field("+4h", today=today, field="start")
    assert info.value.field == "start"
    assert parse_day("nope") is None and parse_day("feb30") is None


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 6))
def test_weekday_words_are_always_within_the_next_week(today, wd):
    name = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[wd]
    day = parse_day(name)(today)
    assert day.weekday() == wd and 1 <= (day - today).days <= 7


# --- reply-by --------------------------------------------------------------------------------


def sydney(y, mo, d, h, mi=0):
    return datetime(y, mo, d, h, mi, tzinfo=ZoneInfo("Australia/Sydney")).astimezone(UTC)


def test_a_24_hour_promise_on_friday_afternoon_is_due_wednesday():
    made = sydney(2026, 11, 20, 16)  # Friday 16:00
    due = promise_deadline(ACME, made, timedelta(hours=24))
    assert due == sydney(2026, 11, 25, 16)  # Wednesday 16:00, not Saturday


def test_reply_default_is_the_clients_promise():
    made = sydney(2026, 11, 20, 16)
    q = parse_quick_add("x @acme reply:", clients=CLIENTS, now=made, my_zone=ME)
    assert q.reply_by == sydney(2026, 11, 25, 16)
    q = parse_quick_add("x @bondi-law reply:default", clients=CLIENTS, now=made, my_zone=ME)
    # Friday 05:00 in London: the 8-hour promise runs from 09:00 and ends at 17:00 the same day.
    assert q.reply_by == datetime(2026, 11, 20, 17, tzinfo=ZoneInfo("Europe/London"))


def test_reply_across_the_sydney_dst_weekend():
    made = sydney(2026, 10, 2, 16)  # Friday before clocks go forward on Sunday 4 October
    due = promise_deadline(ACME, made, timedelta(hours=24))
    assert due == sydney(2026, 10, 7, 16)
    assert due - made == timedelta(days=5, hours=-1)  # one hour less of real time


def test_reply_across_the_london_dst_weekend():
    london = Client(name="Regent", tz="Europe/London", id=9)
    made = datetime(2026, 3, 27, 16, tzinfo=ZoneInfo("Europe/London"))
    due = promise_deadline(london, made.astimezone(UTC), timedelta(hours=24))
    assert due == datetime(2026, 4, 1, 16, tzinfo=ZoneInfo("Europe/London"))
    assert due == datetime(2026, 4, 1, 15, tzinfo=UTC)


def test_reply_in_half_and_quarter_hour_zones():
    for tz in ("Asia/Kolkata", "Asia/Kathmandu"):
        c = Client(name="K", tz=tz, id=9)
        made = datetime(2026, 11, 23, 9, tzinfo=ZoneInfo(tz))
        due = promise_deadline(c, made.astimezone(UTC), timedelta(hours=10))
        assert due == datetime(2026, 11, 24, 11, tzinfo=ZoneInfo(tz))


def test_reply_promise_needs_business_hours():
    closed = Client(name="Closed", tz="UTC", id=9, hours=WeekHours(((),) * 7))
    with pytest.raises(QuickAddError) as info:
        parse_quick_add("x @closed reply:24h", clients=[closed], now=NOW, my_zone=ME)
    assert info.value.field == "reply" and "no business hours" in str(info.value)


def test_reply_at_a_given_time():
    q = qa("x @acme reply:wed 10:00 client")
    assert q.reply_by == sydney(2026, 11, 25, 10)


# --- template items --------------------------------------------------------------------------


def test_template_items_round_trip():
    item = parse_template_item("Collect logins #admin ~20m !i day:2")
    assert (item.title, item.batch, item.estimate, item.important, item.urgent, item.offset_days) == (
        "Collect logins", "admin", timedelta(minutes=20), True, False, 2)
    assert parse_template_item(format_template_item(item)) == item
    assert parse_template_item("Kick-off call +3d").offset_days == 3
    assert parse_template_item("Say hello").offset_days == 0


@pytest.mark.parametrize(("line", "field"), [("x day:soon", "day"), ("x day:400", "day"), ("#email ~5m", "title"),
                                             ("x ~5q", "estimate")])
def test_bad_template_items(line, field):
    with pytest.raises(QuickAddError) as info:
        parse_template_item(line)
    assert info.value.field == field


# --- the @client #batch quick add opens with is a suggestion ------------------------------------
@pytest.mark.parametrize(("line", "suggested", "read"), [
    ("@bondi-bakes #email Call supplier @acme", "@bondi-bakes #email ", "#email Call supplier @acme"),
    ("@bondi-bakes #email Call supplier #calls", "@bondi-bakes #email ", "@bondi-bakes Call supplier #calls"),
    ("@bondi-bakes #email x @acme #calls", "@bondi-bakes #email ", "x @acme #calls"),
    ("@bondi-bakes Call supplier", "@bondi-bakes ", "@bondi-bakes Call supplier"),  # kept: nothing replaces it
    ("Call @acme", "@bondi-bakes ", "Call @acme"),  # the suggestion was deleted by hand
    ("@acme x @hud", "", "@acme x @hud"),  # no suggestion: two clients stay two (and are refused)
    ("@bondi-bakes \\@acme costs", "@bondi-bakes ", "@bondi-bakes \\@acme costs"),  # an escaped word is title
])
def test_a_typed_client_or_batch_replaces_the_suggested_one(line, suggested, read):
    assert without_replaced_suggestion(line, suggested) == read


def test_the_replaced_suggestion_parses_to_the_typed_client():
    q = qa(without_replaced_suggestion("@bondi-bakes #email Call supplier ~10m @acme", "@bondi-bakes #email "))
    assert (q.title, q.client, q.batch, q.estimate) == ("Call supplier", ACME, "email", timedelta(minutes=10))
    assert bad("@bondi-bakes Call @acme").field == "client"  # typed twice by hand: still refused


def test_the_preview_shows_what_goes_into_the_notes():
    from vatui.text.queue_text import describe_quick_add

    q = qa("Call supplier @acme // ask about the March invoice")
    assert q.notes == "ask about the March invoice"
    assert describe_quick_add(q, my_zone=ME).endswith("notes: ask about the March invoice")
