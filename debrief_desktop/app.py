"""Builds the QApplication, opens the windows over an open store, runs the event loop."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from debrief_desktop import __version__
from debrief_desktop.facilitation.demo import find_or_install_demo
from debrief_desktop.gui.library_window import LibraryWindow
from debrief_desktop.store import Store

SMOKE_TIMEOUT_MS = 20_000


class _FirstPaint(QObject):
    """Quits the application once every watched window has painted (``--smoke``)."""

    def __init__(self, app: QApplication, windows: list[QWidget]) -> None:
        super().__init__()
        self._app = app
        self._waiting = set(windows)
        for window in windows:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self._waiting:
            self._waiting.discard(watched)  # type: ignore[arg-type]
            if not self._waiting:
                QTimer.singleShot(0, self._app.quit)
        return False


def run(store: Store, *, demo: bool = False, smoke: bool = False) -> int:
    """Show the app's windows over ``store`` and run until they close."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Debrief Desktop")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("debrief-desktop")
    debrief_id = find_or_install_demo(store) if demo else None
    window = LibraryWindow(store, debrief_id)
    window.show()
    if smoke:
        watcher = _FirstPaint(app, [window])
        QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: app.exit(1))
        status = app.exec()
        del watcher
    else:
        status = app.exec()
    store.close()
    return int(status)
