"""The question bank: shipped open questions, the library's own, ordering, search, exchange.

The bank ships in ``resources/questions.json``: categories (each with a hint on "how"
framing) and open questions, each with a category and the event kinds it suits. It is
copied into the library's ``question`` table once (``builtin = 1``), so the facilitator's
own questions (``builtin = 0``) sit beside it and are kept across debriefs. The setting
:data:`SEEDED_KEY` records which version of the shipped bank was copied: a newer shipped
bank adds only the questions whose text the library does not have yet, and a shipped
question the facilitator removed does not come back until the bank's version changes.

Exchange: :func:`export_bank` writes the facilitator's own questions (the shipped ones
are in every install already; ``include_builtin=True`` writes them too) as JSON;
:func:`parse_bank_file` reads such a file whole before anything is added — a malformed
file is refused with the place of the problem — and :func:`new_rows` leaves out questions
whose text the library already has, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from debrief_desktop.resources import read_text
from debrief_desktop.store import Store
from debrief_desktop.store.models import EventKind, PreparedQuestion, Question

BANK_FORMAT = "debrief-desktop-questions"
#: Library setting: the version of the shipped bank copied into the library (JSON number).
SEEDED_KEY = "questions.seeded"
MAX_QUESTION_CHARS = 2000
_KINDS = frozenset(k.value for k in EventKind)

__all__ = [
    "BANK_FORMAT",
    "SEEDED_KEY",
    "Bank",
    "BankError",
    "BankQuestion",
    "Category",
    "Source",
    "Suggestion",
    "category_name",
    "ensure_seeded",
    "export_bank",
    "filter_suggestions",
    "how_hint",
    "join_kinds",
    "kinds_of",
    "new_rows",
    "normalize",
    "order_for_event",
    "parse_bank",
    "parse_bank_file",
    "shipped_bank",
]


class BankError(ValueError):
    """A question file that cannot be used; the message says where."""


@dataclass(frozen=True)
class Category:
    """A category of questions, with its advice on "how" framing."""

    id: str
    name: str
    how: str


@dataclass(frozen=True)
class BankQuestion:
    """A question as a file holds it."""

    text: str
    category: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Bank:
    """A parsed question file."""

    version: int
    framing: str
    categories: tuple[Category, ...]
    questions: tuple[BankQuestion, ...]


def _fail(source: str, where: str, message: str) -> BankError:
    return BankError(f"{source}: {where}: {message}" if where else f"{source}: {message}")


def parse_bank(text: str, source: str = "questions") -> Bank:
    """Read a question file (the shipped bank or an exported one), whole or not at all.

    Raises:
        BankError: not JSON, or a question is malformed (the message names it).
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(
            source, f"line {exc.lineno} column {exc.colno}", f"not JSON ({exc.msg})"
        ) from None
    if not isinstance(doc, dict):
        raise _fail(source, "", "expected a JSON object")
    if doc.get("format", BANK_FORMAT) != BANK_FORMAT:
        raise _fail(source, "format", f"expected {BANK_FORMAT!r}, found {doc.get('format')!r}")
    version = doc.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        raise _fail(source, "version", "expected a whole number")
    framing = doc.get("framing", "")
    if not isinstance(framing, str):
        raise _fail(source, "framing", "expected text")
    categories: list[Category] = []
    for i, raw in enumerate(_list(doc, "categories", source)):
        where = f"categories[{i}]"
        if not isinstance(raw, dict):
            raise _fail(source, where, "expected an object")
        values = [raw.get(k, "") for k in ("id", "name", "how")]
        if not all(isinstance(v, str) for v in values) or not values[0].strip():
            raise _fail(source, where, "needs a text id, name and how")
        categories.append(Category(values[0].strip(), values[1].strip(), values[2].strip()))
    questions: list[BankQuestion] = []
    for i, raw in enumerate(_list(doc, "questions", source)):
        where = f"questions[{i}]"
        if not isinstance(raw, dict):
            raise _fail(source, where, "expected an object")
        q_text = raw.get("text")
        if not isinstance(q_text, str) or not q_text.strip():
            raise _fail(source, f"{where}.text", "a question needs text")
        if len(q_text) > MAX_QUESTION_CHARS:
            raise _fail(source, f"{where}.text", f"longer than {MAX_QUESTION_CHARS} characters")
        category = raw.get("category", "")
        if not isinstance(category, str):
            raise _fail(source, f"{where}.category", "expected text")
        kinds = raw.get("kinds", [])
        if isinstance(kinds, str):
            kinds = [k for k in kinds.split(",") if k.strip()]
        if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
            raise _fail(source, f"{where}.kinds", "expected a list of event kinds")
        unknown = [k for k in kinds if k.strip() not in _KINDS]
        if unknown:
            raise _fail(
                source,
                f"{where}.kinds",
                f"{unknown[0]!r} is not an event kind ({', '.join(sorted(_KINDS))})",
            )
        clean = tuple(dict.fromkeys(k.strip() for k in kinds))
        questions.append(BankQuestion(" ".join(q_text.split()), category.strip(), clean))
    return Bank(version, framing.strip(), tuple(categories), tuple(questions))


def _list(doc: dict[str, Any], key: str, source: str) -> list[Any]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise _fail(source, key, "expected a list")
    return value


def parse_bank_file(text: str, source: str) -> Bank:
    """Read a question file to import; like :func:`parse_bank`, but it must hold questions."""
    bank = parse_bank(text, source)
    if not bank.questions:
        raise _fail(source, "questions", "the file holds no questions")
    return bank


@cache
def shipped_bank() -> Bank:
    """The question bank that ships with the app."""
    return parse_bank(read_text("questions.json"), "resources/questions.json")


def category_name(category: str) -> str:
    """How a category is shown: the shipped name, or the facilitator's own word as written."""
    for c in shipped_bank().categories:
        if c.id == category:
            return c.name
    return category or "Uncategorized"


def how_hint(text: str, category: str) -> str:
    """The "how" framing advice for a question: its category's, with a note on "why" openers."""
    hint = next((c.how for c in shipped_bank().categories if c.id == category), "")
    hint = hint or shipped_bank().framing
    if normalize(text).startswith(("why ", "why'", "why\u2019")):
        return (
            "This one starts with \u201cwhy\u201d: try \u201chow\u201d or \u201cwhat\u201d. " + hint
        )
    return hint


def normalize(text: str) -> str:
    """A question's text for comparing: case and spacing do not matter."""
    return " ".join(text.casefold().split())


def kinds_of(question: Question) -> tuple[str, ...]:
    """The event kinds a question suits (empty: any)."""
    return tuple(k.strip() for k in question.kinds.split(",") if k.strip())


def join_kinds(kinds: Iterable[str]) -> str:
    """Event kinds as the ``question.kinds`` column keeps them."""
    return ",".join(dict.fromkeys(k.strip() for k in kinds if k.strip()))


def ensure_seeded(store: Store) -> int:
    """Copy the shipped bank into the library if this version was not copied yet.

    One transaction. Returns the number of questions added. Not an undoable edit: it is
    part of opening a library, like a migration.
    """
    bank = shipped_bank()
    seen = store.setting(SEEDED_KEY)
    try:
        seeded_version = int(json.loads(seen)) if seen is not None else 0
    except (ValueError, TypeError):
        seeded_version = 0
    if seeded_version >= bank.version:
        return 0
    with store.atomic():
        have = {normalize(q.text) for q in store.rows(Question)}
        rows = [
            {"text": q.text, "category": q.category, "kinds": join_kinds(q.kinds), "builtin": True}
            for q in bank.questions
            if normalize(q.text) not in have
        ]
        for row in rows:
            store.add(Question, **row)
        store.set_setting(SEEDED_KEY, json.dumps(bank.version))
    return len(rows)


def new_rows(bank: Bank, existing: Iterable[Question]) -> list[dict[str, Any]]:
    """Rows to add for an imported file: the facilitator's own, minus texts already there."""
    have = {normalize(q.text) for q in existing}
    rows: list[dict[str, Any]] = []
    for q in bank.questions:
        key = normalize(q.text)
        if key in have:
            continue
        have.add(key)
        rows.append(
            {"text": q.text, "category": q.category, "kinds": join_kinds(q.kinds), "builtin": False}
        )
    return rows


def export_bank(questions: Iterable[Question], include_builtin: bool = False) -> str:
    """Questions as a JSON file another library can import (own questions unless asked)."""
    chosen = [q for q in questions if include_builtin or not q.builtin]
    used = {q.category for q in chosen}
    doc = {
        "format": BANK_FORMAT,
        "version": 1,
        "categories": [
            {"id": c.id, "name": c.name, "how": c.how}
            for c in shipped_bank().categories
            if c.id in used
        ],
        "questions": [
            {"text": q.text, "category": q.category, "kinds": list(kinds_of(q))} for q in chosen
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------ ordering


class Source(StrEnum):
    """Why a question is offered where it is."""

    PREPARED = "prepared"  # attached to this event before the meeting
    KIND = "kind"  # suits this event's kind
    OTHER = "other"


@dataclass(frozen=True)
class Suggestion:
    """A question offered for the focused event."""

    text: str
    category: str
    source: Source
    question_id: int | None  # the bank question (None for a prepared question typed freely)
    prepared_id: int | None = None
    builtin: bool = False
    haystack: str = ""  # casefolded text and category name, for search

    @property
    def how(self) -> str:
        """The "how" framing advice for this question."""
        return how_hint(self.text, self.category)


def _category_rank() -> dict[str, int]:
    return {c.id: i for i, c in enumerate(shipped_bank().categories)}


def _suggestion(
    text: str, category: str, source: Source, question_id: int | None, **extra: Any
) -> Suggestion:
    haystack = f"{text} {category_name(category)} {category}".casefold()
    return Suggestion(text, category, source, question_id, haystack=haystack, **extra)


def order_for_event(
    questions: Sequence[Question],
    prepared: Sequence[PreparedQuestion],
    kind: str | None,
) -> list[Suggestion]:
    """The bank for one event: its prepared questions, then those suiting its kind, then the rest.

    Within a group, questions keep the bank's category order and then the order they were
    added; a question appears once (a prepared copy of a bank question hides the original).
    """
    by_id = {q.id: q for q in questions}
    out: list[Suggestion] = []
    taken_ids: set[int] = set()
    taken_texts: set[str] = set()
    for p in prepared:
        source_q = by_id.get(p.question_id) if p.question_id is not None else None
        out.append(
            _suggestion(
                p.text,
                source_q.category if source_q else "",
                Source.PREPARED,
                p.question_id,
                prepared_id=p.id,
                builtin=source_q.builtin if source_q else False,
            )
        )
        if p.question_id is not None:
            taken_ids.add(p.question_id)
        taken_texts.add(normalize(p.text))
    rank = _category_rank()
    rest = sorted(
        (q for q in questions if q.id not in taken_ids and normalize(q.text) not in taken_texts),
        key=lambda q: (rank.get(q.category, len(rank)), q.id),
    )
    suits = [q for q in rest if kind and kind in kinds_of(q)]
    suit_ids = {q.id for q in suits}
    for group, source in (
        (suits, Source.KIND),
        ([q for q in rest if q.id not in suit_ids], Source.OTHER),
    ):
        for q in group:
            out.append(_suggestion(q.text, q.category, source, q.id, builtin=q.builtin))
    return out


def filter_suggestions(
    suggestions: Sequence[Suggestion], query: str = "", category: str | None = None
) -> list[Suggestion]:
    """The suggestions whose text (or category) holds every word of ``query``, any case.

    ``category`` keeps one category only (a prepared question typed freely has none).
    """
    words = query.casefold().split()
    return [
        s
        for s in suggestions
        if (not category or s.category == category) and all(w in s.haystack for w in words)
    ]
