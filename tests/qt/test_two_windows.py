"""Both windows over one Session: what the console does, the room sees at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from debrief_desktop.app import DebriefApp
from debrief_desktop.gui.commands import TypingGuard


@pytest.fixture
def running(qtbot, demo_store, tmp_path):
    store, did = demo_store
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    guard = TypingGuard()
    QApplication.instance().installEventFilter(guard)
    app = DebriefApp(store, settings, did)
    for window in (app.console, app.projector):
        qtbot.addWidget(window)
    app.show()
    qtbot.waitExposed(app.projector)
    yield app
    QApplication.instance().removeEventFilter(guard)
    app.close()


def test_an_edit_in_the_console_is_on_the_projector_in_the_same_turn(running, qtbot):
    console, projector, session = running.console, running.projector, running.session
    session.go_live(3)
    console.select_row(3)
    console.editor.ui.textEdit.setPlainText("Support sees the first stuck checkout")
    console.select_row(4)  # picking the next event keeps what was typed; no event-loop turn
    assert "Support sees the first stuck checkout" in projector.visible_texts()
    assert "Support sees the first stuck checkout" in running.preview.visible_texts()


def test_undo_takes_back_what_the_room_already_saw(running, qtbot):
    session, projector = running.session, running.projector
    live = session.live_event
    session.update_event(live.id, text="A wrong version of events")
    assert "A wrong version of events" in projector.visible_texts()
    qtbot.keyClick(running.console, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert live.text in projector.visible_texts()
    assert "A wrong version of events" not in projector.visible_texts()
    qtbot.keyClick(
        running.console,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert "A wrong version of events" in projector.visible_texts()


def test_the_projector_never_takes_the_keyboard_so_the_clicker_reaches_the_console(running, qtbot):
    session, projector, console = running.session, running.projector, running.console
    assert projector.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert projector.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    session.go_live(0)
    qtbot.keyClick(console, Qt.Key.Key_PageDown)
    qtbot.keyClick(console, Qt.Key.Key_PageDown)
    assert session.live_row == 2
    assert session.live_event.text in projector.visible_texts()
    qtbot.keyClick(console, Qt.Key.Key_B)
    assert session.blackout
    assert projector.visible_texts() == []


def test_nothing_private_typed_in_the_console_reaches_the_projector(running):
    console, projector, session = running.console, running.projector, running.session
    for row in range(session.timeline.rowCount()):
        session.go_live(row)
        console.select_row(row)
        console.private_edit.setText(f"PRIVATE note {row}")
        console.private_edit.returnPressed.emit()
        console.question_edit.setText(f"PRIVATE question {row}")
        console.question_edit.returnPressed.emit()
        shown = " ".join(projector.visible_texts())
        assert "PRIVATE" not in shown
    for scene in ("ground_rules", "timeline", "learnings", "action_items", "closing"):
        session.set_scene(scene)
        assert "PRIVATE" not in " ".join(projector.visible_texts())


def test_the_console_preview_shows_what_the_projector_shows(running):
    session = running.session
    session.go_live(7)
    session.toggle_reveal()
    # The preview is smaller and may shorten neighbours; the event in focus is the same.
    focus = session.live_event.text
    assert running.preview.text_named("focus").shown_text() == focus
    assert running.projector.view.text_named("focus").shown_text() == focus


def test_projector_options_are_remembered_for_next_time(qtbot, demo_store, tmp_path):
    store, did = demo_store
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = DebriefApp(store, settings, did)
    first.session.set_theme("light")
    first.session.step_font(+2)
    first.session.set_role_labels(True)
    first.deleteLater()
    second = DebriefApp(store, settings, did)
    for window in (first.console, first.projector, second.console, second.projector):
        qtbot.addWidget(window)
    assert (second.session.theme, second.session.font_step) == ("light", 2)
    assert second.session.role_labels is True


def test_the_app_reopens_the_debrief_opened_last(demo_store):
    from debrief_desktop.app import choose_debrief
    from debrief_desktop.facilitation.demo import install_demo
    from debrief_desktop.store.library import mark_opened, move_to_trash

    store, first = demo_store
    second = install_demo(store)
    mark_opened(store, first)
    mark_opened(store, second)
    store.db.execute(
        "UPDATE debrief SET opened_at = '2026-01-01T00:00:00+00:00' WHERE id = ?", [first]
    )
    assert choose_debrief(store, demo=False, wanted=None) == second
    move_to_trash(store, second)
    assert choose_debrief(store, demo=False, wanted=None) == first
