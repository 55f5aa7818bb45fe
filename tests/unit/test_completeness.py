"""Completeness: every section filled or N/A with a reason; action items owned and prioritized."""

from __future__ import annotations

import json

from debrief_desktop.facilitation.completeness import SECTIONS, check, na_reasons
from debrief_desktop.store import Store
from debrief_desktop.store.models import ActionItem, Debrief, Event, GuardRail


def kinds(problems: list) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    return {(p.section, p.kind) for p in problems}


def test_an_empty_debrief_lists_every_section(store: Store) -> None:
    did = store.create_debrief("Empty").id
    problems = check(store, did)
    assert [p.section for p in problems if p.kind == "empty"] == [s.key for s in SECTIONS]
    assert ("attendees", "no_facilitator") in kinds(problems)
    assert ("attendees", "no_note_taker") in kinds(problems)
    assert all(str(p) == p.message and p.message for p in problems)


def test_filled_sections_and_na_with_a_reason_are_accepted(store: Store) -> None:
    reasons = {s.key: "Not relevant here" for s in SECTIONS if s.key not in ("summary", "impact")}
    reasons["timeline"] = "   "  # a blank reason is no reason
    did = store.create_debrief(
        "Reasons",
        summary="What happened",
        facilitator="Ana",
        note_taker="Bo",
        na_reasons=json.dumps(reasons),
    ).id
    assert kinds(check(store, did)) == {("impact", "empty"), ("timeline", "empty")}
    store.update(Debrief, did, impact="Slow checkouts", impact_complete=False)
    store.add(
        Event,
        debrief_id=did,
        time_text="",
        instant=None,
        precision="unknown",
        timezone="",
        actor="",
        kind="note",
        text="x",
        pivot=False,
    )
    assert kinds(check(store, did)) == {("impact", "impact_unconfirmed")}
    store.update(Debrief, did, impact_complete=True)
    assert check(store, did) == []


def test_action_items_without_owner_or_priority(store: Store) -> None:
    did = store.create_debrief("Actions").id
    common = {"debrief_id": did, "due": "", "status": "open", "learning_id": None}
    ok = store.add(ActionItem, text="Owned", owner="Ana", priority="high", **common)
    no_owner = store.add(ActionItem, text="Orphan", owner=" ", priority="low", **common)
    neither = store.add(ActionItem, text="Vague", owner="", priority="", **common)
    store.add(ActionItem, text="Dropped", owner="", priority="", **{**common, "status": "dropped"})
    found = [(p.kind, p.item_id) for p in check(store, did) if p.section == "action_items"]
    assert found == [
        ("no_owner", no_owner.id),
        ("no_owner", neither.id),
        ("no_priority", neither.id),
    ]
    assert ok.id not in {item for _, item in found}
    messages = [p.message for p in check(store, did) if p.item_id == no_owner.id]
    assert messages == ["Action item 2 “Orphan” has no owner."]


def test_the_demo_debrief(demo_store: tuple[Store, int]) -> None:
    store, did = demo_store
    assert kinds(check(store, did)) == {
        ("impact", "impact_unconfirmed"),
        ("questions", "empty"),
        ("success_metrics", "empty"),
    }
    store.add(GuardRail, debrief_id=did, status="proposed", text="more")  # no change
    assert len(check(store, did)) == 3


def test_malformed_na_reasons_are_ignored(store: Store) -> None:
    d = store.create_debrief("Bad", na_reasons="[1, 2]")
    assert na_reasons(d) == {}
    d = store.update(Debrief, d.id, na_reasons='{"agenda": 3, "learnings": " why "}')
    assert na_reasons(d) == {"learnings": "why"}
