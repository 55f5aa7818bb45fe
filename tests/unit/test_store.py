"""The store's typed API: rows in, dataclasses out, one transaction per action."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from debrief_desktop.store import NotFoundError, Store
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
    Question,
    Recipient,
    SurveyResponse,
    TimerState,
)


def texts(store: Store, debrief_id: int) -> list[str]:
    return [e.text for e in store.events(debrief_id)]


def test_new_debrief_has_timestamps_from_the_injected_clock(store, clock):
    d = store.create_debrief("Checkout outage")
    assert d.title == "Checkout outage"
    assert d.created_at == "2026-11-20T09:00:00+00:00"
    clock.advance(60)
    assert store.update(type(d), d.id, summary="s").updated_at == "2026-11-20T09:01:00+00:00"


def test_event_fields_round_trip_with_their_types(store):
    d = store.create_debrief("t")
    e = store.add(
        Event,
        debrief_id=d.id,
        time_text="~14:05 PST",
        instant="2024-03-01T22:05:00+00:00",
        precision=Precision.APPROXIMATE,
        timezone="America/Los_Angeles",
        actor="Ana",
        kind=EventKind.DECISION,
        text='Roll back <now> & "see" 🚒 مرحبا 漢字',
        pivot=True,
    )
    assert store.events(d.id) == [e]
    assert e.precision is Precision.APPROXIMATE
    assert e.kind is EventKind.DECISION
    assert e.pivot is True
    assert e.text == 'Roll back <now> & "see" 🚒 مرحبا 漢字'


def test_timeline_order_is_the_explicit_position_not_the_time(store):
    d = store.create_debrief("t")
    store.add(Event, debrief_id=d.id, text="late", instant="2024-01-01T10:00:00+00:00")
    store.add(Event, debrief_id=d.id, text="early", instant="2024-01-01T09:00:00+00:00")
    assert texts(store, d.id) == ["late", "early"]


def test_insert_move_and_remove_keep_positions_contiguous(store):
    d = store.create_debrief("t")
    a, b, c = (store.add(Event, debrief_id=d.id, text=t) for t in "abc")
    store.add(Event, debrief_id=d.id, text="first", position=0)
    assert texts(store, d.id) == ["first", "a", "b", "c"]
    store.move(Event, c.id, 1)
    assert texts(store, d.id) == ["first", "c", "a", "b"]
    store.move(Event, c.id, 99)
    assert texts(store, d.id) == ["first", "a", "b", "c"]
    store.remove(Event, a.id)
    assert [(e.text, e.position) for e in store.events(d.id)] == [
        ("first", 0),
        ("b", 1),
        ("c", 2),
    ]
    assert b.id in {e.id for e in store.events(d.id)}


def test_positions_are_per_debrief(store):
    one, two = store.create_debrief("1"), store.create_debrief("2")
    store.add(Event, debrief_id=one.id, text="x")
    assert store.add(Event, debrief_id=two.id, text="y").position == 0


def test_a_failed_action_leaves_nothing_behind(store):
    d = store.create_debrief("t")
    with pytest.raises(RuntimeError), store.atomic():
        store.add(Event, debrief_id=d.id, text="half")
        store.add(Attendee, debrief_id=d.id, name="Ana")
        raise RuntimeError("power cut")
    assert store.events(d.id) == []
    assert store.rows(Attendee, debrief_id=d.id) == []


def test_perspectives_stay_separate_per_person_and_replace_on_edit(store):
    d = store.create_debrief("t")
    e = store.add(Event, debrief_id=d.id, text="alert fires")
    ana = store.add(Attendee, debrief_id=d.id, name="Ana", role="on-call engineer")
    bo = store.add(Attendee, debrief_id=d.id, name="Bo", role="incident commander")
    store.set_perspective(e.id, ana.id, "I thought it was noise")
    store.set_perspective(e.id, bo.id, "I was paged a minute later")
    store.set_perspective(e.id, ana.id, "I thought it was the usual flapping alert")
    got = [(p.attendee_id, p.account) for p in store.perspectives(d.id)]
    assert got == [
        (ana.id, "I thought it was the usual flapping alert"),
        (bo.id, "I was paged a minute later"),
    ]


def test_deleting_an_event_takes_its_perspectives_and_keeps_notes_unlinked(store, clock):
    d = store.create_debrief("t")
    e = store.add(Event, debrief_id=d.id, text="x")
    a = store.add(Attendee, debrief_id=d.id, name="Ana")
    store.set_perspective(e.id, a.id, "mine")
    store.add_prepared_question(e.id, "How did you notice?")
    note = store.add(Note, debrief_id=d.id, event_id=e.id, text="n", created_at=store.now())
    store.remove(Event, e.id)
    assert store.perspectives(d.id) == []
    assert store.prepared_questions(d.id) == []
    assert store.get(Note, note.id).event_id is None


def test_every_entity_can_be_added_listed_updated_and_removed(store):
    d = store.create_debrief("t")
    e = store.add(Event, debrief_id=d.id, text="x")
    a = store.add(Attendee, debrief_id=d.id, name="Ana")
    q = store.add(Question, text="What did you see?", category="cues")
    lrn = store.add(
        Learning, debrief_id=d.id, kind=LearningKind.ASSUMPTION, text="l", intentional=False
    )
    cases = [
        (
            PrivateNote,
            {"debrief_id": d.id, "event_id": e.id, "text": "p", "created_at": "now"},
            "text",
        ),
        (AgendaStep, {"debrief_id": d.id, "title": "Intro", "timebox_seconds": 300}, "title"),
        (
            AskedQuestion,
            {"debrief_id": d.id, "question_id": q.id, "text": "q", "asked_at": "t"},
            "text",
        ),
        (GuardRail, {"debrief_id": d.id, "status": GuardRailStatus.EXISTING, "text": "g"}, "text"),
        (ActionItem, {"debrief_id": d.id, "text": "fix", "learning_id": lrn.id}, "owner"),
        (Recipient, {"debrief_id": d.id, "name": "sre@example.org"}, "name"),
        (
            SurveyResponse,
            {"debrief_id": d.id, "attendee_id": a.id, "learned": True},
            "learned_what",
        ),
    ]
    for kind, fields, editable in cases:
        row = store.add(kind, **fields)
        assert store.rows(kind, debrief_id=d.id) == [row]
        assert getattr(store.update(kind, row.id, **{editable: "changed"}), editable) == "changed"
        store.remove(kind, row.id)
        assert store.rows(kind, debrief_id=d.id) == []
    assert store.get(Learning, lrn.id).intentional is False


def test_timer_state_defaults_then_persists(store):
    d = store.create_debrief("t")
    assert store.timer_state(d.id) == TimerState(d.id, 3600, False, None, 0.0, None)
    state = TimerState(d.id, 5400, True, "2026-11-20T09:00:00+00:00", 125.5, None)
    store.save_timer_state(state)
    assert store.timer_state(d.id) == state


def test_library_listing_counts_events(store):
    d = store.create_debrief("t", meeting_date="2026-11-24")
    store.add_many(Event, ({"debrief_id": d.id, "text": str(i)} for i in range(3)))
    empty = store.create_debrief("empty", meeting_date="2026-11-01")
    assert [(s.id, s.event_count) for s in store.debriefs()] == [(d.id, 3), (empty.id, 0)]


def test_unknown_rows_and_columns_are_refused(store):
    d = store.create_debrief("t")
    with pytest.raises(NotFoundError):
        store.get_debrief(999)
    with pytest.raises(NotFoundError):
        store.remove(Event, 999)
    with pytest.raises(TypeError):
        store.add(Event, debrief_id=d.id, colour="red")
    with pytest.raises(sqlite3.IntegrityError):
        store.add(Event, debrief_id=d.id, kind="blame")


def test_positions_cannot_be_broken_through_the_api(store):
    one, two = store.create_debrief("1"), store.create_debrief("2")
    e = store.add(Event, debrief_id=one.id, text="x")
    with pytest.raises(TypeError, match="add_many appends"):
        store.add_many(Event, [{"debrief_id": one.id, "text": "y", "position": 0}])
    with pytest.raises(TypeError, match="debrief_id"):
        store.update(Event, e.id, debrief_id=two.id)
    with pytest.raises(TypeError, match="position"):
        store.update(Event, e.id, position=5)
    assert [x.position for x in store.events(one.id)] == [0]


def test_deleting_a_debrief_removes_everything_it_owns(demo_store):
    store, did = demo_store
    store.remove(type(store.get_debrief(did)), did)
    for table in ("event", "attendee", "perspective", "private_note", "learning", "action_item"):
        assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_new_file_is_owner_only_and_in_wal_mode(tmp_path: Path):
    path = tmp_path / "sub" / "lib.sqlite"
    with Store.open(path) as s:
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert path.stat().st_mode & 0o777 == 0o600


def test_edits_are_committed_without_a_save(tmp_path: Path):
    path = tmp_path / "lib.sqlite"
    s = Store.open(path)
    d = s.create_debrief("kept")
    s.add(Event, debrief_id=d.id, text="committed")
    # A second connection sees the edit while the first is still open: it is on disk.
    other = sqlite3.connect(path)
    assert other.execute("SELECT text FROM event").fetchall() == [("committed",)]
    other.close()
    s.close()


def test_add_many_returns_each_rows_own_id_across_batches(store):
    d = store.create_debrief("many")
    store.add(Event, debrief_id=d.id, text="already there")
    rows = [{"debrief_id": d.id, "text": f"row {i}"} for i in range(450)]
    rows[300]["actor"] = "a different set of columns"
    ids = store.add_many(Event, rows)
    assert [store.get(Event, i).text for i in ids] == [r["text"] for r in rows]
    assert [e.position for e in store.events(d.id)] == list(range(451))
