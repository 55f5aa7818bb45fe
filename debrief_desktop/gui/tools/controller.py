"""The facilitator tools' controller: every timer, agenda, question and introduction edit.

:class:`ToolsController` sits beside the :class:`~debrief_desktop.gui.session.Session`
and turns the pure logic of ``facilitation/`` (timer arithmetic, agenda transitions,
the question bank) into committed, undoable edits. Each user action is one
``session.apply`` / ``add_row`` / ``update_row`` / ``remove_row`` call: one transaction
and one undo step. The panels in this package only read from the controller and call
its methods; they never write to the store themselves.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from debrief_desktop.facilitation import agenda
from debrief_desktop.facilitation import questions as bank
from debrief_desktop.facilitation.hints import ENABLED_KEY
from debrief_desktop.facilitation.timer import (
    DEFAULT_WARN_SECONDS,
    RunClock,
    TimerReading,
    read_timer,
)
from debrief_desktop.gui.session import SCENES, Session
from debrief_desktop.store.models import (
    AgendaStep,
    AskedQuestion,
    Debrief,
    Event,
    PreparedQuestion,
    Question,
    TimerState,
)

__all__ = ["ALERTS_KEY", "WARN_KEY", "ToolsController"]

#: Library setting: the warning threshold in seconds (JSON number).
WARN_KEY = "timer.warn_seconds"
#: Library setting: console alerts at a warning ({"flash": bool, "sound": bool}).
ALERTS_KEY = "timer.alerts"


def _void(fn: Callable[[], object]) -> Callable[[], None]:
    """An undo callback (its result is not used)."""

    def run() -> None:
        fn()

    return run


class ToolsController(QObject):
    """Timer, agenda, question bank and introduction of the open debrief, as undoable edits.

    Args:
        session: the one Session of the app.
        clock: "now" for the timer; by default the store's wall clock made monotonic
            for this run (:class:`~debrief_desktop.facilitation.timer.RunClock`).
            Tests pass their fake clock.
        parent: the Qt parent (default: the session).

    Signals:
        agenda_changed(): agenda steps or the timer state changed (read them again).
        step_started(int): an agenda step's timebox started (the step's id).
        questions_changed(): the library's question bank changed.
        asked_changed(): the asked log of the open debrief changed.
        prepared_changed(int): the prepared questions of an event changed (its id).
        intro_changed(): the introduction (this debrief's or the default) changed.
        hints_enabled_changed(bool): blameless-language hints were switched on or off.
        settings_changed(): the warning threshold or the alert options changed.
    """

    agenda_changed = Signal()
    step_started = Signal(int)
    questions_changed = Signal()
    asked_changed = Signal()
    prepared_changed = Signal(int)
    intro_changed = Signal()
    hints_enabled_changed = Signal(bool)
    settings_changed = Signal()

    def __init__(
        self,
        session: Session,
        clock: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else session)
        self.session = session
        self.store = session.store
        if clock is None:
            clock = RunClock(lambda: datetime.fromisoformat(self.store.now()), time.monotonic)
        self.clock = clock
        bank.ensure_seeded(self.store)
        session.debrief_opened.connect(self._on_session_debrief_opened)
        session.rows_changed.connect(self._on_session_rows_changed)
        session.private_changed.connect(self.prepared_changed)

    # ------------------------------------------------------------- reading

    @property
    def has_debrief(self) -> bool:
        """Is a debrief open?"""
        return self.session.debrief is not None

    def now(self) -> datetime:
        """The timer's "now"."""
        return self.clock()

    def steps(self) -> list[AgendaStep]:
        """The agenda of the open debrief, in order."""
        if not self.has_debrief:
            return []
        return self.store.rows(AgendaStep, debrief_id=self.session.debrief_id)

    def timer_state(self) -> TimerState:
        """The stored timer of the open debrief."""
        return self.store.timer_state(self.session.debrief_id)

    def reading(self) -> TimerReading | None:
        """Every timer figure now (None without an open debrief)."""
        if not self.has_debrief:
            return None
        return read_timer(self.timer_state(), self.steps(), self.now(), self.warn_seconds)

    def current_step(self) -> AgendaStep | None:
        """The agenda step the meeting is at."""
        if not self.has_debrief:
            return None
        current = self.timer_state().current_step_id
        return next((s for s in self.steps() if s.id == current), None)

    def upcoming_step(self) -> AgendaStep | None:
        """The step "Next step" would start."""
        if not self.has_debrief:
            return None
        change = agenda.next_step(self.steps(), self.timer_state(), self.now())
        return next((s for s in self.steps() if s.id == change.started_step), None)

    # ------------------------------------------------------------ settings

    def _json_setting(self, key: str, default: Any) -> Any:
        raw = self.store.setting(key)
        if raw is None:
            return default
        try:
            return json.loads(raw)
        except ValueError:
            return default

    @property
    def warn_seconds(self) -> int:
        """The warning threshold (default five minutes)."""
        value = self._json_setting(WARN_KEY, DEFAULT_WARN_SECONDS)
        return int(value) if isinstance(value, int | float) and value >= 0 else DEFAULT_WARN_SECONDS

    def set_warn_seconds(self, seconds: int) -> None:
        """Change the warning threshold (a preference: not an undoable edit)."""
        self.store.set_setting(WARN_KEY, json.dumps(max(0, int(seconds))))
        self.settings_changed.emit()

    def alerts(self) -> dict[str, bool]:
        """Console alerts when a countdown reaches a warning: ``flash`` and ``sound``."""
        value = self._json_setting(ALERTS_KEY, {})
        value = value if isinstance(value, dict) else {}
        return {"flash": bool(value.get("flash", True)), "sound": bool(value.get("sound", False))}

    def set_alert(self, name: str, on: bool) -> None:
        """Switch the console's ``flash`` or ``sound`` alert (a preference)."""
        if name not in ("flash", "sound"):
            raise ValueError(f"unknown alert {name!r}")
        self.store.set_setting(ALERTS_KEY, json.dumps({**self.alerts(), name: on}))
        self.settings_changed.emit()

    @property
    def hints_enabled(self) -> bool:
        """Are blameless-language hints shown in the console?"""
        return self._json_setting(ENABLED_KEY, True) is not False

    def set_hints_enabled(self, on: bool) -> None:
        """Switch blameless-language hints on or off (a library-wide preference)."""
        if on == self.hints_enabled:
            return
        self.store.set_setting(ENABLED_KEY, json.dumps(bool(on)))
        self.hints_enabled_changed.emit(bool(on))

    # ---------------------------------------------------- timer and agenda

    def _commit(self, label: str, change: agenda.Change) -> bool:
        """Write an agenda/timer change as one transaction and one undo step."""
        by_id = {s.id: s for s in self.steps()}
        timer_before = self.timer_state()
        old_steps = {
            sid: {name: getattr(by_id[sid], name) for name in fields}
            for sid, fields in change.steps.items()
            if sid in by_id
        }
        scene = change.scene if change.scene in dict(SCENES) else None
        scene_before = self.session.scene if scene else None

        def put(
            steps: Mapping[int, Mapping[str, Any]], timer: TimerState, to_scene: str | None
        ) -> Callable[[], bool]:
            def run() -> bool:
                with self.store.atomic():
                    for step_id, fields in steps.items():
                        self.store.update(AgendaStep, step_id, **fields)
                    self.store.save_timer_state(timer)
                self.agenda_changed.emit()
                if to_scene:
                    self.session.set_scene(to_scene)
                return True

            return run

        done = self.session.apply(
            label,
            put(change.steps, change.timer, scene),
            _void(put(old_steps, timer_before, scene_before)),
        )
        if done and change.started_step is not None:
            self.step_started.emit(change.started_step)
        return bool(done)

    def start(self) -> None:
        """Start the meeting (or resume it); a fresh meeting starts its first step."""
        self._commit("start the timer", agenda.start(self.steps(), self.timer_state(), self.now()))

    resume = start

    def pause(self) -> None:
        """Pause the meeting clock and the current step's clock."""
        self._commit("pause the timer", agenda.pause(self.steps(), self.timer_state(), self.now()))

    def toggle_running(self) -> None:
        """Start or resume when stopped; pause when running."""
        state = self.timer_state()
        if state.running and state.started_at:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        """Clear the meeting clock and every step's timing (undoable)."""
        self._commit("reset the timer", agenda.reset(self.steps(), self.timer_state()))

    def set_budget(self, seconds: int) -> None:
        """Change the meeting's time budget (any length; at least a minute)."""
        state = self.timer_state()
        budget = max(60, int(seconds))
        if budget != state.budget_seconds:
            self._commit(
                "change the meeting length",
                agenda.Change(dataclasses.replace(state, budget_seconds=budget)),
            )

    def start_step(self, step_id: int) -> None:
        """Make a step current, start its timebox and show its scene on the projector."""
        self._commit(
            "start agenda step",
            agenda.start_step(self.steps(), self.timer_state(), step_id, self.now()),
        )

    def next_step(self) -> None:
        """Check the current step off and start the next one (timebox and scene)."""
        self._commit(
            "next agenda step", agenda.next_step(self.steps(), self.timer_state(), self.now())
        )

    def check_off(self, step_id: int, done: bool = True) -> None:
        """Mark a step done (recording its actual time) or not done."""
        self._commit(
            "check off agenda step" if done else "uncheck agenda step",
            agenda.check_off(self.steps(), self.timer_state(), step_id, done, self.now()),
        )

    def add_step(
        self,
        title: str,
        hint: str = "",
        timebox_seconds: int = 300,
        scene: str = "timeline",
        position: int | None = None,
    ) -> AgendaStep | None:
        """Add an agenda step (at the end, or before the step at ``position``)."""
        fields: dict[str, Any] = {
            "debrief_id": self.session.debrief_id,
            "title": title.strip() or "New step",
            "hint": hint,
            "timebox_seconds": max(0, int(timebox_seconds)),
            "scene": scene if scene in dict(SCENES) else "timeline",
        }
        if position is not None:
            fields["position"] = position
        step: AgendaStep | None = self.session.add_row(AgendaStep, "agenda step", **fields)
        return step

    def update_step(self, step_id: int, **fields: Any) -> None:
        """Change a step's title, hint, timebox or scene."""
        allowed = {"title", "hint", "timebox_seconds", "scene"}
        unknown = set(fields) - allowed
        if unknown:
            raise TypeError(f"agenda steps cannot be edited in {sorted(unknown)} this way")
        if "scene" in fields and fields["scene"] not in dict(SCENES):
            raise ValueError(f"unknown scene {fields['scene']!r}")
        if "timebox_seconds" in fields:
            fields["timebox_seconds"] = max(0, int(fields["timebox_seconds"]))
        before = self.store.get(AgendaStep, step_id)
        changed = {k: v for k, v in fields.items() if getattr(before, k) != v}
        if changed:
            self.session.update_row(AgendaStep, step_id, "agenda step", **changed)

    def remove_step(self, step_id: int) -> None:
        """Remove a step; undo puts it back in its place (and as the current step, if it was)."""
        step = self.store.get(AgendaStep, step_id)
        timer_before = self.timer_state()
        fields = dataclasses.asdict(step)

        def do() -> bool:
            self.store.remove(AgendaStep, step_id)
            self.agenda_changed.emit()
            return True

        def undo() -> None:
            with self.store.atomic():
                self.store.add(AgendaStep, **fields)
                self.store.save_timer_state(timer_before)
            self.agenda_changed.emit()

        self.session.apply("remove agenda step", do, undo)

    def move_step(self, step_id: int, position: int) -> None:
        """Move a step to another place in the agenda (0 = first)."""
        old = self.store.get(AgendaStep, step_id).position
        last = len(self.steps()) - 1
        new = max(0, min(position, last))
        if new == old:
            return

        def to(pos: int) -> Callable[[], bool]:
            def run() -> bool:
                self.store.move(AgendaStep, step_id, pos)
                self.agenda_changed.emit()
                return True

            return run

        self.session.apply("move agenda step", to(new), _void(to(old)))

    def use_template(self) -> int:
        """Fill an empty agenda from the library's default template; returns the steps added."""
        if self.steps():
            return 0
        rows = agenda.template_rows(self.session.debrief_id, agenda.load_template(self.store))
        ids: list[int] = []

        def do() -> bool:
            with_ids = [{**r, "id": i} for r, i in zip(rows, ids, strict=True)] if ids else rows
            added = self.store.add_many(AgendaStep, with_ids)
            ids[:] = added
            self.agenda_changed.emit()
            return True

        def undo() -> None:
            with self.store.atomic():
                for step_id in reversed(ids):
                    self.store.remove(AgendaStep, step_id)
            self.agenda_changed.emit()

        return len(rows) if self.session.apply("use the default agenda", do, undo) else 0

    def save_template(self) -> None:
        """Save this debrief's agenda as the library's default for new debriefs."""
        plans = agenda.plans_from_steps(self.steps())
        if not plans:
            return
        before = self.store.setting(agenda.TEMPLATE_KEY) or "null"
        after = agenda.template_json(plans)

        def put(value: str) -> Callable[[], bool]:
            def run() -> bool:
                self.store.set_setting(agenda.TEMPLATE_KEY, value)
                return True

            return run

        self.session.apply("save the default agenda", put(after), _void(put(before)))

    # ------------------------------------------------------------ questions

    def questions(self) -> list[Question]:
        """Every question in the library's bank (shipped and own)."""
        return self.store.rows(Question)

    def event_by_id(self, event_id: int | None) -> Event | None:
        """An event of the open debrief by id."""
        if event_id is None:
            return None
        row = self.session.timeline.row_of(event_id)
        return self.session.timeline.event_at(row) if row >= 0 else None

    def suggestions(self, event_id: int | None) -> list[bank.Suggestion]:
        """The bank ordered for an event: its prepared questions, its kind's, then the rest."""
        event = self.event_by_id(event_id)
        prepared = self.session.prepared_questions_of(event.id) if event else []
        return bank.order_for_event(self.questions(), prepared, event.kind.value if event else None)

    def asked(self, event_id: int | None = None) -> list[AskedQuestion]:
        """The asked log of the open debrief (all, or at one event)."""
        if not self.has_debrief:
            return []
        log = self.store.rows(AskedQuestion, debrief_id=self.session.debrief_id)
        return log if event_id is None else [a for a in log if a.event_id == event_id]

    def mark_asked(
        self, text: str, event_id: int | None, question_id: int | None = None
    ) -> AskedQuestion | None:
        """Log a question as asked now, at an event (it goes into the PDF)."""
        row: AskedQuestion | None = self.session.add_row(
            AskedQuestion,
            "asked question",
            debrief_id=self.session.debrief_id,
            event_id=event_id,
            question_id=question_id,
            text=text,
            asked_at=self.store.now(),
        )
        return row

    def prepare(
        self, event_id: int, text: str, question_id: int | None = None
    ) -> PreparedQuestion | None:
        """Attach a question to an event as a prepared (private) question."""
        row: PreparedQuestion | None = self.session.add_row(
            PreparedQuestion,
            "prepared question",
            event_id=event_id,
            text=text,
            question_id=question_id,
        )
        return row

    def unprepare(self, prepared_id: int) -> None:
        """Detach a prepared question from its event."""
        self.session.remove_row(PreparedQuestion, prepared_id, "prepared question")

    def add_question(
        self, text: str, category: str = "", kinds: tuple[str, ...] | list[str] = ()
    ) -> Question | None:
        """Add an own question to the library's bank (kept across debriefs)."""
        clean = " ".join(text.split())
        if not clean:
            raise ValueError("a question needs text")
        row: Question | None = self.session.add_row(
            Question,
            "question",
            text=clean,
            category=category.strip(),
            kinds=bank.join_kinds(kinds),
            builtin=False,
        )
        return row

    def update_question(
        self,
        question_id: int,
        text: str | None = None,
        category: str | None = None,
        kinds: tuple[str, ...] | list[str] | None = None,
    ) -> None:
        """Edit an own question (the shipped ones are not edited: add your own variant)."""
        q = self.store.get(Question, question_id)
        if q.builtin:
            raise ValueError("shipped questions cannot be edited; add your own instead")
        fields: dict[str, Any] = {}
        if text is not None and " ".join(text.split()) != q.text:
            if not text.strip():
                raise ValueError("a question needs text")
            fields["text"] = " ".join(text.split())
        if category is not None and category.strip() != q.category:
            fields["category"] = category.strip()
        if kinds is not None and bank.join_kinds(kinds) != q.kinds:
            fields["kinds"] = bank.join_kinds(kinds)
        if fields:
            self.session.update_row(Question, question_id, "question", **fields)

    def remove_question(self, question_id: int) -> None:
        """Remove an own question from the bank (asked and prepared copies keep their text)."""
        q = self.store.get(Question, question_id)
        if q.builtin:
            raise ValueError("shipped questions cannot be removed")
        self.session.remove_row(Question, question_id, "question")

    def export_questions(self, path: Path | str, include_builtin: bool = False) -> int:
        """Write the bank (own questions, or all) to a JSON file; returns how many.

        Raises:
            OSError: the file cannot be written.
        """
        chosen = [q for q in self.questions() if include_builtin or not q.builtin]
        target = Path(path)
        tmp = target.with_name(f".{target.name}.partial")
        try:
            tmp.write_text(bank.export_bank(chosen, include_builtin), encoding="utf-8")
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)
        return len(chosen)

    def import_questions(self, path: Path | str) -> int:
        """Add the questions of a file to the bank as own questions (one undo step).

        Texts the library already has are left out. Returns the number added.

        Raises:
            BankError: the file is malformed (nothing is added).
            OSError, UnicodeDecodeError: the file cannot be read.
        """
        source = Path(path)
        parsed = bank.parse_bank_file(source.read_text(encoding="utf-8"), str(source))
        rows = bank.new_rows(parsed, self.questions())
        if not rows:
            return 0
        ids: list[int] = []

        def do() -> bool:
            with self.store.atomic():
                if ids:
                    for row, row_id in zip(rows, ids, strict=True):
                        self.store.add(Question, id=row_id, **row)
                else:
                    ids.extend(self.store.add(Question, **row).id for row in rows)
            self.questions_changed.emit()
            return True

        def undo() -> None:
            with self.store.atomic():
                for row_id in ids:
                    self.store.remove(Question, row_id)
            self.questions_changed.emit()

        return len(rows) if self.session.apply("import questions", do, undo) else 0

    # --------------------------------------------------------- introduction

    def intro_text(self) -> str:
        """The introduction of the open debrief (its own text, or the default)."""
        if not self.has_debrief:
            return agenda.default_intro(self.store)
        return agenda.effective_intro(self.store, self.store.get_debrief(self.session.debrief_id))

    def intro_is_own(self) -> bool:
        """Does the open debrief have its own introduction (rather than the default)?"""
        return self.has_debrief and bool(
            self.store.get_debrief(self.session.debrief_id).intro.strip()
        )

    def set_intro(self, text: str) -> None:
        """Store this debrief's introduction (text equal to the default stores nothing)."""
        value = "" if text.strip() == agenda.default_intro(self.store).strip() else text
        if value != self.store.get_debrief(self.session.debrief_id).intro:
            self.session.update_row(Debrief, self.session.debrief_id, "introduction", intro=value)

    def restore_default_intro(self) -> None:
        """Drop this debrief's own introduction and read the default again."""
        self.set_intro("")

    def use_intro_as_default(self) -> None:
        """Make the open debrief's introduction the default for new debriefs."""
        text = self.intro_text()
        before = self.store.setting(agenda.INTRO_KEY) or "null"

        def put(value: str) -> Callable[[], bool]:
            def run() -> bool:
                self.store.set_setting(agenda.INTRO_KEY, value)
                self.intro_changed.emit()
                return True

            return run

        self.session.apply(
            "use as the default introduction", put(json.dumps(text)), _void(put(before))
        )

    # ------------------------------------------------------------- signals

    def _on_session_debrief_opened(self, _debrief_id: int) -> None:
        self.agenda_changed.emit()
        self.asked_changed.emit()
        self.intro_changed.emit()

    def _on_session_rows_changed(self, table: str) -> None:
        if table == "agenda_step":
            self.agenda_changed.emit()
        elif table == "question":
            self.questions_changed.emit()
        elif table == "asked_question":
            self.asked_changed.emit()
        elif table == "debrief":
            self.intro_changed.emit()
