"""``debrief-desktop questions`` and ``debrief-desktop hints``: output, exit status, no Qt."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from debrief_desktop.cli import EXIT_OK, EXIT_USAGE, main
from debrief_desktop.facilitation.questions import shipped_bank
from debrief_desktop.paths import default_library_path
from debrief_desktop.store import Store
from debrief_desktop.store.models import Question


def cli(capsys, *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as exc:  # argparse usage errors
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "library.sqlite")


# --------------------------------------------------------------- questions


def test_questions_prints_the_bank_by_category(capsys, db):
    status, out, err = cli(capsys, "--db", db, "questions")
    assert status == EXIT_OK, err
    bank = shipped_bank()
    lines = out.splitlines()
    assert sum(line.startswith("  - ") for line in lines) == len(bank.questions)
    for category in bank.categories:
        assert category.name in lines
    first = bank.questions[0]
    assert f"  - {first.text}  [{', '.join(first.kinds)}]" in lines


def test_questions_json_and_category_by_id_or_name(capsys, db):
    status, out, _ = cli(capsys, "--db", db, "questions", "--json")
    assert status == EXIT_OK
    rows = json.loads(out)
    assert len(rows) >= 80
    assert set(rows[0]) == {"id", "text", "category", "category_name", "kinds", "builtin", "how"}
    assert all(r["how"] for r in rows)
    naive = [r for r in rows if r["category"] == "naive"]
    status, out, _ = cli(capsys, "--db", db, "questions", "--category", "naive", "--json")
    assert json.loads(out) == naive
    status, out, _ = cli(
        capsys, "questions", "--db", db, "--category", "NAIVE QUESTIONS (what would a child ask?)"
    )
    assert status == EXIT_OK
    assert out.count("  - ") == len(naive)


def test_questions_shows_own_questions(capsys, db):
    cli(capsys, "--db", db, "questions")
    with Store.open(db) as store:
        store.add(Question, text="How do we rotate keys?", category="security", kinds="action")
    status, out, _ = cli(capsys, "--db", db, "questions", "--category", "Security")
    assert status == EXIT_OK
    assert out.splitlines()[-1] == "  - How do we rotate keys?  [action]  (own)"


def test_an_unknown_category_is_a_usage_error(capsys, db):
    status, out, err = cli(capsys, "--db", db, "questions", "--category", "gossip")
    assert status == EXIT_USAGE
    assert out == ""
    assert "gossip" in err and "naive" in err


# ------------------------------------------------------------------- hints

DRAFT = (
    "# Postmortem\n"
    "\n"
    "The on-call engineer should have paged the DBA team.\n"
    'Ana said "it was obviously fine" at 14:10.\n'
    "Obviously, a careless change.\n"
)


def test_hints_prints_file_line_column_phrase_and_suggestion(capsys, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    status, out, err = cli(capsys, "hints", str(draft))
    assert status == 1
    assert err == ""
    lines = out.splitlines()
    assert [line.split(" \u2014 ")[0] for line in lines] == [
        f"{draft}:3:22: should have",
        f"{draft}:5:1: Obviously",
        f"{draft}:5:14: careless",
    ]
    assert all(len(line.split(" \u2014 ")[1]) > 10 for line in lines)


def test_a_clean_draft_exits_0_silently(capsys, tmp_path):
    draft = tmp_path / "clean.txt"
    draft.write_text("The pool shrank to 4 connections.\nNobody is to blame.\n", encoding="utf-8")
    assert cli(capsys, "hints", str(draft)) == (EXIT_OK, "", "")


def test_hints_reads_stdin_and_counts_lines_in_windows_files(capsys, monkeypatch):
    data = b"first line\r\nsecond: just do it\r\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, _ = cli(capsys, "hints", "-")
    assert status == 1
    assert out.startswith("<stdin>:2:9: just \u2014 ")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.md", "No such file"),
        (lambda p: p, "directory"),
        (lambda p: (p / "latin1.txt").write_bytes(b"caf\xe9 should have") and p / "latin1.txt",
         "not UTF-8"),
    ],
)  # fmt: skip
def test_an_unreadable_file_exits_2(capsys, tmp_path, make, message):
    path = make(tmp_path)
    status, out, err = cli(capsys, "hints", str(path))
    assert status == EXIT_USAGE
    assert out == ""
    assert message in err and str(path) in err


def test_hints_without_a_file_is_a_usage_error(capsys):
    status, _, err = cli(capsys, "hints")
    assert status == EXIT_USAGE
    assert "FILE" in err


def test_hints_never_opens_or_creates_a_library(capsys, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("just\n", encoding="utf-8")
    db = tmp_path / "lib" / "library.sqlite"
    assert cli(capsys, "--db", str(db), "hints", str(draft))[0] == 1
    assert cli(capsys, "hints", str(draft))[0] == 1
    assert not db.exists() and not db.parent.exists()
    assert not default_library_path().exists()


def test_headless_commands_never_import_qt(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("He failed to notice.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from debrief_desktop.cli import main\n"
        f"a = main(['hints', {str(draft)!r}])\n"
        f"b = main(['--db', {str(tmp_path / 'l.sqlite')!r}, 'questions', '--json'])\n"
        "print('status', a, b, 'qt' if any(m.startswith('PySide6') for m in sys.modules)"
        " else 'no-qt', file=sys.stderr)\n"
    )
    env = {**os.environ, "DEBRIEF_DESKTOP_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "status 1 0 no-qt", done.stderr
    assert "failed to" in done.stdout
