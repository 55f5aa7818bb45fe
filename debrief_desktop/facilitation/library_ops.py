"""Library actions that need the facilitation layer (the default agenda).

The rest of the library (listing, trash, duplicates, open action items) is in
:mod:`debrief_desktop.store.library`; creating a debrief lives here because its
agenda comes from :mod:`debrief_desktop.facilitation.agenda`, which the store
layer must not import.
"""

from __future__ import annotations

from debrief_desktop.facilitation.agenda import (
    ensure_agenda,
    plans_from_steps,
    template_rows,
)
from debrief_desktop.store import Store
from debrief_desktop.store.models import AgendaStep, Attendee


def new_debrief(store: Store, title: str, *, from_previous: int | None = None) -> int:
    """Create an empty debrief, ready to prepare, in one transaction; returns its id.

    Args:
        store: the library.
        title: the new debrief's title.
        from_previous: a debrief to take the agenda (titles, hints, timeboxes and
            scenes; no timings, nothing ticked off) and the attendees (names and
            roles) from. Without one, or when that debrief has no agenda, the new
            debrief gets the library's default agenda.

    Raises:
        NotFoundError: ``from_previous`` names no debrief.
    """
    with store.atomic():
        steps: list[AgendaStep] = []
        people: list[Attendee] = []
        if from_previous is not None:
            store.get_debrief(from_previous)  # NotFoundError names it
            steps = store.rows(AgendaStep, debrief_id=from_previous)
            people = store.rows(Attendee, debrief_id=from_previous)
        debrief_id = store.create_debrief(title).id
        if steps:
            store.add_many(AgendaStep, template_rows(debrief_id, plans_from_steps(steps)))
        else:
            ensure_agenda(store, debrief_id)
        store.add_many(
            Attendee,
            ({"debrief_id": debrief_id, "name": p.name, "role": p.role} for p in people),
        )
    return debrief_id
