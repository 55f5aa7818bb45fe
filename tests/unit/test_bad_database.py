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
def test_an_empty_file_becomes_a_new_library_and_keeps_its_permissions(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch(mode=0o640)
    path.chmod(0o640)
    with Store.open(path) as s:
        assert s.schema_version == SCHEMA_VERSION
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_read_only_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    path.chmod(0o444)
    open_refused(path, ReadOnlyDatabaseError)
    assert path.stat().st_mode & 0o777 == 0o444


def test_a_pipe_is_not_a_library(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(NotADatabaseError, match="not a regular file"):
        Store.open(fifo)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_dangling_link_is_refused(tmp_path):
    link = tmp_path / "lib.sqlite"
    link.symlink_to(tmp_path / "gone.sqlite")
    with pytest.raises(NotADatabaseError, match="does not exist"):
        Store.open(link)
    assert not (tmp_path / "gone.sqlite").exists()


def test_a_link_to_a_library_opens_the_library(library_file):
    link = library_file.parent / "link.sqlite"
    link.symlink_to(library_file)
    with Store.open(link) as s:
        assert len(s.debriefs()) == 1


def wal_library(tmp_path: Path) -> tuple[Path, sqlite3.Connection]:
    """A library whose last edits are only in its -wal file (an open writer, never checkpointed)."""
    path = tmp_path / "wal.sqlite"
    with Store.open(path) as s:
        s.create_debrief("first")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(50):
        writer.execute(
            "INSERT INTO debrief (title, created_at, updated_at) VALUES (?, 't', 't')",
            [f"in the log {i} " + "x" * 2000],
        )
    return path, writer


def test_edits_still_in_the_write_ahead_log_are_read(tmp_path):
    path, writer = wal_library(tmp_path)
    # Copy the main file and its log as a crash would leave them (the writer still open).
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        (crashed / f"wal.sqlite{suffix}").write_bytes(Path(f"{path}{suffix}").read_bytes())
    writer.close()
    with Store.open(crashed / "wal.sqlite") as s:
        assert len(s.debriefs()) == 51


def test_a_kill_during_a_checkpoint_is_not_mistaken_for_truncation(tmp_path):
    path, writer = wal_library(tmp_path)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    wal = Path(f"{path}-wal").read_bytes()
    (crashed / "wal.sqlite-wal").write_bytes(wal)
    main = bytearray(path.read_bytes())
    # A checkpoint writes page 1 first: the header now counts pages the file does not have yet.
    page_size = int.from_bytes(main[16:18], "big")
    frames = range(32, len(wal) - page_size, 24 + page_size)  # 32-byte log header, 24 per frame
    last_page_one = max(f for f in frames if int.from_bytes(wal[f : f + 4], "big") == 1)
    main[:page_size] = wal[last_page_one + 24 : last_page_one + 24 + page_size]
    assert int.from_bytes(main[28:32], "big") * page_size > len(main)  # looks truncated
    (crashed / "wal.sqlite").write_bytes(bytes(main))
    writer.close()
    with Store.open(crashed / "wal.sqlite") as s:
        assert s.debriefs()


def test_refusing_a_wal_file_leaves_no_new_files_beside_it(library_file):
    conn = sqlite3.connect(library_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()  # still in WAL mode, log folded back and removed
    before = sorted(p.name for p in library_file.parent.iterdir())
    open_refused(library_file, NewerDatabaseError)
    assert sorted(p.name for p in library_file.parent.iterdir()) == before


def test_a_hot_journal_left_by_a_crash_is_rolled_back_not_refused(library_file):
    conn = sqlite3.connect(library_file)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA cache_size = 1')\n"
            "c.execute('BEGIN')\n"
            "for i in range(300):\n"
            '    c.execute("INSERT INTO debrief (title, created_at, updated_at)'
            " VALUES (?, 't', 't')\", ['half-done ' + 'x' * 3000])\n"
            "print('spilled', flush=True)\n"
            "time.sleep(60)\n",
            str(library_file),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "spilled"
    child.kill()
    child.wait()
    child.stdout.close()
    journal = Path(f"{library_file}-journal")
    assert journal.exists() and journal.stat().st_size > 0
    with Store.open(library_file) as s:
        assert [d.title for d in s.debriefs()] == [
            "Slow and failing checkouts after an order-service config rollout"
        ]
