"""Deadline states, the queue views, filtering, manual reordering, `n`, checklist templates and
the task form."""

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vatui.core.business import business_time_between
from vatui.core.checklists import apply_checklist, make_checklist_template
from vatui.core.deadlines import BusinessCalendar, DeadlineKind, DeadlineReader, DeadlineState
from vatui.core.errors import ValidationError
from vatui.core.models import ChecklistItem, Client, Quadrant, Status, Task, Template
from vatui.core.queues import (
    GroupKind,
    TaskFilter,
    View,
    build_view,
    move_task,
    next_in_view,
    order_tasks,
    sort_key,
)
from vatui.core.taskform import apply_form, form_values, parse_checklist, toggle_next_item

UTC = timezone.utc
ME = "Europe/Bucharest"
NOW = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)
SYD = Client(name="Bondi Bakes", tz="Australia/Sydney", id=1)
LON = Client(name="Regent Law", tz="Europe/London", id=2)
NYC = Client(name="Hudson Realty", tz="America/New_York", id=3)
CLIENTS = {c.id: c for c in (SYD, LON, NYC)}


def sydney(y, mo, d, h, mi=0):
    return datetime(y, mo, d, h, mi, tzinfo=ZoneInfo("Australia/Sydney")).astimezone(UTC)


_ids = iter(range(1, 10_000))


def task(title, **kw):
    kw.setdefault("created", NOW - timedelta(days=1))
    kw.setdefault("id", next(_ids))
    return Task(title=title, **kw)


# --- deadlines -------------------------------------------------------------------------------


def test_reply_by_time_left_counts_business_hours_only():
    made = sydney(2026, 11, 20, 16)  # Friday 16:00, a 24-business-hour promise: Wednesday 16:00
    t = task("reply", client_id=1, reply_by=sydney(2026, 11, 25, 16))
    at = lambda now: DeadlineReader(CLIENTS, now, ME).reply(t)  # noqa: E731
    assert at(made).left == timedelta(hours=24) and at(made).state is DeadlineState.OK
    saturday = at(sydney(2026, 11, 21, 12))
    assert saturday.left == timedelta(hours=23) and saturday.state is DeadlineState.OK  # the weekend is free
    soon = at(sydney(2026, 11, 25, 14, 30))
    assert soon.state is DeadlineState.SOON and soon.left == timedelta(hours=1, minutes=30)
    late = at(sydney(2026, 11, 26, 10))
    assert late.state is DeadlineState.OVERDUE and late.left == -timedelta(hours=2)  # 1h Wed + 1h Thu
    assert late.kind is DeadlineKind.REPLY and late.zone == "Australia/Sydney"


def test_reply_state_over_the_sydney_dst_change():
    t = task("reply", client_id=1, reply_by=sydney(2026, 10, 7, 16))
    r = DeadlineReader(CLIENTS, sydney(2026, 10, 2, 16), ME).reply(t)
    assert r.left == timedelta(hours=24)


def test_due_state_is_clock_time_in_the_clients_zone():
    t = task("due", client_id=3, due=NOW + timedelta(hours=2))
    d = DeadlineReader(CLIENTS, NOW, ME).due(t)
    assert d.state is DeadlineState.SOON and d.left == timedelta(hours=2) and d.zone == "America/New_York"
    assert DeadlineReader(CLIENTS, NOW + timedelta(hours=3), ME).due(t).state is DeadlineState.OVERDUE
    assert DeadlineReader(CLIENTS, NOW - timedelta(days=1), ME).due(t).state is DeadlineState.OK
    no_client = task("due", due=NOW + timedelta(days=1), due_zone="Asia/Kolkata")
    assert DeadlineReader(CLIENTS, NOW, ME).due(no_client).zone == "Asia/Kolkata"


def test_pressing_picks_the_worse_state_first():
    t = task("both", client_id=1, due=NOW - timedelta(hours=1), reply_by=NOW + timedelta(hours=1))
    assert DeadlineReader(CLIENTS, NOW, ME).pressing(t).kind is DeadlineKind.DUE
    assert DeadlineReader(CLIENTS, NOW, ME).pressing(task("none")) is None


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 60 * 24 * 20), st.integers(0, 60 * 24 * 20),
       st.sampled_from(["Australia/Sydney", "Europe/London", "America/New_York", "Asia/Kathmandu"]))
def test_calendar_agrees_with_business_time_between(a_min, b_min, tz):
    c = Client(name="c", tz=tz, id=1)
    start = datetime(2026, 9, 25, tzinfo=UTC)
    cal = BusinessCalendar(c, start, start + timedelta(days=21))
    a, b = start + timedelta(minutes=a_min), start + timedelta(minutes=b_min)
    assert cal.between(a, b) == business_time_between(c.hours, c.tz, a, b)


def test_calendar_falls_back_outside_its_window():
    cal = BusinessCalendar(SYD, NOW, NOW + timedelta(days=1))
    far = NOW + timedelta(days=30)
    assert cal.between(NOW, far) == business_time_between(SYD.hours, SYD.tz, NOW, far)


# --- views -----------------------------------------------------------------------------------


def sample():
    return [
        task("syd email do", client_id=1, batch="email", urgent=True, important=True),
        task("syd social", client_id=1, batch="social", important=True),
        task("syd email later", client_id=1, batch="email"),
        task("lon research", client_id=2, batch="research", important=True, due=NOW + timedelta(days=2)),
        task("lon email reply", client_id=2, batch="email", urgent=True, reply_by=NOW + timedelta(hours=5)),
        task("nyc waiting", client_id=3, batch="email", urgent=True, important=True, status=Status.WAITING),
        task("nyc calls", client_id=3, batch="calls", urgent=True, important=True, due=NOW - timedelta(hours=1)),
        task("nyc deferred", client_id=3, batch="calls", status=Status.DEFERRED, defer_until=TODAY + timedelta(days=2)),
        task("no client", batch="admin", important=True),
        task("finished", client_id=1, batch="email", status=Status.DONE, done_at=NOW),
    ]


def titles(rows):
    return [r.task.title if r.task else f"[{r.group.kind}:{label(r.group)}]" for r in rows]


def label(g):
    return (g.client.name if g.client else "") + (g.batch or "") + (g.quadrant or "") + str(g.day or "")


def test_per_client_view_groups_by_batch_in_rule_order():
    qv = build_view(View.CLIENT, sample(), CLIENTS, TODAY, my_zone=ME)
    assert titles(qv.rows) == [
        "[client:Bondi Bakes]", "[batch:Bondi Bakesemail]", "syd email do", "syd email later",
        "[batch:Bondi Bakessocial]", "syd social",
        "[client:Hudson Realty]", "[batch:Hudson Realtycalls]", "nyc calls", "nyc deferred",
        "[batch:Hudson Realtyemail]", "nyc waiting",
        "[client:Regent Law]", "[batch:Regent Lawresearch]", "lon research",
        "[batch:Regent Lawemail]", "lon email reply",
        "[client:]", "[batch:admin]", "no client",
    ]
    assert [(c.label, c.count) for c in qv.counts] == [("Bondi Bakes", 3), ("Hudson Realty", 1), ("Regent Law", 2), ("", 1)]
    hudson = qv.rows[6].group
    assert (hudson.actionable, hudson.total) == (1, 3)
    assert qv.open_total == 9


def test_batch_mode_is_one_batch_across_clients():
    qv = build_view(View.BATCH, sample(), CLIENTS, TODAY, batch="email")
    assert titles(qv.rows) == ["[batch:email]", "syd email do", "lon email reply", "syd email later", "nyc waiting"]
    assert qv.batch == "email"
    assert qv.batches == ("email", "social", "admin", "research", "calls")
    assert dict((c.label, c.count) for c in qv.counts)["email"] == 3
    # Without a batch (or an unknown one) it opens on the batch of the next task.
    assert build_view(View.BATCH, sample(), CLIENTS, TODAY, batch="nope").batch == "calls"


def test_batch_order_puts_default_batches_first():
    qv = build_view(View.BATCH, [task("a", batch="zebra"), task("b", batch="email"), task("c", batch="admin")],
                    CLIENTS, TODAY)
    assert qv.batches == ("email", "admin", "zebra")


def test_eisenhower_shows_four_quadrants_even_empty():
    qv = build_view(View.EISENHOWER, sample(), CLIENTS, TODAY)
    heads = [r.group.quadrant for r in qv.rows if r.is_header]
    assert heads == list(Quadrant)
    assert titles(qv.rows)[:4] == ["[quadrant:do]", "nyc calls", "syd email do", "nyc waiting"]
    assert [(c.label, c.count) for c in qv.counts] == [("do", 2), ("schedule", 3), ("delegate", 1), ("drop", 1)]
    assert build_view(View.EISENHOWER, [], CLIENTS, TODAY).rows[0].group.total == 0


def test_deadlines_view_soonest_first_grouped_by_my_day():
    qv = build_view(View.DEADLINES, sample(), CLIENTS, TODAY, my_zone=ME)
    assert titles(qv.rows) == ["[day:2026-11-23]", "nyc calls", "lon email reply", "[day:2026-11-25]", "lon research"]
    old = task("old", due=NOW - timedelta(days=3))
    qv = build_view(View.DEADLINES, [old, *sample()], CLIENTS, TODAY, my_zone=ME)
    assert qv.rows[0].group.kind is GroupKind.EARLIER and qv.rows[1].task.title == "old"
    assert qv.counts[0].count == 4


def test_filter_by_text_client_and_batch():
    f = TaskFilter.parse("@reg #em reply")
    assert f.clients == ("reg",) and f.batches == ("em",) and f.words == ("reply",)
    qv = build_view(View.CLIENT, sample(), CLIENTS, TODAY, task_filter=f)
    assert [t.title for t in qv.tasks()] == ["lon email reply"]
    both = TaskFilter.parse("@bondi @hud #email")
    assert [t.title for t in build_view(View.EISENHOWER, sample(), CLIENTS, TODAY, task_filter=both).tasks()] == [
        "syd email do", "nyc waiting", "syd email later"]
    assert TaskFilter.parse("  ").is_empty
    assert build_view(View.CLIENT, sample(), CLIENTS, TODAY, task_filter=TaskFilter.parse("zzz")).rows == ()


def test_the_done_filter_shows_done_tasks_instead_of_open_ones():
    done = [replace(task("sent the syd report", client_id=1), status=Status.DONE, done_at=NOW),
            replace(task("filed lon papers", client_id=2), status=Status.DONE, done_at=NOW)]
    every = [*sample(), *done]
    assert not {t.title for t in build_view(View.CLIENT, every, CLIENTS, TODAY).tasks()} & {t.title for t in done}
    found = build_view(View.CLIENT, every, CLIENTS, TODAY, task_filter=TaskFilter.parse("done:"))
    assert sorted(t.title for t in found.tasks()) == sorted(t.title for t in every if t.status is Status.DONE)
    assert {"filed lon papers", "sent the syd report"} <= {t.title for t in found.tasks()}
    narrowed = build_view(View.CLIENT, every, CLIENTS, TODAY, task_filter=TaskFilter.parse("DONE: report"))
    assert [t.title for t in narrowed.tasks()] == ["sent the syd report"]
    assert not TaskFilter.parse("done:").is_empty


def test_index_of_finds_a_tasks_row():
    qv = build_view(View.CLIENT, sample(), CLIENTS, TODAY)
    for i, row in enumerate(qv.rows):
        if row.task:
            assert qv.index_of(row.task.id) == i
    assert qv.index_of(None) is None and qv.index_of(99999) is None


# --- next ------------------------------------------------------------------------------------


def test_next_in_each_view():
    tasks = sample()
    cv = build_view(View.CLIENT, tasks, CLIENTS, TODAY)
    assert next_in_view(cv, TODAY).title == order_tasks(tasks, TODAY)[0].title == "nyc calls"  # do, with a due
    regent_row = next(i for i, r in enumerate(cv.rows) if r.task and r.task.title == "lon email reply")
    assert next_in_view(cv, TODAY, regent_row).title == "lon research"  # important before urgent
    bondi_row = next(i for i, r in enumerate(cv.rows) if r.task and r.task.title == "syd social")
    assert next_in_view(cv, TODAY, bondi_row).title == "syd email do"
    hudson_row = next(i for i, r in enumerate(cv.rows) if r.group.client == NYC)
    assert next_in_view(cv, TODAY, hudson_row).title == "nyc calls"  # never the waiting one
    bv = build_view(View.BATCH, tasks, CLIENTS, TODAY, batch="email")
    assert next_in_view(bv, TODAY).title == "syd email do"
    dv = build_view(View.DEADLINES, tasks, CLIENTS, TODAY, my_zone=ME)
    assert next_in_view(dv, TODAY).title == "nyc calls"
    empty = build_view(View.BATCH, [task("w", status=Status.WAITING)], CLIENTS, TODAY)
    assert next_in_view(empty, TODAY) is None


def test_a_doing_task_comes_first():
    tasks = [*sample(), task("in hand", client_id=2, status=Status.DOING)]
    assert next_in_view(build_view(View.EISENHOWER, tasks, CLIENTS, TODAY), TODAY).title == "in hand"


# --- manual order ----------------------------------------------------------------------------


def apply(tasks, changed):
    by_id = {t.id: t for t in tasks}
    by_id.update({t.id: t for t in changed})
    return list(by_id.values())


def test_move_up_and_down_within_a_quadrant():
    a, b, c, d = (task(n, important=True, created=NOW - timedelta(hours=10 - i)) for i, n in enumerate("abcd"))
    tasks = [a, b, c, d]
    changed = move_task(tasks, c, b, before=True, today=TODAY)
    tasks = apply(tasks, changed)
    assert [t.title for t in order_tasks(tasks, TODAY)] == ["a", "c", "b", "d"]
    assert {t.title for t in changed} == {"a", "b", "c"}  # the prefix gets ranks; d keeps none
    # A second swap of ranked tasks touches two records.
    cur = {t.title: t for t in tasks}
    changed = move_task(tasks, cur["a"], cur["c"], before=False, today=TODAY)
    assert {t.title for t in changed} == {"a", "c"}
    tasks = apply(tasks, changed)
    assert [t.title for t in order_tasks(tasks, TODAY)] == ["c", "a", "b", "d"]
    # Moving the last one down past nothing-ranked ranks it after b.
    cur = {t.title: t for t in tasks}
    tasks = apply(tasks, move_task(tasks, cur["d"], cur["b"], before=True, today=TODAY))
    assert [t.title for t in order_tasks(tasks, TODAY)] == ["c", "a", "d", "b"]


def test_rank_beats_deadlines_inside_the_quadrant_only():
    early = task("due soon", important=True, due=NOW + timedelta(hours=1))
    late = task("no due", important=True)
    urgent = task("do", urgent=True, important=True)
    tasks = apply([early, late, urgent], move_task([early, late, urgent], late, early, before=True, today=TODAY))
    assert [t.title for t in order_tasks(tasks, TODAY)] == ["do", "no due", "due soon"]


def test_moves_across_quadrants_or_of_waiting_tasks_are_refused():
    a, b = task("a", important=True), task("b", urgent=True)
    with pytest.raises(ValidationError, match="quadrant"):
        move_task([a, b], a, b, before=True, today=TODAY)
    w = task("w", important=True, status=Status.WAITING)
    with pytest.raises(ValidationError, match="waiting"):
        move_task([a, w], a, w, before=True, today=TODAY)
    assert move_task([a], a, a, before=True, today=TODAY) == []


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 7), min_size=1, max_size=25), st.integers(0, 7), st.booleans())
def test_any_sequence_of_moves_gives_the_asked_order(moves, n, up):
    tasks = [task(f"t{i}", important=True, created=NOW - timedelta(hours=50 - i)) for i in range(8)]
    for m in moves:
        order = order_tasks(tasks, TODAY)
        pos = m % len(order)
        target = pos - 1 if up else pos + 1
        if not 0 <= target < len(order):
            continue
        moving, anchor = order[pos], order[target]
        tasks = apply(tasks, move_task(tasks, moving, anchor, before=up, today=TODAY))
        expected = list(order)
        expected[pos], expected[target] = expected[target], expected[pos]
        assert [t.id for t in order_tasks(tasks, TODAY)] == [t.id for t in expected]


def test_sort_key_is_the_documented_rule():
    assert sort_key(task("x", status=Status.DOING))[0] is False


# --- checklist templates ---------------------------------------------------------------------


def test_apply_a_checklist_template_to_a_client():
    tpl = make_checklist_template("Client onboarding", [
        "Send welcome email #email ~15m !i day:0",
        "",
        "# comments are skipped",
        "Collect logins #admin ~30m day:2",
        "Kick-off call #calls !ui +5d",
    ])
    assert tpl.kind == "checklist" and len(tpl.items) == 3
    tasks = apply_checklist(replace(tpl, id=7), SYD, date(2026, 11, 27), NOW)
    assert [t.title for t in tasks] == ["Send welcome email", "Collect logins", "Kick-off call"]
    assert all(t.client_id == 1 and t.due_zone == "Australia/Sydney" for t in tasks)
    assert [t.due for t in tasks] == [sydney(2026, 11, 27, 17), sydney(2026, 11, 29, 17), sydney(2026, 12, 2, 17)]
    assert tasks[2].urgent and tasks[2].important and tasks[1].estimate == timedelta(minutes=30)
    assert [t.title for t in order_tasks(tasks, TODAY)][1:] == ["Send welcome email", "Collect logins"]


def test_a_template_over_a_dst_change_keeps_17_00_local():
    tpl = make_checklist_template("x", ["a day:0", "b day:3"])
    tasks = apply_checklist(tpl, SYD, date(2026, 10, 2), NOW)
    assert [t.due.astimezone(ZoneInfo(SYD.tz)).hour for t in tasks] == [17, 17]
    assert tasks[1].due - tasks[0].due == timedelta(days=3, hours=-1)


def test_bad_template_definitions():
    with pytest.raises(ValidationError, match="item 2") as info:
        make_checklist_template("x", ["ok", "bad ~5q"])
    assert info.value.field == "items"
    with pytest.raises(ValidationError, match="at least one"):
        make_checklist_template("x", ["", "# nothing"])
    with pytest.raises(ValidationError, match="day template"):
        apply_checklist(Template(kind="day", name="d"), SYD, TODAY, NOW)


# --- the form --------------------------------------------------------------------------------


def test_form_round_trip_keeps_everything():
    t = task("Send deck", client_id=1, batch="email", urgent=True, estimate=timedelta(minutes=45),
             due=sydney(2026, 11, 27, 17), due_zone="Australia/Sydney",
             reply_by=NOW + timedelta(hours=30, seconds=17), notes="n",
             checklist=(ChecklistItem("draft", True), ChecklistItem("send")), rank=3.0)
    values = form_values(t, CLIENTS, ME)
    assert values["due"] == "2026-11-27 17:00 client" and values["estimate"] == "45m"
    assert values["checklist"] == "[x] draft\n[ ] send"
    assert apply_form(t, values, clients=list(CLIENTS.values()), now=NOW, my_zone=ME) == t


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "  ", "needs a title"),
        ("client", "nobody", "no client"),
        ("batch", "two words", "not a batch"),
        ("estimate", "lots", "not a duration"),
        ("due", "someday", "not a day"),
        ("reply", "whenever", "nor a day"),
        ("status", "maybe", "status"),
    ],
)
def test_form_errors_name_their_field(field, value, message):
    t = task("x", client_id=1)
    values = {**form_values(t, CLIENTS, ME), field: value}
    with pytest.raises(ValidationError) as info:
        apply_form(t, values, clients=list(CLIENTS.values()), now=NOW, my_zone=ME)
    assert info.value.field == field and message in str(info.value)


def test_form_edits():
    t = task("x", client_id=1, important=True, rank=2.0)
    values = {**form_values(t, CLIENTS, ME), "client": "hud", "due": "fri 9am client", "reply": "8h",
              "urgent": True, "defer": "tomorrow", "checklist": "one\n- [x] two\n[ ]   "}
    out = apply_form(t, values, clients=list(CLIENTS.values()), now=NOW, my_zone=ME)
    assert out.client_id == 3 and out.due_zone == "America/New_York"
    assert out.due == datetime(2026, 11, 27, 9, tzinfo=ZoneInfo("America/New_York"))
    # 8 business hours from 08:00 New York (closed until 09:00): 17:00 today.
    assert out.reply_by == datetime(2026, 11, 23, 17, tzinfo=ZoneInfo("America/New_York"))
    assert out.status is Status.DEFERRED and out.defer_until == date(2026, 11, 24)
    assert out.rank is None  # a new quadrant: the manual place is dropped
    assert out.checklist == (ChecklistItem("one"), ChecklistItem("two", True))
    done = apply_form(t, {**form_values(t, CLIENTS, ME), "status": "done"}, clients=[SYD], now=NOW, my_zone=ME)
    assert done.done_at == NOW
    with pytest.raises(ValidationError) as info:
        apply_form(t, {**form_values(t, CLIENTS, ME), "status": "deferred"}, clients=[SYD], now=NOW, my_zone=ME)
    assert info.value.field == "defer"


@pytest.mark.parametrize(("language", "typed"), [("ro", "mâine"), ("ro", "Maine"), ("pt_BR", "amanhã"),
                                                 ("pt_BR", "amanha"), ("ro", "tomorrow"), ("en", "tomorrow")])
def test_the_defer_field_reads_tomorrow_in_the_users_language_and_in_english(language, typed):
    from vatui.i18n import using

    t = task("x", client_id=1)
    with using(language):
        values = {**form_values(t, CLIENTS, ME), "defer": typed}
        out = apply_form(t, values, clients=list(CLIENTS.values()), now=NOW, my_zone=ME)
    assert out.status is Status.DEFERRED and out.defer_until == date(2026, 11, 24)


def test_day_words_in_each_language():
    from vatui.core.daywords import english_day, local_today, local_tomorrow
    from vatui.i18n import using

    with using("ro"):
        assert (local_today(), local_tomorrow()) == ("azi", "mâine")
        assert [english_day(w) for w in ("azi", " AZI ", "mâine", "maine", "fri", "")] == [
            "today", "today", "tomorrow", "tomorrow", "fri", ""]
    with using("pt_BR"):
        assert (local_today(), local_tomorrow()) == ("hoje", "amanhã")
        assert english_day("Amanhã") == "tomorrow" and english_day("hoje") == "today"
    assert english_day("tomorrow") == "tomorrow" and local_tomorrow() == "tomorrow"


def test_checklist_helpers():
    assert parse_checklist("[x] a\n\n b  c ") == (ChecklistItem("a", True), ChecklistItem("b c"))
    t = task("x", checklist=(ChecklistItem("a", True), ChecklistItem("b")))
    assert toggle_next_item(t).checklist[1].done
    assert toggle_next_item(toggle_next_item(t)) is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(-3000, 6000)), st.one_of(st.none(), st.integers(-3000, 6000)),
                          st.sampled_from([None, 1, 2, 3])), max_size=30),
       st.integers(0, 60 * 24 * 7))
def test_count_states_agrees_with_pressing(specs, offset):
    now = NOW + timedelta(minutes=offset)
    tasks = [task("t", client_id=c, due=None if d is None else NOW + timedelta(minutes=d),
                  reply_by=None if r is None else NOW + timedelta(minutes=r)) for d, r, c in specs]
    reader = DeadlineReader(CLIENTS, now, ME)
    states = [reader.pressing(t) for t in tasks]
    late = sum(1 for d in states if d is not None and d.state is DeadlineState.OVERDUE)
    soon = sum(1 for d in states if d is not None and d.state is DeadlineState.SOON)
    assert reader.count_states(tasks) == (late, soon)


def test_calendar_cache_keeps_calendars_for_the_day_and_per_client_record():
    from vatui.core.deadlines import CalendarCache

    cache = CalendarCache()
    a = cache.get(SYD, NOW)
    assert cache.get(SYD, NOW + timedelta(hours=3)) is a
    assert cache.get(replace(SYD, reply_by_hours=8), NOW) is not a  # an edited client: a new calendar
    assert cache.get(SYD, NOW + timedelta(days=1)) is not a
