"""The Pomodoro state machine: every transition at fixed instants, restarts, DST, unattended time."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vatui.core.pomodoro import Timer, advance, focus_done_between, interruptions_between, question, view
from vatui.core.pomodoro_phases import MIN_TRACKED
from vatui.core.pomodoro_state import Answer, Phase, Pomodoro, Refusal, StateError, TimerError
from vatui.core.settings import PomodoroSettings
from vatui.store.pomodoro_codec import from_dict, load, to_dict

T0 = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)
CFG = PomodoroSettings()  # 25m / 5m / 15m, long break after 4, no auto-start
AUTO = PomodoroSettings(auto_start=True)
FORGOT = timedelta(minutes=30)
M = timedelta(minutes=1)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def timer() -> Timer:
    return Timer(CFG, FORGOT)


@pytest.fixture
def auto() -> Timer:
    return Timer(AUTO, FORGOT)


def roundtrip(state: Pomodoro) -> Pomodoro:
    """What another process (or a restart) reads back from the data file."""
    return from_dict(json.loads(json.dumps(to_dict(state))))


def durations(entries) -> list[timedelta]:
    return [e.duration for e in entries]


# --- starting, the phases, the cycle --------------------------------------------------------------


def test_idle_view():
    v = view(Pomodoro(), T0, CFG, FORGOT)
    assert v.phase is None and v.next_phase is Phase.FOCUS and v.remaining == timedelta(0)
    assert v.planned == CFG.focus and v.question is None and not v.pending


def test_start_focus_counts_down_from_stored_instants(timer):
    out = timer.start(Pomodoro(), T0, task_id=7, client_id=3, bind=True)
    s = out.state
    assert s.phase is Phase.FOCUS and s.task_id == 7 and s.client_id == 3 and not out.entries
    v = view(s, at(10), CFG, FORGOT)
    assert v.phase is Phase.FOCUS and v.remaining == timedelta(minutes=15) and v.ends_at == at(25)
    assert v.unlogged == timedelta(minutes=10) and v.running


def test_focus_ends_into_a_waiting_short_break_and_logs_one_entry(timer):
    s = timer.start(Pomodoro(), T0, task_id=7, client_id=3, bind=True).state
    out = advance(s, at(26), CFG, FORGOT)
    assert out.state.run is None and out.state.next_phase is Phase.SHORT_BREAK
    assert [(e.start, e.end, e.client_id, e.task_id, e.billable, e.source) for e in out.entries] == [
        (T0, at(25), 3, 7, True, "pomodoro")]
    assert [(e.phase, e.at, e.next_phase, e.auto_started) for e in out.ends] == [
        (Phase.FOCUS, at(25), Phase.SHORT_BREAK, False)]
    assert out.state.cycle == 1 and focus_done_between(out.state, T0, at(60)) == 1
    # Remaining time is never negative, however late we look.
    assert view(s, at(500), CFG, FORGOT).remaining == timedelta(0)


def test_start_after_a_focus_begins_the_break_then_focus(timer):
    s = advance(timer.start(Pomodoro(), T0).state, at(25), CFG, FORGOT).state
    s = timer.start(s, at(27)).state
    assert s.phase is Phase.SHORT_BREAK and s.run.planned == CFG.short_break
    out = advance(s, at(33), CFG, FORGOT)
    assert out.ends[0].phase is Phase.SHORT_BREAK and out.state.next_phase is Phase.FOCUS and not out.entries


def test_long_break_after_every_long_every_focus_sessions(auto):
    s = auto.start(Pomodoro(), T0, client_id=1, bind=True).state
    # 4 x (25 focus) + 3 x (5 break) = 115 min, then a 15-minute long break, then focus again.
    out = advance(s, at(116), AUTO, timedelta(days=1))
    phases = [e.phase for e in out.ends]
    assert phases == [Phase.FOCUS, Phase.SHORT_BREAK] * 3 + [Phase.FOCUS]
    assert out.state.phase is Phase.LONG_BREAK and out.state.cycle == 0
    # Only the focus the user started is written; the three that started on their own are held
    # until someone is seen (a key press), then written.
    assert len(out.entries) == 1 and len(out.state.held) == 3
    back = Timer(AUTO, timedelta(days=1)).touch(out.state, at(116))
    assert len(back.entries) == 3 and all(e.duration == timedelta(minutes=25) for e in back.entries)
    later = advance(out.state, at(131), AUTO, timedelta(days=1)).state
    assert later.phase is Phase.FOCUS


def test_long_every_two():
    cfg = PomodoroSettings(long_every=2)
    t = Timer(cfg, FORGOT)
    s = t.start(Pomodoro(), T0).state
    s = advance(s, at(25), cfg, FORGOT).state
    assert s.next_phase is Phase.SHORT_BREAK
    s = t.start(s, at(25)).state
    s = advance(s, at(30), cfg, FORGOT).state
    s = t.start(s, at(30)).state
    s = advance(s, at(55), cfg, FORGOT).state
    assert s.next_phase is Phase.LONG_BREAK


def test_a_long_rest_starts_a_fresh_set(timer):
    s = timer.start(Pomodoro(), T0).state
    s = advance(s, at(25), CFG, FORGOT).state
    assert s.cycle == 1
    s = timer.start(s, at(120), phase=Phase.FOCUS).state  # came back after lunch
    assert s.cycle == 0


def test_auto_start_runs_the_break_on_its_own(auto):
    s = auto.start(Pomodoro(), T0).state
    out = advance(s, at(26), AUTO, FORGOT)
    assert out.state.phase is Phase.SHORT_BREAK and out.state.run.auto and out.ends[0].auto_started
    assert view(s, at(26), AUTO, FORGOT).remaining == timedelta(minutes=4)


def test_start_refused_while_a_focus_runs_or_is_paused(timer):
    s = timer.start(Pomodoro(), T0).state
    with pytest.raises(TimerError) as err:
        timer.start(s, at(1), task_id=2, bind=True)
    assert err.value.reason is Refusal.ALREADY_RUNNING
    s = timer.pause(s, at(2)).state
    with pytest.raises(TimerError) as err:
        timer.start(s, at(3))
    assert err.value.reason is Refusal.PAUSED  # the words then say: resume it or stop it


def test_start_focus_during_a_break_ends_the_break(timer):
    s = advance(timer.start(Pomodoro(), T0).state, at(25), CFG, FORGOT).state
    s = timer.start(s, at(25)).state
    assert s.phase is Phase.SHORT_BREAK
    out = timer.start(s, at(27), task_id=9, client_id=4, bind=True)
    assert out.state.phase is Phase.FOCUS and out.state.task_id == 9 and not out.entries


def test_start_focus_while_idle_with_a_break_pending_skips_the_break(timer):
    s = advance(timer.start(Pomodoro(), T0).state, at(25), CFG, FORGOT).state
    out = timer.start(s, at(26), task_id=1, client_id=1, bind=True)
    assert out.state.phase is Phase.FOCUS


# --- pause, resume, skip, stop, interruptions -----------------------------------------------------


def test_pause_freezes_the_countdown_and_resume_continues(timer):
    s = timer.start(Pomodoro(), T0, client_id=1, bind=True).state
    s = timer.pause(s, at(10)).state
    assert view(s, at(50), CFG, FORGOT).remaining == timedelta(minutes=15)
    assert view(s, at(50), CFG, FORGOT).paused and view(s, at(50), CFG, FORGOT).ends_at is None
    s = timer.resume(s, at(50)).state
    assert view(s, at(55), CFG, FORGOT).remaining == timedelta(minutes=10)
    out = advance(s, at(70), CFG, FORGOT)
    assert out.ends[0].at == at(65)
    # One entry per running stretch: the pause is not billed.
    assert [(e.start, e.end) for e in out.entries] == [(T0, at(10)), (at(50), at(65))]


def test_pause_across_the_planned_end(timer):
    s = timer.start(Pomodoro(), T0).state
    s = timer.pause(s, at(20)).state  # 5 minutes left, the end (25) passes while paused
    v = view(s, at(40), CFG, FORGOT)
    assert v.phase is Phase.FOCUS and v.paused and v.remaining == timedelta(minutes=5) and not v.pending
    s = timer.resume(s, at(40)).state
    assert view(s, at(44), CFG, FORGOT).remaining == timedelta(minutes=1)
    assert advance(s, at(45), CFG, FORGOT).ends[0].at == at(45)


def test_pause_and_resume_refusals(timer):
    with pytest.raises(TimerError) as err:
        timer.pause(Pomodoro(), T0)
    assert err.value.reason is Refusal.NOTHING_RUNNING
    s = timer.start(Pomodoro(), T0).state
    with pytest.raises(TimerError) as err:
        timer.resume(s, at(1))
    assert err.value.reason is Refusal.NOT_PAUSED
    s = timer.pause(s, at(1)).state
    with pytest.raises(TimerError) as err:
        timer.pause(s, at(2))
    assert err.value.reason is Refusal.ALREADY_PAUSED


def test_toggle_pause(timer):
    s = timer.start(Pomodoro(), T0).state
    s = timer.toggle_pause(s, at(1)).state
    assert s.run.paused
    s = timer.toggle_pause(s, at(2)).state
    assert not s.run.paused


def test_stop_a_focus_logs_what_was_worked(timer):
    s = timer.start(Pomodoro(), T0, task_id=5, client_id=2, bind=True).state
    out = timer.stop(s, at(12))
    assert out.state.run is None and out.state.next_phase is Phase.FOCUS
    assert [(e.start, e.end, e.task_id, e.source) for e in out.entries] == [(T0, at(12), 5, "pomodoro")]
    assert out.logged == timedelta(minutes=12) and out.stopped.phase is Phase.FOCUS
    assert out.state.cycle == 0  # a stopped focus is not a completed one
    assert focus_done_between(out.state, T0, at(60)) == 0


def test_stop_a_paused_focus_logs_up_to_the_pause(timer):
    s = timer.start(Pomodoro(), T0, client_id=2, bind=True).state
    s = timer.pause(s, at(8)).state
    out = timer.stop(s, at(40))
    assert [(e.start, e.end) for e in out.entries] == [(T0, at(8))]


def test_a_start_stopped_at_once_logs_nothing_and_says_so(timer):
    s = timer.start(Pomodoro(), T0, client_id=2, bind=True).state
    out = timer.stop(s, T0 + timedelta(seconds=20))
    assert not out.entries and out.too_short == timedelta(seconds=20) and MIN_TRACKED == timedelta(seconds=60)


def test_stop_refused_when_idle_but_clears_a_waiting_break(timer):
    with pytest.raises(TimerError):
        timer.stop(Pomodoro(), T0)
    s = advance(timer.start(Pomodoro(), T0).state, at(25), CFG, FORGOT).state
    assert s.next_phase is Phase.SHORT_BREAK
    assert timer.stop(s, at(26)).state.next_phase is Phase.FOCUS


def test_skip_focus_logs_it_and_goes_to_the_break(timer):
    s = timer.start(Pomodoro(), T0, client_id=1, bind=True).state
    out = timer.skip(s, at(20))
    assert out.state.run is None and out.state.next_phase is Phase.SHORT_BREAK
    assert durations(out.entries) == [timedelta(minutes=20)] and out.state.cycle == 0


def test_skip_with_auto_start_begins_the_next_phase_now(auto):
    s = auto.start(Pomodoro(), T0).state
    s = auto.skip(s, at(20)).state
    assert s.phase is Phase.SHORT_BREAK and s.run.started == at(20) and not s.run.auto
    s = auto.skip(s, at(21)).state
    assert s.phase is Phase.FOCUS


def test_skip_a_break(timer):
    s = advance(timer.start(Pomodoro(), T0).state, at(25), CFG, FORGOT).state
    s = timer.start(s, at(25)).state
    out = timer.skip(s, at(26))
    assert out.state.next_phase is Phase.FOCUS and not out.entries


def test_interruptions_are_counted_during_a_focus_only(timer):
    s = timer.start(Pomodoro(), T0).state
    s = timer.interrupt(s, at(3)).state
    s = timer.interrupt(s, at(9)).state
    assert view(s, at(10), CFG, FORGOT).interruptions == 2
    s = advance(s, at(25), CFG, FORGOT).state
    assert interruptions_between(s, T0, at(60)) == 2
    with pytest.raises(TimerError) as err:
        timer.interrupt(s, at(26))
    assert err.value.reason is Refusal.NOT_FOCUS


# --- stopwatch ------------------------------------------------------------------------------------


def test_stopwatch_counts_up_and_logs_on_stop(timer):
    s = timer.start_stopwatch(Pomodoro(), T0, task_id=3, client_id=2, planned=timedelta(minutes=45)).state
    v = view(s, at(40), CFG, FORGOT)
    assert v.phase is Phase.STOPWATCH and v.worked == timedelta(minutes=40) and not v.pending
    assert view(s, at(90), CFG, FORGOT).phase is Phase.STOPWATCH  # it never ends on its own
    out = timer.stop(s, at(40))
    assert [(e.start, e.end, e.source, e.task_id) for e in out.entries] == [(T0, at(40), "stopwatch", 3)]


def test_stopwatch_refused_while_a_focus_runs_but_a_break_gives_way(timer):
    s = timer.start(Pomodoro(), T0).state
    with pytest.raises(TimerError):
        timer.start_stopwatch(s, at(1), task_id=None, client_id=1)
    s = advance(s, at(25), CFG, FORGOT).state
    s = timer.start(s, at(25)).state
    s = timer.start_stopwatch(s, at(26), task_id=None, client_id=1).state
    assert s.phase is Phase.STOPWATCH and s.next_phase is Phase.FOCUS


def test_starting_a_focus_stops_and_logs_a_stopwatch(timer):
    s = timer.start_stopwatch(Pomodoro(), T0, task_id=None, client_id=2).state
    out = timer.start(s, at(30), task_id=8, client_id=3, bind=True)
    assert durations(out.entries) == [timedelta(minutes=30)] and out.entries[0].client_id == 2
    assert out.state.phase is Phase.FOCUS and out.state.client_id == 3


# --- restart, suspend, another process ------------------------------------------------------------


def test_restart_mid_phase_gives_the_same_remaining_time(timer):
    s = timer.start(Pomodoro(), T0, task_id=1, client_id=1, bind=True).state
    s = timer.pause(s, at(5)).state
    s = timer.resume(s, at(7)).state
    s = timer.interrupt(s, at(8)).state
    again = roundtrip(s)
    assert again == s
    assert view(again, at(12), CFG, FORGOT).remaining == view(s, at(12), CFG, FORGOT).remaining == timedelta(minutes=15)


def test_a_phase_that_ended_while_closed_says_when(timer):
    s = timer.start(Pomodoro(), T0, client_id=1, bind=True).state
    v = view(roundtrip(s), at(200), CFG, FORGOT)  # vatui reopened three hours later
    assert v.phase is None and v.remaining == timedelta(0)
    assert [(e.phase, e.at) for e in v.pending] == [(Phase.FOCUS, at(25))]
    assert v.ended.at == at(25)
    assert [(e.start, e.end, e.client_id) for e in v.to_write] == [(T0, at(25), 1)]


def test_suspend_is_just_time_passing(timer):
    s = timer.start(Pomodoro(), T0).state
    assert view(s, at(3), CFG, FORGOT).remaining == timedelta(minutes=22)
    # The laptop slept from minute 3 to minute 21: the countdown is from timestamps, not ticks.
    assert view(s, at(21), CFG, FORGOT).remaining == timedelta(minutes=4)


def test_dst_change_during_a_focus_is_real_time():
    """New York springs forward at 02:00 on 2026-03-08: a focus from 01:50 EST ends 25 real
    minutes later, at 03:15 EDT on the wall clock."""
    ny = ZoneInfo("America/New_York")
    start = datetime(2026, 3, 8, 1, 50, tzinfo=ny).astimezone(timezone.utc)
    t = Timer(CFG, FORGOT)
    s = t.start(Pomodoro(), start, client_id=1, bind=True).state
    v = view(s, start + timedelta(minutes=20), CFG, FORGOT)
    assert v.remaining == timedelta(minutes=5)
    assert v.ends_at.astimezone(ny).strftime("%H:%M %Z") == "03:15 EDT"
    out = advance(s, start + timedelta(minutes=30), CFG, FORGOT)
    assert out.entries[0].duration == timedelta(minutes=25)


def test_dst_fall_back_during_a_focus_london():
    """London falls back at 02:00 BST on 2026-10-25: 01:50 BST + 25 min is 01:15 GMT."""
    lon = ZoneInfo("Europe/London")
    start = datetime(2026, 10, 25, 1, 50, tzinfo=lon).astimezone(timezone.utc)
    t = Timer(CFG, FORGOT)
    s = t.start(Pomodoro(), start).state
    end = view(s, start, CFG, FORGOT).ends_at
    assert end - start == timedelta(minutes=25)
    assert end.astimezone(lon).strftime("%H:%M %Z") == "01:15 GMT"


def test_state_is_json_and_survives_every_phase(auto):
    s = auto.start(Pomodoro(), T0, task_id=4, client_id=2, bind=True).state
    for minute in range(0, 200, 7):
        s2 = advance(s, at(minute), AUTO, timedelta(days=1)).state
        assert roundtrip(s2) == s2


def test_damaged_state_is_set_aside_not_raised():
    assert load(None).state == Pomodoro() and load(None).damaged is None
    bad = load({"version": 1, "run": {"phase": "nap", "planned_s": 5}})
    assert bad.state == Pomodoro() and "nap" in bad.damaged
    assert load({"version": 99}).damaged
    assert load("nonsense").damaged
    with pytest.raises(StateError):
        from_dict({"version": 1, "run": {"phase": "focus", "planned_s": 60, "segments": [["2026-01-01T10:00:00"]]}})


# --- unattended timers ----------------------------------------------------------------------------


def test_a_forgotten_stopwatch_asks_keep_trim_discard(timer):
    s = timer.start_stopwatch(Pomodoro(), T0, task_id=3, client_id=2, planned=timedelta(minutes=45)).state
    assert question(s, at(74), FORGOT) is None  # 29 min past the plan: not yet
    q = question(s, at(75), FORGOT)
    assert q is not None and q.phase is Phase.STOPWATCH and q.plan_end == at(45) and not q.closed
    assert (q.keep, q.trim, q.discard) == (timedelta(minutes=75), timedelta(minutes=45), timedelta(0))
    with pytest.raises(TimerError) as err:
        timer.stop(s, at(80))
    assert err.value.reason is Refusal.NEEDS_ANSWER


def test_answer_keep_lets_the_stopwatch_run_on(timer):
    s = timer.start_stopwatch(Pomodoro(), T0, task_id=3, client_id=2, planned=timedelta(minutes=45)).state
    out = timer.answer(s, at(80), Answer.KEEP)
    assert out.state.phase is Phase.STOPWATCH and not out.entries
    assert question(out.state, at(100), FORGOT) is None
    assert durations(timer.stop(out.state, at(100)).entries) == [timedelta(minutes=100)]


def test_answer_trim_and_discard(timer):
    s = timer.start_stopwatch(Pomodoro(), T0, task_id=3, client_id=2, planned=timedelta(minutes=45)).state
    trimmed = timer.answer(s, at(300), Answer.TRIM)
    assert [(e.start, e.end) for e in trimmed.entries] == [(T0, at(45))] and trimmed.state.run is None
    discarded = timer.answer(s, at(300), Answer.DISCARD)
    assert not discarded.entries and discarded.state.run is None
    with pytest.raises(TimerError) as err:
        timer.answer(discarded.state, at(301), Answer.KEEP)
    assert err.value.reason is Refusal.NO_QUESTION


def test_a_key_press_keeps_a_long_stopwatch_attended(timer):
    s = timer.start_stopwatch(Pomodoro(), T0, task_id=None, client_id=2, planned=timedelta(minutes=45)).state
    s = timer.touch(s, at(70)).state  # still at the desk
    assert question(s, at(99), FORGOT) is None
    assert question(s, at(100), FORGOT) is not None
    # Touching writes only when something changes (at most once a minute).
    assert timer.touch(s, at(70.5)).state is s


def test_auto_started_focus_sessions_while_away_are_held_then_asked(auto):
    s = auto.start(Pomodoro(), T0, client_id=1, bind=True).state
    # Focus 0-25 (attended: the user started it), break 25-30, focus 30-55 runs on its own.
    out = advance(s, at(56), AUTO, FORGOT)
    assert durations(out.entries) == [timedelta(minutes=25)]  # the first focus only
    assert len(out.state.held) == 1 and out.state.held[0].stretches == ((at(30), at(55)),)
    q = question(out.state, at(56), FORGOT)
    assert q is not None and q.plan_end == at(25) and q.keep == timedelta(minutes=25) and q.trim == timedelta(0)
    # The chain stopped at the threshold rather than running all night.
    assert out.state.run is None
    kept = auto.answer(s, at(56), Answer.KEEP)
    assert durations(kept.entries) == [timedelta(minutes=25), timedelta(minutes=25)]
    trimmed = auto.answer(s, at(56), Answer.TRIM)
    assert durations(trimmed.entries) == [timedelta(minutes=25)] and trimmed.state.cycle == 0
    assert focus_done_between(trimmed.state, T0, at(60)) == 1


def test_coming_back_in_time_releases_held_sessions(auto):
    s = auto.start(Pomodoro(), T0, client_id=1, bind=True).state
    s = auto.pause(auto.resume(auto.pause(s, at(1)).state, at(1)).state, at(1)).state
    s = auto.resume(s, at(1)).state  # the attended end is now minute 26
    s = advance(s, at(40), AUTO, timedelta(minutes=60)).state
    assert s.phase is Phase.FOCUS and s.run.auto  # 31-56 on its own
    out = advance(s, at(57), AUTO, timedelta(minutes=60))
    assert len(out.state.held) == 1 and question(out.state, at(57), timedelta(minutes=60)) is None
    touched = Timer(AUTO, timedelta(minutes=60)).touch(out.state, at(57))
    assert durations(touched.entries) == [timedelta(minutes=25)] and not touched.state.held


def test_closed_mid_focus_and_reopened_before_the_end_asks_nothing(timer):
    s = timer.start(Pomodoro(), T0, client_id=1, bind=True).state
    s = timer.closed(s, at(5))
    assert s.closed_at == at(5)
    assert question(s, at(10), FORGOT) is None
    s = timer.touch(s, at(10)).state
    assert s.closed_at is None
    assert durations(advance(s, at(30), CFG, FORGOT).entries) == [timedelta(minutes=25)]


def test_closed_while_a_focus_ran_past_its_end_asks_on_return(timer):
    s = timer.start(Pomodoro(), T0, client_id=1, bind=True).state
    s = roundtrip(timer.closed(s, at(5)))
    out = advance(s, at(40), CFG, FORGOT)
    assert not out.entries and out.state.held  # not written until the user says so
    q = question(out.state, at(40), FORGOT)
    assert q.closed and q.since == at(5) and q.keep == timedelta(minutes=25)
    assert durations(timer.answer(s, at(40), Answer.KEEP).entries) == [timedelta(minutes=25)]
    assert not timer.answer(s, at(40), Answer.DISCARD).entries
    with pytest.raises(TimerError):
        timer.start(s, at(40))


def test_closed_with_a_stopwatch(timer):
    s = timer.start_stopwatch(Pomodoro(), T0, task_id=None, client_id=1, planned=timedelta(minutes=30)).state
    s = timer.closed(s, at(10))
    assert question(s, at(20), FORGOT) is None
    q = question(s, at(31), FORGOT)
    assert q.closed and q.trim == timedelta(minutes=30) and q.keep == timedelta(minutes=31)


def test_closing_while_idle_or_paused_marks_nothing(timer):
    assert timer.closed(Pomodoro(), T0) == Pomodoro()
    s = timer.pause(timer.start(Pomodoro(), T0).state, at(1)).state
    assert timer.closed(s, at(2)) is s


def test_a_long_chain_is_bounded(auto):
    tiny = PomodoroSettings(focus=timedelta(seconds=10), short_break=timedelta(seconds=10),
                            long_break=timedelta(seconds=10), auto_start=True)
    t = Timer(tiny, timedelta(days=365))
    s = t.start(Pomodoro(), T0).state
    out = advance(s, at(60 * 24 * 30), tiny, timedelta(days=365))  # a month later
    assert out.state.run is None and len(out.ends) <= 2000


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["start", "pause", "resume", "skip", "stop", "interrupt", "watch",
                                          "touch", "keep", "trim", "discard"]),
                          st.integers(min_value=0, max_value=90)), max_size=25),
       st.booleans())
def test_any_sequence_keeps_invariants(steps, auto_start):
    cfg = PomodoroSettings(auto_start=auto_start)
    t = Timer(cfg, FORGOT)
    s = Pomodoro()
    now = T0
    logged: list = []
    for op, gap in steps:
        now += timedelta(minutes=gap)
        commands = {
            "start": t.start, "pause": t.pause, "resume": t.resume, "skip": t.skip, "stop": t.stop,
            "interrupt": t.interrupt, "touch": t.touch,
            "watch": partial(t.start_stopwatch, task_id=None, client_id=1),
            "keep": partial(t.answer, choice=Answer.KEEP), "trim": partial(t.answer, choice=Answer.TRIM),
            "discard": partial(t.answer, choice=Answer.DISCARD),
        }
        try:
            out = commands[op](s, now)
        except TimerError:
            continue
        s = out.state
        logged.extend(out.entries)
        v = view(s, now, cfg, FORGOT)
        assert v.remaining >= timedelta(0)
        assert roundtrip(s) == s
        for e in out.entries:
            assert e.end <= now and e.duration > timedelta(0)
    # Tracked time never overlaps itself and never exceeds the wall time that passed.
    spans = sorted((e.start, e.end) for e in logged)
    for (_a1, b1), (a2, _b2) in zip(spans, spans[1:]):
        assert b1 <= a2
    assert sum((e.duration for e in logged), timedelta(0)) <= now - T0
