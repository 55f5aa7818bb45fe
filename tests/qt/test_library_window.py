"""The first window: the library's debriefs and the chosen debrief's timeline."""

from __future__ import annotations

from debrief_desktop.gui.library_window import LibraryWindow
from debrief_desktop.store.models import Event


def test_it_lists_the_debriefs_and_shows_the_timeline(qtbot, demo_store):
    store, did = demo_store
    other = store.create_debrief("Second incident <b>&</b> 漢字")
    store.add(Event, debrief_id=other.id, text="only event", pivot=True)
    window = LibraryWindow(store, did)
    qtbot.addWidget(window)
    titles = [window.debrief_list.item(i).text() for i in range(window.debrief_list.count())]
    assert any(t.startswith("Second incident <b>&</b> 漢字") for t in titles)
    assert window.timeline.rowCount() == 25
    assert window.heading.text() == store.get_debrief(did).title

    window._select(other.id)
    assert window.timeline.rowCount() == 1
    assert window.timeline.item(0, 3).text() == "⚑ only event"
