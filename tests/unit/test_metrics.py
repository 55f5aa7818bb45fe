"""The guide's two success measures, per debrief and across the library."""

from __future__ import annotations

import pytest

from debrief_desktop.facilitation.metrics import compute, debrief_metrics, trend
from debrief_desktop.store import Store
from debrief_desktop.store.models import Attendee, SurveyResponse


def people(n: int) -> list[Attendee]:
    return [Attendee(i, 1, f"P{i}", "", i) for i in range(1, n + 1)]


def answer(
    rid: int,
    attendee: int | None,
    learned: bool | None,
    again: bool | None,
    what: str = "",
    respondent: str = "",
) -> SurveyResponse:
    return SurveyResponse(rid, 1, attendee, respondent, learned, what, again)


@pytest.mark.parametrize(
    ("attendees", "yes", "met"),
    [
        (5, 2, False),  # odd: 2 of 5 is less than half
        (5, 3, True),
        (4, 2, True),  # even: exactly half counts
        (4, 1, False),
        (1, 1, True),
        (1, 0, False),
    ],
)
def test_at_least_half_would_attend_again(attendees: int, yes: int, met: bool) -> None:
    responses = [answer(i, i, None, i <= yes) for i in range(1, attendees + 1)]
    m = compute(people(attendees), responses)
    assert (m.attend_again, m.half_would_attend) == (yes, met)
    assert m.half_needed == (attendees + 1) // 2


def test_people_who_did_not_answer_count_against_half() -> None:
    m = compute(people(6), [answer(1, 1, True, True), answer(2, 2, False, True)])
    assert (m.people, m.responses, m.attend_again) == (6, 2, 2)
    assert m.half_would_attend is False
    assert m.someone_learned is True


def test_nobody_answered_means_not_measured() -> None:
    m = compute(people(4), [])
    assert not m.measured
    assert m.someone_learned is None and m.half_would_attend is None
    assert m.learned_share is None and m.attend_share is None


def test_at_least_one_person_learned() -> None:
    assert compute(people(3), [answer(1, 1, False, True)]).someone_learned is False
    m = compute(people(3), [answer(1, 1, False, True), answer(2, 2, True, False, "x")])
    assert m.someone_learned is True and m.learned_what == ("x",)


def test_a_later_answer_replaces_an_earlier_one_of_the_same_person() -> None:
    m = compute(people(2), [answer(1, 1, False, False), answer(2, 1, True, True)])
    assert (m.responses, m.learned, m.attend_again, m.not_attend_again) == (1, 1, 1, 0)


def test_respondents_not_on_the_attendee_list_are_people_too() -> None:
    responses = [
        answer(1, 1, True, True),
        answer(2, None, True, True, respondent="Guest"),
        answer(3, None, False, False, respondent="guest "),  # the same guest, again
        answer(4, None, True, True),  # anonymous
    ]
    m = compute(people(2), responses)
    assert (m.people, m.responses, m.attend_again) == (4, 3, 2)
    assert m.half_would_attend is True


def test_trend_lists_earlier_measured_debriefs_oldest_first(store: Store) -> None:
    def debrief(title: str, date: str, yes: int, of: int) -> int:
        did = store.create_debrief(title, meeting_date=date).id
        for i in range(of):
            a = store.add(Attendee, debrief_id=did, name=f"P{i}", role="")
            store.add(
                SurveyResponse,
                debrief_id=did,
                attendee_id=a.id,
                respondent="",
                learned=i < yes,
                learned_what="",
                attend_again=i < yes,
            )
        return did

    old = debrief("old", "2026-01-10", 1, 4)
    later = debrief("later", "2026-12-01", 2, 2)  # after this one: left out
    store.create_debrief("never asked", meeting_date="2026-02-01")  # no survey: left out
    mid = debrief("mid", "2026-03-10", 3, 4)
    this = store.create_debrief("this", meeting_date="2026-06-01").id  # no survey yet
    points = trend(store, this)
    assert [p.debrief_id for p in points] == [old, mid, this]
    assert points[0].metrics.attend_share == 0.25
    assert not points[-1].metrics.measured
    assert debrief_metrics(store, later).half_would_attend is True
