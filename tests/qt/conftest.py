"""Qt fixtures: a real Session over the demo debrief."""

from __future__ import annotations

import pytest

from debrief_desktop.gui.session import Session


@pytest.fixture
def session(qapp, demo_store):
    store, did = demo_store
    s = Session(store)
    s.open_debrief(did)
    yield s
    s.deleteLater()
