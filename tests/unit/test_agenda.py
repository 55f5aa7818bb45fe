"""The agenda: the shipped default, saved templates, the introduction, step transitions."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from debrief_desktop.facilitation import agenda
from debrief_desktop.facilitation.agenda import (
    SCENE_NAMES,
    StepPlan,
    TemplateError,
    parse_template,
    template_json,
)
from debrief_desktop.facilitation.timer import to_iso
from debrief_desktop.store.models import AgendaStep, TimerState

T0 = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def make_steps(*minutes: float, done: tuple[int, ...] = ()) -> list[AgendaStep]:
    scenes = ["ground_rules", "timeline", "learnings", "action_items", "closing"]
    return [
        AgendaStep(
            id=10 + i,
            debrief_id=1,
            position=i,
            title=f"step {i}",
            hint="",
            timebox_seconds=round(m * 60),
            scene=scenes[i % len(scenes)],
            done=i in done,
            actual_seconds=None,
        )
        for i, m in enumerate(minutes)
    ]


def fresh() -> TimerState:
    return TimerState(1, 3600, False, None, 0.0, None)


def apply(steps: list[AgendaStep], change: agenda.Change) -> list[AgendaStep]:
    return [replace(s, **change.steps.get(s.id, {})) for s in steps]


# ------------------------------------------------------------------ default


def test_the_default_agenda_follows_the_method():
    plans = agenda.default_template()
    titles = [p.title.casefold() for p in plans]
    expected = [
        "before the meeting",
        "introduction",
        "walk the timeline",
        "confirm the timeline",
        "learnings",
        "assumptions",
        "impact",
        "contributing factors",
        "guard rails",
        "action items",
        "receives the report",
        "success metrics",
        "thanks",
    ]
    assert len(titles) == len(expected)
    for title, word in zip(titles, expected, strict=True):
        assert word in title
    assert all(p.hint for p in plans)
    assert all(p.scene in SCENE_NAMES for p in plans)
    assert plans[0].timebox_seconds == 0  # preparation happens before the clock starts
    assert sum(p.timebox_seconds for p in plans) == 60 * 60  # fits the default budget
    scenes = {p.title: p.scene for p in plans}
    assert scenes["Walk the timeline"] == "timeline"
    assert scenes["Introduction and ground rules"] == "ground_rules"
    assert scenes["Thanks"] == "closing"


def test_a_template_survives_a_round_trip():
    plans = [StepPlan("One", "a hint", 90, "timeline"), StepPlan("Two", "", 600, "closing")]
    assert parse_template(template_json(plans)) == plans


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("{", "line 1"),
        ('{"steps": {}}', "list of steps"),
        ('{"steps": [{"title": ""}]}', "steps[0].title"),
        ('{"steps": [{"title": "x", "scene": "lobby"}]}', "steps[0].scene"),
        ('{"steps": [{"title": "x"}, {"title": "y", "minutes": -1}]}', "steps[1].minutes"),
        ('{"steps": [{"title": "x", "minutes": "ten"}]}', "steps[0].minutes"),
    ],
)
def test_a_bad_template_is_refused_with_its_place(text, where):
    with pytest.raises(TemplateError, match=where.replace("[", r"\[").replace("]", r"\]")):
        parse_template(text)


def test_the_saved_template_is_used_when_there_is_one(store):
    assert agenda.load_template(store) == agenda.default_template()
    mine = [StepPlan("Our way", "", 1800, "timeline")]
    store.set_setting(agenda.TEMPLATE_KEY, template_json(mine))
    assert agenda.load_template(store) == mine
    store.set_setting(agenda.TEMPLATE_KEY, "not json")
    assert agenda.load_template(store) == agenda.default_template()
    store.set_setting(agenda.TEMPLATE_KEY, "null")  # what undoing a first save leaves
    assert agenda.load_template(store) == agenda.default_template()


def test_plans_from_steps_keep_agenda_order():
    steps = make_steps(5, 10)
    steps = [replace(steps[0], position=1), replace(steps[1], position=0)]
    assert [p.title for p in agenda.plans_from_steps(steps)] == ["step 1", "step 0"]
    rows = agenda.template_rows(7, agenda.plans_from_steps(steps))
    assert rows[0] == {
        "debrief_id": 7,
        "title": "step 1",
        "hint": "",
        "timebox_seconds": 600,
        "scene": "timeline",
    }


# ------------------------------------------------------------- introduction


def test_the_introduction_falls_back_from_debrief_to_library_to_shipped(store):
    shipped = agenda.shipped_intro()
    assert "blame" in shipped.casefold() or "fault" in shipped.casefold()
    assert "how" in shipped.casefold()
    debrief = store.create_debrief("d")
    assert agenda.effective_intro(store, debrief) == shipped
    store.set_setting(agenda.INTRO_KEY, json.dumps("Our own words."))
    assert agenda.effective_intro(store, debrief) == "Our own words."
    own = store.update(type(debrief), debrief.id, intro="Just for this one.")
    assert agenda.effective_intro(store, own) == "Just for this one."
    store.set_setting(agenda.INTRO_KEY, "null")
    assert agenda.default_intro(store) == shipped


# -------------------------------------------------------------- transitions


def test_starting_a_fresh_meeting_passes_over_the_preparation_step():
    steps = make_steps(0, 5, 20)
    change = agenda.start(steps, fresh(), T0)
    assert change.started_step == 11
    assert change.scene == "timeline"
    assert change.timer.running and change.timer.current_step_id == 11
    assert change.steps == {11: {"started_at": to_iso(T0)}}


def test_start_without_steps_only_runs_the_clock():
    change = agenda.start([], fresh(), T0)
    assert change.timer.running and change.started_step is None and change.scene is None


def test_starting_a_step_stops_the_running_one_and_records_its_time():
    steps = make_steps(5, 20, 10)
    steps = apply(steps, agenda.start_step(steps, fresh(), 10, T0))
    timer = agenda.start_step(steps, fresh(), 10, T0).timer
    later = T0 + timedelta(minutes=7)
    change = agenda.start_step(steps, timer, 12, later)
    assert change.steps[10] == {"started_at": None, "elapsed_before": 420.0, "actual_seconds": 420}
    assert change.steps[12] == {"started_at": to_iso(later)}
    assert change.timer.current_step_id == 12
    assert change.scene == "learnings"
    with pytest.raises(KeyError):
        agenda.start_step(steps, timer, 99, later)


def test_next_step_checks_off_and_starts_the_next_one_not_done():
    steps = make_steps(5, 20, 10, done=(1,))
    first = agenda.start_step(steps, fresh(), 10, T0)
    steps, timer = apply(steps, first), first.timer
    later = T0 + timedelta(minutes=6)
    change = agenda.next_step(steps, timer, later)
    assert change.steps[10] == {
        "done": True,
        "started_at": None,
        "elapsed_before": 360.0,
        "actual_seconds": 360,
    }
    assert change.started_step == 12  # step 11 was done already
    assert change.scene == "learnings"
    assert change.timer.current_step_id == 12
    steps, timer = apply(steps, change), change.timer
    last = agenda.next_step(steps, timer, later + timedelta(minutes=1))
    assert last.started_step is None and last.scene is None
    assert last.timer.current_step_id is None
    assert last.steps[12]["done"] is True and last.steps[12]["actual_seconds"] == 60


def test_next_step_before_anything_started_starts_the_first_step_and_the_clock():
    steps = make_steps(0, 5)
    change = agenda.next_step(steps, fresh(), T0)
    assert change.started_step == 10
    assert change.timer.running


def test_checking_off_records_actual_time():
    steps = make_steps(5, 20)
    started = agenda.start_step(steps, fresh(), 11, T0)
    steps = apply(steps, started)
    change = agenda.check_off(steps, started.timer, 11, True, T0 + timedelta(seconds=95))
    assert change.steps[11]["actual_seconds"] == 95 and change.steps[11]["done"] is True
    never_ran = agenda.check_off(steps, started.timer, 10, True, T0)
    assert never_ran.steps[10] == {"done": True}  # nothing to record
    steps = apply(steps, change)
    undone = agenda.check_off(steps, started.timer, 11, False, T0)
    assert undone.steps[11] == {"done": False}  # the time spent stays recorded


def test_pause_stops_the_step_and_start_resumes_it():
    steps = make_steps(5, 20)
    started = agenda.start_step(steps, fresh(), 10, T0)
    steps = apply(steps, started)
    paused = agenda.pause(steps, started.timer, T0 + timedelta(minutes=2))
    assert not paused.timer.running and paused.timer.elapsed_before == 120
    assert paused.steps[10]["started_at"] is None and paused.steps[10]["elapsed_before"] == 120
    steps = apply(steps, paused)
    resumed = agenda.start(steps, paused.timer, T0 + timedelta(minutes=10))
    assert resumed.timer.running and resumed.timer.current_step_id == 10
    assert resumed.steps == {10: {"started_at": to_iso(T0 + timedelta(minutes=10))}}
    assert resumed.scene is None  # resuming does not move the room


def test_reset_clears_timing_and_keeps_done_marks():
    steps = make_steps(5, 20)
    steps = [replace(steps[0], done=True, actual_seconds=300, elapsed_before=300.0), steps[1]]
    started = agenda.start_step(steps, fresh(), 11, T0)
    steps = apply(steps, started)
    change = agenda.reset(steps, started.timer)
    after: list[Any] = apply(steps, change)
    assert [(s.done, s.actual_seconds, s.started_at, s.elapsed_before) for s in after] == [
        (True, None, None, 0.0),
        (False, None, None, 0.0),
    ]
    assert not change.timer.running and change.timer.current_step_id is None


def test_new_imported_and_demo_debriefs_open_with_the_default_agenda(store, tmp_path):
    from debrief_desktop.facilitation.demo import install_demo
    from debrief_desktop.facilitation.timeline_import import import_file
    from debrief_desktop.store.models import AgendaStep

    source = tmp_path / "t.md"
    source.write_text("- 2024-03-01 14:02 UTC — alert fires\n", encoding="utf-8")
    imported = import_file(store, source).debrief_id
    demo = install_demo(store)
    expected = [p.title for p in agenda.default_template()]
    for did in (imported, demo):
        assert [s.title for s in store.rows(AgendaStep, debrief_id=did)] == expected
    assert agenda.ensure_agenda(store, demo) == 0  # never twice
