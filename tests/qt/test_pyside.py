"""Guards against PySide6 bugs that once bit us; they fail before an upgrade ships."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox


class _Emitter(QObject):
    fired = Signal(bool)


def test_bool_signals_do_not_leak_references_to_true_and_false(qapp):
    # PySide6 6.12.0 on Python 3.11 dropped a reference to True/False for every
    # bool delivered to a Python slot; after enough clicks the interpreter aborts.
    emitter, box, seen = _Emitter(), QCheckBox(), []
    emitter.fired.connect(seen.append)
    box.toggled.connect(seen.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(50):
        emitter.fired.emit(i % 2 == 0)
        box.setChecked(i % 2 == 0)
    seen.clear()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
