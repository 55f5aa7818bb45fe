"""The committed forms are what pyside6-uic makes of ui/*.ui today (run `python3 dev.py forms`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted((ROOT / "ui").glob("*.ui"))


def without_version(text: str) -> str:
    # The header names the uic version; a newer Qt must not make every form "stale".
    return "\n".join(line for line in text.splitlines() if "Qt User Interface Compiler" not in line)


def test_there_are_forms():
    assert UI_FILES


@pytest.mark.parametrize("ui", UI_FILES, ids=lambda p: p.name)
def test_compiled_form_is_up_to_date(ui, tmp_path):
    uic = shutil.which("pyside6-uic") or str(Path(sys.executable).parent / "pyside6-uic")
    fresh = tmp_path / "fresh.py"
    subprocess.run([uic, str(ui), "-o", str(fresh)], check=True, capture_output=True)
    committed = ROOT / "debrief_desktop" / "gui" / "forms" / f"ui_{ui.stem}.py"
    assert committed.exists(), f"{committed.name} is missing: run python3 dev.py forms"
    assert without_version(committed.read_text()) == without_version(fresh.read_text()), (
        f"{committed.name} is stale: run python3 dev.py forms"
    )
