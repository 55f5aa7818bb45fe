"""Sharing one debrief as a .debrief file between two libraries, and the conflicts it can meet."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from debrief_desktop.facilitation.demo import install_demo
from debrief_desktop.store import Store
from debrief_desktop.store.exchange import (
    FORMAT_VERSION,
    ExchangeFormatError,
    dump_debrief,
    dumps_debrief,
    find_conflict,
    load_debrief,
    parse_document,
    read_document,
)
from debrief_desktop.store.library import library_rows, move_to_trash, restore_from_trash
from debrief_desktop.store.models import (
    ActionItem,
    AgendaStep,
    AskedQuestion,
    Attendee,
    Debrief,
    Learning,
    PrivateNote,
    SurveyResponse,
    TimerState,
)
from debrief_desktop.store.search import search


def without_stamp(doc: dict) -> dict:
    doc = copy.deepcopy(doc)
    doc.pop("exported_at")
    return doc


@pytest.fixture
def mine(tmp_path, clock) -> Iterator[tuple[Store, int]]:
    """The sharing facilitator's library file: the demo with every part filled in."""
    store = Store.open(tmp_path / "mine.sqlite", now=clock)
    did = install_demo(store)
    events = store.events(did)
    people = store.rows(Attendee, debrief_id=did)
    steps = store.rows(AgendaStep, debrief_id=did)
    store.add(
        SurveyResponse,
        debrief_id=did,
        attendee_id=people[0].id,
        respondent=people[0].name,
        learned=True,
        learned_what="the pool default",
        attend_again=None,
    )
    store.add(SurveyResponse, debrief_id=did, respondent="Guest", learned=False, attend_again=True)
    store.add(
        AskedQuestion,
        debrief_id=did,
        event_id=events[2].id,
        text="How did it look then?",
        asked_at="2026-11-23T10:05:00+00:00",
    )
    store.add(
        PrivateNote,
        debrief_id=did,
        event_id=events[6].id,
        text="Ask Noor gently — 日本語 and עברית too",
        created_at="2026-11-23T09:55:00+00:00",
    )
    store.update(AgendaStep, steps[1].id, done=True, actual_seconds=290)
    store.update(AgendaStep, steps[2].id, started_at="2026-11-23T10:05:00+00:00", elapsed_before=30)
    store.save_timer_state(
        TimerState(did, 5400, True, "2026-11-23T10:00:00+00:00", 61.5, steps[2].id)
    )
    learning = store.rows(Learning, debrief_id=did)[1]
    store.set_linked_events("learning_event", learning.id, [events[4].id, events[9].id])
    item = store.rows(ActionItem, debrief_id=did)[0]
    store.set_linked_events("action_item_event", item.id, [events[14].id])
    store.update(Debrief, did, intro="We learn.", na_reasons='{"guard_rails": "covered"}')
    yield store, did
    store.close()


@pytest.fixture
def theirs(tmp_path, clock) -> Iterator[Store]:
    """Another facilitator's library file, with a debrief of its own."""
    store = Store.open(tmp_path / "theirs.sqlite", now=clock)
    store.create_debrief("Their own debrief")
    yield store
    store.close()


def share(store: Store, did: int, path: Path) -> Path:
    path.write_text(dumps_debrief(store, did), encoding="utf-8")
    return path


def counts(store: Store) -> dict[str, int]:
    names = [
        r[0]
        for r in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_index_%'"
        )
    ]
    return {n: store.db.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}


def test_sharing_between_two_library_files_keeps_every_field(mine, theirs, tmp_path):
    store, did = mine
    path = share(store, did, tmp_path / "outage.debrief")
    new_id = load_debrief(theirs, read_document(path), path.name)
    exported = dump_debrief(store, did)
    imported = dump_debrief(theirs, new_id)
    assert without_stamp(imported) == without_stamp(exported)
    assert imported["debrief"]["uid"] == store.get_debrief(did).uid
    assert any(e["private_notes"] for e in imported["events"])
    assert imported["survey"][1]["respondent"] == "Guest"
    assert imported["timer"]["current_step"] == 2
    # The import is a debrief like any other there: listed and searchable.
    assert {r.title for r in library_rows(theirs)} == {
        "Their own debrief",
        store.get_debrief(did).title,
    }
    assert [h.debrief_id for h in search(theirs, "idempotency")] == [new_id]
    assert [h.kind for h in search(theirs, "עברית", include_private=True)] == ["private_note"]


def test_no_conflict_the_first_time(mine, theirs, tmp_path):
    store, did = mine
    doc = read_document(share(store, did, tmp_path / "x.debrief"))
    assert find_conflict(theirs, doc) is None
    assert find_conflict(store, doc) == did


def test_keep_both(mine, theirs, tmp_path):
    store, did = mine
    path = share(store, did, tmp_path / "x.debrief")
    first = load_debrief(theirs, read_document(path), path.name)
    doc = read_document(path)
    assert find_conflict(theirs, doc) == first
    second = load_debrief(theirs, doc, path.name, on_conflict="keep_both")
    a, b = theirs.get_debrief(first), theirs.get_debrief(second)
    assert b.title == f"{a.title} (imported)"
    assert b.uid != a.uid == doc["debrief"]["uid"]
    assert len(library_rows(theirs)) == 3
    assert without_stamp(dump_debrief(theirs, first)) == without_stamp(dump_debrief(store, did))
    again = dump_debrief(theirs, second)
    again["debrief"]["title"], again["debrief"]["uid"] = a.title, a.uid
    assert without_stamp(again) == without_stamp(dump_debrief(theirs, first))
    # Keep both is the default, and a title given for the import is used as given.
    third = load_debrief(theirs, doc, path.name, title="Copy for the review")
    assert theirs.get_debrief(third).title == "Copy for the review"


def test_replace(mine, theirs, tmp_path):
    store, did = mine
    path = share(store, did, tmp_path / "x.debrief")
    first = load_debrief(theirs, read_document(path), path.name)
    theirs.update(Debrief, first, summary="their local edit")
    # The sharer edits the debrief and shares it again.
    store.update(Debrief, did, summary="the sharer's newer summary")
    share(store, did, path)
    doc = read_document(path)
    second = load_debrief(theirs, doc, path.name, on_conflict="replace")
    new = theirs.get_debrief(second)
    assert new.uid == doc["debrief"]["uid"] and new.summary == "the sharer's newer summary"
    assert new.title == store.get_debrief(did).title  # no "(imported)"
    # The one replaced is in the trash, whole, not gone.
    [trashed] = library_rows(theirs, trash=True)
    assert trashed.id == first and theirs.get_debrief(first).summary == "their local edit"
    assert [r.title for r in library_rows(theirs)].count(new.title) == 1
    assert find_conflict(theirs, doc) == second
    assert {h.debrief_id for h in search(theirs, "idempotency")} == {second}
    # Restoring it puts it beside the import, under a new uid.
    restore_from_trash(theirs, first)
    assert theirs.get_debrief(first).uid != new.uid
    assert len(library_rows(theirs)) == 3


def test_a_debrief_in_the_trash_is_no_conflict(mine, theirs, tmp_path):
    store, did = mine
    path = share(store, did, tmp_path / "x.debrief")
    first = load_debrief(theirs, read_document(path), path.name)
    move_to_trash(theirs, first)
    doc = read_document(path)
    assert find_conflict(theirs, doc) is None
    second = load_debrief(theirs, doc, path.name, on_conflict="keep_both")
    assert theirs.get_debrief(second).uid == doc["debrief"]["uid"]
    assert "(imported)" not in theirs.get_debrief(second).title


@pytest.mark.parametrize("choice", ["keep_both", "replace"])
def test_the_source_file_is_never_modified(mine, theirs, tmp_path, choice):
    store, did = mine
    path = share(store, did, tmp_path / "x.debrief")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    before = path.read_bytes(), path.stat().st_mtime
    for _ in range(2):  # the second import meets a conflict
        load_debrief(theirs, read_document(path), path.name, on_conflict=choice)
    assert (path.read_bytes(), path.stat().st_mtime) == before
    assert sorted(p.name for p in tmp_path.iterdir() if "x.debrief" in p.name) == ["x.debrief"]


def test_an_older_export_without_a_uid_imports_and_never_conflicts(mine, theirs, tmp_path):
    store, did = mine
    doc = dump_debrief(store, did)
    del doc["debrief"]["uid"]
    doc["format_version"] = 1
    assert find_conflict(store, doc) is None
    new_id = load_debrief(store, doc, "old.json")
    assert store.get_debrief(new_id).uid not in ("", store.get_debrief(did).uid)
    assert store.get_debrief(new_id).title == store.get_debrief(did).title


BAD_FILES = {
    "newer": lambda doc: json.dumps({**doc, "format_version": FORMAT_VERSION + 1}).encode(),
    "truncated": lambda doc: json.dumps(doc).encode()[:500],
    "empty": lambda doc: b"",
    "binary": lambda doc: bytes(range(256)) * 4,
    "latin-1": lambda doc: (
        json.dumps(doc, ensure_ascii=False).encode("latin-1", "replace") + b"\xe9"
    ),
    "sqlite": lambda doc: b"SQLite format 3\x00" + bytes(200),
    "other json": lambda doc: json.dumps({"format": "something-else", "debrief": {}}).encode(),
    "a list": lambda doc: b"[1, 2, 3]",
    "no debrief": lambda doc: json.dumps(
        {"format": "debrief-desktop", "format_version": 2}
    ).encode(),
    "bad event": lambda doc: json.dumps(
        {**doc, "events": [*doc["events"][:3], {"precision": "sometimes"}]}
    ).encode(),
    "bad uid": lambda doc: json.dumps({**doc, "debrief": {**doc["debrief"], "uid": 7}}).encode(),
    "long uid": lambda doc: json.dumps(
        {**doc, "debrief": {**doc["debrief"], "uid": "u" * 1000}}
    ).encode(),
}


@pytest.mark.parametrize("kind", BAD_FILES)
@pytest.mark.parametrize("choice", ["keep_both", "replace"])
def test_a_bad_debrief_file_is_refused_and_nothing_changes(mine, tmp_path, kind, choice):
    store, did = mine
    doc = dump_debrief(store, did)  # the same uid: "replace" would trash the original
    path = tmp_path / "bad.debrief"
    path.write_bytes(BAD_FILES[kind](doc))
    before = counts(store), dump_debrief(store, did), store.get_debrief(did)
    with pytest.raises(ExchangeFormatError) as caught:
        load_debrief(store, read_document(path), path.name, on_conflict=choice)
    assert str(caught.value).startswith(str(path)) or str(caught.value).startswith(path.name)
    after = counts(store), dump_debrief(store, did), store.get_debrief(did)
    assert without_stamp(after[1]) == without_stamp(before[1])
    assert (after[0], after[2]) == (before[0], before[2])


def test_the_refusal_says_what_is_wrong(tmp_path):
    newer = tmp_path / "newer.debrief"
    newer.write_text(json.dumps({"format": "debrief-desktop", "format_version": 99}))
    with pytest.raises(ExchangeFormatError, match="newer than this app reads"):
        read_document(newer)
    binary = tmp_path / "photo.debrief"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(ExchangeFormatError, match="line 1: not UTF-8 text"):
        read_document(binary)
    other = tmp_path / "other.debrief"
    other.write_text('{"format": "other"}')
    with pytest.raises(ExchangeFormatError, match="not a debrief file"):
        read_document(other)


def test_a_byte_order_mark_is_fine(mine, tmp_path):
    store, did = mine
    path = tmp_path / "bom.debrief"
    path.write_bytes(b"\xef\xbb\xbf" + dumps_debrief(store, did).encode())
    assert read_document(path)["debrief"]["title"] == store.get_debrief(did).title


def test_an_unknown_conflict_choice_is_refused_before_anything_is_written(mine):
    store, did = mine
    before = counts(store)
    with pytest.raises(ValueError, match="on_conflict"):
        load_debrief(store, dump_debrief(store, did), "x", on_conflict="merge")  # type: ignore[arg-type]
    assert counts(store) == before


def test_a_database_error_during_replace_rolls_everything_back(mine, tmp_path, monkeypatch):
    store, did = mine
    doc = parse_document(dumps_debrief(store, did), "x.debrief")
    before = counts(store)
    real_add = Store.add

    def failing_add(self, kind, /, **fields):
        if kind is SurveyResponse:
            raise sqlite3.OperationalError("disk I/O error")
        return real_add(self, kind, **fields)

    monkeypatch.setattr(Store, "add", failing_add)
    with pytest.raises(sqlite3.OperationalError):
        load_debrief(store, doc, "x.debrief", on_conflict="replace")
    monkeypatch.undo()
    assert counts(store) == before
    assert store.get_debrief(did).deleted_at is None
