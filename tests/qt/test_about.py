"""The About dialog and the application icon."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSize, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon

from debrief_desktop import __version__
from debrief_desktop.gui.about import DESKTOP_ID, ICON_SIZES, AboutDialog, set_app_icon


class _FileUrls(QObject):
    """Stands in for the desktop's file manager: records the file URLs it is asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.fixture
def file_manager(qapp):
    receiver = _FileUrls()
    QDesktopServices.setUrlHandler("file", receiver, "open")  # PySide6 takes str here
    yield receiver
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "my library" / "library.sqlite"
    path.parent.mkdir()
    path.write_bytes(b"")
    return path


def test_the_dialog_shows_the_version_and_the_library_file(qtbot, library):
    dialog = AboutDialog(library)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert __version__ in dialog.version_label.text()
    assert dialog.path_field.text() == str(library)
    assert dialog.path_field.isReadOnly()
    assert dialog.open_folder_button.isEnabled()
    assert dialog.status_label.isHidden()


def test_open_folder_opens_the_folder_that_holds_the_library(qtbot, library, file_manager):
    dialog = AboutDialog(library)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in file_manager.opened] == [str(library.parent)]


def test_a_relative_library_path_is_shown_absolute(qtbot, library, monkeypatch, file_manager):
    monkeypatch.chdir(library.parent.parent)
    dialog = AboutDialog(Path(library.parent.name, library.name))
    qtbot.addWidget(dialog)
    assert dialog.path_field.text() == str(library)
    assert dialog.open_folder()
    assert file_manager.opened[-1].toLocalFile() == str(library.parent)


def test_a_missing_folder_is_said_and_cannot_be_opened(qtbot, tmp_path):
    dialog = AboutDialog(tmp_path / "gone" / "library.sqlite")
    qtbot.addWidget(dialog)
    assert not dialog.open_folder_button.isEnabled()
    assert "does not exist" in dialog.status_label.text()


def test_an_in_memory_library_has_no_folder_to_open(qtbot, file_manager):
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    assert "in memory" in dialog.path_field.text()
    assert not dialog.open_folder_button.isEnabled()
    assert not dialog.open_folder()
    assert file_manager.opened == []


def test_set_app_icon_gives_every_size_and_names_the_launcher(qapp):
    before_icon, before_id = qapp.windowIcon(), QGuiApplication.desktopFileName()
    try:
        icon = set_app_icon(qapp)
        assert not icon.isNull()
        assert set(icon.availableSizes()) == {QSize(s, s) for s in ICON_SIZES}
        assert qapp.windowIcon().cacheKey() == icon.cacheKey()
        assert QGuiApplication.desktopFileName() == DESKTOP_ID
    finally:
        qapp.setWindowIcon(before_icon if not before_icon.isNull() else QIcon())
        QGuiApplication.setDesktopFileName(before_id)
