"""Bad library files: a clear message that names the file, and the file left byte-for-byte."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from debrief_desktop.store import (
    SCHEMA_VERSION,
    CorruptDatabaseError,
    LockedDatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
    Store,
    StoreError,
)


def open_refused(path: Path, error: type[StoreError]) -> StoreError:
    """Open ``path``, expect ``error``, and check the file did not change."""
    before = path.read_bytes()
    with pytest.raises(error) as caught:
        Store.open(path)
    assert path.read_bytes() == before
    assert str(path) in str(caught.value)
    return caught.value


def test_a_text_file_is_not_a_library(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n" * 100)
    err = open_refused(path, NotADatabaseError)
    assert "not an SQLite file" in str(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_image_is_not_a_library(tmp_path):
    path = tmp_path / "shot.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    open_refused(path, NotADatabaseError)


def test_a_truncated_library_is_refused(library_file):
    data = library_file.read_bytes()
    library_file.write_bytes(data[: len(data) // 2])
    err = open_refused(library_file, CorruptDatabaseError)
    assert "truncated" in str(err)


def test_a_library_with_damaged_pages_is_refused(library_file):
    data = bytearray(library_file.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    # Scribble over the b-tree pages after the schema page.
    for offset in range(page * 2, min(len(data), page * 6)):
        data[offset] = 0x5A
    library_file.write_bytes(bytes(data))
    err = open_refused(library_file, CorruptDatabaseError)
    assert "damaged" in str(err) or "cannot be read" in str(err)


def test_a_library_from_a_newer_version_is_refused(library_file):
    conn = sqlite3.connect(library_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    err = open_refused(library_file, NewerDatabaseError)
    assert "newer Debrief Desktop" in str(err)
    assert "Update" in str(err)


def test_another_programs_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "browser-history.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE visits (url TEXT)")
    conn.execute("INSERT INTO visits VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    err = open_refused(path, NotADatabaseError)
    assert "another program" in str(err)


def test_a_read_only_file_is_refused(library_file):
    library_file.chmod(0o444)
    err = open_refused(library_file, ReadOnlyDatabaseError)
    assert "read-only" in str(err)


def test_a_file_in_a_read_only_folder_is_refused(library_file):
    folder = library_file.parent
    folder.chmod(0o555)
    try:
        err = open_refused(library_file, ReadOnlyDatabaseError)
        assert "folder" in str(err)
    finally:
        folder.chmod(0o755)


def test_a_new_file_in_a_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    try:
        with pytest.raises(ReadOnlyDatabaseError, match="read-only"):
            Store.open(folder / "new.sqlite")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_folder_is_not_a_library(tmp_path):
    with pytest.raises(NotADatabaseError, match="folder"):
        Store.open(tmp_path)


@pytest.fixture
def locked(library_file: Path) -> Iterator[Path]:
    """Another process holds the write lock on the library for the whole test."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
            str(library_file),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    yield library_file
    holder.kill()
    holder.wait()
    holder.stdout.close()


def test_a_library_locked_by_another_program_is_refused(locked):
    started = time.monotonic()
    err = open_refused(locked, LockedDatabaseError)
    assert "another program" in str(err)
    assert time.monotonic() - started < 10  # a message, not a hang


def test_the_library_is_usable_again_once_the_lock_is_gone(library_file):
    conn = sqlite3.connect(library_file, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    with pytest.raises(LockedDatabaseError):
        Store.open(library_file)
    conn.execute("ROLLBACK")
    conn.close()
    with Store.open(library_file) as s:
        assert len(s.debriefs()) == 1


@pytest.mark.skipif(os.name != "posix", reason="permission bits")
def test_an_empty_file_becomes_a_new_library(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    with Store.open(path) as s:
        assert s.schema_version == SCHEMA_VERSION
    assert path.stat().st_mode & 0o777 == 0o600
