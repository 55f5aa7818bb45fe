"""A whole debrief as a JSON document and back (docs/json-format.md).

``dump_debrief`` writes everything, private notes included: the file is the
facilitator's own copy, for moving a debrief between libraries, not for the room.
``load_debrief`` checks the whole document before it writes anything and then
writes it in one transaction.

A ``.debrief`` file, the way one debrief is shared between libraries, is this
JSON document. ``debrief.uid`` says which debrief it is: importing it where a
debrief with that uid already is (outside the trash) is a conflict, settled by
``on_conflict`` (keep both, or replace) and detected beforehand by
:func:`find_conflict`.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from debrief_desktop import __version__
from debrief_desktop.store.library import live_debrief_with_uid, move_to_trash, new_uid
from debrief_desktop.store.models import (
    ActionItem,
    AgendaStep,
    AskedQuestion,
    Attendee,
    Event,
    EventKind,
    GuardRail,
    GuardRailStatus,
    Learning,
    LearningKind,
    Note,
    Precision,
    PrivateNote,
    Recipient,
    SurveyResponse,
    TimerState,
)
from debrief_desktop.store.store import Store, iso

FORMAT_NAME = "debrief-desktop"
# The largest duration the file may hold (timeboxes, the timer): a week is plenty.
MAX_SECONDS = 7 * 24 * 3600.0
FORMAT_VERSION = 2  # 2 added intro, na_reasons, event links, step timing (and later uid)
#: The file name suffix of a shared debrief (the JSON document of this module).
DEBRIEF_SUFFIX = ".debrief"
MAX_UID_LENGTH = 200

OnConflict = Literal["keep_both", "replace"]
ON_CONFLICT_CHOICES: tuple[OnConflict, ...] = ("keep_both", "replace")

DEBRIEF_FIELDS = (
    "title",
    "incident_date",
    "meeting_date",
    "summary",
    "impact",
    "impact_complete",
    "facilitator",
    "note_taker",
    "timezone",
    "intro",
)


class ExchangeFormatError(ValueError):
    """A JSON document that is not a debrief this version can read.

    ``str()`` is ``source: where: what is wrong`` (``where`` is a path such as
    ``events[3].precision``; JSON syntax errors give ``line N``).
    """

    def __init__(self, source: str, where: str, message: str) -> None:
        self.source, self.where, self.message = source, where, message
        super().__init__(f"{source}: {where}: {message}")


# --------------------------------------------------------------------- dumping


def dump_debrief(store: Store, debrief_id: int, *, private: bool = True) -> dict[str, Any]:
    """Everything the library holds about one debrief, as a JSON-ready dict."""
    d = store.get_debrief(debrief_id)
    attendees = store.rows(Attendee, debrief_id=debrief_id)
    a_ref = {a.id: f"a{i + 1}" for i, a in enumerate(attendees)}
    events = store.events(debrief_id)
    e_ref = {e.id: f"e{i + 1}" for i, e in enumerate(events)}
    learnings = store.rows(Learning, debrief_id=debrief_id)
    l_index = {lrn.id: i for i, lrn in enumerate(learnings)}

    by_event: dict[str, dict[int | None, list[dict[str, Any]]]] = {
        "perspectives": {},
        "notes": {},
        "private_notes": {},
        "prepared_questions": {},
    }
    for p in store.perspectives(debrief_id):
        by_event["perspectives"].setdefault(p.event_id, []).append(
            {"attendee": a_ref[p.attendee_id], "account": p.account}
        )
    notes: list[tuple[str, Note | PrivateNote]] = [
        *(("notes", n) for n in store.rows(Note, debrief_id=debrief_id)),
        *(
            ("private_notes", n)
            for n in (store.rows(PrivateNote, debrief_id=debrief_id) if private else [])
        ),
    ]
    for key, n in notes:
        by_event[key].setdefault(n.event_id, []).append(
            {"text": n.text, "created_at": n.created_at}
        )
    prepared: dict[int | None, list[str]] = {}
    for q in store.prepared_questions(debrief_id) if private else []:
        prepared.setdefault(q.event_id, []).append(q.text)

    timer = store.timer_state(debrief_id)
    steps = store.rows(AgendaStep, debrief_id=debrief_id)
    step_index = {step.id: i for i, step in enumerate(steps)}
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": store.now(),
        "debrief": {
            **{name: getattr(d, name) for name in DEBRIEF_FIELDS},
            "na_reasons": json.loads(d.na_reasons or "{}"),
            "uid": d.uid,
        },
        "attendees": [{"ref": a_ref[a.id], "name": a.name, "role": a.role} for a in attendees],
        "events": [
            {
                "ref": e_ref[e.id],
                "time_text": e.time_text,
                "instant": e.instant,
                "precision": e.precision.value,
                "timezone": e.timezone,
                "actor": e.actor,
                "kind": e.kind.value,
                "text": e.text,
                "pivot": e.pivot,
                "perspectives": by_event["perspectives"].get(e.id, []),
                "notes": by_event["notes"].get(e.id, []),
                "private_notes": by_event["private_notes"].get(e.id, []),
                "prepared_questions": prepared.get(e.id, []),
            }
            for e in events
        ],
        "notes": by_event["notes"].get(None, []),
        "private_notes": by_event["private_notes"].get(None, []),
        "agenda": [
            {
                "title": s.title,
                "hint": s.hint,
                "timebox_seconds": s.timebox_seconds,
                "scene": s.scene,
                "done": s.done,
                "actual_seconds": s.actual_seconds,
                "started_at": s.started_at,
                "elapsed_before": s.elapsed_before,
            }
            for s in steps
        ],
        "learnings": [
            {
                "kind": lrn.kind.value,
                "text": lrn.text,
                "intentional": lrn.intentional,
                "events": [e_ref[e] for e in store.linked_events("learning_event", lrn.id)],
            }
            for lrn in learnings
        ],
        "guard_rails": [
            {"status": g.status.value, "text": g.text}
            for g in store.rows(GuardRail, debrief_id=debrief_id)
        ],
        "action_items": [
            {
                "text": ai.text,
                "owner": ai.owner,
                "priority": ai.priority,
                "due": ai.due,
                "status": ai.status,
                "learning": None if ai.learning_id is None else l_index.get(ai.learning_id),
                "events": [e_ref[e] for e in store.linked_events("action_item_event", ai.id)],
            }
            for ai in store.rows(ActionItem, debrief_id=debrief_id)
        ],
        "distribution": [r.name for r in store.rows(Recipient, debrief_id=debrief_id)],
        "survey": [
            {
                "attendee": None if s.attendee_id is None else a_ref.get(s.attendee_id),
                "respondent": s.respondent,
                "learned": s.learned,
                "learned_what": s.learned_what,
                "attend_again": s.attend_again,
            }
            for s in store.rows(SurveyResponse, debrief_id=debrief_id)
        ],
        "asked_questions": [
            {
                "event": None if q.event_id is None else e_ref.get(q.event_id),
                "text": q.text,
                "asked_at": q.asked_at,
            }
            for q in store.rows(AskedQuestion, debrief_id=debrief_id)
        ],
        "timer": {
            "budget_seconds": timer.budget_seconds,
            "running": timer.running,
            "started_at": timer.started_at,
            "elapsed_before": timer.elapsed_before,
            "current_step": None
            if timer.current_step_id is None
            else step_index.get(timer.current_step_id),
        },
    }


def dumps_debrief(store: Store, debrief_id: int, *, private: bool = True) -> str:
    """:func:`dump_debrief` as pretty-printed JSON text (UTF-8, not ASCII-escaped).

    ``private=False`` leaves out private notes and prepared questions: a debrief to
    share with another library, not a copy of the facilitator's own.
    """
    doc = dump_debrief(store, debrief_id, private=private)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------- loading


class _Reader:
    """Typed access into the parsed document that names the place of any problem."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> ExchangeFormatError:
        return ExchangeFormatError(self.source, where, message)

    def obj(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "expected an object")
        return value

    def items(self, doc: Mapping[str, Any], key: str, where: str) -> list[Any]:
        value = doc.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{where}{key}", "expected a list")
        return value

    def text(self, doc: Mapping[str, Any], key: str, where: str, required: bool = False) -> str:
        if key not in doc and required:
            raise self.fail(f"{where}{key}", "is missing")
        value = doc.get(key, "")
        if value is None and not required:
            return ""
        return self.string(value, f"{where}{key}")

    def string(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            raise self.fail(where, "expected text")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise self.fail(where, "contains a character that is not valid Unicode") from None
        return value

    def opt_text(self, doc: Mapping[str, Any], key: str, where: str) -> str | None:
        value = doc.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{where}{key}", "expected text or null")
        return self.string(value, f"{where}{key}")

    def moment(self, doc: Mapping[str, Any], key: str, where: str, required: bool) -> str | None:
        """An ISO 8601 date-time with its offset, returned in UTC; None when absent and allowed."""
        value = self.opt_text(doc, key, where)
        if value is None or value == "":
            if required:
                raise self.fail(f"{where}{key}", "is missing")
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise self.fail(
                f"{where}{key}", f"{value!r} is not an ISO 8601 time with an offset (…+00:00)"
            )
        return iso(parsed)

    def flag(self, doc: Mapping[str, Any], key: str, where: str) -> bool:
        value = doc.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"{where}{key}", "expected true or false")
        return value

    def opt_flag(self, doc: Mapping[str, Any], key: str, where: str) -> bool | None:
        value = doc.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.fail(f"{where}{key}", "expected true, false or null")
        return value

    def number(
        self,
        doc: Mapping[str, Any],
        key: str,
        where: str,
        default: float,
        most: float = MAX_SECONDS,
    ) -> float:
        value = doc.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{where}{key}", "expected a number")
        if not 0 <= value <= most:  # also false for NaN
            raise self.fail(f"{where}{key}", f"{value!r} is not between 0 and {most:g}")
        return value

    def choice(
        self, doc: Mapping[str, Any], key: str, where: str, enum: Callable[[str], Any], default: str
    ) -> Any:
        value = doc.get(key, default)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)  # type: ignore[attr-defined]
            raise self.fail(f"{where}{key}", f"{value!r} is not one of {allowed}") from None

    def ref(self, doc: Mapping[str, Any], key: str, where: str, refs: Mapping[str, int]) -> Any:
        value = doc.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or value not in refs:
            raise self.fail(f"{where}{key}", f"refers to {value!r}, which is not in the file")
        return refs[value]


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_document(text: str, source: str) -> dict[str, Any]:
    """Parse JSON text and check it is a debrief document this version can read."""
    try:
        doc = json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise ExchangeFormatError(source, f"line {exc.lineno}", f"invalid JSON: {exc.msg}") from exc
    except RecursionError:
        raise ExchangeFormatError(source, "line 1", "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # NaN, Infinity
        raise ExchangeFormatError(source, "line 1", f"invalid JSON: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise ExchangeFormatError(
            source, "format", f'not a debrief file (expected "format": "{FORMAT_NAME}")'
        )
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExchangeFormatError(source, "format_version", "is missing or not a number")
    if version > FORMAT_VERSION:
        raise ExchangeFormatError(
            source,
            "format_version",
            f"{version} is newer than this app reads ({FORMAT_VERSION}); update Debrief Desktop",
        )
    return doc


def read_document(path: Path) -> dict[str, Any]:
    """Read a ``.debrief`` (or ``.json``) file and check it is a debrief this version reads.

    The file is only read, never changed.

    Raises:
        ExchangeFormatError: not UTF-8 text, not JSON, not a debrief, or a newer format.
        OSError: the file cannot be read.
    """
    return decode_document(path.read_bytes(), str(path))


def decode_document(data: bytes, source: str) -> dict[str, Any]:
    """:func:`parse_document` for the bytes of a file (UTF-8, with or without a BOM).

    Raises:
        ExchangeFormatError: not UTF-8 text, not JSON, not a debrief, or a newer format.
    """
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ExchangeFormatError(
            source, f"line {line}", "not UTF-8 text, so not a debrief file"
        ) from None
    return parse_document(text, source)


def find_conflict(store: Store, doc: Mapping[str, Any]) -> int | None:
    """The debrief (outside the trash) that a document would conflict with, if any.

    That is the one with the document's ``debrief.uid``; a document without a
    uid (older exports) never conflicts.
    """
    head = doc.get("debrief")
    uid = head.get("uid") if isinstance(head, Mapping) else None
    if not isinstance(uid, str) or not uid.strip():
        return None
    return live_debrief_with_uid(store, uid.strip())


def load_debrief(
    store: Store,
    doc: Mapping[str, Any],
    source: str,
    title: str | None = None,
    on_conflict: OnConflict = "keep_both",
) -> int:
    """Create a new debrief from a parsed document, in one transaction; return its id.

    The new debrief takes the document's ``debrief.uid`` (a new one when it has
    none). When a debrief with that uid is already in the library (outside the
    trash), ``on_conflict`` decides:

    - ``"keep_both"``: the import gets a new uid and the title "… (imported)"
      (a ``title`` given here is used as it is);
    - ``"replace"``: the debrief already there goes to the trash (from where it
      can still be restored) and the import takes its uid.

    Raises:
        ExchangeFormatError: the document is not valid; nothing was written (and,
            with ``replace``, nothing went to the trash).
        ValueError: ``on_conflict`` is not one of the choices.
    """
    if on_conflict not in ON_CONFLICT_CHOICES:
        raise ValueError(
            f"on_conflict must be one of {', '.join(ON_CONFLICT_CHOICES)}, not {on_conflict!r}"
        )
    r = _Reader(source)
    head = r.obj(doc.get("debrief"), "debrief")
    fields: dict[str, Any] = {
        name: r.text(head, name, "debrief.", required=name == "title")
        for name in DEBRIEF_FIELDS
        if name != "impact_complete"
    }
    fields["impact_complete"] = r.flag(head, "impact_complete", "debrief.")
    reasons = r.obj(head.get("na_reasons", {}), "debrief.na_reasons")
    for section, reason in reasons.items():
        r.string(reason, f"debrief.na_reasons.{section}")
    fields["na_reasons"] = json.dumps(dict(reasons), ensure_ascii=False)
    if not fields["timezone"]:
        fields["timezone"] = "UTC"
    uid = r.text(head, "uid", "debrief.").strip()
    if len(uid) > MAX_UID_LENGTH:
        raise r.fail("debrief.uid", f"is longer than {MAX_UID_LENGTH} characters")

    with store.atomic():
        existing = live_debrief_with_uid(store, uid) if uid else None
        if existing is not None and on_conflict == "replace":
            move_to_trash(store, existing)
        elif existing is not None:
            uid = ""
            fields["title"] = f"{fields['title']} (imported)"
        if title:
            fields["title"] = title
        debrief = store.create_debrief(**fields, uid=uid or new_uid())
        did = debrief.id
        attendee_ids: dict[str, int] = {}
        for i, raw in enumerate(r.items(doc, "attendees", "")):
            where = f"attendees[{i}]."
            a = r.obj(raw, where[:-1])
            row = store.add(
                Attendee,
                debrief_id=did,
                name=r.text(a, "name", where, required=True),
                role=r.text(a, "role", where),
            )
            attendee_ids[r.text(a, "ref", where) or f"#{i}"] = row.id

        event_ids: dict[str, int] = {}
        for i, raw in enumerate(r.items(doc, "events", "")):
            where = f"events[{i}]."
            e = r.obj(raw, where[:-1])
            instant = r.moment(e, "instant", where, required=False)
            precision = r.choice(e, "precision", where, Precision, "unknown")
            if instant is not None and precision is Precision.UNKNOWN:
                raise r.fail(
                    where + "instant", "is given, but the precision says the time is unknown"
                )
            row_id = store.add(
                Event,
                debrief_id=did,
                time_text=r.text(e, "time_text", where),
                instant=instant,
                precision=precision,
                timezone=r.text(e, "timezone", where),
                actor=r.text(e, "actor", where),
                kind=r.choice(e, "kind", where, EventKind, "note"),
                text=r.text(e, "text", where),
                pivot=r.flag(e, "pivot", where),
            ).id
            event_ids[r.text(e, "ref", where) or f"#{i}"] = row_id
            for j, p in enumerate(r.items(e, "perspectives", where)):
                pw = f"{where}perspectives[{j}]."
                p = r.obj(p, pw[:-1])
                attendee = r.ref(p, "attendee", pw, attendee_ids)
                if attendee is None:
                    raise r.fail(pw + "attendee", "is missing")
                store.set_perspective(row_id, attendee, r.text(p, "account", pw))
            _load_notes(store, r, e, where, did, row_id)
            for j, q in enumerate(r.items(e, "prepared_questions", where)):
                store.add_prepared_question(row_id, r.string(q, f"{where}prepared_questions[{j}]"))
        _load_notes(store, r, doc, "", did, None)

        step_ids: list[int] = []
        for i, raw in enumerate(r.items(doc, "agenda", "")):
            where = f"agenda[{i}]."
            s = r.obj(raw, where[:-1])
            actual = s.get("actual_seconds")
            step = store.add(
                AgendaStep,
                debrief_id=did,
                title=r.text(s, "title", where, required=True),
                hint=r.text(s, "hint", where),
                timebox_seconds=int(r.number(s, "timebox_seconds", where, 0)),
                scene=r.text(s, "scene", where) or "timeline",
                done=r.flag(s, "done", where),
                actual_seconds=None
                if actual is None
                else int(r.number(s, "actual_seconds", where, 0)),
                started_at=r.moment(s, "started_at", where, required=False),
                elapsed_before=float(r.number(s, "elapsed_before", where, 0.0)),
            )
            step_ids.append(step.id)

        learning_ids: list[int] = []
        for i, raw in enumerate(r.items(doc, "learnings", "")):
            where = f"learnings[{i}]."
            lrn = r.obj(raw, where[:-1])
            learning_ids.append(
                store.add(
                    Learning,
                    debrief_id=did,
                    kind=r.choice(lrn, "kind", where, LearningKind, "learned"),
                    text=r.text(lrn, "text", where, required=True),
                    intentional=r.opt_flag(lrn, "intentional", where),
                ).id
            )
            store.set_linked_events(
                "learning_event", learning_ids[-1], _event_refs(r, lrn, where, event_ids)
            )
        for i, raw in enumerate(r.items(doc, "guard_rails", "")):
            where = f"guard_rails[{i}]."
            g = r.obj(raw, where[:-1])
            store.add(
                GuardRail,
                debrief_id=did,
                status=r.choice(g, "status", where, GuardRailStatus, "proposed"),
                text=r.text(g, "text", where, required=True),
            )
        for i, raw in enumerate(r.items(doc, "action_items", "")):
            where = f"action_items[{i}]."
            ai = r.obj(raw, where[:-1])
            link = ai.get("learning")
            if link is not None and (
                not isinstance(link, int)
                or isinstance(link, bool)
                or not 0 <= link < len(learning_ids)
            ):
                raise r.fail(where + "learning", f"{link!r} is not the index of a learning")
            item = store.add(
                ActionItem,
                debrief_id=did,
                text=r.text(ai, "text", where, required=True),
                owner=r.text(ai, "owner", where),
                priority=r.text(ai, "priority", where),
                due=r.text(ai, "due", where),
                status=r.text(ai, "status", where) or "open",
                learning_id=None if link is None else learning_ids[link],
            )
            store.set_linked_events(
                "action_item_event", item.id, _event_refs(r, ai, where, event_ids)
            )
        for i, name in enumerate(r.items(doc, "distribution", "")):
            store.add(Recipient, debrief_id=did, name=r.string(name, f"distribution[{i}]"))
        for i, raw in enumerate(r.items(doc, "survey", "")):
            where = f"survey[{i}]."
            s = r.obj(raw, where[:-1])
            store.add(
                SurveyResponse,
                debrief_id=did,
                attendee_id=r.ref(s, "attendee", where, attendee_ids),
                respondent=r.text(s, "respondent", where),
                learned=r.opt_flag(s, "learned", where),
                learned_what=r.text(s, "learned_what", where),
                attend_again=r.opt_flag(s, "attend_again", where),
            )
        for i, raw in enumerate(r.items(doc, "asked_questions", "")):
            where = f"asked_questions[{i}]."
            q = r.obj(raw, where[:-1])
            store.add(
                AskedQuestion,
                debrief_id=did,
                event_id=r.ref(q, "event", where, event_ids),
                text=r.text(q, "text", where, required=True),
                asked_at=r.moment(q, "asked_at", where, required=False) or store.now(),
            )
        timer = r.obj(doc.get("timer", {}), "timer")
        store.save_timer_state(
            TimerState(
                debrief_id=did,
                budget_seconds=int(r.number(timer, "budget_seconds", "timer.", 3600)),
                running=r.flag(timer, "running", "timer."),
                started_at=r.moment(timer, "started_at", "timer.", required=False),
                elapsed_before=float(r.number(timer, "elapsed_before", "timer.", 0.0)),
                current_step_id=_step_id(r, timer, step_ids),
            )
        )
    return did


def _event_refs(
    r: _Reader, doc: Mapping[str, Any], where: str, event_ids: Mapping[str, int]
) -> list[int]:
    found = []
    for j, ref in enumerate(r.items(doc, "events", where)):
        event_id = r.ref({"event": ref}, "event", f"{where}events[{j}].", event_ids)
        if event_id is None:
            raise r.fail(f"{where}events[{j}]", 'expected the ref of an event, such as "e3"')
        found.append(event_id)
    return found


def _step_id(r: _Reader, timer: Mapping[str, Any], step_ids: list[int]) -> int | None:
    index = timer.get("current_step")
    if index is None:
        return None
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(step_ids):
        raise r.fail("timer.current_step", f"{index!r} is not the index of an agenda step")
    return step_ids[index]


def _load_notes(
    store: Store, r: _Reader, doc: Mapping[str, Any], where: str, did: int, event_id: int | None
) -> None:
    for kind, key in ((Note, "notes"), (PrivateNote, "private_notes")):
        for j, raw in enumerate(r.items(doc, key, where)):
            nw = f"{where}{key}[{j}]."
            n = r.obj(raw, nw[:-1])
            store.add(
                kind,
                debrief_id=did,
                event_id=event_id,
                text=r.text(n, "text", nw, required=True),
                created_at=r.moment(n, "created_at", nw, required=False) or store.now(),
            )
