"""The one object that owns the open debrief: the store, the Qt models, what the room sees.

Every edit goes through a :class:`Session` method: it writes to the store in one
transaction, updates the in-memory rows, and the models emit incremental
signals, so the projector shows the change in the same event-loop turn. Every
edit is pushed on an undo stack (Ctrl+Z / Ctrl+Shift+Z), also after the room
has seen it. Windows never reference each other; they listen to the Session.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from debrief_desktop.gui.models import AttendeeModel, TimelineModel
from debrief_desktop.store import Store
from debrief_desktop.store.models import (
    ActionItem,
    Attendee,
    Debrief,
    Event,
    GuardRail,
    Learning,
    Note,
    Perspective,
    PreparedQuestion,
    PrivateNote,
    Recipient,
    SurveyResponse,
)
from debrief_desktop.store.store import TABLES

SCENES: tuple[tuple[str, str], ...] = (
    ("ground_rules", "Ground rules"),
    ("timeline", "Timeline"),
    ("learnings", "Learnings"),
    ("action_items", "Action items"),
    ("closing", "Closing"),
)
THEMES = ("dark", "light")
FONT_STEP_LIMIT = 6


class _Edit(QUndoCommand):
    """An edit that has already been applied; undo/redo call back into the Session."""

    def __init__(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._redo, self._undo = redo, undo
        self._applied = True  # push() calls redo() once: the edit is already done

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._redo()

    def undo(self) -> None:
        self._undo()


class Session(QObject):
    """The open debrief and the state of the room.

    Signals:
        debrief_opened(int): another debrief is open (its id).
        live_changed(int): the event the room sees moved (its row, -1 for none).
        scene_changed(str): the projector shows another scene.
        blackout_changed(bool): the projector went black or came back.
        reveal_changed(bool): progressive reveal was switched on or off.
        role_labels_changed(bool): the projector shows roles instead of names, or back.
        font_step_changed(int): the projector's text size step changed.
        theme_changed(str): the projector's theme ("dark" or "light") changed.
        clock_visible_changed(bool): the projector's corner clock was shown or hidden.
        perspectives_changed(int): the accounts of an event changed (its id).
        private_changed(int): private notes or prepared questions of an event changed (its id).
        notes_changed(): shared notes, learnings or action items changed.
        edit_failed(str): an edit could not be committed; the message says why.
        rows_changed(str): rows of a table changed through add_row/update_row/remove_row.
    """

    debrief_opened = Signal(int)
    live_changed = Signal(int)
    scene_changed = Signal(str)
    blackout_changed = Signal(bool)
    reveal_changed = Signal(bool)
    role_labels_changed = Signal(bool)
    font_step_changed = Signal(int)
    theme_changed = Signal(str)
    clock_visible_changed = Signal(bool)
    perspectives_changed = Signal(int)
    private_changed = Signal(int)
    notes_changed = Signal()
    edit_failed = Signal(str)
    rows_changed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.timeline = TimelineModel(self)
        self.attendees = AttendeeModel(self)
        self.undo_stack = QUndoStack(self)
        self.debrief: Debrief | None = None
        self._perspectives: dict[int, list[Perspective]] = {}
        self._live_id: int | None = None
        self.scene = "timeline"
        self.blackout = False
        self.reveal = True
        self.role_labels = False
        self.font_step = 0
        self.theme = "dark"
        self.clock_visible = False
        # A debrief's own fields may change from outside the Session's edits (the
        # library renames a debrief in the store): read the open one again then.
        self.rows_changed.connect(self._on_self_rows_changed)

    # ------------------------------------------------------------------ open

    def open_debrief(self, debrief_id: int) -> None:
        """Show a debrief in both windows (not an edit: clears undo history)."""
        self.debrief = self.store.get_debrief(debrief_id)
        self.undo_stack.clear()
        self._perspectives = {}
        for p in self.store.perspectives(debrief_id):
            self._perspectives.setdefault(p.event_id, []).append(p)
        self.attendees.reset_to(self.store.rows(Attendee, debrief_id=debrief_id))
        self.timeline.reset_to(self.store.events(debrief_id))
        first = self.timeline.event_at(0)
        self._live_id = first.id if first else None
        self.debrief_opened.emit(debrief_id)
        self.live_changed.emit(self.live_row)

    @property
    def debrief_id(self) -> int:
        """The id of the open debrief."""
        if self.debrief is None:
            raise RuntimeError("no debrief is open")
        return self.debrief.id

    # ------------------------------------------------------------- reading

    @property
    def live_row(self) -> int:
        """The row of the event the room sees, or -1."""
        return -1 if self._live_id is None else self.timeline.row_of(self._live_id)

    @property
    def live_event(self) -> Event | None:
        """The event the room sees."""
        return self.timeline.event_at(self.live_row)

    def perspectives_of(self, event_id: int) -> list[Perspective]:
        """Each person's account of an event, in the order they were given."""
        return list(self._perspectives.get(event_id, ()))

    def speaker_label(self, attendee_id: int) -> str:
        """How the room sees a person: the name, or the role when role labels are on."""
        a = self.attendees.find(attendee_id)
        if a is None:
            return "someone"
        if self.role_labels and a.role.strip():
            return a.role
        return a.name

    def private_notes_of(self, event_id: int) -> list[PrivateNote]:
        """The facilitator's private notes on an event (console only)."""
        return self.store.rows(PrivateNote, debrief_id=self.debrief_id, event_id=event_id)

    def prepared_questions_of(self, event_id: int) -> list[PreparedQuestion]:
        """The facilitator's prepared questions on an event (console only)."""
        return self.store.rows(PreparedQuestion, event_id=event_id)

    def notes_of(self, event_id: int | None) -> list[Note]:
        """Shared notes captured on an event (or on none)."""
        return self.store.rows(Note, debrief_id=self.debrief_id, event_id=event_id)

    def learnings(self) -> list[Learning]:
        """The debrief's learnings, for the learnings scene."""
        return self.store.rows(Learning, debrief_id=self.debrief_id)

    def action_items(self) -> list[ActionItem]:
        """The debrief's action items, for the action-items scene."""
        return self.store.rows(ActionItem, debrief_id=self.debrief_id)

    # ---------------------------------------------------------- the room

    def go_live(self, row: int) -> None:
        """Show the event at ``row`` to the room ("show this")."""
        event = self.timeline.event_at(row)
        if event is None or event.id == self._live_id:
            return
        self._live_id = event.id
        self.live_changed.emit(row)

    def next_event(self) -> None:
        """Move the room to the next event."""
        self.go_live(min(self.live_row + 1, self.timeline.rowCount() - 1))

    def previous_event(self) -> None:
        """Move the room to the previous event."""
        self.go_live(max(self.live_row - 1, 0))

    def set_scene(self, scene: str) -> None:
        """Show another scene on the projector."""
        if scene not in dict(SCENES):
            raise ValueError(f"unknown scene {scene!r}")
        if scene != self.scene:
            self.scene = scene
            self.scene_changed.emit(scene)

    def set_blackout(self, on: bool) -> None:
        """Black the projector out, or bring it back."""
        if on != self.blackout:
            self.blackout = on
            self.blackout_changed.emit(on)

    def toggle_blackout(self) -> None:
        """Switch blackout."""
        self.set_blackout(not self.blackout)

    def set_reveal(self, on: bool) -> None:
        """Hide (on) or show (off) the events after the current one."""
        if on != self.reveal:
            self.reveal = on
            self.reveal_changed.emit(on)

    def toggle_reveal(self) -> None:
        """Switch progressive reveal."""
        self.set_reveal(not self.reveal)

    def set_role_labels(self, on: bool) -> None:
        """Show roles instead of names on the projector."""
        if on != self.role_labels:
            self.role_labels = on
            self.role_labels_changed.emit(on)

    def step_font(self, delta: int) -> None:
        """Make the projector's text larger (+1) or smaller (-1)."""
        step = max(-FONT_STEP_LIMIT, min(FONT_STEP_LIMIT, self.font_step + delta))
        if step != self.font_step:
            self.font_step = step
            self.font_step_changed.emit(step)

    def set_theme(self, theme: str) -> None:
        """Use the dark or the light high-contrast theme on the projector."""
        if theme not in THEMES:
            raise ValueError(f"unknown theme {theme!r}")
        if theme != self.theme:
            self.theme = theme
            self.theme_changed.emit(theme)

    def set_clock_visible(self, on: bool) -> None:
        """Show or hide the remaining-time clock in the projector's corner."""
        if on != self.clock_visible:
            self.clock_visible = on
            self.clock_visible_changed.emit(on)

    # ------------------------------------------------------------- edits

    def _apply(self, text: str, do: Callable[[], Any], undo: Callable[[], None]) -> Any:
        """Run an edit now and, if it committed, record it for undo."""
        try:
            result = do()
        except (sqlite3.Error, OSError) as exc:
            self.edit_failed.emit(f"{text} was not saved: {exc}")
            return None
        self.undo_stack.push(_Edit(text, self._guarded(text, do), self._guarded(text, undo)))
        return result

    def _guarded(self, text: str, fn: Callable[[], Any]) -> Callable[[], None]:
        def run() -> None:
            try:
                fn()
            except (sqlite3.Error, OSError) as exc:
                self.edit_failed.emit(f"undo/redo of {text} failed: {exc}")

        return run

    # events

    def add_event(self, row: int | None = None, **fields: Any) -> Event | None:
        """Insert an event at ``row`` (default: after the live event, or at the end)."""
        if row is None:
            row = self.live_row + 1 if self.live_row >= 0 else self.timeline.rowCount()
        row = max(0, min(row, self.timeline.rowCount()))
        created: dict[str, Event] = {}

        def do() -> Event:
            extra = {"id": created["event"].id} if "event" in created else {}
            event = self.store.add(
                Event, debrief_id=self.debrief_id, position=row, **extra, **fields
            )
            created["event"] = event
            self.timeline.inserted(row, event)
            if self._live_id is None:
                self._live_id = event.id
            self.live_changed.emit(self.live_row)
            return event

        def undo() -> None:
            self._delete_event_rows(created["event"].id)

        result: Event | None = self._apply("add event", do, undo)
        return result

    def update_event(self, event_id: int, **fields: Any) -> None:
        """Change fields of an event (time, actor, kind, text, pivot …)."""
        before = self._event(event_id)
        old = {name: getattr(before, name) for name in fields}

        def set_fields(values: dict[str, Any]) -> Callable[[], None]:
            def run() -> None:
                event = self.store.update(Event, event_id, **values)
                self.timeline.replaced(self.timeline.row_of(event_id), event)

            return run

        self._apply("edit event", set_fields(fields), set_fields(old))

    def delete_event(self, event_id: int) -> None:
        """Delete an event with its accounts and prepared questions (undo restores all)."""
        snapshot = self._snapshot_event(event_id)

        def do() -> None:
            self._delete_event_rows(event_id)

        def undo() -> None:
            self._restore_event(snapshot)

        self._apply("delete event", do, undo)

    def move_event(self, event_id: int, row: int) -> None:
        """Move an event to another place in the timeline."""
        source = self.timeline.row_of(event_id)
        target = max(0, min(row, self.timeline.rowCount() - 1))
        if source < 0 or source == target:
            return

        def move(to: int) -> Callable[[], None]:
            def run() -> None:
                frm = self.timeline.row_of(event_id)
                self.store.move(Event, event_id, to)
                self.timeline.moved(frm, to)
                self.live_changed.emit(self.live_row)

            return run

        self._apply("move event", move(target), move(source))

    def _event(self, event_id: int) -> Event:
        row = self.timeline.row_of(event_id)
        event = self.timeline.event_at(row)
        if event is None:
            raise KeyError(f"event {event_id} is not in the open debrief")
        return event

    def _snapshot_event(self, event_id: int) -> dict[str, Any]:
        # The model's row is the event's position; the dataclass's own field may
        # predate moves of other events.
        event = dataclasses.replace(self._event(event_id), position=self.timeline.row_of(event_id))
        return {
            "event": event,
            "perspectives": self.perspectives_of(event_id),
            "prepared": self.prepared_questions_of(event_id),
            "private": [n.id for n in self.private_notes_of(event_id)],
            "notes": [n.id for n in self.notes_of(event_id)],
            "links": {
                table: [
                    int(r[0])
                    for r in self.store.db.execute(
                        f"SELECT {owner} FROM {table} WHERE event_id = ?", [event_id]
                    )
                ]
                for table, owner in (
                    ("learning_event", "learning_id"),
                    ("action_item_event", "action_item_id"),
                )
            },
        }

    def _delete_event_rows(self, event_id: int) -> None:
        row = self.timeline.row_of(event_id)
        was_live = event_id == self._live_id
        self.store.remove(Event, event_id)
        self._perspectives.pop(event_id, None)
        self.timeline.removed(row)
        if was_live:
            fallback = self.timeline.event_at(min(row, self.timeline.rowCount() - 1))
            self._live_id = fallback.id if fallback else None
        self.live_changed.emit(self.live_row)

    def _restore_event(self, snapshot: dict[str, Any]) -> None:
        event: Event = snapshot["event"]
        with self.store.atomic():
            fields = dataclasses.asdict(event)
            restored = self.store.add(Event, **fields)
            for p in snapshot["perspectives"]:
                self.store.add(Perspective, **dataclasses.asdict(p))
            for q in snapshot["prepared"]:
                self.store.add(PreparedQuestion, **dataclasses.asdict(q))
            for note_id in snapshot["private"]:
                self.store.update(PrivateNote, note_id, event_id=event.id)
            for note_id in snapshot["notes"]:
                self.store.update(Note, note_id, event_id=event.id)
            for table, owners in snapshot["links"].items():
                for owner_id in owners:
                    linked = self.store.linked_events(table, owner_id)
                    self.store.set_linked_events(table, owner_id, [*linked, event.id])
        self._perspectives[event.id] = list(snapshot["perspectives"])
        self.timeline.inserted(restored.position, restored)
        if self._live_id is None:
            self._live_id = restored.id
        self.live_changed.emit(self.live_row)
        self.perspectives_changed.emit(event.id)

    # perspectives

    def set_perspective(self, event_id: int, attendee_id: int, account: str) -> None:
        """Store one person's account of an event (an empty account removes it)."""
        old = self._account(event_id, attendee_id)
        keep_id = old.id if old else None
        self._apply(
            "edit account",
            lambda: self._put_account(event_id, attendee_id, account, keep_id),
            lambda: self._put_account(event_id, attendee_id, old.account if old else "", keep_id),
        )

    def _account(self, event_id: int, attendee_id: int) -> Perspective | None:
        return next(
            (p for p in self.perspectives_of(event_id) if p.attendee_id == attendee_id), None
        )

    def _put_account(self, event_id: int, attendee_id: int, text: str, keep_id: int | None) -> None:
        current = self._account(event_id, attendee_id)
        others = [p for p in self.perspectives_of(event_id) if p.attendee_id != attendee_id]
        if not text.strip():
            if current:
                self.store.remove(Perspective, current.id)
            rows = others
        elif current:
            rows = [*others, self.store.update(Perspective, current.id, account=text)]
        else:
            extra = {"id": keep_id} if keep_id is not None else {}
            added = self.store.add(
                Perspective, event_id=event_id, attendee_id=attendee_id, account=text, **extra
            )
            rows = [*others, added]
        self._perspectives[event_id] = sorted(rows, key=lambda p: p.id)
        self.perspectives_changed.emit(event_id)

    # attendees

    def add_attendee(self, name: str, role: str = "") -> Attendee | None:
        """Add a person to the debrief."""
        created: dict[str, Attendee] = {}

        def do() -> Attendee:
            extra = {"id": created["a"].id} if "a" in created else {}
            a = self.store.add(Attendee, debrief_id=self.debrief_id, name=name, role=role, **extra)
            created["a"] = a
            self.attendees.inserted(self.attendees.rowCount(), a)
            self.rows_changed.emit("attendee")
            return a

        def undo() -> None:
            a = created["a"]
            self.store.remove(Attendee, a.id)
            self.attendees.removed(self.attendees.row_of(a.id))
            self.rows_changed.emit("attendee")

        result: Attendee | None = self._apply("add person", do, undo)
        return result

    def remove_attendee(self, attendee_id: int) -> None:
        """Remove a person; their accounts go too, and undo brings both back."""
        person = self.attendees.find(attendee_id)
        if person is None:
            return
        accounts = [
            p for p in self.store.perspectives(self.debrief_id) if p.attendee_id == attendee_id
        ]
        answers = [
            s.id for s in self.store.rows(SurveyResponse, debrief_id=self.debrief_id)
            if s.attendee_id == attendee_id
        ]  # fmt: skip

        def refresh() -> None:
            self.attendees.reset_to(self.store.rows(Attendee, debrief_id=self.debrief_id))
            self._perspectives = {}
            for p in self.store.perspectives(self.debrief_id):
                self._perspectives.setdefault(p.event_id, []).append(p)
            for event_id in {p.event_id for p in accounts}:
                self.perspectives_changed.emit(event_id)
            self.rows_changed.emit("attendee")

        def do() -> None:
            self.store.remove(Attendee, attendee_id)
            refresh()

        def undo() -> None:
            with self.store.atomic():
                self.store.add(Attendee, **dataclasses.asdict(person))
                for p in accounts:
                    self.store.add(Perspective, **dataclasses.asdict(p))
                for answer_id in answers:
                    self.store.update(SurveyResponse, answer_id, attendee_id=attendee_id)
            refresh()

        self._apply("remove person", do, undo)

    def update_attendee(self, attendee_id: int, **fields: Any) -> None:
        """Change a person's name or role."""
        before = self.attendees.find(attendee_id)
        if before is None:
            return
        old = {name: getattr(before, name) for name in fields}

        def set_fields(values: dict[str, Any]) -> Callable[[], None]:
            def run() -> None:
                a = self.store.update(Attendee, attendee_id, **values)
                self.attendees.replaced(self.attendees.row_of(attendee_id), a)
                self.role_labels_changed.emit(self.role_labels)  # labels on screen may change
                self.rows_changed.emit("attendee")

            return run

        self._apply("edit person", set_fields(fields), set_fields(old))

    # private notes, prepared questions, shared notes

    def add_private_note(self, event_id: int | None, text: str) -> None:
        """A private facilitator note on an event (never on the projector or in the PDF)."""
        self._add_row(
            PrivateNote, "private note",
            debrief_id=self.debrief_id, event_id=event_id, text=text, created_at=self.store.now(),
        )  # fmt: skip

    def add_prepared_question(self, event_id: int, text: str) -> None:
        """Attach a prepared (private) question to an event."""
        self._add_row(PreparedQuestion, "prepared question", event_id=event_id, text=text)

    def remove_private(self, kind: type[PrivateNote] | type[PreparedQuestion], row_id: int) -> None:
        """Remove a private note or a prepared question."""
        self.remove_row(kind, row_id, "private note")

    def capture_note(self, text: str, event_id: int | None = None) -> Note | None:
        """The note-taker's quick note, stored with the time it was taken.

        It belongs to ``event_id`` (the event that was live when the note-taker
        started typing) or, by default, to the live event.
        """
        if event_id is None or self.timeline.row_of(event_id) < 0:
            event = self.live_event
            event_id = event.id if event else None
        result: Note | None = self._add_row(
            Note, "note",
            debrief_id=self.debrief_id, event_id=event_id, text=text, created_at=self.store.now(),
        )  # fmt: skip
        return result

    def _add_row(self, kind: type[Any], label: str, /, **fields: Any) -> Any:
        return self.add_row(kind, label, **fields)

    # -------------------------------------------------- generic undoable rows

    def apply(self, label: str, do: Callable[[], Any], undo: Callable[[], None]) -> Any:
        """Run an edit now and record it for undo; None (and edit_failed) when it failed.

        For controllers of other panels (agenda, learnings …) that need an edit the
        generic row operations below do not cover. ``do`` must be repeatable for redo.
        """
        return self._apply(label, do, undo)

    def _row_changed(self, kind: type[Any], row: Any) -> None:
        table = TABLES[kind]
        if kind is Debrief:
            self._on_self_rows_changed("debrief")  # before notes_changed: readers see the new one
        if kind in (PrivateNote, PreparedQuestion):
            self.private_changed.emit(getattr(row, "event_id", None) or 0)
        elif kind is Attendee:
            self.attendees.reset_to(self.store.rows(Attendee, debrief_id=self.debrief_id))
        elif kind in (Note, Learning, GuardRail, ActionItem, Recipient, SurveyResponse, Debrief):
            self.notes_changed.emit()  # what the projector's scenes and the report show
        self.rows_changed.emit(table)

    def _on_self_rows_changed(self, table: str) -> None:
        if table == "debrief" and self.debrief is not None:
            self.debrief = self.store.get_debrief(self.debrief.id)

    def add_row(self, kind: type[Any], label: str, /, **fields: Any) -> Any:
        """Add a row of any kind (a learning, an action item …) as one undoable edit."""
        created: dict[str, Any] = {}

        def do() -> Any:
            extra = {"id": created["row"].id} if "row" in created else {}
            if "row" in created and hasattr(created["row"], "position"):
                extra["position"] = created["position"]
            row = self.store.add(kind, **fields, **extra)
            created["row"] = row
            if hasattr(row, "position"):
                created["position"] = row.position
            self._row_changed(kind, row)
            return row

        def undo() -> None:
            self.store.remove(kind, created["row"].id)
            self._row_changed(kind, created["row"])

        return self._apply(f"add {label}", do, undo)

    def update_row(self, kind: type[Any], row_id: int, label: str, /, **fields: Any) -> Any:
        """Change fields of a row of any kind as one undoable edit."""
        before = self.store.get(kind, row_id)
        old = {name: getattr(before, name) for name in fields}

        def put(values: dict[str, Any]) -> Callable[[], Any]:
            def run() -> Any:
                row = self.store.update(kind, row_id, **values)
                self._row_changed(kind, row)
                return row

            return run

        return self._apply(f"edit {label}", put(fields), put(old))

    def remove_row(self, kind: type[Any], row_id: int, label: str, /) -> None:
        """Remove a row of any kind; undo puts it back with the same id, place and links."""
        row = self.store.get(kind, row_id)
        fields = dataclasses.asdict(row)
        link_table = {Learning: "learning_event", ActionItem: "action_item_event"}.get(kind)
        links = self.store.linked_events(link_table, row_id) if link_table else []
        citing = (
            [a.id for a in self.store.rows(ActionItem, learning_id=row_id)]
            if kind is Learning
            else []
        )

        def do() -> None:
            self.store.remove(kind, row_id)
            self._row_changed(kind, row)

        def undo() -> None:
            with self.store.atomic():
                self.store.add(kind, **fields)
                if link_table:
                    self.store.set_linked_events(link_table, row_id, links)
                for item_id in citing:
                    self.store.update(ActionItem, item_id, learning_id=row_id)
            self._row_changed(kind, row)

        self._apply(f"remove {label}", do, undo)
