"""Meeting-timer arithmetic: computed from stored instants and an injected clock, never ticks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from debrief_desktop.facilitation.timer import (
    Level,
    MeetingTimer,
    RunClock,
    format_duration,
    level_for,
    plan_delta,
    read_timer,
    step_elapsed,
    step_warn_seconds,
    to_iso,
)
from debrief_desktop.store import Store
from debrief_desktop.store.models import AgendaStep, TimerState

T0 = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def fresh(budget: int = 3600) -> TimerState:
    return TimerState(1, budget, False, None, 0.0, None)


def step(
    step_id: int,
    position: int,
    minutes: float,
    *,
    started_at: datetime | None = None,
    before: float = 0.0,
) -> AgendaStep:
    return AgendaStep(
        id=step_id,
        debrief_id=1,
        position=position,
        title=f"step {step_id}",
        hint="",
        timebox_seconds=round(minutes * 60),
        scene="timeline",
        done=False,
        actual_seconds=None,
        started_at=to_iso(started_at) if started_at else None,
        elapsed_before=before,
    )


def test_a_timer_that_has_not_started_shows_the_whole_budget(clock):
    timer = MeetingTimer(fresh(), clock)
    clock.advance(600)
    assert timer.elapsed() == 0
    assert timer.remaining() == 3600
    assert not timer.running
    assert timer.planned_end() == clock() + timedelta(hours=1)
    assert timer.level() is Level.NORMAL


def test_start_pause_and_resume_count_only_running_time(clock):
    timer = MeetingTimer(fresh(), clock)
    timer.start()
    clock.advance(600)
    assert timer.elapsed() == 600
    assert timer.remaining() == 3000
    timer.pause()
    clock.advance(300)  # a break: the clock stands still
    assert timer.elapsed() == 600
    assert timer.state.started_at is None and timer.state.elapsed_before == 600
    timer.resume()
    clock.advance(60)
    assert timer.elapsed() == 660
    assert timer.planned_end() == clock() + timedelta(seconds=3600 - 660)


def test_start_twice_does_not_restart_the_run(clock):
    timer = MeetingTimer(fresh(), clock)
    first = timer.start()
    clock.advance(30)
    assert timer.start() == first
    assert timer.elapsed() == 30


def test_overrun_counts_negative_and_turns_red(clock):
    timer = MeetingTimer(fresh(), clock)
    timer.start()
    clock.advance(65 * 60)
    assert timer.remaining() == -300
    assert timer.level() is Level.OVERRUN
    assert format_duration(timer.remaining()) == "-5:00"


@pytest.mark.parametrize(
    ("remaining", "warn", "level"),
    [
        (301, 300, Level.NORMAL),
        (300, 300, Level.WARNING),
        (0, 300, Level.WARNING),
        (-0.5, 300, Level.OVERRUN),
        (599, 600, Level.WARNING),  # the threshold is configurable
        (601, 600, Level.NORMAL),
    ],
)
def test_warning_levels(remaining, warn, level):
    assert level_for(remaining, warn) is level


def test_a_short_step_does_not_start_in_warning_colours():
    assert step_warn_seconds(5 * 60, 300) == 60
    assert step_warn_seconds(60 * 60, 300) == 300


def test_reading_never_changes_the_state(clock):
    timer = MeetingTimer(fresh(), clock)
    state = timer.start()
    for _ in range(1000):  # a thousand repaints
        read_timer(state, [], clock())
    clock.advance(90)
    assert read_timer(state, [], clock()).elapsed == 90
    assert timer.state == state


def test_the_timer_resumes_after_a_restart(tmp_path, clock):
    path = tmp_path / "library.sqlite"
    with Store.open(path, now=clock) as store:
        did = store.create_debrief("restart").id
        timer = MeetingTimer(store.timer_state(did), clock)
        timer.start()
        clock.advance(20 * 60)
        timer.pause()
        timer.resume()
        store.save_timer_state(timer.state)
    clock.advance(7 * 60)  # the app was closed (or crashed) meanwhile; the meeting went on
    with Store.open(path, now=clock) as store:
        again = MeetingTimer(store.timer_state(did), clock)
        assert again.running
        assert again.elapsed() == 27 * 60
        assert again.remaining() == 33 * 60


def test_a_clock_that_went_back_never_gives_negative_time(clock):
    state = replace(fresh(), running=True, started_at=to_iso(clock() + timedelta(minutes=5)))
    assert MeetingTimer(state, clock).elapsed() == 0


def test_budget_is_any_length_but_at_least_a_minute(clock):
    timer = MeetingTimer(fresh(), clock)
    assert timer.with_budget(90 * 60).budget_seconds == 5400
    assert timer.with_budget(5).budget_seconds == 60


def test_reset_clears_time_and_current_step(clock):
    timer = MeetingTimer(replace(fresh(), current_step_id=4), clock)
    timer.start()
    clock.advance(100)
    state = timer.reset()
    assert (state.running, state.started_at, state.elapsed_before, state.current_step_id) == (
        False,
        None,
        0.0,
        None,
    )
    assert state.budget_seconds == 3600


def test_run_clock_is_monotonic_within_a_run():
    wall = [T0]
    mono = [100.0]
    run = RunClock(lambda: wall[0], lambda: mono[0])
    assert run() == T0
    wall[0] = T0 - timedelta(hours=1)  # NTP or a zone change moves the wall clock
    mono[0] += 30
    assert run() == T0 + timedelta(seconds=30)


def test_run_clock_without_a_monotonic_source_follows_the_wall(clock):
    run = RunClock(clock, None)
    clock.advance(42)
    assert run() == clock()


def test_step_elapsed_adds_earlier_runs(clock):
    s = step(1, 0, 10, started_at=clock(), before=120)
    clock.advance(60)
    assert step_elapsed(s, clock()) == 180


def test_on_plan_ahead_and_behind():
    steps = [step(1, 0, 5), step(2, 1, 20), step(3, 2, 10)]
    now = T0 + timedelta(minutes=15)
    # Step 1 took its 5 minutes, step 2 has run 10 of its 20: on plan.
    current = replace(steps[1], started_at=to_iso(now - timedelta(minutes=10)))
    assert plan_delta([steps[0], current, steps[2]], 2, 15 * 60, now) == 0
    # Step 1 ran 8 minutes: step 2 will end 3 minutes late.
    assert plan_delta([steps[0], current, steps[2]], 2, 18 * 60, now) == -180
    # Step 1 was done in 3 minutes and step 2 has just started: 2 minutes ahead.
    just_started = replace(steps[1], started_at=to_iso(now))
    assert plan_delta([steps[0], just_started, steps[2]], 2, 3 * 60, now) == 120
    # A step that overran its timebox ends now at the earliest.
    overran = replace(steps[1], started_at=to_iso(now - timedelta(minutes=25)))
    assert plan_delta([steps[0], overran, steps[2]], 2, 30 * 60, now) == -300
    assert plan_delta(steps, None, 0, now) is None


def test_plan_follows_agenda_order_not_ids():
    steps = [step(9, 0, 10), step(1, 1, 5)]
    assert plan_delta(steps, 1, 0, T0) == 15 * 60 - 5 * 60


def test_a_reading_has_every_figure(clock):
    steps = [step(1, 0, 5, started_at=clock()), step(2, 1, 0)]
    state = replace(fresh(), running=True, started_at=to_iso(clock()), current_step_id=1)
    clock.advance(4 * 60 + 30)
    r = read_timer(state, steps, clock(), warn_seconds=300)
    assert (r.elapsed, r.remaining, r.running, r.started) == (270, 3330, True, True)
    assert r.level is Level.NORMAL
    assert r.step is not None
    assert (r.step.elapsed, r.step.remaining, r.step.level) == (270, 30, Level.WARNING)
    assert r.ahead == 0
    no_box = read_timer(replace(state, current_step_id=2), steps, clock())
    assert no_box.step is not None
    assert no_box.step.remaining is None and no_box.step.level is Level.NORMAL


def test_durations_read_like_a_clock():
    assert format_duration(0) == "0:00"
    assert format_duration(59.9) == "0:59"
    assert format_duration(3725) == "1:02:05"
    assert format_duration(-61) == "-1:01"
    assert format_duration(90, signed=True) == "+1:30"
