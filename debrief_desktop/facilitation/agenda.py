"""The agenda checklist: the default agenda, saved templates, and step transitions.

The default agenda ships in ``resources/agenda.json``; a library can save its own as the
template for new debriefs (the setting :data:`TEMPLATE_KEY`). The introduction the
facilitator reads lives here too: ``resources/intro.md``, or the library's own default
(:data:`INTRO_KEY`), or a debrief's own text.

Transitions (start a step, next step, check off, pause, resume, reset) are pure: they take
the stored rows and "now" and return a :class:`Change` — the fields to write on each step,
the new timer state and the projector scene to show — which the caller commits as one
transaction. Rules:

- Only one step runs at a time; starting a step stops the one that ran and records its
  actual time. A step's clock runs only while the meeting clock runs.
- "Next step" checks the current step off and starts the next step that is not done; it
  starts the meeting clock if it was not running.
- Checking a step off records its actual time (``actual_seconds``) and stops its clock;
  a step that never ran (the preparation checklist) keeps no actual time.
- "Start" on a fresh meeting starts the first step not done that has a timebox, so the
  preparation step (no timebox) is passed over.
- "Reset" clears the meeting clock and every step's timing, and keeps the done marks.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from debrief_desktop.facilitation.timer import MeetingTimer, step_elapsed, to_iso
from debrief_desktop.resources import read_text
from debrief_desktop.store import Store
from debrief_desktop.store.models import AgendaStep, Debrief, TimerState

#: Projector scenes a step can show (the same names as the windows' ``SCENES``).
SCENE_NAMES: tuple[str, ...] = ("ground_rules", "timeline", "learnings", "action_items", "closing")
#: Library setting holding the saved default agenda (JSON, the format of ``agenda.json``).
TEMPLATE_KEY = "agenda.template"
#: Library setting holding the default introduction for new debriefs (a JSON string).
INTRO_KEY = "intro.default"
TEMPLATE_FORMAT = "debrief-desktop-agenda"
MAX_TIMEBOX_SECONDS = 24 * 3600

__all__ = [
    "INTRO_KEY",
    "SCENE_NAMES",
    "TEMPLATE_KEY",
    "Change",
    "StepPlan",
    "TemplateError",
    "check_off",
    "default_intro",
    "default_template",
    "effective_intro",
    "load_template",
    "next_step",
    "parse_template",
    "pause",
    "plans_from_steps",
    "reset",
    "shipped_intro",
    "start",
    "start_step",
    "template_json",
    "template_rows",
]


class TemplateError(ValueError):
    """An agenda template that cannot be used; the message says where."""


@dataclass(frozen=True)
class StepPlan:
    """One step of an agenda template (what a new debrief's step starts with)."""

    title: str
    hint: str
    timebox_seconds: int
    scene: str


# ---------------------------------------------------------------- templates


def parse_template(text: str, source: str = "agenda") -> list[StepPlan]:
    """Read an agenda template (JSON: ``{"steps": [{"title", "hint", "minutes", "scene"}]}``).

    Raises:
        TemplateError: not JSON, or a step is malformed (the message names it).
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateError(f"{source}: not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("steps"), list):
        raise TemplateError(f"{source}: expected an object with a list of steps")
    plans: list[StepPlan] = []
    for i, raw in enumerate(doc["steps"]):
        where = f"{source}: steps[{i}]"
        if not isinstance(raw, dict):
            raise TemplateError(f"{where}: expected an object")
        title = raw.get("title")
        if not isinstance(title, str) or not title.strip():
            raise TemplateError(f"{where}.title: a step needs a title")
        hint = raw.get("hint", "")
        if not isinstance(hint, str):
            raise TemplateError(f"{where}.hint: expected text")
        minutes = raw.get("minutes", 0)
        if isinstance(minutes, bool) or not isinstance(minutes, int | float):
            raise TemplateError(f"{where}.minutes: expected a number")
        seconds = round(minutes * 60)
        if not 0 <= seconds <= MAX_TIMEBOX_SECONDS:
            raise TemplateError(f"{where}.minutes: {minutes} is not between 0 and 1440")
        scene = raw.get("scene", "timeline")
        if scene not in SCENE_NAMES:
            raise TemplateError(f"{where}.scene: {scene!r} is not one of {', '.join(SCENE_NAMES)}")
        plans.append(StepPlan(title.strip(), hint.strip(), seconds, scene))
    return plans


def template_json(plans: Sequence[StepPlan]) -> str:
    """An agenda template as JSON text (the format :func:`parse_template` reads)."""
    return json.dumps(
        {
            "format": TEMPLATE_FORMAT,
            "version": 1,
            "steps": [
                {
                    "title": p.title,
                    "hint": p.hint,
                    "minutes": p.timebox_seconds / 60
                    if p.timebox_seconds % 60
                    else p.timebox_seconds // 60,
                    "scene": p.scene,
                }
                for p in plans
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def default_template() -> list[StepPlan]:
    """The agenda that ships with the app (``resources/agenda.json``)."""
    return parse_template(read_text("agenda.json"), "resources/agenda.json")


def load_template(store: Store) -> list[StepPlan]:
    """The library's saved default agenda, or the shipped one.

    A saved template that is unreadable (or ``null``, what undoing a first save leaves) is
    passed over for the shipped one rather than failing.
    """
    saved = store.setting(TEMPLATE_KEY)
    if saved is not None and saved.strip() != "null":
        try:
            plans = parse_template(saved, f"setting {TEMPLATE_KEY}")
        except TemplateError:
            plans = []
        if plans:
            return plans
    return default_template()


def plans_from_steps(steps: Sequence[AgendaStep]) -> list[StepPlan]:
    """A debrief's agenda as a template (titles, hints, timeboxes, scenes; no timing)."""
    ordered = sorted(steps, key=lambda s: (s.position, s.id))
    return [StepPlan(s.title, s.hint, s.timebox_seconds, s.scene) for s in ordered]


def template_rows(debrief_id: int, plans: Sequence[StepPlan]) -> list[dict[str, Any]]:
    """Rows to add for a debrief's agenda made from a template."""
    return [
        {
            "debrief_id": debrief_id,
            "title": p.title,
            "hint": p.hint,
            "timebox_seconds": p.timebox_seconds,
            "scene": p.scene,
        }
        for p in plans
    ]


# ------------------------------------------------------------- introduction


def shipped_intro() -> str:
    """The introduction that ships with the app (``resources/intro.md``)."""
    return read_text("intro.md").strip()


def default_intro(store: Store) -> str:
    """The library's default introduction for new debriefs (or the shipped one)."""
    saved = store.setting(INTRO_KEY)
    if saved is not None:
        try:
            value = json.loads(saved)
        except json.JSONDecodeError:
            value = None
        if isinstance(value, str) and value.strip():
            return value
    return shipped_intro()


def effective_intro(store: Store, debrief: Debrief) -> str:
    """The introduction of a debrief: its own text, or the library's default when empty."""
    return debrief.intro if debrief.intro.strip() else default_intro(store)


# -------------------------------------------------------------- transitions


@dataclass(frozen=True)
class Change:
    """What one agenda or timer action writes: step fields by step id, the timer, the scene."""

    timer: TimerState
    steps: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)
    scene: str | None = None  # the projector scene to switch to, if any
    started_step: int | None = None  # the step whose timebox started, if any


def _ordered(steps: Sequence[AgendaStep]) -> list[AgendaStep]:
    return sorted(steps, key=lambda s: (s.position, s.id))


def _stop_fields(step: AgendaStep, now: datetime) -> dict[str, Any]:
    spent = step_elapsed(step, now)
    return {"started_at": None, "elapsed_before": spent, "actual_seconds": round(spent)}


def _merge(into: dict[int, dict[str, Any]], step_id: int, fields: Mapping[str, Any]) -> None:
    into.setdefault(step_id, {}).update(fields)


def _run_meeting(timer: TimerState, now: datetime) -> TimerState:
    if timer.running and timer.started_at:
        return timer
    return replace(timer, running=True, started_at=to_iso(now))


def start_step(
    steps: Sequence[AgendaStep], timer: TimerState, step_id: int, now: datetime
) -> Change:
    """Make ``step_id`` the current step and start its clock (and the meeting clock).

    Raises:
        KeyError: no such step in ``steps``.
    """
    target = next((s for s in steps if s.id == step_id), None)
    if target is None:
        raise KeyError(f"no agenda step {step_id}")
    changes: dict[int, dict[str, Any]] = {}
    for s in steps:
        if s.id != step_id and s.started_at is not None:
            changes[s.id] = _stop_fields(s, now)
    if target.started_at is None:
        changes[target.id] = {"started_at": to_iso(now)}
    new_timer = replace(_run_meeting(timer, now), current_step_id=step_id)
    return Change(new_timer, changes, target.scene, step_id)


def next_step(steps: Sequence[AgendaStep], timer: TimerState, now: datetime) -> Change:
    """Check the current step off and start the next one not done (if there is one)."""
    ordered = _ordered(steps)
    current_index = next((i for i, s in enumerate(ordered) if s.id == timer.current_step_id), None)
    after = ordered if current_index is None else ordered[current_index + 1 :]
    upcoming = next((s for s in after if not s.done), None)
    changes: dict[int, dict[str, Any]] = {}
    if current_index is not None:
        current = ordered[current_index]
        _merge(
            changes, current.id, check_off(steps, timer, current.id, True, now).steps[current.id]
        )
    if upcoming is None:
        for s in ordered:
            if s.started_at is not None:
                _merge(changes, s.id, _stop_fields(s, now))
        return Change(replace(timer, current_step_id=None), changes)
    started = start_step(steps, timer, upcoming.id, now)
    for step_id, fields in started.steps.items():
        if step_id not in changes:  # the current step is already stopped and checked off
            _merge(changes, step_id, fields)
    return Change(started.timer, changes, started.scene, upcoming.id)


def check_off(
    steps: Sequence[AgendaStep], timer: TimerState, step_id: int, done: bool, now: datetime
) -> Change:
    """Mark a step done (recording its actual time and stopping its clock) or not done."""
    step = next((s for s in steps if s.id == step_id), None)
    if step is None:
        raise KeyError(f"no agenda step {step_id}")
    fields: dict[str, Any] = {"done": done}
    if done:
        if step.started_at is not None:
            fields.update(_stop_fields(step, now))
        elif step.elapsed_before > 0:
            fields["actual_seconds"] = round(step.elapsed_before)
    return Change(timer, {step_id: fields})


def start(steps: Sequence[AgendaStep], timer: TimerState, now: datetime) -> Change:
    """Start or resume the meeting clock, and the current step's clock with it.

    A meeting with no current step starts the first step not done that has a timebox.
    """
    if timer.current_step_id is None:
        ordered = _ordered(steps)
        first = next((s for s in ordered if not s.done and s.timebox_seconds > 0), None)
        first = first or next((s for s in ordered if not s.done), None)
        if first is not None:
            return start_step(steps, timer, first.id, now)
        return Change(_run_meeting(timer, now))
    changes: dict[int, dict[str, Any]] = {}
    current = next((s for s in steps if s.id == timer.current_step_id), None)
    if current is not None and not current.done and current.started_at is None:
        changes[current.id] = {"started_at": to_iso(now)}
    return Change(_run_meeting(timer, now), changes)


def pause(steps: Sequence[AgendaStep], timer: TimerState, now: datetime) -> Change:
    """Pause the meeting clock and the running step's clock (a break, a fire alarm)."""
    changes = {s.id: _stop_fields(s, now) for s in steps if s.started_at is not None}
    if timer.running and timer.started_at:
        timer = MeetingTimer(timer, lambda: now).pause()
    return Change(timer, changes)


def reset(steps: Sequence[AgendaStep], timer: TimerState) -> Change:
    """Clear the meeting clock and every step's timing; done marks stay."""
    changes = {
        s.id: {"started_at": None, "elapsed_before": 0.0, "actual_seconds": None}
        for s in steps
        if s.started_at is not None or s.elapsed_before or s.actual_seconds is not None
    }
    cleared = replace(
        timer, running=False, started_at=None, elapsed_before=0.0, current_step_id=None
    )
    return Change(cleared, changes)


def ensure_agenda(store: Store, debrief_id: int) -> int:
    """Give a debrief with no agenda the library's default one; returns the steps added.

    A new, imported or demo debrief should open with the method's steps ready,
    not with an empty checklist the facilitator must first think to fill.
    """
    if store.rows(AgendaStep, debrief_id=debrief_id):
        return 0
    return len(store.add_many(AgendaStep, template_rows(debrief_id, load_template(store))))
