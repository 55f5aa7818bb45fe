"""Is the report ready to share? Every section filled or marked N/A with a reason.

The guide: "make sure that empty parts of the doc are either filled or marked
as N/A with an explanation", "ask the room if the impact assessment is
complete", "are the action items appropriate, prioritized and owned?". Before
exporting, the console lists the :class:`Problem` s found here and lets the
facilitator export anyway.

N/A reasons are stored per debrief as a JSON object in ``Debrief.na_reasons``,
keyed by the ``key`` of a :data:`SECTIONS` entry.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from debrief_desktop.store import Store
from debrief_desktop.store.models import (
    ActionItem,
    AgendaStep,
    AskedQuestion,
    Attendee,
    Debrief,
    GuardRail,
    Learning,
    Recipient,
    SurveyResponse,
)


@dataclass(frozen=True)
class Section:
    """A section of the report: its ``na_reasons`` key and its heading."""

    key: str
    title: str


SECTIONS: tuple[Section, ...] = (
    Section("attendees", "Attendees"),
    Section("distribution", "Distribution list"),
    Section("summary", "Summary"),
    Section("impact", "Impact"),
    Section("timeline", "Timeline"),
    Section("learnings", "Learnings"),
    Section("guard_rails", "Guard rails"),
    Section("action_items", "Action items"),
    Section("agenda", "Agenda"),
    Section("questions", "Questions asked"),
    Section("success_metrics", "Success metrics"),
)
SECTION_KEYS = frozenset(s.key for s in SECTIONS)
_TITLES = {s.key: s.title for s in SECTIONS}


@dataclass(frozen=True)
class Problem:
    """One thing to look at before sharing the report.

    Attributes:
        section: the ``key`` of the section it belongs to.
        kind: ``empty``, ``impact_unconfirmed``, ``no_facilitator``, ``no_note_taker``,
            ``no_owner`` or ``no_priority``.
        message: a sentence to show as it is.
        item_id: the action item concerned, for ``no_owner`` / ``no_priority``.
    """

    section: str
    kind: str
    message: str
    item_id: int | None = None

    def __str__(self) -> str:
        return self.message


def na_reasons(debrief: Debrief) -> dict[str, str]:
    """The debrief's N/A reasons by section key; blank or malformed entries are left out."""
    try:
        raw = json.loads(debrief.na_reasons or "{}")
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    return {
        str(key): value.strip()
        for key, value in raw.items()
        if isinstance(value, str) and value.strip()
    }


def short(text: str, limit: int = 60) -> str:
    """The first line of ``text``, cut to ``limit`` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def action_item_problems(items: Sequence[ActionItem]) -> list[Problem]:
    """Action items with no owner or no priority (dropped items need neither)."""
    problems: list[Problem] = []
    for number, item in enumerate(items, start=1):
        if item.status.strip().lower() == "dropped":
            continue
        label = f"Action item {number} “{short(item.text, 50)}”"
        if not item.owner.strip():
            problems.append(Problem("action_items", "no_owner", f"{label} has no owner.", item.id))
        if not item.priority.strip():
            problems.append(
                Problem("action_items", "no_priority", f"{label} has no priority.", item.id)
            )
    return problems


def find_problems(
    debrief: Debrief, counts: Mapping[str, int], action_items: Sequence[ActionItem]
) -> list[Problem]:
    """The problems of a debrief, from how many entries each section has.

    Args:
        debrief: the debrief (summary, impact, people, N/A reasons).
        counts: entries per section key (summary and impact are counted from ``debrief``).
        action_items: the action items, to check owners and priorities.
    """
    reasons = na_reasons(debrief)
    filled = dict(counts)
    filled["summary"] = int(bool(debrief.summary.strip()))
    filled["impact"] = int(bool(debrief.impact.strip()))
    problems: list[Problem] = []
    for section in SECTIONS:
        if filled.get(section.key, 0) == 0 and section.key not in reasons:
            problems.append(
                Problem(
                    section.key,
                    "empty",
                    f"{section.title}: empty. Fill it in or mark it N/A with a reason.",
                )
            )
    if filled["impact"] and not debrief.impact_complete:
        problems.append(
            Problem(
                "impact",
                "impact_unconfirmed",
                "Impact: the room has not yet confirmed the assessment is complete.",
            )
        )
    if not debrief.facilitator.strip():
        problems.append(Problem("attendees", "no_facilitator", "No facilitator is named."))
    if not debrief.note_taker.strip():
        problems.append(Problem("attendees", "no_note_taker", "No note-taker is named."))
    problems.extend(action_item_problems(action_items))
    order = {s.key: i for i, s in enumerate(SECTIONS)}
    return sorted(problems, key=lambda p: order.get(p.section, len(order)))


def section_counts(store: Store, debrief_id: int) -> dict[str, int]:
    """How many entries each list section of a debrief has."""
    count = {
        "attendees": Attendee,
        "distribution": Recipient,
        "learnings": Learning,
        "guard_rails": GuardRail,
        "action_items": ActionItem,
        "agenda": AgendaStep,
        "questions": AskedQuestion,
        "success_metrics": SurveyResponse,
    }
    counts = {key: len(store.rows(kind, debrief_id=debrief_id)) for key, kind in count.items()}
    row = store.db.execute("SELECT COUNT(*) FROM event WHERE debrief_id = ?", [debrief_id])
    counts["timeline"] = int(row.fetchone()[0])
    return counts


def check(store: Store, debrief_id: int) -> list[Problem]:
    """What is empty, unconfirmed or unowned in a debrief's report, in report order."""
    return find_problems(
        store.get_debrief(debrief_id),
        section_counts(store, debrief_id),
        store.rows(ActionItem, debrief_id=debrief_id),
    )


def section_title(key: str) -> str:
    """The heading of a section key (the key itself when unknown)."""
    return _TITLES.get(key, key)
