"""The guide's two success measures of a debrief, and their trend across the library.

The guide ("Success Metrics") asks two things at the close of a debrief:

- Did at least one person learn one thing that will affect how they work?
- Did at least half of the attendees say they would attend another debrief?

The first counts ``yes`` answers. The second is measured against the people in
the room: every attendee, plus anyone who answered the survey without being on
the attendee list. Someone who did not answer has not said "yes", so an
unanswered survey never makes the second measure easier to reach.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from debrief_desktop.store import Store
from debrief_desktop.store.models import Attendee, SurveyResponse


@dataclass(frozen=True)
class SuccessMetrics:
    """Survey counts of one debrief and the two measures computed from them.

    Attributes:
        people: attendees plus respondents who are not on the attendee list.
        responses: survey responses counted (one per person; a later answer replaces an earlier).
        learned: how many said they learned one thing that will change how they work.
        not_learned: how many said they did not.
        attend_again: how many said they would attend another debrief like this.
        not_attend_again: how many said they would not.
        learned_what: what people said they learned (non-empty answers, in survey order).
    """

    people: int
    responses: int
    learned: int
    not_learned: int
    attend_again: int
    not_attend_again: int
    learned_what: tuple[str, ...] = ()

    @property
    def measured(self) -> bool:
        """True when anyone answered the survey at all."""
        return self.responses > 0

    @property
    def someone_learned(self) -> bool | None:
        """At least one person learned one thing; None when nobody answered."""
        return self.learned >= 1 if self.measured else None

    @property
    def half_would_attend(self) -> bool | None:
        """At least half of the people would attend again; None when nobody answered."""
        if not self.measured or self.people == 0:
            return None
        return 2 * self.attend_again >= self.people

    @property
    def half_needed(self) -> int:
        """The smallest number of "would attend again" answers that is at least half."""
        return (self.people + 1) // 2

    @property
    def learned_share(self) -> float | None:
        """Share of the people who learned something (0..1), None when not measured."""
        return self.learned / self.people if self.measured and self.people else None

    @property
    def attend_share(self) -> float | None:
        """Share of the people who would attend again (0..1), None when not measured."""
        return self.attend_again / self.people if self.measured and self.people else None


def compute(attendees: Sequence[Attendee], responses: Iterable[SurveyResponse]) -> SuccessMetrics:
    """The success metrics of one debrief from its attendees and survey responses.

    A response tied to an attendee replaces an earlier response of the same
    attendee; a response without an attendee is one more person, named by its
    ``respondent`` text (the same name twice is one person).
    """
    known = {a.id for a in attendees}
    latest: dict[tuple[str, object], SurveyResponse] = {}
    for r in responses:
        if r.attendee_id is not None and r.attendee_id in known:
            key: tuple[str, object] = ("attendee", r.attendee_id)
        else:
            name = r.respondent.strip().casefold()
            key = ("respondent", name) if name else ("response", r.id)
        latest.pop(key, None)  # keep survey order of the latest answer
        latest[key] = r
    counted = list(latest.values())
    extra = sum(1 for key in latest if key[0] != "attendee")
    return SuccessMetrics(
        people=len(attendees) + extra,
        responses=len(counted),
        learned=sum(1 for r in counted if r.learned is True),
        not_learned=sum(1 for r in counted if r.learned is False),
        attend_again=sum(1 for r in counted if r.attend_again is True),
        not_attend_again=sum(1 for r in counted if r.attend_again is False),
        learned_what=tuple(
            r.learned_what.strip()
            for r in counted
            if r.learned_what.strip() and r.learned is not False
        ),
    )


def debrief_metrics(store: Store, debrief_id: int) -> SuccessMetrics:
    """The success metrics of one debrief in the library."""
    return compute(
        store.rows(Attendee, debrief_id=debrief_id),
        store.rows(SurveyResponse, debrief_id=debrief_id),
    )


@dataclass(frozen=True)
class TrendPoint:
    """One debrief's success metrics, as a point of the library-wide trend."""

    debrief_id: int
    title: str
    meeting_date: str
    metrics: SuccessMetrics


def trend(store: Store, debrief_id: int) -> list[TrendPoint]:
    """The success metrics of this debrief and the earlier ones, oldest first.

    "Earlier" is by meeting date (a debrief without one sorts by when it was
    created); debriefs whose survey nobody answered are left out, except the
    one asked about, which is always the last point.
    """
    this = store.get_debrief(debrief_id)

    def order(d_meeting: str, d_created: str, d_id: int) -> tuple[str, str, int]:
        return (d_meeting or d_created[:10], d_created, d_id)

    mine = order(this.meeting_date, this.created_at, this.id)
    points: list[tuple[tuple[str, str, int], TrendPoint]] = []
    for summary in store.debriefs():
        other = store.get_debrief(summary.id)
        key = order(other.meeting_date, other.created_at, other.id)
        if other.id != debrief_id and key > mine:
            continue
        metrics = debrief_metrics(store, other.id)
        if other.id != debrief_id and not metrics.measured:
            continue
        points.append((key, TrendPoint(other.id, other.title, other.meeting_date, metrics)))
    points.sort(key=lambda p: p[0])
    return [p for _, p in points]
