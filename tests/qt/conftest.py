"""Qt fixtures: a real Session over the demo debrief; no test may leave a window open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from debrief_desktop.gui.session import Session


@pytest.fixture(autouse=True)
def _no_leaked_windows(qapp):
    """Fail a test that leaves a visible top-level window behind (register it with qtbot)."""
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leaked = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for w in leaked:
        w.close()
        w.deleteLater()
    assert not leaked, f"windows left open: {[type(w).__name__ for w in leaked]}"


@pytest.fixture
def session(qapp, demo_store):
    store, did = demo_store
    s = Session(store)
    s.open_debrief(did)
    yield s
    s.deleteLater()
