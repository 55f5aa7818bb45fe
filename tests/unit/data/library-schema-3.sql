-- A library file as schema version 3 wrote it (the library: uid, trash, recent list,
-- full-text search). Never edit: migrations are tested by opening this with the
-- current app. Made from library-schema-2.sql opened by the app, then dumped; the
-- full-text index is written as its CREATE VIRTUAL TABLE and its rows, not FTS5's
-- internal tables (Python's iterdump writes those in a form that does not load back).
BEGIN TRANSACTION;
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
INSERT INTO "action_item" VALUES(1,1,0,'Make the order service fail on unknown config keys and log the resolved database settings at startup.','Ravi Deshmukh','high','2026-12-04','open',3);
INSERT INTO "action_item" VALUES(2,1,1,'Reuse the original payment idempotency key when a customer retries checkout for the same basket.','Kwame Mensah','high','2026-12-02','open',2);
INSERT INTO "action_item" VALUES(3,1,2,'Add a canary check that places a test order against the payment sandbox, so the database path is exercised before promotion.','Noor Haddad','medium','2026-12-11','open',1);
INSERT INTO "action_item" VALUES(4,1,3,'Give support a way to page on-call directly from #support-escalations and add the channel to the on-call setup guide.','Sofia Lindqvist','medium','2026-12-09','open',5);
CREATE TABLE action_item_event (
    action_item_id INTEGER NOT NULL REFERENCES action_item(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    PRIMARY KEY (action_item_id, event_id)
);
INSERT INTO "action_item_event" VALUES(1,15);
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
, started_at TEXT, elapsed_before REAL NOT NULL DEFAULT 0);
INSERT INTO "agenda_step" VALUES(1,1,0,'Walk the timeline','',1800,'timeline',0,NULL,'2026-11-23T10:05:00+00:00',12.5);
CREATE TABLE asked_question (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES event(id) ON DELETE SET NULL,
    question_id INTEGER REFERENCES question(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    asked_at TEXT NOT NULL
);
CREATE TABLE attendee (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
);
INSERT INTO "attendee" VALUES(1,1,'Noor Haddad','on-call engineer',0);
INSERT INTO "attendee" VALUES(2,1,'Tomás Echeverría','incident commander',1);
INSERT INTO "attendee" VALUES(3,1,'Kwame Mensah','database engineer',2);
INSERT INTO "attendee" VALUES(4,1,'Sofia Lindqvist','customer support lead',3);
INSERT INTO "attendee" VALUES(5,1,'Aiko Tanaka','product manager',4);
INSERT INTO "attendee" VALUES(6,1,'Ravi Deshmukh','platform engineer',5);
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
, intro TEXT NOT NULL DEFAULT '', na_reasons TEXT NOT NULL DEFAULT '{}', uid TEXT, deleted_at TEXT, opened_at TEXT);
INSERT INTO "debrief" VALUES(1,'Slow and failing checkouts after an order-service config rollout','2026-11-18','2026-11-23','On Wednesday 18 November, Fernwood Provisions, a small online grocer, rolled out a layout-only change to the order service''s configuration. The database pool size was no longer read, so every pod fell back to the default of 4 connections instead of 40. Checkouts slowed from about 14:05 and some failed from 14:24 until a rollback finished at 14:58. Customers who retried during the slow period were sometimes charged twice.','From about 14:05 to 14:58 UTC checkout was slow for every customer, and from 14:24 to 14:58 about 18% of checkout attempts failed after a 30-second wait. 37 orders were charged twice; all of them were refunded on 19 November and the customers received an apology email. Support handled 64 chats and 21 emails about checkout that afternoon. The 15:00 promotional email went out a day late. Still unknown: how many customers abandoned their basket and did not come back, and whether any duplicate charges fall outside the 14:00–16:00 window that was queried.',0,'Hannah Brooks','Jonas Weber','UTC','2026-11-20T09:00:00+00:00','2026-11-20T09:00:00+00:00','Welcome, this is a blameless debrief.','{"guard_rails": "covered in the learnings"}','3b6f2d0e-8c41-4a5e-9f27-d1c0b5a8e6f4',NULL,'2026-11-23T09:58:00+00:00');
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
INSERT INTO "event" VALUES(1,1,0,'2026-11-18 13:52 UTC','2026-11-18T13:52:00+00:00','exact','UTC','Ravi Deshmukh','action','Ravi starts the rollout of order-service config v2.14, which moves the database settings into the new nested config layout. The config linter reports no changed values.',0);
INSERT INTO "event" VALUES(2,1,1,'13:58','2026-11-18T13:58:00+00:00','exact','UTC','deploy pipeline','observation','The canary pod passes its health checks for five minutes and the pipeline promotes v2.14 to all eight pods automatically.',0);
INSERT INTO "event" VALUES(3,1,2,'14:02','2026-11-18T14:02:00+00:00','exact','UTC','Ravi Deshmukh','expectation','With the rollout complete, Ravi expects v2.14 to behave exactly like v2.13 at runtime, since the change was described as a layout-only refactor.',0);
INSERT INTO "event" VALUES(4,1,3,'~14:06','2026-11-18T14:06:00+00:00','approximate','UTC','Sofia Lindqvist','observation','The support team receives the first chat from a customer whose checkout spinner keeps turning after pressing Pay.',0);
INSERT INTO "event" VALUES(5,1,4,'14:09','2026-11-18T14:09:00+00:00','exact','UTC','monitoring','observation','The warning-level alert for checkout latency fires (p95 above 3 seconds) and pages the on-call engineer.',0);
INSERT INTO "event" VALUES(6,1,5,'14:11','2026-11-18T14:11:00+00:00','exact','UTC','Noor Haddad','action','Noor acknowledges the page and opens the checkout dashboard. Latency is up sharply; the error rate is flat at its usual level.',0);
INSERT INTO "event" VALUES(7,1,6,'14:14','2026-11-18T14:14:00+00:00','exact','UTC','Noor Haddad','assumption','Noor sees a notice on the payment provider''s status page about slower card payments and takes the provider as the most likely source of the latency.',0);
INSERT INTO "event" VALUES(8,1,7,'14:17','2026-11-18T14:17:00+00:00','exact','UTC','Noor Haddad','decision','Noor decides to keep watching the dashboard for another ten minutes before escalating, in line with the runbook guidance for warning-level alerts.',1);
INSERT INTO "event" VALUES(9,1,8,'~14:20','2026-11-18T14:20:00+00:00','approximate','UTC','Sofia Lindqvist','communication','Sofia posts in #support-escalations that twelve customers in fifteen minutes have reported checkouts hanging. The message gets no reply.',0);
INSERT INTO "event" VALUES(10,1,9,'14:24','2026-11-18T14:24:00+00:00','exact','UTC','monitoring','observation','The critical alert for checkout errors fires: 18% of checkout requests return a 503 after the 30-second timeout.',0);
INSERT INTO "event" VALUES(11,1,10,'14:26','2026-11-18T14:26:00+00:00','exact','UTC','Noor Haddad','communication','Noor declares an incident in #incidents and pages the incident commander on duty.',1);
INSERT INTO "event" VALUES(12,1,11,'14:29','2026-11-18T14:29:00+00:00','exact','UTC','Tomás Echeverría','action','Tomás takes incident command, opens a bridge call and asks Kwame and Aiko to join: Kwame for the database, Aiko for customer-facing decisions.',0);
INSERT INTO "event" VALUES(13,1,12,'a few minutes later',NULL,'relative','UTC','Kwame Mensah','observation','Kwame joins the bridge and reports that the database is lightly loaded: about 32 open connections across the cluster, where a normal afternoon shows around 300.',0);
INSERT INTO "event" VALUES(14,1,13,'~14:38','2026-11-18T14:38:00+00:00','approximate','UTC','Kwame Mensah','observation','Kwame finds the order-service pool metrics: each pod is capped at 4 connections and requests wait up to 25 seconds for one. v2.13 ran with 40 per pod.',0);
INSERT INTO "event" VALUES(15,1,14,'14:41','2026-11-18T14:41:00+00:00','exact','UTC','Tomás Echeverría','decision','Tomás decides to roll back to config v2.13 through the deploy pipeline rather than raise the pool size by hand on the running pods.',1);
INSERT INTO "event" VALUES(16,1,15,'14:44','2026-11-18T14:44:00+00:00','exact','UTC','Aiko Tanaka','decision','Aiko puts a ''checkout is slow, please don''t retry'' banner on the storefront and postpones the 15:00 promotional email to the next morning.',0);
INSERT INTO "event" VALUES(17,1,16,'14:47','2026-11-18T14:47:00+00:00','exact','UTC','Ravi Deshmukh','action','Ravi starts the rollback to v2.13 in the deploy pipeline; it goes through the same five-minute canary stage as a normal rollout.',0);
INSERT INTO "event" VALUES(18,1,17,'14:58','2026-11-18T14:58:00+00:00','exact','UTC','monitoring','observation','The rollback reaches all pods. Checkout latency returns to normal within two minutes and the error rate drops back to baseline.',0);
INSERT INTO "event" VALUES(19,1,18,'~15:05','2026-11-18T15:05:00+00:00','approximate','UTC','Sofia Lindqvist','observation','A customer writes in that their card was charged twice for one order. Sofia finds two more tickets describing the same thing and raises it on the bridge.',0);
INSERT INTO "event" VALUES(20,1,19,'by 15:10','2026-11-18T15:10:00+00:00','before','UTC','Sofia Lindqvist','communication','Support has replied to every open checkout chat with a holding message and an offer to keep the customer''s basket saved.',0);
INSERT INTO "event" VALUES(21,1,20,'15:12','2026-11-18T15:12:00+00:00','exact','UTC','Tomás Echeverría','decision','Tomás keeps the incident open and widens its scope to duplicate charges, asking Kwame to look for orders with more than one successful payment.',1);
INSERT INTO "event" VALUES(22,1,21,'15:25','2026-11-18T15:25:00+00:00','exact','UTC','Kwame Mensah','observation','Kwame''s query finds 37 orders with two captured payments, all placed between 14:20 and 14:55. Each retry after a timeout had created a new payment instead of reusing the first one.',0);
INSERT INTO "event" VALUES(23,1,22,'sometime that afternoon',NULL,'unknown','UTC','payment provider','note','The payment provider''s notice about slower card payments is marked resolved. Nobody recorded when; it had no measurable effect on our checkout.',0);
INSERT INTO "event" VALUES(24,1,23,'15:34','2026-11-18T15:34:00+00:00','exact','UTC','Aiko Tanaka','communication','Aiko and Sofia agree on the wording of an apology email to the 37 affected customers, and finance confirms the refunds will go out the next morning.',0);
INSERT INTO "event" VALUES(25,1,24,'15:40','2026-11-18T15:40:00+00:00','exact','UTC','Tomás Echeverría','communication','Tomás closes the incident, hands the refund follow-up to Sofia and finance, and asks for a debrief to be scheduled.',0);
CREATE TABLE guard_rail (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('existing', 'proposed')),
    text TEXT NOT NULL
);
INSERT INTO "guard_rail" VALUES(1,1,0,'existing','Canary stage with automatic promotion after five minutes of passing health checks.');
INSERT INTO "guard_rail" VALUES(2,1,1,'existing','One-step rollback through the deploy pipeline, rehearsed every quarter.');
INSERT INTO "guard_rail" VALUES(3,1,2,'proposed','The order service refuses to start when its config contains keys it does not recognise, and logs the pool size it actually uses.');
INSERT INTO "guard_rail" VALUES(4,1,3,'proposed','Checkout retries reuse the payment idempotency key of the original attempt for the same basket.');
CREATE TABLE learning (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'learned' CHECK (kind IN ('learned', 'surprise', 'assumption')),
    text TEXT NOT NULL,
    intentional INTEGER
);
INSERT INTO "learning" VALUES(1,1,0,'learned','The canary health check never opens a database connection, so a change that starves the connection pool can pass the canary and be promoted everywhere.',NULL);
INSERT INTO "learning" VALUES(2,1,1,'surprise','A checkout that times out on our side can still succeed at the payment provider, and a retry creates a second payment instead of reusing the first.',NULL);
INSERT INTO "learning" VALUES(3,1,2,'assumption','A clean config-lint run means the service will read the same values at runtime. The linter compares values, but the service ignores keys it does not recognise and uses defaults instead.',0);
INSERT INTO "learning" VALUES(4,1,3,'assumption','A warning-level latency alert can be watched for up to fifteen minutes before escalating. The team confirmed this is deliberate, to keep night pages down, as long as other signals can still reach on-call.',1);
INSERT INTO "learning" VALUES(5,1,4,'learned','Support saw the problem first: the first customer chat came around 14:06, the first page at 14:09 and the first error alert at 14:24. #support-escalations is not one of the channels on-call watches.',NULL);
CREATE TABLE learning_event (
    learning_id INTEGER NOT NULL REFERENCES learning(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    PRIMARY KEY (learning_id, event_id)
);
INSERT INTO "learning_event" VALUES(1,4);
INSERT INTO "learning_event" VALUES(1,8);
CREATE TABLE note (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES event(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO "note" VALUES(1,1,2,'The canary health check calls /healthz, which answers without opening a database connection.','2026-11-20T11:15:00+00:00');
INSERT INTO "note" VALUES(2,1,NULL,'The pre-read timeline went out on 20 November. Sofia''s two corrections (the first chat around 14:06 and the holding messages by 15:10) are already included.','2026-11-21T16:20:00+00:00');
CREATE TABLE perspective (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    attendee_id INTEGER NOT NULL REFERENCES attendee(id) ON DELETE CASCADE,
    account TEXT NOT NULL DEFAULT '',
    UNIQUE (event_id, attendee_id)
);
INSERT INTO "perspective" VALUES(1,8,1,'It was my first week on call. The alert was a warning, not a critical one, and the runbook says a warning can be watched for up to fifteen minutes. Errors were flat and the provider had a notice up about slow card payments, so everything I could see fitted that story. Waiting felt like the careful choice, not a careless one.');
INSERT INTO "perspective" VALUES(2,9,4,'By about twenty past two we had twelve chats that all said the same thing: the Pay button spins and then nothing happens. I''d seen the provider''s notice that morning too, so I guessed engineering already knew. Posting in #support-escalations is our process, and I expected at least an emoji back. When nothing came, I took the silence to mean someone was on it.');
INSERT INTO "perspective" VALUES(3,9,1,'I only saw Sofia''s message the next day. That channel isn''t on the list the on-call guide asks you to join, so my screen was the dashboard and the provider status page. Twelve chats in fifteen minutes would have told me this was bigger than ''some card payments'' being slow; it was the piece of information I didn''t have.');
INSERT INTO "perspective" VALUES(4,15,2,'By 14:40 we had two options on the table: roll back, or have Kwame raise the pool size by hand on the live pods. The hand fix might have been quicker, but I didn''t know what else v2.14 had changed, and rollback is something we rehearse every quarter. I wanted the option where we knew what ''done'' would look like.');
INSERT INTO "perspective" VALUES(5,15,6,'When Kwame said the pools were at 4, I opened the diff and couldn''t find a 4 anywhere; the file still said 40. So at that point I only knew my change was the most recent one, not that it was the problem. I was relieved we went with the rollback, because it didn''t depend on me working out the bug live on the call.');
INSERT INTO "perspective" VALUES(6,15,3,'From the database side it looked almost peaceful: few connections, low CPU, no lock waits, while customers were timing out. I''d have been comfortable trying a bigger pool on one pod as an experiment, but that meant changing production by hand while the rollback was a single button. Hearing both options said out loud made it easy to let mine go.');
INSERT INTO "perspective" VALUES(7,21,2,'The graphs were green again and my instinct was to close the incident and give everyone their afternoon back. When Sofia said ''charged twice'', the incident changed shape for me: it was no longer about speed but about money we had taken and shouldn''t have. Keeping it open meant I could keep Kwame on the call without a fresh page.');
INSERT INTO "perspective" VALUES(8,21,4,'I brought it to the bridge because three tickets in ten minutes looked like a pattern to me, but I half expected to hear that it was just pending holds from the bank, which we see a lot. What helped was that nobody asked me to prove it first; Tomás just asked Kwame to check.');
CREATE TABLE prepared_question (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    question_id INTEGER REFERENCES question(id) ON DELETE SET NULL
);
INSERT INTO "prepared_question" VALUES(1,2,'How does the canary decide that a pod is healthy?',NULL);
INSERT INTO "prepared_question" VALUES(2,8,'What did the dashboard show you at that moment, and what would have changed your reading of it?',NULL);
INSERT INTO "prepared_question" VALUES(3,8,'How does the runbook describe the difference between a warning and a critical alert?',NULL);
INSERT INTO "prepared_question" VALUES(4,8,'What other signals existed at 14:17, and where would someone on call have found them?',NULL);
INSERT INTO "prepared_question" VALUES(5,11,'What tipped things from watching the dashboard to declaring an incident?',NULL);
INSERT INTO "prepared_question" VALUES(6,11,'How did you decide who to page, and what did you want from them?',NULL);
INSERT INTO "prepared_question" VALUES(7,15,'What options were on the table, and how did each of you weigh them?',NULL);
INSERT INTO "prepared_question" VALUES(8,15,'What did each of you know about v2.14 at that point?',NULL);
INSERT INTO "prepared_question" VALUES(9,15,'How did you expect to know that the rollback had worked?',NULL);
INSERT INTO "prepared_question" VALUES(10,16,'How did you weigh the cost of delaying the promotion against sending it during the incident?',NULL);
INSERT INTO "prepared_question" VALUES(11,21,'What made three tickets look like a pattern rather than noise?',NULL);
INSERT INTO "prepared_question" VALUES(12,21,'How did closing the incident versus keeping it open look from where you sat?',NULL);
INSERT INTO "prepared_question" VALUES(13,22,'What did you expect the query to return before you ran it?',NULL);
CREATE TABLE private_note (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES event(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO "private_note" VALUES(1,1,8,'Noor was on her first on-call week. Keep this gentle: the interesting part is the runbook wording and what the dashboard showed, not the ten minutes.','2026-11-21T09:40:00+00:00');
INSERT INTO "private_note" VALUES(2,1,NULL,'Ravi asked before the meeting whether he would be ''the cause''. Reassure him early; the interesting parts are the linter, the silent fallback to a default and the automatic promotion.','2026-11-21T09:30:00+00:00');
INSERT INTO "private_note" VALUES(3,1,NULL,'Keep the refunds discussion to about ten minutes; finance is running its own follow-up.','2026-11-21T09:45:00+00:00');
CREATE TABLE question (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    kinds TEXT NOT NULL DEFAULT '',
    builtin INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "question" VALUES(1,'What did you see first?','cues','observation',1);
CREATE TABLE recipient (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL
);
INSERT INTO "recipient" VALUES(1,1,0,'engineering@fernwood-provisions.example');
INSERT INTO "recipient" VALUES(2,1,1,'support-team@fernwood-provisions.example');
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO "setting" VALUES('agenda.default','[{"title": "Introduction", "timebox_seconds": 300}]');
CREATE TABLE survey_response (
    id INTEGER PRIMARY KEY,
    debrief_id INTEGER NOT NULL REFERENCES debrief(id) ON DELETE CASCADE,
    attendee_id INTEGER REFERENCES attendee(id) ON DELETE SET NULL,
    respondent TEXT NOT NULL DEFAULT '',
    learned INTEGER,
    learned_what TEXT NOT NULL DEFAULT '',
    attend_again INTEGER
);
INSERT INTO "survey_response" VALUES(1,1,NULL,'Ana',1,'x',1);
CREATE TABLE timer_state (
    debrief_id INTEGER PRIMARY KEY REFERENCES debrief(id) ON DELETE CASCADE,
    budget_seconds INTEGER NOT NULL DEFAULT 3600,
    running INTEGER NOT NULL DEFAULT 0,
    started_at TEXT,
    elapsed_before REAL NOT NULL DEFAULT 0,
    current_step_id INTEGER REFERENCES agenda_step(id) ON DELETE SET NULL
);
INSERT INTO "timer_state" VALUES(1,3600,0,NULL,0.0,NULL);
CREATE INDEX attendee_debrief ON attendee(debrief_id, position);
CREATE INDEX event_debrief ON event(debrief_id, position);
CREATE INDEX perspective_attendee ON perspective(attendee_id);
CREATE INDEX note_debrief ON note(debrief_id);
CREATE INDEX note_event ON note(event_id);
CREATE INDEX private_note_debrief ON private_note(debrief_id);
CREATE INDEX private_note_event ON private_note(event_id);
CREATE INDEX agenda_step_debrief ON agenda_step(debrief_id, position);
CREATE INDEX prepared_question_event ON prepared_question(event_id);
CREATE INDEX asked_question_debrief ON asked_question(debrief_id);
CREATE INDEX learning_debrief ON learning(debrief_id, position);
CREATE INDEX guard_rail_debrief ON guard_rail(debrief_id, position);
CREATE INDEX action_item_debrief ON action_item(debrief_id, position);
CREATE INDEX recipient_debrief ON recipient(debrief_id, position);
CREATE INDEX survey_response_debrief ON survey_response(debrief_id);
CREATE INDEX learning_event_event ON learning_event(event_id);
CREATE INDEX action_item_event_event ON action_item_event(event_id);
CREATE TRIGGER debrief_uid AFTER INSERT ON debrief WHEN new.uid IS NULL BEGIN
    UPDATE debrief SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))
        || '-4' || substr(lower(hex(randomblob(2))), 2)
        || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
CREATE UNIQUE INDEX debrief_live_uid ON debrief(uid) WHERE deleted_at IS NULL;
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
CREATE VIRTUAL TABLE search_index USING fts5(
    body, who, kind UNINDEXED, debrief_id UNINDEXED, event_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(9,'Ravi starts the rollout of order-service config v2.14, which moves the database settings into the new nested config layout. The config linter reports no changed values.','Ravi Deshmukh','event',1,1);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(10,'It was my first week on call. The alert was a warning, not a critical one, and the runbook says a warning can be watched for up to fifteen minutes. Errors were flat and the provider had a notice up about slow card payments, so everything I could see fitted that story. Waiting felt like the careful choice, not a careless one.','','account',1,8);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(11,'The canary health check calls /healthz, which answers without opening a database connection.','','note',1,2);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(12,'Noor was on her first on-call week. Keep this gentle: the interesting part is the runbook wording and what the dashboard showed, not the ten minutes.','','private_note',1,8);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(13,'The canary health check never opens a database connection, so a change that starves the connection pool can pass the canary and be promoted everywhere.','','learning',1,NULL);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(14,'Make the order service fail on unknown config keys and log the resolved database settings at startup.','Ravi Deshmukh','action_item',1,NULL);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(17,'The canary pod passes its health checks for five minutes and the pipeline promotes v2.14 to all eight pods automatically.','deploy pipeline','event',1,2);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(18,'By about twenty past two we had twelve chats that all said the same thing: the Pay button spins and then nothing happens. I''d seen the provider''s notice that morning too, so I guessed engineering already knew. Posting in #support-escalations is our process, and I expected at least an emoji back. When nothing came, I took the silence to mean someone was on it.','','account',1,9);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(19,'The pre-read timeline went out on 20 November. Sofia''s two corrections (the first chat around 14:06 and the holding messages by 15:10) are already included.','','note',1,NULL);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(20,'Ravi asked before the meeting whether he would be ''the cause''. Reassure him early; the interesting parts are the linter, the silent fallback to a default and the automatic promotion.','','private_note',1,NULL);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(21,'A checkout that times out on our side can still succeed at the payment provider, and a retry creates a second payment instead of reusing the first.','','learning',1,NULL);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(22,'Reuse the original payment idempotency key when a customer retries checkout for the same basket.','Kwame Mensah','action_item',1,NULL);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(25,'With the rollout complete, Ravi expects v2.14 to behave exactly like v2.13 at runtime, since the change was described as a layout-only refactor.','Ravi Deshmukh','event',1,3);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(26,'I only saw Sofia''s message the next day. That channel isn''t on the list the on-call guide asks you to join, so my screen was the dashboard and the provider status page. Twelve chats in fifteen minutes would have told me this was bigger than ''some card payments'' being slow; it was the piece of information I didn''t have.','','account',1,9);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(28,'Keep the refunds discussion to about ten minutes; finance is running its own follow-up.','','private_note',1,NULL);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(29,'A clean config-lint run means the service will read the same values at runtime. The linter compares values, but the service ignores keys it does not recognise and uses defaults instead.','','learning',1,NULL);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(30,'Add a canary check that places a test order against the payment sandbox, so the database path is exercised before promotion.','Noor Haddad','action_item',1,NULL);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(33,'The support team receives the first chat from a customer whose checkout spinner keeps turning after pressing Pay.','Sofia Lindqvist','event',1,4);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(34,'By 14:40 we had two options on the table: roll back, or have Kwame raise the pool size by hand on the live pods. The hand fix might have been quicker, but I didn''t know what else v2.14 had changed, and rollback is something we rehearse every quarter. I wanted the option where we knew what ''done'' would look like.','','account',1,15);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(37,'A warning-level latency alert can be watched for up to fifteen minutes before escalating. The team confirmed this is deliberate, to keep night pages down, as long as other signals can still reach on-call.','','learning',1,NULL);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(38,'Give support a way to page on-call directly from #support-escalations and add the channel to the on-call setup guide.','Sofia Lindqvist','action_item',1,NULL);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(41,'The warning-level alert for checkout latency fires (p95 above 3 seconds) and pages the on-call engineer.','monitoring','event',1,5);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(42,'When Kwame said the pools were at 4, I opened the diff and couldn''t find a 4 anywhere; the file still said 40. So at that point I only knew my change was the most recent one, not that it was the problem. I was relieved we went with the rollback, because it didn''t depend on me working out the bug live on the call.','','account',1,15);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(45,'Support saw the problem first: the first customer chat came around 14:06, the first page at 14:09 and the first error alert at 14:24. #support-escalations is not one of the channels on-call watches.','','learning',1,NULL);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(49,'Noor acknowledges the page and opens the checkout dashboard. Latency is up sharply; the error rate is flat at its usual level.','Noor Haddad','event',1,6);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(50,'From the database side it looked almost peaceful: few connections, low CPU, no lock waits, while customers were timing out. I''d have been comfortable trying a bigger pool on one pod as an experiment, but that meant changing production by hand while the rollback was a single button. Hearing both options said out loud made it easy to let mine go.','','account',1,15);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(57,'Noor sees a notice on the payment provider''s status page about slower card payments and takes the provider as the most likely source of the latency.','Noor Haddad','event',1,7);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(58,'The graphs were green again and my instinct was to close the incident and give everyone their afternoon back. When Sofia said ''charged twice'', the incident changed shape for me: it was no longer about speed but about money we had taken and shouldn''t have. Keeping it open meant I could keep Kwame on the call without a fresh page.','','account',1,21);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(65,'Noor decides to keep watching the dashboard for another ten minutes before escalating, in line with the runbook guidance for warning-level alerts.','Noor Haddad','event',1,8);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(66,'I brought it to the bridge because three tickets in ten minutes looked like a pattern to me, but I half expected to hear that it was just pending holds from the bank, which we see a lot. What helped was that nobody asked me to prove it first; Tomás just asked Kwame to check.','','account',1,21);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(73,'Sofia posts in #support-escalations that twelve customers in fifteen minutes have reported checkouts hanging. The message gets no reply.','Sofia Lindqvist','event',1,9);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(81,'The critical alert for checkout errors fires: 18% of checkout requests return a 503 after the 30-second timeout.','monitoring','event',1,10);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(89,'Noor declares an incident in #incidents and pages the incident commander on duty.','Noor Haddad','event',1,11);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(97,'Tomás takes incident command, opens a bridge call and asks Kwame and Aiko to join: Kwame for the database, Aiko for customer-facing decisions.','Tomás Echeverría','event',1,12);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(105,'Kwame joins the bridge and reports that the database is lightly loaded: about 32 open connections across the cluster, where a normal afternoon shows around 300.','Kwame Mensah','event',1,13);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(113,'Kwame finds the order-service pool metrics: each pod is capped at 4 connections and requests wait up to 25 seconds for one. v2.13 ran with 40 per pod.','Kwame Mensah','event',1,14);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(121,'Tomás decides to roll back to config v2.13 through the deploy pipeline rather than raise the pool size by hand on the running pods.','Tomás Echeverría','event',1,15);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(129,'Aiko puts a ''checkout is slow, please don''t retry'' banner on the storefront and postpones the 15:00 promotional email to the next morning.','Aiko Tanaka','event',1,16);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(137,'Ravi starts the rollback to v2.13 in the deploy pipeline; it goes through the same five-minute canary stage as a normal rollout.','Ravi Deshmukh','event',1,17);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(145,'The rollback reaches all pods. Checkout latency returns to normal within two minutes and the error rate drops back to baseline.','monitoring','event',1,18);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(153,'A customer writes in that their card was charged twice for one order. Sofia finds two more tickets describing the same thing and raises it on the bridge.','Sofia Lindqvist','event',1,19);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(161,'Support has replied to every open checkout chat with a holding message and an offer to keep the customer''s basket saved.','Sofia Lindqvist','event',1,20);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(169,'Tomás keeps the incident open and widens its scope to duplicate charges, asking Kwame to look for orders with more than one successful payment.','Tomás Echeverría','event',1,21);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(177,'Kwame''s query finds 37 orders with two captured payments, all placed between 14:20 and 14:55. Each retry after a timeout had created a new payment instead of reusing the first one.','Kwame Mensah','event',1,22);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(185,'The payment provider''s notice about slower card payments is marked resolved. Nobody recorded when; it had no measurable effect on our checkout.','payment provider','event',1,23);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(193,'Aiko and Sofia agree on the wording of an apology email to the 37 affected customers, and finance confirms the refunds will go out the next morning.','Aiko Tanaka','event',1,24);
INSERT INTO "search_index"(rowid, body, who, kind, debrief_id, event_id) VALUES(201,'Tomás closes the incident, hands the refund follow-up to Sofia and finance, and asks for a debrief to be scheduled.','Tomás Echeverría','event',1,25);
COMMIT;
PRAGMA user_version = 3;
PRAGMA application_id = 1145197126;
