"""Migrations: from an empty file and from every released schema version to the current one."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from debrief_desktop.store import SCHEMA_VERSION, Store, StoreError
from debrief_desktop.store import store as store_module
from debrief_desktop.store.migrations import MIGRATIONS
from debrief_desktop.store.models import Event, Learning

DATA = Path(__file__).parent / "data"
RELEASED = sorted(DATA.glob("library-schema-*.sql"))


def version_of(fixture: Path) -> int:
    match = re.search(r"schema-(\d+)", fixture.name)
    assert match
    return int(match.group(1))


def make_file(fixture: Path, path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.close()
    return path


def table_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    counts = {n: conn.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}
    conn.close()
    return counts


def test_every_schema_version_has_a_released_fixture():
    # When a migration is added, save a file of the version before it here.
    assert {version_of(f) for f in RELEASED} == set(range(1, SCHEMA_VERSION + 1))


def test_a_new_file_gets_the_current_schema(tmp_path):
    with Store.open(tmp_path / "new.sqlite") as s:
        assert s.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    assert not list(tmp_path.glob("*before-schema*"))


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_a_released_file_opens_with_all_its_data(fixture, tmp_path):
    path = make_file(fixture, tmp_path / "library.sqlite")
    before = table_counts(path)
    with Store.open(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        [summary] = s.debriefs()
        assert summary.event_count == before["event"] == 25
        assert s.events(summary.id)[0].time_text == "2026-11-18 13:52 UTC"
    after = table_counts(path)
    assert {t: after[t] for t in before} == before
    backups = list(tmp_path.glob("library.before-schema-*.sqlite"))
    if version_of(fixture) < SCHEMA_VERSION:
        [backup] = backups
        assert table_counts(backup) == before
    else:
        assert backups == []


def test_migrating_twice_is_safe(library_file):
    with Store.open(library_file) as s:
        first = s.schema_version
    with Store.open(library_file) as s:
        assert s.schema_version == first
        assert len(s.debriefs()) == 1


def test_a_failing_migration_leaves_the_file_as_it_was_and_backs_it_up(library_file, monkeypatch):
    broken = (*MIGRATIONS, "ALTER TABLE event ADD COLUMN colour TEXT; CREATE TABLE oops (")
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", len(broken))
    before = table_counts(library_file)
    with pytest.raises(StoreError, match="could not be prepared"):
        Store.open(library_file)
    monkeypatch.undo()
    with Store.open(library_file) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert "colour" not in {c.name for c in s.db.table("event").columns}
        assert len(s.rows(Event)) == before["event"]
    [backup] = library_file.parent.glob("library.before-schema-*.sqlite")
    assert table_counts(backup) == before
    assert backup.stat().st_mode & 0o777 == 0o600


def test_schema_1_gains_the_facilitation_fields_with_defaults(tmp_path):
    path = make_file(DATA / "library-schema-1.sql", tmp_path / "library.sqlite")
    with Store.open(path) as s:
        [summary] = s.debriefs()
        debrief = s.get_debrief(summary.id)
        assert (debrief.intro, debrief.na_reasons) == ("", "{}")
        learning = s.rows(Learning, debrief_id=summary.id)[0]
        assert s.linked_events("learning_event", learning.id) == []
        event = s.events(summary.id)[2]
        s.set_linked_events("learning_event", learning.id, [event.id, event.id])
        assert s.linked_events("learning_event", learning.id) == [event.id]
        assert s.setting("agenda.default") is None
