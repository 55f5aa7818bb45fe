"""The baseline for the start-up benchmark: a bare PySide6 program with two empty windows.

It does what ``debrief-desktop --smoke`` does minus the app: show two windows,
wait until both have painted, exit.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


class FirstPaint(QObject):
    def __init__(self, windows, done):
        super().__init__()
        self.waiting, self.done = set(windows), done
        for w in windows:
            w.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched in self.waiting:
            self.waiting.discard(watched)
            if not self.waiting:
                QTimer.singleShot(0, self.done)
        return False


app = QApplication(sys.argv[:1])
console, projector = QMainWindow(), QWidget()
console.resize(1280, 800)
projector.resize(1280, 720)
watch = FirstPaint([console, projector], app.quit)
console.show()
projector.show()
sys.exit(app.exec())
