"""The library: listing, recent list, trash, duplicates, new debriefs, open action items."""

from __future__ import annotations

import copy
import re
import sqlite3
from datetime import UTC, datetime

import pytest

from debrief_desktop.facilitation.agenda import load_template
from debrief_desktop.facilitation.library_ops import new_debrief
from debrief_desktop.facilitation.metrics import debrief_metrics
from debrief_desktop.store import NotFoundError, Store
from debrief_desktop.store.exchange import dump_debrief
from debrief_desktop.store.library import (
    LibraryRow,
    OpenActionItem,
    duplicate_debrief,
    empty_trash,
    library_rows,
    mark_opened,
    move_to_trash,
    open_action_items,
    recent,
    restore_from_trash,
)
from debrief_desktop.store.models import (
    ActionItem,
    AgendaStep,
    AskedQuestion,
    Attendee,
    Debrief,
    Event,
    Learning,
    PrivateNote,
    Question,
    SurveyResponse,
    TimerState,
)
from debrief_desktop.store.search import search

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def comparable(doc: dict) -> dict:
    """A dump without what a copy may change: its uid, its title, the export time."""
    doc = copy.deepcopy(doc)
    doc.pop("exported_at")
    doc["debrief"].pop("uid")
    doc["debrief"].pop("title")
    return doc


@pytest.fixture
def rich(demo_store) -> tuple[Store, int]:
    """The demo with the parts it leaves empty filled in (survey, timer, links, questions)."""
    store, did = demo_store
    events = store.events(did)
    people = store.rows(Attendee, debrief_id=did)
    bank = store.add(Question, text="What did you expect?", category="expectations")
    store.add_prepared_question(events[0].id, "What did you expect to see?", bank.id)
    store.add(
        AskedQuestion,
        debrief_id=did,
        event_id=events[1].id,
        question_id=bank.id,
        text="What did you expect?",
        asked_at="2026-11-23T10:05:00+00:00",
    )
    answers = zip(people[:3], (True, False, None), (True, True, False), strict=True)
    for person, learned, again in answers:
        store.add(
            SurveyResponse,
            debrief_id=did,
            attendee_id=person.id,
            respondent=person.name,
            learned=learned,
            learned_what="pool sizes" if learned else "",
            attend_again=again,
        )
    steps = store.rows(AgendaStep, debrief_id=did)
    store.update(AgendaStep, steps[1].id, done=True, actual_seconds=400)
    store.save_timer_state(TimerState(did, 5400, False, None, 612.5, steps[2].id))
    learning = store.rows(Learning, debrief_id=did)[0]
    store.set_linked_events("learning_event", learning.id, [events[4].id])
    item = store.rows(ActionItem, debrief_id=did)[0]
    store.set_linked_events("action_item_event", item.id, [events[7].id, events[2].id])
    store.update(Debrief, did, intro="We are here to learn.", na_reasons='{"x": "y"}')
    return store, did


# -------------------------------------------------------------------- listing


def test_a_library_row_has_every_column_of_the_view(rich):
    store, did = rich
    [row] = library_rows(store)
    d = store.get_debrief(did)
    assert row == LibraryRow(
        id=did,
        title=d.title,
        incident_date="2026-11-18",
        meeting_date="2026-11-23",
        event_count=25,
        open_action_items=4,
        learned=True,
        would_attend=False,  # 2 of 6 people said yes
        updated_at=d.updated_at,
        opened_at=None,
        deleted_at=None,
    )


def test_open_action_items_count_only_open_ones(demo_store):
    store, did = demo_store
    items = store.rows(ActionItem, debrief_id=did)
    store.update(ActionItem, items[0].id, status="done")
    store.update(ActionItem, items[1].id, status="dropped")
    [row] = library_rows(store)
    assert row.open_action_items == 2


def test_no_survey_answers_means_no_success_result(demo_store):
    store, _ = demo_store
    [row] = library_rows(store)
    assert (row.learned, row.would_attend) == (None, None)


SURVEYS = [
    [],
    [("a", True, True)],
    [("a", False, False)],
    [("a", None, None)],
    [("a", True, True), ("a", False, False)],  # a later answer replaces an earlier one
    [("a", False, True), ("b", False, True), ("c", True, None)],
    [("x", True, True), ("X ", False, True)],  # the same respondent, written differently
    [("x", True, True), ("y", True, True), ("z", True, True)],  # respondents not attending
    [("", True, True), ("", False, True)],  # two anonymous answers are two people
    [("a", None, True), ("b", None, True), ("c", None, False), ("d", None, None)],
]


@pytest.mark.parametrize("answers", SURVEYS)
@pytest.mark.parametrize("people", [0, 1, 4])
def test_success_columns_agree_with_the_success_metrics(store, answers, people):
    did = store.create_debrief("Survey").id
    attendees = {
        name: store.add(Attendee, debrief_id=did, name=name).id for name in "abcd"[:people]
    }
    for who, learned, again in answers:
        store.add(
            SurveyResponse,
            debrief_id=did,
            attendee_id=attendees.get(who),
            respondent=who,
            learned=learned,
            attend_again=again,
        )
    [row] = library_rows(store)
    metrics = debrief_metrics(store, did)
    assert (row.learned, row.would_attend) == (metrics.someone_learned, metrics.half_would_attend)


def test_a_survey_answer_of_an_attendee_of_another_debrief_counts_as_a_respondent(store):
    one, two = store.create_debrief("One").id, store.create_debrief("Two").id
    stranger = store.add(Attendee, debrief_id=two, name="Stranger").id
    store.add(Attendee, debrief_id=one, name="Ana")
    store.add(Attendee, debrief_id=one, name="Bo")
    store.add(
        SurveyResponse, debrief_id=one, attendee_id=stranger, respondent="S", attend_again=True
    )
    row = next(r for r in library_rows(store) if r.id == one)
    # Three people (Ana, Bo and the stranger); one "yes" is less than half.
    assert row.would_attend is debrief_metrics(store, one).half_would_attend is False


def test_rows_newest_meeting_first_and_the_trash_apart(store):
    a = store.create_debrief("A", meeting_date="2026-01-01").id
    b = store.create_debrief("B", meeting_date="2026-03-01").id
    c = store.create_debrief("C").id  # no meeting date yet: last
    d = store.create_debrief("D", meeting_date="2026-02-01").id
    assert [r.id for r in library_rows(store)] == [b, d, a, c]
    assert library_rows(store, trash=True) == []
    move_to_trash(store, d)
    assert [r.id for r in library_rows(store)] == [b, a, c]
    [trashed] = library_rows(store, trash=True)
    assert trashed.id == d and trashed.deleted_at is not None


def test_library_rows_are_one_query_not_one_per_debrief(store):
    for i in range(30):
        did = store.create_debrief(f"D{i}").id
        store.add(SurveyResponse, debrief_id=did, respondent="x", learned=True)
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        rows = library_rows(store)
    finally:
        store.db.conn.set_trace_callback(None)
    assert len(rows) == 30 and all(r.learned for r in rows)
    assert len(statements) <= 3


# ------------------------------------------------------------- recent list


def test_mark_opened_feeds_the_recent_list(store, clock):
    ids = [store.create_debrief(f"D{i}").id for i in range(10)]
    assert recent(store) == []
    for did in (ids[3], ids[1], ids[7], ids[3]):
        clock.advance(60)
        mark_opened(store, did)
    assert [r.id for r in recent(store)] == [ids[3], ids[7], ids[1]]
    assert recent(store)[0].opened_at == "2026-11-20T09:04:00+00:00"
    assert [r.id for r in recent(store, limit=2)] == [ids[3], ids[7]]
    move_to_trash(store, ids[7])
    assert [r.id for r in recent(store)] == [ids[3], ids[1]]


def test_the_recent_list_holds_at_most_eight_by_default(store, clock):
    for i in range(12):
        clock.advance(1)
        mark_opened(store, store.create_debrief(f"D{i}").id)
    assert [r.title for r in recent(store)] == [f"D{i}" for i in range(11, 3, -1)]


def test_opening_is_not_an_edit(store, clock):
    did = store.create_debrief("D").id
    before = store.get_debrief(did).updated_at
    clock.advance(3600)
    mark_opened(store, did)
    assert store.get_debrief(did).updated_at == before


@pytest.mark.parametrize("action", [mark_opened, move_to_trash, restore_from_trash])
def test_a_missing_debrief_is_reported(store, action):
    with pytest.raises(NotFoundError, match="no debrief with id 99"):
        action(store, 99)


# ------------------------------------------------------------------- trash


def test_trash_round_trip_keeps_everything(rich):
    store, did = rich
    before = comparable(dump_debrief(store, did))
    move_to_trash(store, did)
    assert library_rows(store) == []
    assert open_action_items(store) == []
    assert search(store, "canary") == []
    assert store.get_debrief(did).deleted_at == "2026-11-20T09:00:00+00:00"
    restore_from_trash(store, did)
    [row] = library_rows(store)
    assert row.id == did and row.deleted_at is None
    assert comparable(dump_debrief(store, did)) == before
    assert len(open_action_items(store)) == 4
    assert search(store, "canary")


def test_trashing_twice_keeps_the_first_time(store, clock):
    did = store.create_debrief("D").id
    move_to_trash(store, did)
    clock.advance(600)
    move_to_trash(store, did)
    assert store.get_debrief(did).deleted_at == "2026-11-20T09:00:00+00:00"


def test_empty_trash_deletes_for_good_and_only_the_trash(rich):
    store, did = rich
    keep = store.create_debrief("Keep").id
    store.add(Event, debrief_id=keep, text="kept canary")
    copy_id = duplicate_debrief(store, did)
    move_to_trash(store, did)
    move_to_trash(store, copy_id)
    assert empty_trash(store) == 2
    assert [r.id for r in library_rows(store)] == [keep]
    assert library_rows(store, trash=True) == []
    for kind in (Event, Attendee, PrivateNote, ActionItem, SurveyResponse, AgendaStep):
        assert {r.debrief_id for r in store.rows(kind)} <= {keep}
    assert {h.debrief_id for h in search(store, "canary", include_private=True)} == {keep}
    assert store.db.execute("SELECT count(*) FROM search_index").fetchone()[0] == 1
    assert empty_trash(store) == 0


def test_restoring_beside_a_debrief_that_took_its_uid_gives_it_a_new_uid(store):
    did = store.create_debrief("Old").id
    uid = store.get_debrief(did).uid
    move_to_trash(store, did)
    newer = store.create_debrief("New", uid=uid).id  # as an import with "replace" does
    restore_from_trash(store, did)
    assert store.get_debrief(newer).uid == uid
    assert UUID.fullmatch(store.get_debrief(did).uid) and store.get_debrief(did).uid != uid
    assert len(library_rows(store)) == 2


def test_two_live_debriefs_never_share_a_uid(store):
    uid = store.create_debrief("One").uid
    with pytest.raises(sqlite3.IntegrityError):
        store.create_debrief("Two", uid=uid)


# ------------------------------------------------------------- uid, create


def test_every_new_debrief_gets_a_uid_however_it_is_added(store):
    made = store.create_debrief("Made")
    added = store.add(Debrief, title="Added", created_at="x", updated_at="x")
    store.db.execute("INSERT INTO debrief (title, created_at, updated_at) VALUES ('raw', 'x', 'x')")
    uids = [d.uid for d in store.rows(Debrief)]
    assert all(UUID.fullmatch(u) for u in uids), uids
    assert len(set(uids)) == 3
    assert made.uid and added.uid


def test_new_debrief_starts_with_the_default_agenda(store):
    did = new_debrief(store, "Next week")
    d = store.get_debrief(did)
    assert d.title == "Next week" and d.deleted_at is None and UUID.fullmatch(d.uid)
    steps = store.rows(AgendaStep, debrief_id=did)
    assert [s.title for s in steps] == [p.title for p in load_template(store)]
    assert store.events(did) == [] and store.rows(Attendee, debrief_id=did) == []


def test_new_debrief_from_the_previous_one_copies_agenda_and_attendees_only(rich):
    store, prev = rich
    store.add(AgendaStep, debrief_id=prev, title="Our own step", hint="h", timebox_seconds=123)
    did = new_debrief(store, "Next", from_previous=prev)
    old_steps = store.rows(AgendaStep, debrief_id=prev)
    new_steps = store.rows(AgendaStep, debrief_id=did)
    shape = [(s.title, s.hint, s.timebox_seconds, s.scene) for s in old_steps]
    assert [(s.title, s.hint, s.timebox_seconds, s.scene) for s in new_steps] == shape
    assert any(s.done for s in old_steps)
    assert not any(s.done or s.actual_seconds or s.started_at for s in new_steps)
    assert all(s.elapsed_before == 0 for s in new_steps)
    people = [(a.name, a.role) for a in store.rows(Attendee, debrief_id=prev)]
    assert [(a.name, a.role) for a in store.rows(Attendee, debrief_id=did)] == people
    assert store.events(did) == []
    assert store.rows(SurveyResponse, debrief_id=did) == []
    assert store.rows(ActionItem, debrief_id=did) == []
    assert store.timer_state(did).elapsed_before == 0
    assert store.get_debrief(did).uid != store.get_debrief(prev).uid


def test_new_debrief_from_one_without_an_agenda_gets_the_default(store):
    prev = store.create_debrief("Bare").id
    store.add(Attendee, debrief_id=prev, name="Ana")
    did = new_debrief(store, "Next", from_previous=prev)
    assert len(store.rows(AgendaStep, debrief_id=did)) == len(load_template(store))
    assert [a.name for a in store.rows(Attendee, debrief_id=did)] == ["Ana"]


def test_new_debrief_from_a_missing_one_creates_nothing(store):
    with pytest.raises(NotFoundError):
        new_debrief(store, "Next", from_previous=42)
    assert store.rows(Debrief) == []


# ------------------------------------------------------------- duplicates


def test_duplicate_keeps_every_field(rich):
    store, did = rich
    copy_id = duplicate_debrief(store, did)
    original, copied = store.get_debrief(did), store.get_debrief(copy_id)
    assert copied.title == f"{original.title} (copy)"
    assert UUID.fullmatch(copied.uid) and copied.uid != original.uid
    assert comparable(dump_debrief(store, copy_id)) == comparable(dump_debrief(store, did))
    assert copied.opened_at is None and copied.deleted_at is None
    # Links to the library's question bank, which an export leaves out, are kept too.
    links = [q.question_id for q in store.prepared_questions(did)]
    assert any(links)
    assert [q.question_id for q in store.prepared_questions(copy_id)] == links
    [asked] = store.rows(AskedQuestion, debrief_id=copy_id)
    assert asked.question_id is not None
    # Both are found by search, separately.
    assert {h.debrief_id for h in search(store, "idempotency")} == {did, copy_id}


def test_duplicate_with_a_title(rich):
    store, did = rich
    copy_id = duplicate_debrief(store, did, "Rehearsal")
    assert store.get_debrief(copy_id).title == "Rehearsal"


def test_duplicate_of_a_missing_debrief(store):
    with pytest.raises(NotFoundError):
        duplicate_debrief(store, 5)


# ------------------------------------------------------- open action items


def test_open_action_items_across_debriefs(store):
    a = store.create_debrief("A", meeting_date="2026-01-01").id
    b = store.create_debrief("B", meeting_date="2026-02-01").id
    trashed = store.create_debrief("T").id

    def item(did: int, text: str, **fields: str) -> int:
        return store.add(ActionItem, debrief_id=did, text=text, **fields).id

    i1 = item(a, "no due, high", priority="high")
    i2 = item(a, "due later, low", priority="low", due="2026-05-01", owner="Bo")
    i3 = item(b, "due soon, unprioritized", due="2026-03-01")
    i4 = item(b, "due later, high", priority="high", due="2026-05-01")
    i5 = item(b, "due later, medium", priority="medium", due="2026-05-01")
    item(b, "done", status="done", due="2026-01-01")
    item(a, "dropped", status="dropped")
    item(trashed, "in the trash", due="2026-01-01")
    i6 = item(b, "no due, unprioritized")
    move_to_trash(store, trashed)
    found = open_action_items(store)
    assert [x.item_id for x in found] == [i3, i4, i5, i2, i1, i6]
    assert found[3] == OpenActionItem(a, "A", i2, "due later, low", "Bo", "low", "2026-05-01")


def test_open_action_items_of_the_demo(demo_store):
    store, did = demo_store
    found = open_action_items(store)
    assert [x.due for x in found] == ["2026-12-02", "2026-12-04", "2026-12-09", "2026-12-11"]
    assert {x.debrief_id for x in found} == {did}


def test_timestamps_come_from_the_injected_clock(store, clock):
    clock.moment = datetime(2027, 1, 2, 3, 4, 5, tzinfo=UTC)
    did = store.create_debrief("D").id
    mark_opened(store, did)
    move_to_trash(store, did)
    d = store.get_debrief(did)
    assert d.opened_at == d.deleted_at == "2027-01-02T03:04:05+00:00"
