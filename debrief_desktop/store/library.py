"""The library of debriefs: the listing, the recent list, the trash, duplicates, open action items.

A debrief in the trash (``deleted_at`` set) is left out of the listing, the
recent list, search and the open action items until it is restored;
:func:`empty_trash` deletes it for good. Creating a debrief with the default
agenda needs the facilitation layer, so it lives in
:mod:`debrief_desktop.facilitation.library_ops` (``new_debrief``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from debrief_desktop.store import errors
from debrief_desktop.store.models import AskedQuestion
from debrief_desktop.store.store import Store


@dataclass(frozen=True)
class LibraryRow:
    """One debrief as the library view lists it.

    Attributes:
        open_action_items: its action items whose status is ``open``.
        learned: at least one person learned one thing that changes how they work
            (None: nobody answered the survey yet).
        would_attend: at least half of the people would attend another debrief
            (None: nobody answered the survey yet).
        opened_at: when it was last opened (None: never, since the library had a recent list).
        deleted_at: when it went to the trash (None: it is not in the trash).
    """

    id: int
    title: str
    incident_date: str
    meeting_date: str
    event_count: int
    open_action_items: int
    learned: bool | None
    would_attend: bool | None
    updated_at: str
    opened_at: str | None
    deleted_at: str | None


@dataclass(frozen=True)
class OpenActionItem:
    """An action item still open, with the debrief it came from."""

    debrief_id: int
    debrief_title: str
    item_id: int
    text: str
    owner: str
    priority: str
    due: str


_ROW_SQL = """
SELECT d.id, d.title, d.incident_date, d.meeting_date,
    (SELECT count(*) FROM event e WHERE e.debrief_id = d.id),
    (SELECT count(*) FROM action_item a WHERE a.debrief_id = d.id AND a.status = 'open'),
    (SELECT count(*) FROM attendee p WHERE p.debrief_id = d.id),
    d.updated_at, d.opened_at, d.deleted_at
FROM debrief d
"""


def library_rows(store: Store, *, trash: bool = False) -> list[LibraryRow]:
    """Every debrief outside the trash (newest meeting first), or with ``trash`` only those in it.

    The trash is listed most recently deleted first.
    """
    if trash:
        where = "WHERE d.deleted_at IS NOT NULL ORDER BY d.deleted_at DESC, d.id DESC"
    else:
        where = "WHERE d.deleted_at IS NULL ORDER BY d.meeting_date DESC, d.id DESC"
    return _rows(store, _ROW_SQL + where, [])


def recent(store: Store, limit: int = 8) -> list[LibraryRow]:
    """The debriefs opened most recently (outside the trash), latest first."""
    return _rows(
        store,
        _ROW_SQL + "WHERE d.deleted_at IS NULL AND d.opened_at IS NOT NULL"
        " ORDER BY d.opened_at DESC, d.id DESC LIMIT ?",
        [max(0, limit)],
    )


def _rows(store: Store, sql: str, params: Sequence[Any]) -> list[LibraryRow]:
    rows = store.db.execute(sql, params).fetchall()
    measures = _survey_measures(store, {int(r[0]): int(r[6]) for r in rows})
    out = []
    for did, title, incident, meeting, events, open_items, _, updated, opened, deleted in rows:
        learned, attend = measures.get(did, (None, None))
        out.append(
            LibraryRow(
                id=did,
                title=title,
                incident_date=incident,
                meeting_date=meeting,
                event_count=events,
                open_action_items=open_items,
                learned=learned,
                would_attend=attend,
                updated_at=updated,
                opened_at=opened,
                deleted_at=deleted,
            )
        )
    return out


def _survey_measures(
    store: Store, attendee_counts: dict[int, int]
) -> dict[int, tuple[bool | None, bool | None]]:
    """Per debrief: (someone learned, at least half would attend again).

    The same rules as ``facilitation.metrics.compute`` (a test holds them equal):
    a later answer of the same person replaces an earlier one; the people are
    the attendees plus respondents who are not on the attendee list.
    """
    if not attendee_counts:
        return {}
    cur = store.db.execute(
        "SELECT s.debrief_id, s.id, s.respondent, s.learned, s.attend_again,"
        " CASE WHEN s.attendee_id IN (SELECT a.id FROM attendee a"
        "   WHERE a.debrief_id = s.debrief_id) THEN s.attendee_id END"
        " FROM survey_response s ORDER BY s.debrief_id, s.id"
    )
    latest: dict[int, dict[tuple[str, object], tuple[Any, Any]]] = {}
    for did, rid, respondent, learned, attend, attendee in cur:
        if did not in attendee_counts:
            continue
        if attendee is not None:
            key: tuple[str, object] = ("attendee", attendee)
        else:
            name = str(respondent).strip().casefold()
            key = ("respondent", name) if name else ("response", rid)
        answers = latest.setdefault(did, {})
        answers.pop(key, None)
        answers[key] = (learned, attend)
    out: dict[int, tuple[bool | None, bool | None]] = {}
    for did, answers in latest.items():
        people = attendee_counts[did] + sum(1 for key in answers if key[0] != "attendee")
        learned_count = sum(1 for lrn, _ in answers.values() if lrn == 1)
        attend_count = sum(1 for _, att in answers.values() if att == 1)
        out[did] = (learned_count >= 1, 2 * attend_count >= people if people else None)
    return out


def mark_opened(store: Store, debrief_id: int) -> None:
    """Record that a debrief was opened now (the recent list); its ``updated_at`` stays."""
    with store.atomic():
        _change(store, "UPDATE debrief SET opened_at = ? WHERE id = ?", store.now(), debrief_id)


def move_to_trash(store: Store, debrief_id: int) -> None:
    """Put a debrief in the trash (kept until the trash is emptied; restore brings it back)."""
    with store.atomic():
        _change(
            store,
            "UPDATE debrief SET deleted_at = COALESCE(deleted_at, ?) WHERE id = ?",
            store.now(),
            debrief_id,
        )


def restore_from_trash(store: Store, debrief_id: int) -> None:
    """Take a debrief out of the trash.

    If another debrief with the same uid came into the library meanwhile (an
    import that replaced this one), the restored one gets a new uid: both stay.
    """
    with store.atomic():
        row = store.db.execute("SELECT uid FROM debrief WHERE id = ?", [debrief_id]).fetchone()
        if row is None:
            raise errors.NotFoundError(f"no debrief with id {debrief_id}")
        taken = store.db.execute(
            "SELECT 1 FROM debrief WHERE uid = ? AND deleted_at IS NULL AND id <> ?",
            [row[0], debrief_id],
        ).fetchone()
        uid = new_uid() if taken else row[0]
        store.db.execute(
            "UPDATE debrief SET deleted_at = NULL, uid = ? WHERE id = ?", [uid, debrief_id]
        )


def empty_trash(store: Store) -> int:
    """Delete every debrief in the trash for good, with everything in it; returns how many."""
    with store.atomic():
        cur = store.db.execute("DELETE FROM debrief WHERE deleted_at IS NOT NULL")
        return int(cur.rowcount)


def duplicate_debrief(store: Store, debrief_id: int, title: str | None = None) -> int:
    """Copy a debrief with everything in it (one transaction); returns the copy's id.

    The copy gets a new uid and, unless ``title`` is given, the title "… (copy)";
    it starts outside the trash and not in the recent list. Links to the
    library's question bank are kept too.
    """
    # Imported here: exchange uses this module for uids and the trash.
    from debrief_desktop.store.exchange import dump_debrief, load_debrief

    doc = dump_debrief(store, debrief_id)
    doc["debrief"].pop("uid", None)
    new_title = title or f"{doc['debrief']['title']} (copy)"
    with store.atomic():
        copy_id = load_debrief(store, doc, f"debrief {debrief_id}", new_title)
        _copy_bank_links(
            store,
            [q.question_id for q in store.prepared_questions(debrief_id)],
            [q.id for q in store.prepared_questions(copy_id)],
            "prepared_question",
        )
        _copy_bank_links(
            store,
            [q.question_id for q in store.rows(AskedQuestion, debrief_id=debrief_id)],
            [q.id for q in store.rows(AskedQuestion, debrief_id=copy_id)],
            "asked_question",
        )
    return copy_id


def _copy_bank_links(
    store: Store, links: Iterable[int | None], ids: Iterable[int], table: str
) -> None:
    for link, row_id in zip(links, ids, strict=True):
        if link is not None:
            store.db.execute(f"UPDATE {table} SET question_id = ? WHERE id = ?", [link, row_id])


def open_action_items(store: Store) -> list[OpenActionItem]:
    """Every open action item of the debriefs outside the trash.

    Soonest due first (no due date last), then high, medium, low, unprioritized,
    then by debrief (latest meeting first) and the debrief's own order.
    """
    cur = store.db.execute(
        "SELECT a.debrief_id, d.title, a.id, a.text, a.owner, a.priority, a.due"
        " FROM action_item a JOIN debrief d ON d.id = a.debrief_id"
        " WHERE a.status = 'open' AND d.deleted_at IS NULL"
        " ORDER BY a.due = '', a.due,"
        " CASE lower(a.priority) WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2"
        " ELSE 3 END,"
        " d.meeting_date DESC, a.debrief_id DESC, a.position"
    )
    return [OpenActionItem(*row) for row in cur]


def new_uid() -> str:
    """A new random debrief uid (a UUID)."""
    return str(uuid.uuid4())


def live_debrief_with_uid(store: Store, uid: str) -> int | None:
    """The debrief outside the trash that has this uid, if any."""
    row = store.db.execute(
        "SELECT id FROM debrief WHERE uid = ? AND deleted_at IS NULL", [uid]
    ).fetchone()
    return None if row is None else int(row[0])


def _change(store: Store, sql: str, value: Any, debrief_id: int) -> None:
    if store.db.execute(sql, [value, debrief_id]).rowcount == 0:
        raise errors.NotFoundError(f"no debrief with id {debrief_id}")


__all__ = [
    "LibraryRow",
    "OpenActionItem",
    "duplicate_debrief",
    "empty_trash",
    "library_rows",
    "live_debrief_with_uid",
    "mark_opened",
    "move_to_trash",
    "new_uid",
    "open_action_items",
    "recent",
    "restore_from_trash",
]
