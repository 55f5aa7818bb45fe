"""Full-text search across every debrief in the library (SQLite FTS5).

The index (``search_index``, schema version 3) holds event texts and actors,
accounts, shared notes, private notes, learnings and action items (with their
owners); triggers keep it in step with every edit. Words match whatever their
case and accents (``cafe`` finds ``Café``), in any script that separates words
with spaces or punctuation. Chinese, Japanese and Thai write sentences without
spaces, so a word of theirs is looked up as the start of a run of text.

What a person types is taken as plain words (:func:`plain_query`): quotes,
``*``, ``-``, ``AND``, ``NEAR`` and brackets are words like any other, and no
query raises. ``advanced=True`` hands the query to FTS5 as written (phrases,
``OR``, ``NOT``, prefixes ``deploy*``, ``NEAR(a b, 5)``); a malformed one raises
:class:`SearchError` with a message a person can act on.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from operator import itemgetter

from debrief_desktop.store.store import Store

#: Start and end of a match in :attr:`SearchHit.snippet`.
MARK_START = "\x02"
MARK_END = "\x03"
#: The kinds of text search finds, in the order the index codes them.
KINDS: tuple[str, ...] = ("event", "account", "note", "private_note", "learning", "action_item")
#: Kinds that are never shown to the room or exported: found only with ``include_private``.
PRIVATE_KINDS: frozenset[str] = frozenset({"private_note"})
SNIPPET_TOKENS = 24  # words of context around the match (FTS5 allows at most 64)
_PRIVATE_CODE = 4  # search_index rowids are id * 8 + code (migrations.V3)
#: The columns and tokenizer of ``search_index`` as migrations.V3 made it (a test holds them equal).
INDEX_COLUMNS = (
    "body, who, kind UNINDEXED, debrief_id UNINDEXED, event_id UNINDEXED,"
    " tokenize = 'unicode61 remove_diacritics 2'"
)
_CHUNK = 500  # ids per "IN (...)"

# Markers FTS5 puts into snippets: Unicode noncharacters, which no text typed or
# pasted carries, so a stray \x02 or \x03 in a note cannot pose as a match.
_OPEN, _CLOSE = "\ufdd0", "\ufdd1"
_SPACES = re.compile(r"\s+")
# Control characters end a query early inside SQLite (NUL) or mean nothing to a reader.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ufdd0\ufdd1]")


class SearchError(ValueError):
    """An advanced search query FTS5 cannot read; ``str()`` says what is wrong."""


@dataclass(frozen=True)
class SearchHit:
    """One text that matched a search.

    Attributes:
        debrief_id: the debrief the text belongs to.
        debrief_title: that debrief's title.
        event_id: the event to open the debrief at: the event itself, the event an
            account or note is about, or the first event (in timeline order) a
            learning or action item refers to; None when there is none.
        kind: ``event``, ``account``, ``note``, ``private_note``, ``learning`` or
            ``action_item``.
        row_id: the id of the row in the table of that kind (``account``: ``perspective``).
        snippet: plain text around the match, whitespace folded to single spaces, each
            match between :data:`MARK_START` and :data:`MARK_END`. When the match is in
            an event's actor or an action item's owner, the snippet starts with that
            name and `` — ``.
    """

    debrief_id: int
    debrief_title: str
    event_id: int | None
    kind: str
    row_id: int
    snippet: str


def plain_query(text: str) -> str:
    """What a person typed, as an FTS5 query that matches every word (in any order).

    Each word is quoted as an FTS5 string, so syntax characters and operators are
    words; repeated words count once. A word written in a script without spaces
    between words (Chinese, Japanese, Thai …) also matches the start of a longer
    run of text. Empty or whitespace-only text gives ``""``, which finds nothing.
    """
    text = _as_text(_CONTROL.sub(" ", text))
    parts = []
    for word in dict.fromkeys(text.split()):
        quoted = '"' + word.replace('"', '""') + '"'
        parts.append(quoted + "*" if _unspaced(word) else quoted)
    return " ".join(parts)


def _as_text(text: str) -> str:
    """NFC (what keyboards type), with lone surrogates (unencodable) replaced."""
    return unicodedata.normalize("NFC", text.encode("utf-8", "replace").decode("utf-8"))


def _unspaced(word: str) -> bool:
    """True for a word with letters of a script that does not put spaces between words."""
    for ch in word:
        code = ord(ch)
        if (
            0x0E00 <= code <= 0x0EFF  # Thai, Lao
            or 0x1780 <= code <= 0x17FF  # Khmer
            or 0x3040 <= code <= 0x30FF  # Hiragana, Katakana
            or 0x3400 <= code <= 0x4DBF  # CJK extension A
            or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
            or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
            or 0x20000 <= code <= 0x3FFFF  # CJK extensions B and later
        ):
            return True
    return False


def search(
    store: Store,
    query: str,
    *,
    include_private: bool = False,
    advanced: bool = False,
    limit: int = 100,
) -> list[SearchHit]:
    """The texts that match ``query`` in debriefs outside the trash, best match first.

    Ranked by FTS5's bm25 (more of the query's words, rarer words and shorter
    texts rank higher); ties go to the debrief with the later meeting date.

    Args:
        store: the library.
        query: what the person typed.
        include_private: also search private facilitator notes (the console only;
            never for anything the room or a reader of an export sees).
        advanced: use FTS5 query syntax as written instead of plain words.
        limit: at most this many hits.

    Raises:
        SearchError: ``advanced`` is set and the query is not valid FTS5 syntax.
    """
    fts = _as_text(query).strip() if advanced else plain_query(query)
    if not fts or limit <= 0:
        return []
    try:
        # Every match with its bm25 rank, unsorted: FTS5 sorting them costs twice as
        # much, and reading kind, debrief and event for every match of a common word
        # would cost more than the ranking. Those are read for the best few only.
        ranked: list[tuple[int, float]] = store.db.execute(
            "SELECT rowid, rank FROM search_index WHERE search_index MATCH ?", [fts]
        ).fetchall()
        ranked.sort(key=itemgetter(1))
        found = _best(store, ranked, limit, include_private)
        snippets = _snippets(store, fts, [row[0] for row in found])
    except sqlite3.OperationalError as exc:
        if not advanced or _not_the_query(exc):
            raise
        raise SearchError(_explain(query, exc)) from None
    linked = _first_linked_events(store, found)
    hits = []
    for rowid, kind, event_id, debrief_id, title in found:
        row_id = rowid // 8
        if event_id is None:
            event_id = linked.get((kind, row_id))
        hits.append(
            SearchHit(
                debrief_id=debrief_id,
                debrief_title=title,
                event_id=event_id,
                kind=kind,
                row_id=row_id,
                snippet=snippets.get(rowid, ""),
            )
        )
    return hits


_Found = tuple[int, str, int | None, int, str]  # index rowid, kind, event, debrief, title


def _best(
    store: Store, ranked: list[tuple[int, float]], limit: int, include_private: bool
) -> list[_Found]:
    """The first ``limit`` matches outside the trash; equal ranks by meeting date, latest first."""
    debriefs: dict[int, tuple[str, str] | None] = {}  # id -> (title, meeting date); None: trash
    out: list[_Found] = []
    start = 0
    while start < len(ranked) and len(out) < limit:
        end = start + 1
        while end < len(ranked) and ranked[end][1] == ranked[start][1]:
            end += 1
        group = _index_rows(
            store,
            [
                rowid
                for rowid, _ in ranked[start:end]
                if include_private or rowid % 8 != _PRIVATE_CODE
            ],
        )
        start = end
        _learn_debriefs(store, debriefs, {row[2] for row in group})
        tied = []
        for rowid, kind, debrief_id, event_id in group:
            about = debriefs.get(debrief_id)
            if about is not None:
                tied.append((about[1], rowid, kind, event_id, debrief_id, about[0]))
        tied.sort(key=lambda t: t[1])
        tied.sort(key=lambda t: t[0], reverse=True)  # stable: rowid order within a date
        out += [(rowid, kind, event, did, title) for _, rowid, kind, event, did, title in tied]
    return out[:limit]


def _index_rows(store: Store, rowids: list[int]) -> list[tuple[int, str, int, int | None]]:
    """(rowid, kind, debrief id, event id) of index rows, in the order given."""
    found: dict[int, tuple[int, str, int, int | None]] = {}
    for start in range(0, len(rowids), _CHUNK):
        chunk = rowids[start : start + _CHUNK]
        cur = store.db.execute(
            "SELECT rowid, kind, debrief_id, event_id FROM search_index"
            f" WHERE rowid IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        for rowid, kind, debrief_id, event_id in cur:
            found[rowid] = (rowid, kind, debrief_id, event_id)
    return [found[r] for r in rowids if r in found]


def _learn_debriefs(
    store: Store, known: dict[int, tuple[str, str] | None], wanted: set[int]
) -> None:
    ids = [i for i in wanted if i not in known]
    for i in ids:
        known[i] = None
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        cur = store.db.execute(
            "SELECT id, title, meeting_date FROM debrief WHERE deleted_at IS NULL"
            f" AND id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        for did, title, meeting in cur:
            known[did] = (title, meeting)


def _snippets(store: Store, fts: str, rowids: list[int]) -> dict[int, str]:
    """The marked-up snippet of each of a few index rows.

    FTS5 makes snippets only inside a MATCH query, and in a library index that
    query walks every match of a common word to reach the rows wanted. So the
    few texts are copied into a scratch in-memory index with the same columns and
    tokenizer, and the same query makes their snippets there.
    """
    texts: list[tuple[int, str, str]] = []
    for start in range(0, len(rowids), _CHUNK):
        chunk = rowids[start : start + _CHUNK]
        texts += store.db.execute(
            "SELECT rowid, body, who FROM search_index"
            f" WHERE rowid IN ({', '.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
    out: dict[int, str] = {}
    if not texts:
        return out
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(f"CREATE VIRTUAL TABLE search_index USING fts5({INDEX_COLUMNS})")
        scratch.executemany("INSERT INTO search_index (rowid, body, who) VALUES (?, ?, ?)", texts)
        cur = scratch.execute(
            "SELECT rowid,"
            f" snippet(search_index, 0, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_TOKENS}),"
            f" highlight(search_index, 1, '{_OPEN}', '{_CLOSE}')"
            " FROM search_index WHERE search_index MATCH ?",
            [fts],
        )
        for rowid, body, who in cur:
            text = _clean(body or "")
            if _OPEN in (who or ""):
                text = f"{_clean(who)} — {text}" if text else _clean(who)
            out[int(rowid)] = text.replace(_OPEN, MARK_START).replace(_CLOSE, MARK_END)
    finally:
        scratch.close()
    return out


def _clean(text: str) -> str:
    text = text.replace(MARK_START, "").replace(MARK_END, "")
    return _SPACES.sub(" ", text).strip()


def _first_linked_events(store: Store, found: list[_Found]) -> dict[tuple[str, int], int]:
    """For learnings and action items among the hits: the first event each refers to."""
    out: dict[tuple[str, int], int] = {}
    for kind, table, owner in (
        ("learning", "learning_event", "learning_id"),
        ("action_item", "action_item_event", "action_item_id"),
    ):
        ids = [int(row[0]) // 8 for row in found if row[1] == kind]
        if not ids:
            continue
        cur = store.db.execute(
            f"SELECT l.{owner}, l.event_id FROM {table} l JOIN event e ON e.id = l.event_id"
            f" WHERE l.{owner} IN ({', '.join('?' * len(ids))}) ORDER BY e.position DESC",
            ids,
        )
        for owner_id, event_id in cur:  # the last one written is the first in the timeline
            out[(kind, int(owner_id))] = int(event_id)
    return out


def _not_the_query(exc: sqlite3.OperationalError) -> bool:
    """True for an error about the file (locked, full, I/O) rather than the query."""
    text = str(exc).lower()
    return any(word in text for word in ("locked", "busy", "disk", "i/o", "readonly", "memory"))


def _explain(query: str, exc: sqlite3.OperationalError) -> str:
    detail = str(exc).removeprefix("fts5: ")
    if detail == 'syntax error near ""':
        detail = "it ends too early (an unfinished OR, AND, NOT, NEAR or bracket?)"
    elif detail.startswith("no such column"):
        detail += " (a word followed by ':' names a column; put the word in quotes)"
    elif detail.startswith("unterminated string"):
        detail = 'a quote (") is not closed'
    elif detail.startswith("unknown special query"):
        detail = "a query cannot start with '*'"
    return (
        f"cannot search for {query.strip()!r}: {detail}."
        " Put words with quotes, *, -, ':' or brackets in double quotes,"
        " or search without advanced syntax"
    )
