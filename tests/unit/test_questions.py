"""The question bank: shipped questions, seeding, ordering for an event, search, exchange."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from debrief_desktop.facilitation import questions as qb
from debrief_desktop.facilitation.agenda import default_template, shipped_intro
from debrief_desktop.facilitation.hints import find_hints, shipped_rules
from debrief_desktop.facilitation.questions import Source
from debrief_desktop.store.models import EventKind, PreparedQuestion, Question

GUIDE = Path(__file__).resolve().parents[3] / "shared" / "seed" / "facilitation-guide.md"
CLOSED_OPENERS = {
    "did", "do", "does", "is", "was", "were", "are", "can", "could", "would", "should",
    "have", "has", "had", "will", "shall", "may", "might", "isn't", "wasn't", "didn't",
}  # fmt: skip
GUIDE_CATEGORIES = {
    "cues", "context", "rationale", "knowledge", "state_of_mind", "mental_models",
    "action_factors", "help_signals", "confirm_timeline", "learnings", "steer", "naive",
}  # fmt: skip


def q(qid: int, text: str, category: str = "cues", kinds: str = "", builtin: bool = True):
    return Question(qid, text, category, kinds, builtin)


# -------------------------------------------------------------- shipped bank


def test_the_shipped_bank_has_at_least_80_open_questions_in_the_guides_categories():
    bank = qb.shipped_bank()
    assert len(bank.questions) >= 80
    assert {c.id for c in bank.categories} == GUIDE_CATEGORIES
    counts = {c: 0 for c in GUIDE_CATEGORIES}
    for question in bank.questions:
        counts[question.category] += 1
        first = question.text.split()[0].casefold().strip(",")
        assert first not in CLOSED_OPENERS, f"a yes/no question: {question.text}"
        assert first != "why", question.text
        assert question.text.endswith(("?", ".")), question.text
        assert set(question.kinds) <= {k.value for k in EventKind}
    assert min(counts.values()) >= 5, counts
    texts = [qb.normalize(x.text) for x in bank.questions]
    assert len(texts) == len(set(texts))


def test_every_category_says_how_to_frame_a_question():
    bank = qb.shipped_bank()
    assert "how" in bank.framing.casefold() and "why" in bank.framing.casefold()
    for category in bank.categories:
        assert category.name and "how" in category.how.casefold(), category.id


def test_the_shipped_questions_use_blameless_language():
    for question in qb.shipped_bank().questions:
        assert find_hints(question.text) == [], question.text


def test_what_we_ship_is_written_in_our_own_words():
    """No run of eight words from the facilitation guide appears in our texts."""
    if not GUIDE.is_file():
        pytest.skip("the facilitation guide is not beside this checkout")

    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9']+", text.casefold().replace("\u2019", "'"))
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    guide = shingles(GUIDE.read_text(encoding="utf-8"))
    bank = qb.shipped_bank()
    ours = [bank.framing, shipped_intro()]
    ours += [q.text for q in bank.questions] + [c.how for c in bank.categories]
    ours += [f"{p.title}. {p.hint}" for p in default_template()]
    ours += [r.suggestion for r in shipped_rules().rules]
    for text in ours:
        shared = shingles(text) & guide
        assert not shared, f"copied from the guide: {' '.join(next(iter(shared)))!r}"


def test_how_hints_point_out_why_questions():
    assert "why" in qb.how_hint("Why did the pool shrink?", "").casefold()[:40]
    assert qb.how_hint("How did it look?", "cues") == qb.shipped_bank().categories[0].how
    assert qb.how_hint("How did it look?", "my own") == qb.shipped_bank().framing


# ----------------------------------------------------------------- seeding


def test_the_bank_is_seeded_into_the_library_once(store):
    shipped = len(qb.shipped_bank().questions)
    assert qb.ensure_seeded(store) == shipped
    assert qb.ensure_seeded(store) == 0
    rows = store.rows(Question)
    assert len(rows) == shipped and all(r.builtin for r in rows)
    # A shipped question the facilitator removed does not come back...
    store.remove(Question, rows[0].id)
    assert qb.ensure_seeded(store) == 0
    # ...until a newer bank is shipped, which adds only what is missing.
    store.set_setting(qb.SEEDED_KEY, "0")
    assert qb.ensure_seeded(store) == 1
    assert len(store.rows(Question)) == shipped


# ----------------------------------------------------------------- ordering


def test_prepared_then_kind_then_the_rest():
    bank = [
        q(1, "How did you notice?", "cues", "observation"),
        q(2, "What options did you see?", "rationale", "decision"),
        q(3, "What surprised you?", "learnings"),
        q(4, "How did you settle on it?", "rationale", "decision,action"),
    ]
    prepared = [
        PreparedQuestion(7, 1, "What did the dashboard show at 14:05?", None),
        PreparedQuestion(8, 1, "What options did you see?", 2),
    ]
    ordered = qb.order_for_event(bank, prepared, "decision")
    assert [(s.text, s.source) for s in ordered] == [
        ("What did the dashboard show at 14:05?", Source.PREPARED),
        ("What options did you see?", Source.PREPARED),  # shown once, as prepared
        ("How did you settle on it?", Source.KIND),
        ("How did you notice?", Source.OTHER),
        ("What surprised you?", Source.OTHER),
    ]
    assert ordered[1].prepared_id == 8 and ordered[1].question_id == 2
    assert ordered[1].category == "rationale"


def test_without_an_event_every_question_is_in_bank_order():
    bank = [q(5, "b", "naive"), q(1, "a", "steer"), q(9, "c", "my own"), q(2, "d", "cues")]
    ordered = qb.order_for_event(bank, [], None)
    assert [s.text for s in ordered] == ["d", "a", "b", "c"]  # category order, own last
    assert {s.source for s in ordered} == {Source.OTHER}


def test_search_needs_every_word_in_any_case_and_order():
    bank = [
        q(1, "How much pressure did you feel?", "state_of_mind"),
        q(2, "What pressure came from the customer side?", "context"),
        q(3, "Who else was involved?", "confirm_timeline"),
    ]
    ordered = qb.order_for_event(bank, [], None)
    assert [s.question_id for s in qb.filter_suggestions(ordered, "PRESSURE")] == [2, 1]
    assert [s.question_id for s in qb.filter_suggestions(ordered, "feel pressure")] == [1]
    assert qb.filter_suggestions(ordered, "pressure nobody") == []
    assert len(qb.filter_suggestions(ordered, "  ")) == 3
    # The category's name is searched too.
    assert [s.question_id for s in qb.filter_suggestions(ordered, "confirming")] == [3]


def test_category_filter():
    bank = [q(1, "alpha", "cues"), q(2, "beta", "naive"), q(3, "gamma", "naive")]
    ordered = qb.order_for_event(bank, [], None)
    assert [s.question_id for s in qb.filter_suggestions(ordered, "", "naive")] == [2, 3]
    assert [s.question_id for s in qb.filter_suggestions(ordered, "gamma", "naive")] == [3]
    assert qb.filter_suggestions(ordered, "alpha", "naive") == []


# ----------------------------------------------------------------- exchange


def test_export_writes_own_questions_unless_asked_for_all():
    bank = [q(1, "Shipped?", "cues"), q(2, "Mine?", "naive", "decision", builtin=False)]
    own = json.loads(qb.export_bank(bank))
    assert own["format"] == qb.BANK_FORMAT
    assert own["questions"] == [{"text": "Mine?", "category": "naive", "kinds": ["decision"]}]
    assert [c["id"] for c in own["categories"]] == ["naive"]
    everything = json.loads(qb.export_bank(bank, include_builtin=True))
    assert [x["text"] for x in everything["questions"]] == ["Shipped?", "Mine?"]


def test_import_leaves_out_texts_the_library_has():
    text = qb.export_bank(
        [
            q(1, "What  did you SEE?", builtin=False),
            q(2, "Where did it start?", builtin=False),
            q(3, "where did it start?", builtin=False),
        ],
        include_builtin=True,
    )
    bank = qb.parse_bank_file(text, "mine.json")
    rows = qb.new_rows(bank, [q(9, "what did you see?")])
    assert rows == [
        {"text": "Where did it start?", "category": "cues", "kinds": "", "builtin": False}
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"questions": [\n  {"text": "a"},\n  oops]}', "line 3"),
        ('{"format": "something-else", "questions": []}', "format"),
        ('{"questions": [{"text": "a"}, {"text": "  "}]}', r"questions\[1\]\.text"),
        ('{"questions": [{"text": "a", "kinds": ["meeting"]}]}', r"questions\[0\]\.kinds"),
        ('{"questions": [{"text": "a", "category": 3}]}', r"questions\[0\]\.category"),
        ('{"questions": []}', "no questions"),
        ("[1, 2]", "object"),
    ],
)
def test_a_malformed_question_file_is_refused_whole(text, where):
    with pytest.raises(qb.BankError, match=where):
        qb.parse_bank_file(text, "in.json")


def test_kinds_round_trip_through_the_column():
    assert qb.join_kinds(["decision", " action", "decision", ""]) == "decision,action"
    assert qb.kinds_of(q(1, "x", kinds="decision,action")) == ("decision", "action")
    assert qb.kinds_of(q(1, "x")) == ()
