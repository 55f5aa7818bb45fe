"""The debrief JSON format: a whole debrief out and back in, and bad documents refused whole."""

from __future__ import annotations

import copy
import json

import pytest

from debrief_desktop.store import Store
from debrief_desktop.store.exchange import (
    FORMAT_VERSION,
    ExchangeFormatError,
    dump_debrief,
    dumps_debrief,
    load_debrief,
    parse_document,
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
    SurveyResponse,
    TimerState,
)


def without_stamp(doc: dict) -> dict:
    doc = copy.deepcopy(doc)
    doc.pop("exported_at")
    return doc


@pytest.fixture
def full(demo_store) -> tuple[Store, int]:
    """The demo debrief plus the parts the demo leaves empty."""
    store, did = demo_store
    first = store.events(did)[0]
    ana = store.rows(Attendee, debrief_id=did)[0]
    store.add(AgendaStep, debrief_id=did, title="Introduction", timebox_seconds=300)
    walk = store.add(
        AgendaStep,
        debrief_id=did,
        title="Walk the timeline",
        timebox_seconds=1800,
        scene="timeline",
        done=True,
        actual_seconds=1712,
    )
    store.add(
        SurveyResponse,
        debrief_id=did,
        attendee_id=ana.id,
        respondent=ana.name,
        learned=True,
        learned_what="the pool default",
        attend_again=None,
    )
    store.add(
        AskedQuestion,
        debrief_id=did,
        event_id=first.id,
        text="What did you see?",
        asked_at="2026-11-23T10:05:00+00:00",
    )
    store.add(
        PrivateNote,
        debrief_id=did,
        event_id=None,
        text="general private",
        created_at="2026-11-23T09:55:00+00:00",
    )
    store.save_timer_state(TimerState(did, 5400, True, "2026-11-23T10:00:00+00:00", 61.5, walk.id))
    store.update(AgendaStep, walk.id, started_at="2026-11-23T10:05:00+00:00", elapsed_before=30.0)
    events = store.events(did)
    learning = store.rows(Learning, debrief_id=did)[1]
    store.set_linked_events("learning_event", learning.id, [events[4].id, events[9].id])
    item = store.rows(ActionItem, debrief_id=did)[0]
    store.set_linked_events("action_item_event", item.id, [events[14].id])
    store.update(
        Debrief,
        did,
        intro="We are here to learn how it looked at the time.",
        na_reasons='{"guard_rails": "Covered under learnings"}',
    )
    return store, did


def test_round_trip_keeps_every_field_private_notes_included(full):
    store, did = full
    exported = dump_debrief(store, did)
    doc = parse_document(json.dumps(exported), "x.json")
    new_id = load_debrief(store, doc, "x.json", on_conflict="replace")
    assert new_id != did
    again = dump_debrief(store, new_id)
    assert without_stamp(again) == without_stamp(exported)
    assert any(e["private_notes"] for e in again["events"])
    assert again["private_notes"][-1] == {
        "text": "general private",
        "created_at": "2026-11-23T09:55:00+00:00",
    }
    walk_index = len(again["agenda"]) - 1
    assert again["agenda"][walk_index]["title"] == "Walk the timeline"
    assert again["timer"]["current_step"] == walk_index
    assert again["learnings"][1]["events"] == ["e5", "e10"]
    assert again["action_items"][0]["events"] == ["e15"]
    assert again["debrief"]["na_reasons"] == {"guard_rails": "Covered under learnings"}
    assert again["debrief"]["intro"].startswith("We are here")
    assert again["agenda"][walk_index]["elapsed_before"] == 30.0
    steps = store.rows(AgendaStep, debrief_id=new_id)
    assert store.timer_state(new_id).current_step_id == steps[walk_index].id
    assert again["survey"][0]["attendee"] == "a1"
    assert again["timer"]["elapsed_before"] == 61.5


def test_instants_are_iso_8601_with_their_offset_next_to_the_written_time(demo_store):
    store, did = demo_store
    first = dump_debrief(store, did)["events"][0]
    assert first["instant"] == "2026-11-18T13:52:00+00:00"
    assert first["time_text"] == "2026-11-18 13:52 UTC"
    assert first["precision"] == "exact"


def test_output_is_utf8_text_not_ascii_escapes(store):
    d = store.create_debrief("Ausfall \u2013 漢字 🚒")
    assert "漢字 🚒" in dumps_debrief(store, d.id)


def test_a_title_given_on_import_wins(demo_store):
    store, did = demo_store
    doc = dump_debrief(store, did)
    new_id = load_debrief(store, doc, "x.json", title="Renamed")
    assert store.get_debrief(new_id).title == "Renamed"


def test_minimal_document_needs_only_a_title(store):
    doc = {"format": "debrief-desktop", "format_version": 1, "debrief": {"title": "Bare"}}
    did = load_debrief(store, doc, "bare.json")
    assert store.get_debrief(did).timezone == "UTC"
    assert store.events(did) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "debrief-desktop", "format_version": NaN}', "NaN is not a number"),
        ("[" * 100_000, "nested too deeply"),
        (
            '{"format": "debrief-desktop",\n "format_version": 1,\n "debrief": {',
            "line 3: invalid JSON",
        ),
        ("[1, 2]", "format: not a debrief file"),
        ('{"format": "other", "format_version": 1}', "format: not a debrief file"),
        ('{"format": "debrief-desktop"}', "format_version: is missing"),
        (
            json.dumps({"format": "debrief-desktop", "format_version": FORMAT_VERSION + 1}),
            f"format_version: {FORMAT_VERSION + 1} is newer than this app reads",
        ),
    ],
)
def test_documents_that_are_not_debriefs_are_refused(text, message):
    with pytest.raises(ExchangeFormatError) as caught:
        parse_document(text, "in.json")
    assert str(caught.value).startswith("in.json: ")
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["debrief"].pop("title"), "debrief.title: is missing"),
        (
            lambda d: d["events"][3].update(precision="roughly"),
            "events[3].precision: 'roughly' is not one of",
        ),
        (lambda d: d["events"][2].update(kind="blame"), "events[2].kind: 'blame' is not one of"),
        (lambda d: d["events"][8]["perspectives"][0].update(attendee="a99"), "refers to 'a99'"),
        (lambda d: d["events"][0].update(pivot="yes"), "events[0].pivot: expected true or false"),
        (lambda d: d["action_items"][0].update(learning=42), "action_items[0].learning: 42"),
        (lambda d: d.update(attendees={"a": 1}), "attendees: expected a list"),
        (lambda d: d["events"][8]["perspectives"][0].update(attendee=[1]), "refers to [1]"),
        (lambda d: d["events"][0].update(instant="yesterday at tea"), "not an ISO 8601 time"),
        (lambda d: d["events"][0].update(instant="2026-11-18T13:52:00"), "with an offset"),
        (
            lambda d: d["events"][0].update(precision="unknown"),
            "precision says the time is unknown",
        ),
        (lambda d: d["events"][0].update(text="\ud800"), "not valid Unicode"),
        (lambda d: d["agenda"].append({"title": "x", "timebox_seconds": 1e30}), "not between 0"),
        (lambda d: d["timer"].update(budget_seconds=-5), "not between 0"),
        (lambda d: d["timer"].update(current_step=99), "not the index of an agenda step"),
        (lambda d: d["events"][0]["notes"].append({"text": "n", "created_at": "noon"}), "noon"),
        (lambda d: d["learnings"][0].update(events=[None]), "learnings[0].events[0]"),
        (lambda d: d["action_items"][0].update(events=["e999"]), "refers to 'e999'"),
        (lambda d: d["debrief"].update(na_reasons=["x"]), "na_reasons: expected an object"),
    ],
)
def test_a_bad_field_is_named_and_nothing_is_imported(demo_store, change, message):
    store, did = demo_store
    doc = dump_debrief(store, did)
    change(doc)
    before = (store.debriefs(), len(store.rows(Event)), len(store.rows(Attendee)))
    with pytest.raises(ExchangeFormatError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_debrief(store, doc, "in.json")
    assert (store.debriefs(), len(store.rows(Event)), len(store.rows(Attendee))) == before
