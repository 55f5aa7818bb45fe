"""The headless command line: what a script sees (stdout, stderr, exit status)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from debrief_desktop.cli import (
    EXIT_DATABASE,
    EXIT_INPUT,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    main,
)
from debrief_desktop.paths import default_library_path
from debrief_desktop.store import Store
from debrief_desktop.store.models import Precision


def cli(capsys, *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as exc:  # argparse usage errors and --version
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


CSV = (
    "time,actor,text\n"
    "2024-03-01 14:02 UTC,Ana,Alert fires\n"
    "~14:05,Bo,Bo looks at the graph\n"
    "later,,Rollback\n"
)


def test_first_use_creates_the_default_library_with_the_demo(capsys):
    path = default_library_path()
    assert not path.exists()
    status, out, _ = cli(capsys, "list", "--json")
    assert status == EXIT_OK
    [demo] = json.loads(out)
    assert demo["events"] == 25
    assert path.exists()
    assert path.stat().st_mode & 0o777 == 0o600
    # Second use: the same library, no second demo.
    assert len(json.loads(cli(capsys, "list", "--json")[1])) == 1


def test_import_prints_the_new_id_and_list_shows_it(tmp_path, capsys):
    db = tmp_path / "lib.sqlite"
    source = tmp_path / "timeline.csv"
    source.write_text(CSV, encoding="utf-8")
    status, out, err = cli(capsys, "--db", str(db), "import", str(source), "--title", "Outage")
    assert status == EXIT_OK
    new_id = int(out.strip())
    assert "imported 3 events" in err
    status, out, _ = cli(capsys, "--db", str(db), "list")
    assert status == EXIT_OK
    assert f"{new_id:>4}  2024-03-01" in out
    assert "Outage" in out
    with Store.open(db) as s:
        events = s.events(new_id)
    assert [e.precision for e in events] == [
        Precision.EXACT,
        Precision.APPROXIMATE,
        Precision.RELATIVE,
    ]
    assert events[1].instant == "2024-03-01T14:05:00+00:00"


def test_db_may_also_follow_the_command(tmp_path, capsys):
    db = tmp_path / "lib.sqlite"
    assert cli(capsys, "list", "--db", str(db), "--json")[1].strip() == "[]"
    assert db.exists()
    assert not default_library_path().exists()


def test_timezone_and_date_options_apply_to_bare_times(tmp_path, capsys):
    db = tmp_path / "lib.sqlite"
    source = tmp_path / "t.md"
    source.write_text("- 09:15 — Deploy starts\n- 09:20 — Errors climb\n", encoding="utf-8")
    status, out, _ = cli(
        capsys, "--db", str(db), "import", str(source),
        "--timezone", "Europe/Berlin", "--date", "2024-07-01", "--json",
    )  # fmt: skip
    assert status == EXIT_OK
    result = json.loads(out)
    with Store.open(db) as s:
        first = s.events(result["id"])[0]
    assert first.instant == "2024-07-01T07:15:00+00:00"


def test_json_export_round_trips_through_import(tmp_path, capsys):
    db = tmp_path / "lib.sqlite"
    out_file = tmp_path / "demo.json"
    cli(capsys, "--db", str(db), "--demo", "list")  # --demo is only for the app
    with Store.open(db) as s:
        from debrief_desktop.facilitation.demo import install_demo

        did = install_demo(s)
    assert (
        cli(capsys, "--db", str(db), "export", str(did), "--format", "json", "-o", str(out_file))[0]
        == 0
    )
    status, out, _ = cli(
        capsys, "--db", str(db), "import", str(out_file), "--on-conflict", "replace"
    )
    assert status == EXIT_OK
    copy_id = int(out)
    second = tmp_path / "again.json"
    cli(capsys, "--db", str(db), "export", str(copy_id), "-o", str(second))
    first_doc, second_doc = json.loads(out_file.read_text()), json.loads(second.read_text())
    first_doc.pop("exported_at"), second_doc.pop("exported_at")
    assert first_doc == second_doc
    assert any(e["private_notes"] for e in second_doc["events"])


def test_export_to_stdout(tmp_path, capsys):
    db = tmp_path / "lib.sqlite"
    with Store.open(db) as s:
        did = s.create_debrief("To stdout").id
    status, out, _ = cli(capsys, "--db", str(db), "export", str(did), "-o", "-")
    assert status == EXIT_OK
    assert json.loads(out)["debrief"]["title"] == "To stdout"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("time,actor\n14:02,Ana\n", ":1: "),
        ('time,text\n14:02,"unclosed\n', ":2: "),
        ('{"format": "debrief-desktop",\n "format_version": 1,\n ]', "line 3: invalid JSON"),
    ],
)
def test_a_malformed_file_is_rejected_with_its_line_and_nothing_is_imported(
    tmp_path, capsys, content, message
):
    db = tmp_path / "lib.sqlite"
    source = tmp_path / ("bad.json" if content.startswith("{") else "bad.csv")
    source.write_text(content, encoding="utf-8")
    status, out, err = cli(capsys, "--db", str(db), "import", str(source))
    assert status == EXIT_INPUT
    assert out == ""
    assert str(source) in err
    assert message in err
    assert "nothing was imported" in err
    assert "Traceback" not in err
    with Store.open(db) as s:
        assert s.debriefs() == []


def test_binary_data_is_rejected(tmp_path, capsys):
    source = tmp_path / "photo.csv"
    source.write_bytes(b"time,text\n\x89PNG\x00\x01\x02")
    status, _, err = cli(capsys, "--db", str(tmp_path / "l.sqlite"), "import", str(source))
    assert status == EXIT_INPUT
    assert f"{source}:2: " in err


def test_usage_errors(tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    source = tmp_path / "t.csv"
    source.write_text(CSV)
    assert (
        cli(capsys, "--db", db, "import", str(source), "--timezone", "Mars/Olympus")[0]
        == EXIT_USAGE
    )
    status, _, err = cli(capsys, "--db", db, "import", str(source), "--date", "March")
    assert status == EXIT_USAGE
    assert "--date 'March'" in err
    assert cli(capsys, "--db", db, "export", "1", "--format", "docx", "-o", "x")[0] == EXIT_USAGE


def test_missing_things(tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    status, _, err = cli(capsys, "--db", db, "export", "42", "-o", str(tmp_path / "x.json"))
    assert status == EXIT_NOT_FOUND
    assert "no debrief with id 42" in err
    assert not (tmp_path / "x.json").exists()
    status, _, err = cli(capsys, "--db", db, "import", str(tmp_path / "nope.csv"))
    assert status == EXIT_INPUT
    assert "nope.csv: cannot read" in err


def test_a_bad_library_file_gives_one_line_and_status_3(tmp_path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    status, _, err = cli(capsys, "--db", str(bad), "list")
    assert status == EXIT_DATABASE
    assert err.count("\n") == 1
    assert str(bad) in err
    assert bad.read_text() == "hello"


def test_version(capsys):
    status, out, _ = cli(capsys, "--version")
    assert status == 0
    assert out.startswith("debrief-desktop 0.")


def run_module(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "debrief_desktop", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )


def test_headless_commands_never_load_qt(tmp_path):
    db = tmp_path / "lib.sqlite"
    probe = (
        "import sys\nfrom debrief_desktop.cli import main\n"
        f"assert main(['--db', {str(db)!r}, 'list']) == 0\n"
        f"assert main(['--db', {str(db)!r}, 'export', '1', '-o', '-']) == 5\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken')))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_python_m_entry_point_reports_errors_without_traceback(tmp_path):
    result = run_module("--db", str(tmp_path / "l.sqlite"), "export", "7", "-o", "-")
    assert result.returncode == EXIT_NOT_FOUND
    assert result.stderr.startswith("debrief-desktop: error: ")
    assert "Traceback" not in result.stderr


def test_smoke_starts_the_app_and_exits_cleanly(tmp_path):
    result = run_module(
        "--db", str(tmp_path / "l.sqlite"), "--smoke", "--demo", QT_QPA_PLATFORM="offscreen"
    )
    assert result.returncode == 0, result.stderr
    with Store.open(Path(tmp_path / "l.sqlite")) as s:
        assert [d.event_count for d in s.debriefs()] == [25]


def test_a_timeline_can_be_piped_in(tmp_path):
    markdown = (
        "# DNS outage\n## 2026-10-02\n"
        "- 23:50 UTC — **Mia**: deploys resolver config (pivot)\n"
        "- 00:05 — resolvers stop answering\n"
    )
    db = tmp_path / "l.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "debrief_desktop", "--db", str(db), "import", "/dev/stdin"],
        input=markdown, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with Store.open(db) as s:
        [summary] = s.debriefs()
        events = s.events(summary.id)
    assert summary.title == "DNS outage"
    assert [(e.actor, e.pivot, e.instant) for e in events] == [
        ("Mia", True, "2026-10-02T23:50:00+00:00"),
        ("", False, "2026-10-03T00:05:00+00:00"),
    ]


def test_bad_import_options_are_refused_before_any_library_is_created(tmp_path, capsys):
    source = tmp_path / "t.csv"
    source.write_text(CSV)
    db = tmp_path / "new.sqlite"
    assert cli(capsys, "--db", str(db), "import", str(source), "--timezone", "Bogus")[0] == 2
    assert cli(capsys, "--db", str(db), "import", str(tmp_path / "missing.csv"))[0] == 4
    assert cli(capsys, "import", str(source), "--date", "someday")[0] == 2
    assert not db.exists()
    assert not default_library_path().exists()


def test_export_follows_a_link_and_writes_through_a_device(tmp_path, capsys):
    db = tmp_path / "lib.sqlite"
    with Store.open(db) as s:
        did = s.create_debrief("Linked").id
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert cli(capsys, "--db", str(db), "export", str(did), "-o", str(link))[0] == EXIT_OK
    assert link.is_symlink()
    assert json.loads(real.read_text())["debrief"]["title"] == "Linked"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    assert cli(capsys, "--db", str(db), "export", str(did), "-o", str(fifo))[0] == EXIT_OK
    out, _ = reader.communicate(timeout=10)
    assert json.loads(out)["debrief"]["title"] == "Linked"
    assert fifo.exists() and not fifo.is_file()


def test_an_unwritable_export_target_is_exit_6_and_leaves_no_partial_file(tmp_path, capsys):
    db = tmp_path / "lib.sqlite"
    with Store.open(db) as s:
        did = s.create_debrief("x").id
    out = tmp_path / "no-such-folder" / "x.json"
    status, _, err = cli(capsys, "--db", str(db), "export", str(did), "-o", str(out))
    assert status == 6
    assert "cannot write" in err


def test_list_into_a_closed_pipe_is_quiet(tmp_path):
    db = tmp_path / "l.sqlite"
    with Store.open(db) as s:
        for i in range(3000):
            s.create_debrief(f"debrief {i}")
    result = subprocess.run(
        f"{sys.executable} -m debrief_desktop --db {db} list | head -1",
        shell=True, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.startswith("  ID")
    assert "Error" not in result.stderr


def test_sigterm_closes_the_app_cleanly(tmp_path):
    import signal as signals
    import time

    db = tmp_path / "l.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen(
        [sys.executable, "-m", "debrief_desktop", "--db", str(db), "--demo"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not db.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.5)  # running its event loop
    app.send_signal(signals.SIGTERM)
    _, err = app.communicate(timeout=20)
    assert app.returncode == 0, err
    with Store.open(db) as s:
        assert [d.event_count for d in s.debriefs()] == [25]


# ------------------------------------------------------- the library: list, search, import


@pytest.fixture
def demo_db(tmp_path) -> tuple[Path, int]:
    """A library file holding the demo debrief and a private note with a word of its own."""
    from debrief_desktop.facilitation.demo import install_demo
    from debrief_desktop.store.models import PrivateNote

    db = tmp_path / "lib.sqlite"
    with Store.open(db) as s:
        did = install_demo(s)
        s.add(
            PrivateNote,
            debrief_id=did,
            text="the platypus question, for me only",
            created_at="2026-11-23T09:00:00+00:00",
        )
    return db, did


def test_list_shows_open_action_items_and_success(demo_db, capsys):
    from debrief_desktop.store.models import ActionItem, Attendee, SurveyResponse

    db, did = demo_db
    out = cli(capsys, "--db", str(db), "list")[1]
    header, row = out.splitlines()
    assert header.split() == ["ID", "INCIDENT", "MEETING", "EVENTS", "OPEN", "SUCCESS", "TITLE"]
    assert row.split()[3:6] == ["25", "4", "-"]
    with Store.open(db) as s:
        s.update(ActionItem, s.rows(ActionItem, debrief_id=did)[0].id, status="done")
        people = s.rows(Attendee, debrief_id=did)
        for person in people[:3]:
            s.add(SurveyResponse, debrief_id=did, attendee_id=person.id, attend_again=True)
        s.add(SurveyResponse, debrief_id=did, attendee_id=people[3].id, learned=True)
    out = cli(capsys, "--db", str(db), "list")[1]
    assert out.splitlines()[1].split()[3:6] == ["25", "3", "✓✓"]
    [entry] = json.loads(cli(capsys, "--db", str(db), "list", "--json")[1])
    assert entry == {
        "id": did,
        "title": entry["title"],
        "incident_date": "2026-11-18",
        "meeting_date": "2026-11-23",
        "event_count": 25,
        "events": 25,
        "open_action_items": 3,
        "learned": True,
        "would_attend": True,
        "updated_at": entry["updated_at"],
        "opened_at": None,
        "deleted_at": None,
    }


def test_success_marks():
    from debrief_desktop.cli import success_marks

    assert success_marks(None, None) == "-"
    assert success_marks(True, False) == "✓·"
    assert success_marks(False, True) == "·✓"


def test_list_trash(demo_db, capsys):
    from debrief_desktop.store.library import move_to_trash

    db, did = demo_db
    assert cli(capsys, "--db", str(db), "list", "--trash")[1] == "the trash is empty\n"
    with Store.open(db) as s:
        keep = s.create_debrief("Kept").id
        move_to_trash(s, did)
    [live] = json.loads(cli(capsys, "--db", str(db), "list", "--json")[1])
    assert live["id"] == keep
    [trashed] = json.loads(cli(capsys, "--db", str(db), "list", "--trash", "--json")[1])
    assert trashed["id"] == did and trashed["deleted_at"]
    status, out, _ = cli(capsys, "--db", str(db), "list", "--trash")
    assert status == EXIT_OK and f"{did:>4}  2026-11-18" in out and "Kept" not in out


def test_search_prints_one_line_per_match(demo_db, capsys):
    db, did = demo_db
    status, out, _ = cli(capsys, "--db", str(db), "search", "idempotency")
    assert status == EXIT_OK
    lines = out.splitlines()
    assert lines
    for line in lines:
        debrief, event, kind, rest = line.split("\t")
        assert debrief == str(did)
        assert event == "-" or event.isdigit()
        assert kind in {"event", "account", "note", "learning", "action_item"}
        assert rest.startswith("[Slow and failing checkouts") and "[idempotency]" in rest
        assert "\x02" not in rest and "\x03" not in rest
    assert any(line.split("\t")[2] == "action_item" for line in lines)
    # Several words: all must occur.
    out = cli(capsys, "--db", str(db), "search", "original", "idempotency", "key")[1]
    assert len(out.splitlines()) == 1 and "[original] payment [idempotency] [key]" in out


def test_search_json(demo_db, capsys):
    db, did = demo_db
    status, out, _ = cli(capsys, "--db", str(db), "search", "Noor", "--json", "--limit", "3")
    hits = json.loads(out)
    assert status == EXIT_OK and len(hits) == 3
    for hit in hits:
        assert set(hit) == {"debrief_id", "debrief_title", "event_id", "kind", "row_id", "snippet"}
        assert hit["debrief_id"] == did and "[Noor]" in hit["snippet"]
    event_hits = [h for h in hits if h["kind"] == "event"]
    assert event_hits and all(h["event_id"] == h["row_id"] for h in event_hits)


def test_search_never_shows_private_notes(demo_db, capsys):
    db, _ = demo_db
    status, out, err = cli(capsys, "--db", str(db), "search", "platypus")
    assert (status, out) == (EXIT_OK, "")
    assert "nothing found" in err
    assert json.loads(cli(capsys, "--db", str(db), "search", "platypus", "--json")[1]) == []
    assert cli(capsys, "--db", str(db), "search", "platypus", "--advanced")[1] == ""


@pytest.mark.parametrize("query", ['"', "NEAR(", "a OR", "-", "*", "AND", "'", "🔥", "x" * 5000])
def test_search_takes_any_text_as_plain_words(demo_db, capsys, query):
    db, _ = demo_db
    status, _, err = cli(capsys, "--db", str(db), "search", query)
    assert status == EXIT_OK
    assert "Traceback" not in err and "error" not in err


def test_an_advanced_syntax_error_exits_2(demo_db, capsys):
    db, _ = demo_db
    status, out, err = cli(capsys, "--db", str(db), "search", "--advanced", "checkout", "OR")
    assert (status, out) == (EXIT_USAGE, "")
    assert err.startswith("debrief-desktop: error: cannot search for 'checkout OR'")
    assert len(err.splitlines()) == 1
    status, out, _ = cli(capsys, "--db", str(db), "search", "--advanced", "idempotency OR zzz")
    assert status == EXIT_OK and out


def share_demo(capsys, db: Path, did: int, out_file: Path) -> Path:
    status = cli(capsys, "--db", str(db), "export", str(did), "-o", str(out_file))[0]
    assert status == EXIT_OK
    return out_file


def test_import_a_shared_debrief_keep_both_by_default(demo_db, tmp_path, capsys):
    db, did = demo_db
    shared = share_demo(capsys, db, did, tmp_path / "demo.debrief")
    before = shared.read_bytes()
    other = tmp_path / "other.sqlite"
    status, out, err = cli(capsys, "--db", str(other), "import", str(shared))
    assert status == EXIT_OK and "note:" not in err
    first = int(out)
    status, out, err = cli(capsys, "--db", str(other), "import", str(shared))
    assert status == EXIT_OK
    second = int(out)
    assert f"debrief {first} is the same debrief; both are kept" in err
    titles = {
        r["id"]: r["title"]
        for r in json.loads(cli(capsys, "--db", str(other), "list", "--json")[1])
    }
    assert titles[second] == titles[first] + " (imported)"
    assert shared.read_bytes() == before


def test_import_replace(demo_db, tmp_path, capsys):
    db, did = demo_db
    shared = share_demo(capsys, db, did, tmp_path / "demo.debrief")
    other = tmp_path / "other.sqlite"
    first = int(cli(capsys, "--db", str(other), "import", str(shared))[1])
    status, out, err = cli(
        capsys, "--db", str(other), "import", str(shared), "--on-conflict", "replace"
    )
    assert status == EXIT_OK
    second = int(out)
    assert f"replaced debrief {first} (now in the trash)" in err
    [live] = json.loads(cli(capsys, "--db", str(other), "list", "--json")[1])
    [trashed] = json.loads(cli(capsys, "--db", str(other), "list", "--trash", "--json")[1])
    assert (live["id"], trashed["id"]) == (second, first)
    assert live["title"] == trashed["title"]
    assert cli(capsys, "--db", str(other), "import", str(shared), "--on-conflict", "merge")[0] == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "debrief-desktop", "format_version": 99}', "newer than this app reads"),
        (b'{"format": "debrief-desktop", "format_version": 2, "debrief": {"title"', "line 1"),
        (b"SQLite format 3\x00\xff\xfe", "not UTF-8 text"),
        (b"time,text\n14:00,not a debrief\n", "invalid JSON"),
        (b'{"hello": "world"}', "not a debrief file"),
    ],
)
def test_a_bad_debrief_file_is_exit_4_and_nothing_is_imported(
    demo_db, tmp_path, capsys, content, message
):
    db, did = demo_db
    source = tmp_path / "bad.debrief"
    source.write_bytes(content)
    for choice in ("keep-both", "replace"):
        status, out, err = cli(
            capsys, "--db", str(db), "import", str(source), "--on-conflict", choice
        )
        assert (status, out) == (EXIT_INPUT, "")
        assert message in err and "nothing was imported" in err
    assert [r["id"] for r in json.loads(cli(capsys, "--db", str(db), "list", "--json")[1])] == [did]
    assert cli(capsys, "--db", str(db), "list", "--trash")[1] == "the trash is empty\n"


def test_json_export_can_leave_private_notes_out_for_sharing(tmp_path, capsys):
    db = tmp_path / "lib.sqlite"
    with Store.open(db) as s:
        from debrief_desktop.facilitation.demo import install_demo

        did = install_demo(s)
    out = tmp_path / "share.debrief"
    status, _, _ = cli(
        capsys, "--db", str(db), "export", str(did), "-o", str(out), "--without-private"
    )
    assert status == EXIT_OK
    doc = json.loads(out.read_text())
    assert doc["private_notes"] == []
    assert all(e["private_notes"] == [] and e["prepared_questions"] == [] for e in doc["events"])
    assert any(e["perspectives"] for e in doc["events"])  # the shared content is all there
