"""Schema migrations, applied in order; ``PRAGMA user_version`` records the last one applied.

A migration is SQL that runs once, inside the same transaction that bumps
``user_version``, so a file is never left half-migrated. Never edit a released
migration: add a new one at the end.
"""

from __future__ import annotations

V1 = """
CREATE TABLE debrief (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    incident_date TEXT NOT NULL DEFAULT '',
    meeting_date TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    impact TEXT NOT NULL DEFAULT '',
    impact_complete INTEGER NOT NULL DEFAULT 0,
    facilitator TEXT NOT NULL DEFAULT '',
    note_taker TEXT NOT NULL DEFAULT '',
    timezone TEXT NOT NULL DEFAULT 'UTC',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE attendee (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
);
CREATE INDEX attendee_debrief ON attendee(debrief_id, position);
CREATE TABLE event (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    time_text TEXT NOT NULL DEFAULT '',
    instant TEXT,
    precision TEXT NOT NULL DEFAULT 'unknown' CHECK (precision IN
        ('exact', 'approximate', 'before', 'date', 'relative', 'unknown')),
    timezone TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('action', 'observation', 'decision',
        'expectation', 'assumption', 'communication', 'note')),
    text TEXT NOT NULL DEFAULT '',
    pivot INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX event_debrief ON event(debrief_id, position);
CREATE TABLE perspective (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    attendee_id INTEGER NOT NULL REFERENCES attendee(id) ON DELETE CASCADE,
    account TEXT NOT NULL DEFAULT '',
    UNIQUE (event_id, attendee_id)
);
CREATE INDEX perspective_attendee ON perspective(attendee_id);
CREATE TABLE note (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES event(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX note_debrief ON note(debrief_id);
CREATE INDEX note_event ON note(event_id);
CREATE TABLE private_note (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES event(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX private_note_debrief ON private_note(debrief_id);
CREATE INDEX private_note_event ON private_note(event_id);
CREATE TABLE agenda_step (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    hint TEXT NOT NULL DEFAULT '',
    timebox_seconds INTEGER NOT NULL DEFAULT 0,
    scene TEXT NOT NULL DEFAULT 'timeline',
    done INTEGER NOT NULL DEFAULT 0,
    actual_seconds INTEGER
);
CREATE INDEX agenda_step_debrief ON agenda_step(debrief_id, position);
CREATE TABLE question (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    kinds TEXT NOT NULL DEFAULT '',
    builtin INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE prepared_question (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    question_id INTEGER REFERENCES question(id) ON DELETE SET NULL
);
CREATE INDEX prepared_question_event ON prepared_question(event_id);
CREATE TABLE asked_question (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES event(id) ON DELETE SET NULL,
    question_id INTEGER REFERENCES question(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    asked_at TEXT NOT NULL
);
CREATE INDEX asked_question_debrief ON asked_question(debrief_id);
CREATE TABLE learning (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'learned' CHECK (kind IN ('learned', 'surprise', 'assumption')),
    text TEXT NOT NULL,
    intentional INTEGER
);
CREATE INDEX learning_debrief ON learning(debrief_id, position);
CREATE TABLE guard_rail (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('existing', 'proposed')),
    text TEXT NOT NULL
);
CREATE INDEX guard_rail_debrief ON guard_rail(debrief_id, position);
CREATE TABLE action_item (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    priority TEXT NOT NULL DEFAULT '',
    due TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    learning_id INTEGER REFERENCES learning(id) ON DELETE SET NULL
);
CREATE INDEX action_item_debrief ON action_item(debrief_id, position);
CREATE TABLE recipient (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX recipient_debrief ON recipient(debrief_id, position);
CREATE TABLE survey_response (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    attendee_id INTEGER REFERENCES attendee(id) ON DELETE SET NULL,
    respondent TEXT NOT NULL DEFAULT '',
    learned INTEGER,
    learned_what TEXT NOT NULL DEFAULT '',
    attend_again INTEGER
);
CREATE INDEX survey_response_debrief ON survey_response(debrief_id);
CREATE TABLE timer_state (
    debrief_id INTEGER PRIMARY KEY REFERENCES debrief(id) ON DELETE CASCADE,
    budget_seconds INTEGER NOT NULL DEFAULT 3600,
    running INTEGER NOT NULL DEFAULT 0,
    started_at TEXT,
    elapsed_before REAL NOT NULL DEFAULT 0,
    current_step_id INTEGER REFERENCES agenda_step(id) ON DELETE SET NULL
);
"""

# Version 2: the facilitator's tools and the shared notes.
V2 = """
ALTER TABLE debrief ADD COLUMN intro TEXT NOT NULL DEFAULT '';
ALTER TABLE debrief ADD COLUMN na_reasons TEXT NOT NULL DEFAULT '{}';
ALTER TABLE agenda_step ADD COLUMN started_at TEXT;
ALTER TABLE agenda_step ADD COLUMN elapsed_before REAL NOT NULL DEFAULT 0;
CREATE TABLE learning_event (
    learning_id INTEGER NOT NULL REFERENCES learning(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    PRIMARY KEY (learning_id, event_id)
);
CREATE INDEX learning_event_event ON learning_event(event_id);
CREATE TABLE action_item_event (
    action_item_id INTEGER NOT NULL REFERENCES action_item(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    PRIMARY KEY (action_item_id, event_id)
);
CREATE INDEX action_item_event_event ON action_item_event(event_id);
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Version 3: the library — a debrief's identity for sharing (uid), the trash
# (deleted_at), the recent list (opened_at) and full-text search.
#
# search_index holds one row per searchable text; its rowid is ``id * 8 + code`` of
# the source row, so a trigger finds it without a scan. Codes (never reuse one):
# 1 event (text, actor), 2 account (perspective), 3 note, 4 private_note, 5 learning,
# 6 action_item (text, owner). ``kind``, ``debrief_id`` and ``event_id`` are stored,
# not indexed: search filters by them. Triggers keep it in step with every insert,
# update and delete, including the ones a deleted debrief cascades to.
V3 = """
ALTER TABLE debrief ADD COLUMN uid TEXT;
ALTER TABLE debrief ADD COLUMN deleted_at TEXT;
ALTER TABLE debrief ADD COLUMN opened_at TEXT;
UPDATE debrief SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))
        || '-4' || substr(lower(hex(randomblob(2))), 2)
        || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2)
        || '-' || lower(hex(randomblob(6)));
-- Every debrief gets a uid, whoever inserts it.
CREATE TRIGGER debrief_uid AFTER INSERT ON debrief WHEN new.uid IS NULL BEGIN
    UPDATE debrief SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))
        || '-4' || substr(lower(hex(randomblob(2))), 2)
        || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
-- At most one debrief outside the trash per uid.
CREATE UNIQUE INDEX debrief_live_uid ON debrief(uid) WHERE deleted_at IS NULL;
CREATE VIRTUAL TABLE search_index USING fts5(
    body, who, kind UNINDEXED, debrief_id UNINDEXED, event_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER event_search_insert AFTER INSERT ON event BEGIN
    INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) VALUES (
        new.id * 8 + 1, new.text, new.actor, 'event',
        new.debrief_id, new.id);
END;
CREATE TRIGGER event_search_delete AFTER DELETE ON event BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
END;
CREATE TRIGGER event_search_update AFTER UPDATE OF id, text, actor, debrief_id ON event BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
    INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) VALUES (
        new.id * 8 + 1, new.text, new.actor, 'event',
        new.debrief_id, new.id);
END;
INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) SELECT
        event.id * 8 + 1, event.text, event.actor, 'event',
        event.debrief_id, event.id
    FROM event;
CREATE TRIGGER perspective_search_insert AFTER INSERT ON perspective BEGIN
    INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) VALUES (
        new.id * 8 + 2, new.account, '', 'account',
        (SELECT e.debrief_id FROM event e WHERE e.id = new.event_id), new.event_id);
END;
CREATE TRIGGER perspective_search_delete AFTER DELETE ON perspective BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
END;
CREATE TRIGGER perspective_search_update AFTER UPDATE OF id, account, event_id ON perspective BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
    INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) VALUES (
        new.id * 8 + 2, new.account, '', 'account',
        (SELECT e.debrief_id FROM event e WHERE e.id = new.event_id), new.event_id);
END;
INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) SELECT
        perspective.id * 8 + 2, perspective.account, '', 'account',
        (SELECT e.debrief_id FROM event e WHERE e.id = perspective.event_id), perspective.event_id
    FROM perspective;
CREATE TRIGGER note_search_insert AFTER INSERT ON note BEGIN
    INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) VALUES (
        new.id * 8 + 3, new.text, '', 'note',
        new.debrief_id, new.event_id);
END;
CREATE TRIGGER note_search_delete AFTER DELETE ON note BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
END;
CREATE TRIGGER note_search_update AFTER UPDATE OF id, text, debrief_id, event_id ON note BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
    INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) VALUES (
        new.id * 8 + 3, new.text, '', 'note',
        new.debrief_id, new.event_id);
END;
INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) SELECT
        note.id * 8 + 3, note.text, '', 'note',
        note.debrief_id, note.event_id
    FROM note;
CREATE TRIGGER private_note_search_insert AFTER INSERT ON private_note BEGIN
    INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) VALUES (
        new.id * 8 + 4, new.text, '', 'private_note',
        new.debrief_id, new.event_id);
END;
CREATE TRIGGER private_note_search_delete AFTER DELETE ON private_note BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
END;
CREATE TRIGGER private_note_search_update
AFTER UPDATE OF id, text, debrief_id, event_id ON private_note BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
    INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) VALUES (
        new.id * 8 + 4, new.text, '', 'private_note',
        new.debrief_id, new.event_id);
END;
INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) SELECT
        private_note.id * 8 + 4, private_note.text, '', 'private_note',
        private_note.debrief_id, private_note.event_id
    FROM private_note;
CREATE TRIGGER learning_search_insert AFTER INSERT ON learning BEGIN
    INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) VALUES (
        new.id * 8 + 5, new.text, '', 'learning',
        new.debrief_id, NULL);
END;
CREATE TRIGGER learning_search_delete AFTER DELETE ON learning BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
END;
CREATE TRIGGER learning_search_update AFTER UPDATE OF id, text, debrief_id ON learning BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
    INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) VALUES (
        new.id * 8 + 5, new.text, '', 'learning',
        new.debrief_id, NULL);
END;
INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) SELECT
        learning.id * 8 + 5, learning.text, '', 'learning',
        learning.debrief_id, NULL
    FROM learning;
CREATE TRIGGER action_item_search_insert AFTER INSERT ON action_item BEGIN
    INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) VALUES (
        new.id * 8 + 6, new.text, new.owner, 'action_item',
        new.debrief_id, NULL);
END;
CREATE TRIGGER action_item_search_delete AFTER DELETE ON action_item BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 6;
END;
CREATE TRIGGER action_item_search_update
AFTER UPDATE OF id, text, owner, debrief_id ON action_item BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 6;
    INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) VALUES (
        new.id * 8 + 6, new.text, new.owner, 'action_item',
        new.debrief_id, NULL);
END;
INSERT INTO search_index (rowid, body, who, kind, debrief_id, event_id) SELECT
        action_item.id * 8 + 6, action_item.text, action_item.owner, 'action_item',
        action_item.debrief_id, NULL
    FROM action_item;
"""

# Index i holds the SQL that takes a file from user_version i to i + 1.
MIGRATIONS: tuple[str, ...] = (V1, V2, V3)

SCHEMA_VERSION = len(MIGRATIONS)
