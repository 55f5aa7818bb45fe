"""Full-text search across the library: what it finds, what it never shows, what never breaks it."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pytest

from debrief_desktop.store import Store
from debrief_desktop.store.library import move_to_trash, restore_from_trash
from debrief_desktop.store.models import (
    ActionItem,
    Attendee,
    Debrief,
    Event,
    Learning,
    Note,
    Perspective,
    PrivateNote,
)
from debrief_desktop.store.search import (
    INDEX_COLUMNS,
    KINDS,
    MARK_END,
    MARK_START,
    SearchError,
    SearchHit,
    plain_query,
    search,
)

DATA = Path(__file__).parent / "data"
STAMP = "2026-11-23T10:00:00+00:00"


def marked(word: str) -> str:
    return f"{MARK_START}{word}{MARK_END}"


def index_rows(store: Store) -> set[tuple]:
    return set(
        store.db.execute(
            "SELECT rowid, body, who, kind, debrief_id, event_id FROM search_index"
        ).fetchall()
    )


def expected_index_rows(store: Store) -> set[tuple]:
    """What the index must hold, computed from the source tables."""
    q = store.db.execute
    rows = set()
    for i, t, a, d in q("SELECT id, text, actor, debrief_id FROM event"):
        rows.add((i * 8 + 1, t, a, "event", d, i))
    for i, acc, e, d in q(
        "SELECT p.id, p.account, p.event_id, e.debrief_id FROM perspective p"
        " JOIN event e ON e.id = p.event_id"
    ):
        rows.add((i * 8 + 2, acc, "", "account", d, e))
    for code, table in ((3, "note"), (4, "private_note")):
        for i, t, d, e in q(f"SELECT id, text, debrief_id, event_id FROM {table}"):
            rows.add((i * 8 + code, t, "", table, d, e))
    for i, t, d in q("SELECT id, text, debrief_id FROM learning"):
        rows.add((i * 8 + 5, t, "", "learning", d, None))
    for i, t, o, d in q("SELECT id, text, owner, debrief_id FROM action_item"):
        rows.add((i * 8 + 6, t, o, "action_item", d, None))
    return rows


def assert_index_in_sync(store: Store) -> None:
    assert index_rows(store) == expected_index_rows(store)
    # FTS5's own check: the full-text index agrees with the stored texts.
    store.db.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")


@pytest.fixture
def lib(demo_store) -> tuple[Store, int, dict[str, int]]:
    """The demo, plus one text of every searchable kind holding a word of its own."""
    store, did = demo_store
    events = store.events(did)
    ana = store.rows(Attendee, debrief_id=did)[0]
    ids = {
        "event": store.add(
            Event, debrief_id=did, text="The quokka dashboard went blank", actor="Ana"
        ).id,
        "account": store.set_perspective(
            events[3].id, ana.id, "I watched the wombat graph for ten minutes."
        ).id,
        "note": store.add(
            Note, debrief_id=did, event_id=events[4].id, text="Numbat alerts", created_at=STAMP
        ).id,
        "private_note": store.add(
            PrivateNote,
            debrief_id=did,
            event_id=events[5].id,
            text="Ask gently about the platypus",
            created_at=STAMP,
        ).id,
        "learning": store.add(Learning, debrief_id=did, text="The echidna cache is per pod").id,
        "action_item": store.add(
            ActionItem, debrief_id=did, text="Document the bilby runbook", owner="Kwame"
        ).id,
    }
    store.set_linked_events("learning_event", ids["learning"], [events[9].id, events[2].id])
    return store, did, ids


WORDS = {
    "event": "quokka",
    "account": "wombat",
    "note": "numbat",
    "private_note": "platypus",
    "learning": "echidna",
    "action_item": "bilby",
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_searchable_kind_is_found_with_the_match_marked(lib, kind):
    store, did, ids = lib
    [hit] = search(store, WORDS[kind], include_private=True)
    assert (hit.kind, hit.row_id, hit.debrief_id) == (kind, ids[kind], did)
    assert hit.debrief_title == store.get_debrief(did).title
    assert marked(WORDS[kind]) in hit.snippet.lower()
    assert hit.snippet.count(MARK_START) == hit.snippet.count(MARK_END) == 1


def test_hits_point_at_the_event_to_open(lib):
    store, did, ids = lib
    events = store.events(did)
    by_kind = {h.kind: h for w in WORDS.values() for h in search(store, w, include_private=True)}
    assert by_kind["event"].event_id == ids["event"]
    assert by_kind["account"].event_id == events[3].id
    assert by_kind["note"].event_id == events[4].id
    assert by_kind["private_note"].event_id == events[5].id
    # A learning opens at the first (in timeline order) event it refers to.
    assert by_kind["learning"].event_id == events[2].id
    assert by_kind["action_item"].event_id is None


def test_a_match_in_the_actor_or_owner_leads_the_snippet(lib):
    store, _, _ = lib
    [hit] = [h for h in search(store, "kwame bilby") if h.kind == "action_item"]
    assert hit.snippet.startswith(f"{marked('Kwame')} — Document the {marked('bilby')}")
    [event] = search(store, "ana quokka")
    assert event.snippet == f"{marked('Ana')} — The {marked('quokka')} dashboard went blank"


def test_private_notes_only_when_asked(lib):
    store, _, _ = lib
    assert search(store, "platypus") == []
    assert [h.kind for h in search(store, "platypus", include_private=True)] == ["private_note"]
    # Also when other kinds match the same word.
    store.add(Note, debrief_id=lib[1], text="platypus in a shared note", created_at=STAMP)
    assert {h.kind for h in search(store, "platypus")} == {"note"}
    assert {h.kind for h in search(store, "platypus", include_private=True)} == {
        "note",
        "private_note",
    }


def test_debriefs_in_the_trash_are_never_found(lib):
    store, did, _ = lib
    other = store.create_debrief("Other").id
    store.add(Event, debrief_id=other, text="another quokka sighting")
    assert {h.debrief_id for h in search(store, "quokka")} == {did, other}
    move_to_trash(store, did)
    assert {h.debrief_id for h in search(store, "quokka", include_private=True)} == {other}
    assert search(store, "platypus", include_private=True) == []
    restore_from_trash(store, did)
    assert {h.debrief_id for h in search(store, "quokka")} == {did, other}


def test_every_word_must_occur_in_any_order(lib):
    store, _, _ = lib
    assert [h.kind for h in search(store, "blank QUOKKA")] == ["event"]
    assert search(store, "quokka wombat") == []


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Le café était fermé", "cafe"),
        ("Le cafe etait ferme", "café"),
        ("Le cafe\u0301 (decomposed)", "CAFÉ"),
        ("Straßenbahn naïve Ångström", "angstrom"),
        ("Ошибка в базе данных", "ошибка"),
        ("خطأ في قاعدة البيانات", "البيانات"),
        ("שגיאה במסד הנתונים", "הנתונים"),
        ("数据库 连接 失败", "连接"),
        ("数据库连接失败", "数据库"),  # a run without spaces: found by its start
        ("デプロイが失敗した", "デプロイ"),
        ("Rollback done 🚒 by the 🔥 team", "rollback team"),
    ],
)
def test_accents_fold_and_other_scripts_match(store, text, query):
    did = store.create_debrief("Scripts").id
    store.add(Event, debrief_id=did, text=text)
    [hit] = search(store, query)
    assert MARK_START in hit.snippet


HOSTILE = [
    '"',
    '""',
    '"unbalanced',
    "unbalanced'",
    "*",
    "**",
    "-",
    "- -x",
    "AND",
    "OR",
    "NOT",
    "a OR",
    "OR a",
    "a AND",
    "NOT a",
    "NEAR(",
    "NEAR(a b",
    "NEAR(a b, x)",
    "(",
    ")",
    "(a",
    "a)",
    "a:b",
    "body:",
    ":",
    "^",
    "^a",
    "{body who}: x",
    "col*:",
    "a + b",
    "\\",
    "'; DROP TABLE event; --",
    "\x00",
    "a\x00b",
    "\ud800",
    "🔥",
    "🔥🔥 🚒",
    "👩‍👩‍👧",
    "خطأ",
    "數據庫",
    "\u200f\u200e",
    "\ufdd0",
    "   ",
    "",
    "\t\n",
    "x" * 10_000,
    " ".join(f"w{i}" for i in range(2_000)),
    '" * - AND OR NOT NEAR( ) ^ : ' * 400,
]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:20]))
def test_hostile_queries_never_raise(lib, query):
    store, _, _ = lib
    start = time.perf_counter()
    hits = search(store, query, include_private=True)
    assert isinstance(hits, list)
    assert time.perf_counter() - start < 2
    fts = plain_query(query)
    # Every word is one quoted FTS5 string (CJK words may end in a prefix star).
    assert re.fullmatch(r'("([^"]|"")*"\*? ?)*', fts)


def test_syntax_characters_are_plain_words(store):
    did = store.create_debrief("Words").id
    store.add(Event, debrief_id=did, text="Deploy AND rollback OR not: near(by) x-ray")
    assert len(search(store, "AND")) == 1
    assert len(search(store, "OR not")) == 1
    assert len(search(store, "near(by)")) == 1
    assert len(search(store, "x-ray")) == 1
    assert len(search(store, '"deploy')) == 1
    assert search(store, "-rollback") == search(store, "rollback")  # not "without rollback"


def test_plain_query_quotes_every_word():
    assert plain_query('say "hi" AND bye') == '"say" """hi""" "AND" "bye"'
    assert plain_query("a a A") == '"a" "A"'
    assert plain_query("NEAR(x") == '"NEAR(x"'
    assert plain_query("   \t ") == ""
    assert plain_query("数据库") == '"数据库"*'


def test_empty_query_finds_nothing(lib):
    store, _, _ = lib
    assert search(store, "") == []
    assert search(store, "   ") == []
    assert search(store, "", advanced=True) == []


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ("quokka OR wombat", {"event", "account"}),
        ('"quokka dashboard"', {"event"}),
        ('"dashboard quokka"', set()),
        ("quok*", {"event"}),
        ("NEAR(quokka blank, 3)", {"event"}),
        ("quokka NOT blank", set()),
        ("body: bilby", {"action_item"}),
        ("who: bilby", set()),
        ("who: kwame bilby", {"action_item"}),
    ],
)
def test_advanced_syntax(lib, query, kinds):
    store, _, _ = lib
    assert {h.kind for h in search(store, query, advanced=True)} == kinds


@pytest.mark.parametrize(
    "query", ['"', '"unbalanced', "NEAR(", "a OR", "*", "-", "AND", "(a", "nosuchcolumn: x", "\x00"]
)
def test_an_advanced_syntax_error_is_a_search_error(lib, query):
    store, _, _ = lib
    with pytest.raises(SearchError, match="cannot search for") as caught:
        search(store, query, advanced=True)
    assert not isinstance(caught.value, sqlite3.Error)
    assert "fts5" not in str(caught.value)


def test_snippets_are_plain_text_in_one_line(store):
    did = store.create_debrief("Layout").id
    text = "first line\n\nsecond\tline has the kiwi " + "filler words " * 40 + "end"
    store.add(Event, debrief_id=did, text=text)
    [hit] = search(store, "kiwi")
    assert "\n" not in hit.snippet and "\t" not in hit.snippet
    assert marked("kiwi") in hit.snippet
    assert hit.snippet.endswith("…")  # cut around the match, not the whole text


def test_marker_characters_in_a_text_cannot_pose_as_a_match(store):
    did = store.create_debrief("Markers").id
    store.add(Event, debrief_id=did, text=f"a {MARK_START}fake{MARK_END} mark and a kiwi")
    [hit] = search(store, "kiwi")
    assert hit.snippet == f"a fake mark and a {marked('kiwi')}"


def test_ranked_by_relevance_then_latest_meeting(store):
    old = store.create_debrief("Old", meeting_date="2025-01-01").id
    new = store.create_debrief("New", meeting_date="2026-06-01").id
    mid = store.create_debrief("Mid", meeting_date="2025-06-01").id
    for did in (old, new, mid):
        store.add(Event, debrief_id=did, text="the kiwi service was slow to answer requests")
    best = store.add(Event, debrief_id=old, text="kiwi kiwi").id
    hits = search(store, "kiwi")
    assert hits[0].row_id == best
    assert [h.debrief_title for h in hits[1:]] == ["New", "Mid", "Old"]


def test_limit(store):
    did = store.create_debrief("Many").id
    store.add_many(Event, ({"debrief_id": did, "text": f"kiwi {i}"} for i in range(30)))
    assert len(search(store, "kiwi", limit=7)) == 7
    assert len(search(store, "kiwi")) == 30
    assert search(store, "kiwi", limit=0) == []


def test_a_tie_beyond_the_limit_is_broken_by_meeting_date(store):
    # Many equal ranks: the latest meeting's texts come first even if added last.
    early = store.create_debrief("Early", meeting_date="2024-01-01").id
    late = store.create_debrief("Late", meeting_date="2026-01-01").id
    store.add_many(Event, ({"debrief_id": early, "text": "same kiwi text"} for _ in range(20)))
    store.add_many(Event, ({"debrief_id": late, "text": "same kiwi text"} for _ in range(5)))
    hits = search(store, "kiwi", limit=5)
    assert {h.debrief_id for h in hits} == {late}


def test_triggers_keep_the_index_in_step_with_edits(lib):
    store, did, ids = lib
    events = store.events(did)
    assert_index_in_sync(store)

    store.update(Event, ids["event"], text="The kakapo dashboard went blank")
    assert search(store, "quokka") == []
    assert [h.row_id for h in search(store, "kakapo")] == [ids["event"]]
    store.update(Event, ids["event"], actor="Bruno")
    assert [h.kind for h in search(store, "bruno")] == ["event"]
    store.update(ActionItem, ids["action_item"], owner="Sofia")
    assert [h.kind for h in search(store, "sofia bilby")] == ["action_item"]
    store.set_perspective(events[3].id, store.rows(Attendee, debrief_id=did)[0].id, "tui")
    assert search(store, "wombat") == [] and len(search(store, "tui")) == 1
    store.update(Note, ids["note"], event_id=None)
    [note] = search(store, "numbat")
    assert note.event_id is None
    store.move(Event, ids["event"], 0)  # moving reorders; it must not lose the text
    assert_index_in_sync(store)

    store.remove(Learning, ids["learning"])
    assert search(store, "echidna") == []
    store.remove(Event, events[3].id)  # its account goes with it (cascade)
    assert search(store, "tui") == []
    store.remove(Event, events[4].id)  # the note on it stays, no longer tied to an event
    assert_index_in_sync(store)

    # Undo of a removal puts the row back with the same id: it is searchable again.
    row = store.get(PrivateNote, ids["private_note"])
    store.remove(PrivateNote, row.id)
    assert search(store, "platypus", include_private=True) == []
    store.add(PrivateNote, **row.__dict__)
    assert [h.row_id for h in search(store, "platypus", include_private=True)] == [row.id]
    assert_index_in_sync(store)


def test_deleting_a_debrief_empties_its_part_of_the_index(lib):
    store, did, _ = lib
    keep = store.create_debrief("Keep").id
    store.add(Event, debrief_id=keep, text="a quokka elsewhere")
    before = len(index_rows(store))
    store.remove(Debrief, did)
    assert [h.debrief_id for h in search(store, "quokka")] == [keep]
    assert search(store, "platypus", include_private=True) == []
    assert len(index_rows(store)) == 1 < before
    assert_index_in_sync(store)


def test_a_failed_transaction_leaves_the_index_as_it_was(lib):
    store, did, _ = lib
    before = index_rows(store)
    with pytest.raises(RuntimeError), store.atomic():
        store.add(Event, debrief_id=did, text="kiwi that never was")
        store.remove(Debrief, did)
        raise RuntimeError
    assert index_rows(store) == before
    assert search(store, "kiwi") == []


def test_the_scratch_index_for_snippets_matches_the_library_index(store):
    sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'search_index'").fetchone()
    assert (
        " ".join(sql[0].split())
        == f"CREATE VIRTUAL TABLE search_index USING fts5( {INDEX_COLUMNS} )"
    )


def test_hits_are_frozen_values():
    hit = SearchHit(1, "t", None, "event", 2, "s")
    with pytest.raises(AttributeError):
        hit.kind = "note"  # type: ignore[misc]


# ----------------------------------------------------------------- migrations


def make_file(fixture: Path, path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.close()
    return path


@pytest.mark.parametrize("version", [1, 2, 3])
def test_a_released_library_is_searchable_after_opening(tmp_path, version):
    path = make_file(DATA / f"library-schema-{version}.sql", tmp_path / "library.sqlite")
    with Store.open(path) as s:
        [debrief] = s.rows(Debrief)
        assert re.fullmatch(
            r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", debrief.uid
        )
        assert debrief.deleted_at is None
        assert_index_in_sync(s)
        kinds = {h.kind for h in search(s, "canary", include_private=True)}
        assert {"event", "note", "learning", "action_item"} <= kinds
        assert {h.kind for h in search(s, "idempotency")} >= {"action_item"}
        accounts = [h for h in search(s, "runbook") if h.kind == "account"]
        assert accounts and all(s.get(Perspective, h.row_id) for h in accounts)
        assert [h.kind for h in search(s, "refunds discussion", include_private=True)] == [
            "private_note"
        ]
        assert search(s, "refunds discussion") == []
        # Edits after the migration are indexed by the triggers.
        s.add(Event, debrief_id=debrief.id, text="a kiwi after the upgrade")
        assert len(search(s, "kiwi")) == 1
        assert_index_in_sync(s)


def test_every_debrief_gets_its_own_uid_in_the_migration(tmp_path):
    path = make_file(DATA / "library-schema-2.sql", tmp_path / "library.sqlite")
    conn = sqlite3.connect(path)
    for i in range(2, 40):
        conn.execute(
            "INSERT INTO debrief (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
            [i, f"D{i}", STAMP, STAMP],
        )
    conn.commit()
    conn.close()
    with Store.open(path) as s:
        uids = [d.uid for d in s.rows(Debrief)]
    assert len(set(uids)) == len(uids) == 39
