"""The demo debrief that a new library starts with (``resources/demo/demo-debrief.json``)."""

from __future__ import annotations

from debrief_desktop.resources import read_text
from debrief_desktop.store import Store
from debrief_desktop.store.exchange import load_debrief, parse_document

DEMO_RESOURCE = ("demo", "demo-debrief.json")


def demo_title() -> str:
    """The title of the shipped demo debrief."""
    doc = parse_document(read_text(*DEMO_RESOURCE), "demo")
    return str(doc["debrief"]["title"])


def install_demo(store: Store) -> int:
    """Add the demo debrief, with the default agenda, to a library (one transaction)."""
    from debrief_desktop.facilitation.agenda import ensure_agenda

    source = "/".join(DEMO_RESOURCE)
    with store.atomic():
        did = load_debrief(store, parse_document(read_text(*DEMO_RESOURCE), source), source)
        ensure_agenda(store, did)
    return did


def find_or_install_demo(store: Store) -> int:
    """The id of the library's demo debrief, adding it first when it is not there."""
    title = demo_title()
    for summary in store.debriefs():
        if summary.title == title:
            return summary.id
    return install_demo(store)
