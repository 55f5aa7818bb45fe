"""The library views: every debrief, the trash, search, open action items, the trend, sharing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QPushButton

from debrief_desktop.facilitation import library_ops
from debrief_desktop.gui.library import (
    LIBRARY_PANELS,
    ActionItemsAcrossPanel,
    LibraryPanel,
    MetricsChart,
    SearchPanel,
)
from debrief_desktop.gui.library.models import (
    ID_ROLE,
    ROW_ROLE,
    ActionItemsAcrossModel,
    LibraryFilterModel,
    LibraryModel,
    SearchResultsModel,
)
from debrief_desktop.gui.library.search_panel import hit_html
from debrief_desktop.gui.library.text import snippet_html
from debrief_desktop.store import exchange, library
from debrief_desktop.store.errors import NotFoundError
from debrief_desktop.store.models import ActionItem, Attendee, Debrief, Event, SurveyResponse
from debrief_desktop.store.search import SearchHit

HOSTILE_QUERIES = (
    '"',
    '"unbalanced',
    "*",
    "-",
    "AND",
    "OR NOT",
    "a AND",
    "NEAR(",
    "(",
    ")",
    "col:value",
    "^",
    "'; DROP TABLE debrief; --",
    "<b>bold</b>",
    "\x02\x03",
    "🙂",
    "x" * 5000,
)


def double_click(qtbot, view, index) -> None:
    """A real double click: press, release, then the double-click event."""
    pos = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def panel(qtbot, session) -> LibraryPanel:
    return show(qtbot, LibraryPanel(session))


def titles(panel: LibraryPanel) -> list[str]:
    """The titles in the order the table shows them."""
    return [panel.proxy.index(r, LibraryModel.TITLE).data() for r in range(panel.proxy.rowCount())]


def row_for(panel: LibraryPanel, debrief_id: int):
    for r in range(panel.proxy.rowCount()):
        value = panel.proxy.index(r, 0).data(ROW_ROLE)
        if value.id == debrief_id:
            return r, value
    return -1, None


def select(panel: LibraryPanel, debrief_id: int) -> None:
    assert panel.select_debrief(debrief_id)
    assert panel.selected_id() == debrief_id


def answer_title(monkeypatch, text: str | None) -> None:
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: (text or "", text is not None))
    )


def other_debrief(session, title="Database failover that took an hour") -> int:
    return library_ops.new_debrief(session.store, title)


# ------------------------------------------------------------------ models


def test_library_model_passes_the_model_tester_through_changes(qtmodeltester, session):
    store = session.store
    model = LibraryModel()
    model.set_rows(library.library_rows(store))
    qtmodeltester.check(model, force_py=True)  # and keeps checking every change below
    a = other_debrief(session, "A")
    other_debrief(session, "B")
    model.set_rows(library.library_rows(store))
    assert model.rowCount() == 3
    library.move_to_trash(store, a)
    store.update(Debrief, session.debrief_id, title="Renamed")
    model.set_rows(library.library_rows(store))
    model.set_open_id(session.debrief_id)
    assert model.rowCount() == 2
    model.set_rows([])
    model.set_rows(library.library_rows(store, trash=True))
    assert model.rowCount() == 1


def test_library_filter_passes_the_model_tester(qtmodeltester, session):
    model = LibraryModel()
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    for title in ("alpha", "beta", "gamma"):
        other_debrief(session, title)
    model.set_rows(library.library_rows(session.store))
    qtmodeltester.check(proxy, force_py=True)
    proxy.sort(LibraryModel.TITLE, Qt.SortOrder.DescendingOrder)
    proxy.set_filter_text("a")
    proxy.set_filter_text("gam")
    assert proxy.rowCount() == 1
    model.set_rows(library.library_rows(session.store)[:2])
    proxy.set_filter_text("")


def test_action_items_model_passes_the_model_tester(qtmodeltester, session):
    model = ActionItemsAcrossModel()
    model.set_rows(library.open_action_items(session.store))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4
    model.set_rows(library.open_action_items(session.store)[1:])
    model.refresh_all()


def test_search_model_passes_the_model_tester(qtmodeltester, session):
    from debrief_desktop.store.search import search

    model = SearchResultsModel()
    model.set_hits(search(session.store, "checkout", include_private=True))
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)
    model.set_hits([])


# ------------------------------------------------------------------ the table


def test_table_lists_the_demo_and_new_debriefs_with_their_counts(session, panel):
    store, did = session.store, session.debrief_id
    new_id = other_debrief(session)
    panel.reload()
    _, demo = row_for(panel, did)
    assert demo.title == session.debrief.title
    assert demo.event_count == len(store.events(did)) == 25
    open_items = [a for a in store.rows(ActionItem, debrief_id=did) if a.status == "open"]
    assert demo.open_action_items == len(open_items) == 4
    r, new = row_for(panel, new_id)
    assert new.event_count == 0 and new.open_action_items == 0
    assert panel.proxy.index(r, LibraryModel.EVENTS).data() == 0
    assert panel.proxy.index(r, LibraryModel.INCIDENT).data() == "—"
    demo_row, _ = row_for(panel, did)
    assert panel.proxy.index(demo_row, LibraryModel.MEETING).data() == "2026-11-23"
    assert panel.tab_bar.tabText(0) == "Library (2)"


def test_the_open_debrief_is_marked(session, panel):
    other = other_debrief(session)
    panel.reload()
    demo_row, _ = row_for(panel, session.debrief_id)
    other_row, _ = row_for(panel, other)
    font = panel.proxy.index(demo_row, 0).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert panel.proxy.index(other_row, 0).data(Qt.ItemDataRole.FontRole) is None
    assert session.debrief.title in panel.open_label.text()
    session.open_debrief(other)
    panel.reload()
    assert panel.model.open_id == other


def test_success_column_says_what_was_measured(session, panel):
    store, did = session.store, session.debrief_id
    attendees = store.rows(Attendee, debrief_id=did)
    for a in attendees:
        store.add(
            SurveyResponse, debrief_id=did, attendee_id=a.id, respondent="", learned=True,
            learned_what="", attend_again=True,
        )  # fmt: skip
    panel.reload()
    r, row = row_for(panel, did)
    assert row.learned is True and row.would_attend is True
    tip = panel.proxy.index(r, LibraryModel.SUCCESS).data(Qt.ItemDataRole.ToolTipRole)
    assert "learned" in tip and "half" in tip
    panel.table.viewport().repaint()  # the marks paint without a warning


def test_sort_by_any_column_and_filter(session, panel):
    store = session.store
    ids = {t: other_debrief(session, t) for t in ("alpha drill", "Beta outage", "gamma outage")}
    store.add(Event, debrief_id=ids["Beta outage"], text="one")
    store.add(Event, debrief_id=ids["Beta outage"], text="two")
    store.update(Debrief, ids["alpha drill"], meeting_date="2025-01-02")
    panel.reload()

    panel.table.sortByColumn(LibraryModel.TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(panel)[:3] == ["alpha drill", "Beta outage", "gamma outage"]
    panel.table.sortByColumn(LibraryModel.TITLE, Qt.SortOrder.DescendingOrder)
    assert titles(panel)[-3:] == ["gamma outage", "Beta outage", "alpha drill"]
    panel.table.sortByColumn(LibraryModel.EVENTS, Qt.SortOrder.DescendingOrder)
    assert titles(panel)[:2] == [session.debrief.title, "Beta outage"]
    panel.table.sortByColumn(LibraryModel.MEETING, Qt.SortOrder.DescendingOrder)
    assert titles(panel)[:2] == [session.debrief.title, "alpha drill"]
    for col in range(panel.model.columnCount()):
        panel.table.sortByColumn(col, Qt.SortOrder.AscendingOrder)
        assert sorted(titles(panel)) == sorted([session.debrief.title, *ids])

    panel.filter_edit.setText("OUTAGE")
    assert sorted(titles(panel)) == ["Beta outage", "gamma outage"]
    panel.filter_edit.setText("outage gam")
    assert titles(panel) == ["gamma outage"]
    panel.filter_edit.setText("2025-01")
    assert titles(panel) == ["alpha drill"]
    panel.filter_edit.setText("nothing like this")
    assert titles(panel) == []
    assert panel.empty_label.isVisible() and "filter" in panel.empty_label.text()
    panel.filter_edit.clear()
    assert len(titles(panel)) == 4


def test_the_table_follows_the_session(qtbot, session, panel):
    _, row = row_for(panel, session.debrief_id)
    assert row.event_count == 25
    session.add_event(text="A new event, added in the meeting")
    qtbot.waitUntil(lambda: row_for(panel, session.debrief_id)[1].event_count == 26)
    session.update_row(Debrief, session.debrief_id, "title", title="Checkout, renamed")
    qtbot.waitUntil(lambda: "Checkout, renamed" in titles(panel))
    other = other_debrief(session, "Another one")
    session.open_debrief(other)
    qtbot.waitUntil(lambda: panel.model.open_id == other)
    assert "Another one" in panel.open_label.text()


# ------------------------------------------------------------------ actions


def test_open_marks_it_opened_and_asks_the_console(qtbot, session, panel):
    other = other_debrief(session)
    panel.reload()
    select(panel, other)
    with qtbot.waitSignal(panel.open_requested) as blocker:
        panel.open_button.click()
    assert blocker.args == [other, -1]
    assert library.recent(session.store)[0].id == other
    qtbot.waitUntil(lambda: panel.recent_list.item(0).data(Qt.ItemDataRole.UserRole) == other)
    # Enter on the table opens too.
    select(panel, session.debrief_id)
    panel.table.setFocus()
    with qtbot.waitSignal(panel.open_requested) as blocker:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert blocker.args == [session.debrief_id, -1]


def test_recent_list_opens_what_was_opened_last(qtbot, session, panel, clock):
    b = other_debrief(session, "Second")
    a = other_debrief(session, "First")
    for debrief_id in (a, b):
        clock.advance(60)
        panel.open_debrief(debrief_id)
    panel.reload()
    recent = [
        panel.recent_list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(panel.recent_list.count())
    ]
    assert recent[:2] == [b, a]
    assert recent == [r.id for r in library.recent(session.store, limit=8)]
    with qtbot.waitSignal(panel.open_requested) as blocker:
        panel.recent_list.itemActivated.emit(panel.recent_list.item(1))
    assert blocker.args == [a, -1]


def test_new_debrief_is_created_with_the_default_agenda_and_opened(
    qtbot, session, panel, monkeypatch
):
    answer_title(monkeypatch, "  Weekly   review ")
    with qtbot.waitSignal(panel.open_requested) as blocker:
        panel.new_button.click()
    new_id = panel.selected_id()
    assert blocker.args == [new_id, -1]
    created = session.store.get_debrief(new_id)
    assert created.title == "Weekly review"
    from debrief_desktop.store.models import AgendaStep

    assert session.store.rows(AgendaStep, debrief_id=new_id)
    assert "Weekly review" in titles(panel)
    # Cancelling creates nothing.
    answer_title(monkeypatch, None)
    before = panel.model.rowCount()
    panel.new_button.click()
    assert panel.model.rowCount() == before


def test_new_from_this_one_copies_agenda_and_attendees(qtbot, session, panel, monkeypatch):
    store, did = session.store, session.debrief_id
    select(panel, did)
    answer_title(monkeypatch, "Next week's debrief")
    with qtbot.waitSignal(panel.open_requested) as blocker:
        panel.new_from_button.click()
    new_id = blocker.args[0]
    assert new_id != did
    names = [a.name for a in store.rows(Attendee, debrief_id=did)]
    assert [a.name for a in store.rows(Attendee, debrief_id=new_id)] == names
    assert store.events(new_id) == []
    from debrief_desktop.store.models import AgendaStep

    titles_of = [s.title for s in store.rows(AgendaStep, debrief_id=did)]
    assert [s.title for s in store.rows(AgendaStep, debrief_id=new_id)] == titles_of


def test_duplicate_copies_and_selects_without_opening(qtbot, session, panel):
    did = session.debrief_id
    select(panel, did)
    with qtbot.assertNotEmitted(panel.open_requested):
        panel.duplicate_button.click()
    copy_id = panel.selected_id()
    assert copy_id not in (None, did)
    _, copy = row_for(panel, copy_id)
    assert copy.event_count == 25 and copy.open_action_items == 4
    assert panel.model.rowCount() == 2
    assert "Duplicated" in panel.message.text()


def test_rename_the_open_debrief_is_one_undoable_session_edit(session, panel, monkeypatch):
    did = session.debrief_id
    old = session.debrief.title
    select(panel, did)
    answer_title(monkeypatch, "Checkout slowdown")
    depth = session.undo_stack.count()
    panel.rename_button.click()
    assert session.debrief.title == "Checkout slowdown"
    assert session.store.get_debrief(did).title == "Checkout slowdown"
    assert "Checkout slowdown" in titles(panel)
    assert session.undo_stack.count() == depth + 1
    session.undo_stack.undo()
    assert session.store.get_debrief(did).title == old


def test_rename_another_debrief_goes_to_the_store(session, panel, monkeypatch):
    other = other_debrief(session, "Old name")
    panel.reload()
    select(panel, other)
    answer_title(monkeypatch, "New name")
    depth = session.undo_stack.count()
    panel.rename_button.click()
    assert session.store.get_debrief(other).title == "New name"
    assert session.undo_stack.count() == depth  # not the open debrief's history
    assert "New name" in titles(panel) and "Old name" not in titles(panel)
    # An empty title changes nothing.
    answer_title(monkeypatch, "   ")
    panel.rename_button.click()
    assert session.store.get_debrief(other).title == "New name"


def test_delete_moves_to_the_trash_and_undo_brings_it_back(session, panel):
    other = other_debrief(session, "Delete me")
    panel.reload()
    select(panel, other)
    panel.delete_button.click()
    assert "Delete me" not in titles(panel)
    assert session.store.get_debrief(other).title == "Delete me"  # still in the file
    assert panel.tab_bar.tabText(1) == "Trash (1)"
    assert panel.undo_button.isVisible()
    panel.undo_button.click()
    assert "Delete me" in titles(panel)
    assert panel.selected_id() == other
    assert panel.tab_bar.tabText(1) == "Trash (0)"


def test_the_trash_restores_and_empties_only_after_asking(session, panel, monkeypatch):
    keep = other_debrief(session, "Keep me")
    drop = other_debrief(session, "Drop me")
    panel.reload()
    for debrief_id in (keep, drop):
        select(panel, debrief_id)
        panel.delete_button.click()
    panel.show_trash(True)
    assert panel.trash_mode and panel.trash_buttons.isVisible()
    assert not panel.library_buttons.isVisible()
    assert sorted(titles(panel)) == ["Drop me", "Keep me"]
    select(panel, keep)
    panel.restore_button.click()
    assert titles(panel) == ["Drop me"]

    asked: list[str] = []

    def say(answer):
        def question(parent, title, text, *args, **kwargs):
            asked.append(text)
            return answer

        return staticmethod(question)

    monkeypatch.setattr(QMessageBox, "question", say(QMessageBox.StandardButton.Cancel))
    panel.empty_trash_button.click()
    assert titles(panel) == ["Drop me"] and session.store.get_debrief(drop)
    monkeypatch.setattr(QMessageBox, "question", say(QMessageBox.StandardButton.Yes))
    panel.empty_trash_button.click()
    assert len(asked) == 2 and "cannot be undone" in asked[0]
    assert titles(panel) == []
    with pytest.raises(NotFoundError):
        session.store.get_debrief(drop)
    assert "The trash is empty" in panel.empty_label.text()
    panel.show_trash(False)
    assert "Keep me" in titles(panel)


def test_the_open_debrief_cannot_be_moved_to_the_trash(session, panel):
    select(panel, session.debrief_id)
    panel.delete_button.click()
    assert session.debrief.title in titles(panel)
    assert "open" in panel.message.text()
    assert library.library_rows(session.store, trash=True) == []


def test_keyboard_delete_and_f2(session, panel, monkeypatch, qtbot):
    other = other_debrief(session, "Keys")
    panel.reload()
    select(panel, other)
    panel.table.setFocus()
    answer_title(monkeypatch, "Keys renamed")
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    assert session.store.get_debrief(other).title == "Keys renamed"
    select(panel, other)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert "Keys renamed" not in titles(panel)


# ------------------------------------------------------------------ sharing


def test_export_writes_a_debrief_file_atomically(session, panel, monkeypatch, tmp_path):
    did = session.debrief_id
    select(panel, did)
    seen: list[str] = []

    def save(parent, caption, start, pattern, *a, **k):
        seen.append(start)
        return str(tmp_path / "shared"), pattern

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    path = panel.export_selected()
    assert path == tmp_path / "shared.debrief"
    assert seen[0].endswith(".debrief")
    doc = exchange.parse_document(path.read_text("utf-8"), path.name)
    assert doc["debrief"]["title"] == session.debrief.title
    assert [p.name for p in tmp_path.iterdir()] == ["shared.debrief"]  # no temporary left
    assert "private notes" in panel.message.text()
    # A folder that cannot be written: a message, no exception.
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "missing" / "x.debrief"), "")),
    )
    panel.export_button.click()
    assert "not exported" in panel.message.text()


@pytest.fixture
def exported(session, tmp_path) -> Path:
    path = tmp_path / "demo.debrief"
    path.write_text(exchange.dumps_debrief(session.store, session.debrief_id), "utf-8")
    return path


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def count_titled(session, title: str) -> int:
    """Debriefs outside the trash with this title (an imported second copy says so)."""
    return sum(
        1 for r in library.library_rows(session.store) if r.title in (title, f"{title} (imported)")
    )


def test_import_a_conflict_keep_both(session, panel, monkeypatch, exported):
    title = session.debrief.title
    choose_file(monkeypatch, exported)
    asked: list[str] = []
    monkeypatch.setattr(panel, "ask_conflict", lambda t: asked.append(t) or "keep_both")
    before = exported.read_bytes()
    new_id = panel.import_file()
    assert asked == [title]
    assert new_id is not None and new_id != session.debrief_id
    assert count_titled(session, title) == 2
    assert panel.selected_id() == new_id
    assert len(session.store.events(new_id)) == 25
    assert exported.read_bytes() == before  # the source file is never modified


def test_import_a_conflict_replace(session, panel, monkeypatch, exported):
    title = session.debrief.title
    other = other_debrief(session, "Unrelated")
    session.open_debrief(other)  # replacing the open debrief is covered below
    choose_file(monkeypatch, exported)
    monkeypatch.setattr(panel, "ask_conflict", lambda t: "replace")
    new_id = panel.import_file()
    assert new_id is not None
    assert count_titled(session, title) == 1
    assert "Replaced" in panel.message.text()
    assert [r.title for r in library.library_rows(session.store, trash=True)] == [title]


def test_import_replacing_the_open_debrief_opens_the_import(
    qtbot, session, panel, monkeypatch, exported
):
    choose_file(monkeypatch, exported)
    monkeypatch.setattr(panel, "ask_conflict", lambda t: "replace")
    replaced = session.debrief_id
    panel.open_requested.connect(lambda d, _e: session.open_debrief(d))  # as the console does
    with qtbot.waitSignal(panel.open_requested) as blocker:
        new_id = panel.import_file()
    assert blocker.args == [new_id, -1]
    assert session.debrief_id == new_id != replaced
    qtbot.waitUntil(lambda: panel.model.open_id == new_id)


def test_import_a_conflict_cancel_imports_nothing(session, panel, monkeypatch, exported):
    choose_file(monkeypatch, exported)
    monkeypatch.setattr(panel, "ask_conflict", lambda t: None)
    before = len(library.library_rows(session.store))
    assert panel.import_file() is None
    assert len(library.library_rows(session.store)) == before
    assert "Nothing was imported" in panel.message.text()


def test_the_conflict_question_itself(qtbot, session, panel, monkeypatch, exported):
    """The real dialog: its "Keep both" button answers keep_both."""
    choose_file(monkeypatch, exported)

    def press(text: str) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, lambda: press(text))
            return
        assert "already in this library" in box.text()
        button = next(b for b in box.findChildren(QPushButton) if b.text() == text)
        button.click()

    QTimer.singleShot(0, lambda: press("Keep both"))
    new_id = panel.import_file()
    assert new_id is not None
    assert count_titled(session, session.debrief.title) == 2
    QTimer.singleShot(0, lambda: press("Cancel"))
    assert panel.import_file() is None


def test_import_without_a_conflict_asks_nothing(session, panel, monkeypatch, exported, tmp_path):
    doc = json.loads(exported.read_text("utf-8"))
    doc["debrief"]["title"] = "Sent from another team"
    del doc["debrief"]["uid"]  # another debrief (an older export has no uid either)
    fresh = tmp_path / "fresh.debrief"
    fresh.write_text(json.dumps(doc), "utf-8")
    choose_file(monkeypatch, fresh)
    monkeypatch.setattr(panel, "ask_conflict", lambda t: pytest.fail("asked"))
    new_id = panel.import_file()
    assert session.store.get_debrief(new_id).title == "Sent from another team"


@pytest.mark.parametrize(
    "content",
    [
        b"not json at all {",
        b'{"format": "something-else"}',
        b'{"format": "debrief-desktop", "format_version": 999, "debrief": {"title": "x"}}',
        b"\xff\xfe\x00garbage",
        b"",
    ],
    ids=["syntax", "not-a-debrief", "newer", "binary", "empty"],
)
def test_a_bad_file_imports_nothing_and_says_why(session, panel, monkeypatch, tmp_path, content):
    bad = tmp_path / "bad.debrief"
    bad.write_bytes(content)
    choose_file(monkeypatch, bad)
    before = len(library.library_rows(session.store))
    assert panel.import_button.click() is None
    assert len(library.library_rows(session.store)) == before
    assert panel.message.isVisibleTo(panel)
    assert "Nothing was imported" in panel.message.text()
    assert bad.read_bytes() == content


# ------------------------------------------------------------------ search


@pytest.fixture
def search(qtbot, session) -> SearchPanel:
    return show(qtbot, SearchPanel(session))


def test_search_finds_and_opens_the_debrief_at_the_event(qtbot, session, search):
    event = session.store.events(session.debrief_id)[3]
    word = max(event.text.split(), key=len).strip(".,;:()'\"")
    search.set_query(word)
    qtbot.waitUntil(lambda: search.model.rowCount() > 0, timeout=2000)  # after the pause
    hits = search.model.hits()
    row = next(i for i, h in enumerate(hits) if h.event_id == event.id)
    assert "match" in search.status.text()
    assert hits[row].debrief_title == session.debrief.title
    search.results.setCurrentIndex(search.model.index(row, 0))
    search.results.setFocus()
    with qtbot.waitSignal(search.open_requested) as blocker:
        qtbot.keyClick(search.results, Qt.Key.Key_Return)
    assert blocker.args == [session.debrief_id, event.id]
    with qtbot.waitSignal(search.open_requested) as blocker:
        double_click(qtbot, search.results, search.model.index(row, 0))
    assert blocker.args == [session.debrief_id, event.id]


def test_search_waits_for_a_pause_in_typing(qtbot, session, search):
    qtbot.keyClicks(search.query_edit, "check")
    assert search.model.rowCount() == 0  # not yet: the search runs after ~200 ms
    qtbot.waitUntil(lambda: search.model.rowCount() > 0, timeout=2000)


def test_search_across_debriefs_names_each_debrief(session, search):
    other = other_debrief(session, "Another incident entirely")
    session.store.add(Event, debrief_id=other, text="The checkout page went blank")
    search.set_query("checkout")
    hits = search.run_search()
    assert {h.debrief_id for h in hits} >= {session.debrief_id, other}
    assert any(t.startswith("Another incident entirely") for t in search.hit_texts())


def test_private_notes_are_found_and_labelled_private(session, search):
    event = session.store.events(session.debrief_id)[0]
    session.add_private_note(event.id, "Zanzibar is the facilitator's private word")
    session.capture_note("Quokka is a shared word")
    search.set_query("zanzibar")
    hits = search.run_search()
    assert hits, "private notes are searchable in the console"
    assert all("(private)" in t for t in search.hit_texts())
    assert "private" in hit_html(hits[0])
    assert "private" in search.status.text()
    search.set_query("quokka")
    search.run_search()
    assert search.hit_texts() and not any("(private)" in t for t in search.hit_texts())


@pytest.mark.parametrize("advanced", [False, True])
def test_hostile_queries_never_raise(session, search, advanced):
    search.advanced_check.setChecked(advanced)
    for query in HOSTILE_QUERIES:
        search.set_query(query)
        hits = search.run_search()
        assert isinstance(hits, list)
        if search.last_error is not None:
            assert search.problem.isVisibleTo(search)
            assert search.model.rowCount() == 0
    search.advanced_check.setChecked(False)
    search.set_query('"unbalanced checkout')
    search.run_search()
    assert search.last_error is None  # plain words: the quote is not syntax


def test_a_bad_advanced_query_gets_a_calm_message(session, search):
    search.set_query('"never closed', advanced=True)
    search.run_search()
    if search.last_error is None:
        pytest.skip("the search module accepts this query in advanced mode")
    assert "Advanced syntax" in search.problem.text()


def test_snippet_markup_escapes_user_text():
    html_text = snippet_html("<script>alert(1)</script> and \x02<b>match</b>\x03 & more")
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text
    assert "&lt;b&gt;match&lt;/b&gt;" in html_text
    assert "&amp; more" in html_text
    assert html_text.count("<span") == 1 == html_text.count("</span>")
    # Unbalanced marks cannot break the markup.
    for snippet in ("\x02open only", "close only\x03", "\x03\x02\x02x\x03\x03"):
        out = snippet_html(snippet)
        assert out.count("<span") == out.count("</span>")
    hit = SearchHit(1, "<i>Title</i>", None, "note", 5, "x")
    assert "&lt;i&gt;Title&lt;/i&gt;" in hit_html(hit)


def test_search_follows_library_edits(qtbot, session, search):
    search.set_query("wombat")
    assert search.run_search() == []
    assert "Nothing found" in search.status.text()
    session.capture_note("A wombat walked into the data centre")
    qtbot.waitUntil(lambda: search.model.rowCount() == 1, timeout=2000)


# ------------------------------------------------------------------ action items across


def test_open_action_items_across_debriefs(qtbot, session):
    store, did = session.store, session.debrief_id
    other = other_debrief(session, "The other debrief")
    store.add(ActionItem, debrief_id=other, text="Write the runbook", owner="", priority="low",
              due="2020-01-01", status="open", learning_id=None)  # fmt: skip
    store.add(ActionItem, debrief_id=other, text="Already done", owner="Ann", priority="high",
              due="", status="done", learning_id=None)  # fmt: skip
    panel = show(qtbot, ActionItemsAcrossPanel(session))
    items = panel.visible_items()
    assert len(items) == 5
    assert "Already done" not in [i.text for i in items]
    assert {i.debrief_id for i in items} == {did, other}
    assert "5 open action items across 2 debriefs" in panel.summary.text()
    assert "1 past due" in panel.summary.text() and "1 without an owner" in panel.summary.text()

    model = panel.model
    panel.table.sortByColumn(model.PRIORITY, Qt.SortOrder.AscendingOrder)
    assert [i.priority for i in panel.visible_items()] == [
        "high", "high", "medium", "medium", "low",
    ]  # fmt: skip
    panel.table.sortByColumn(model.DUE, Qt.SortOrder.AscendingOrder)
    assert panel.visible_items()[0].text == "Write the runbook"
    r = 0
    due = panel.proxy.index(r, model.DUE)
    assert due.data(Qt.ItemDataRole.ForegroundRole) is not None  # overdue, in red
    panel.table.sortByColumn(model.OWNER, Qt.SortOrder.AscendingOrder)
    assert panel.visible_items()[-1].owner == ""  # no owner sorts last
    panel.filter_edit.setText("runbook")
    assert [i.text for i in panel.visible_items()] == ["Write the runbook"]

    index = panel.proxy.index(0, model.TEXT)
    with qtbot.waitSignal(panel.open_requested) as blocker:
        panel.table.activated.emit(index)
    assert blocker.args == [other, -1]
    with qtbot.waitSignal(panel.open_requested) as blocker:
        double_click(qtbot, panel.table, index)
    assert blocker.args == [other, -1]


def test_action_items_across_follow_edits(qtbot, session):
    panel = show(qtbot, ActionItemsAcrossPanel(session))
    assert len(panel.visible_items()) == 4
    item = session.action_items()[0]
    session.update_row(ActionItem, item.id, "action item", status="done")
    qtbot.waitUntil(lambda: len(panel.visible_items()) == 3)
    assert item.id not in [i.item_id for i in panel.visible_items()]
    assert panel.model.index(0, 0).data(ID_ROLE) is not None


# ------------------------------------------------------------------ the chart


def answer_survey(store, debrief_id: int, answers: list[tuple[bool | None, bool | None]]) -> None:
    for n, (learned, again) in enumerate(answers):
        store.add(
            SurveyResponse, debrief_id=debrief_id, attendee_id=None, respondent=f"p{n}",
            learned=learned, learned_what="", attend_again=again,
        )  # fmt: skip


def test_metrics_chart_shows_measured_debriefs_oldest_first(qtbot, session):
    store = session.store
    older = other_debrief(session, "Older")
    store.update(Debrief, older, meeting_date="2026-01-10")
    unmeasured = other_debrief(session, "Nobody answered")
    answer_survey(store, older, [(True, True), (False, True), (False, False)])
    answer_survey(store, session.debrief_id, [(True, False)])
    chart = show(qtbot, MetricsChart(session))
    assert [p.debrief_id for p in chart.points] == [older, session.debrief_id]
    assert unmeasured not in [p.debrief_id for p in chart.points]
    first = chart.points[0]
    assert (first.metrics.learned, first.metrics.attend_again) == (1, 2)
    tip = chart.tooltip_for(first)
    assert "1 of 3 learned" in tip and "2 of 3 would attend" in tip
    image = chart.grab()
    assert not image.isNull()
    # A new answer shows at once.
    session.add_row(
        SurveyResponse, "survey answer", debrief_id=session.debrief_id, attendee_id=None,
        respondent="late", learned=True, learned_what="", attend_again=True,
    )  # fmt: skip
    qtbot.waitUntil(lambda: chart.points[-1].metrics.responses == 2)
    # Double-click on a debrief's bars opens it.
    _, rect = chart._group_rects()[0]
    with qtbot.waitSignal(chart.open_requested) as blocker:
        qtbot.mouseDClick(chart, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [older, -1]


def test_metrics_chart_with_nothing_measured_and_many_debriefs(qtbot, session):
    chart = show(qtbot, MetricsChart(session))
    assert chart.points == []
    chart.grab()
    for n in range(60):
        d = other_debrief(session, f"Debrief {n}")
        session.store.update(Debrief, d, meeting_date=f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}")
        answer_survey(session.store, d, [(n % 2 == 0, n % 3 == 0)])
    chart.reload()
    chart.resize(500, 300)
    assert len(chart.points) == 60
    assert 0 < len(chart.shown_points()) < 60  # only the latest fit
    assert chart.shown_points()[-1] == chart.points[-1]
    chart.grab()


def test_library_panels_are_listed_for_the_console(qtbot, session):
    for title, kind in LIBRARY_PANELS:
        widget = show(qtbot, kind(session))
        assert title
        assert hasattr(widget, "reload")
