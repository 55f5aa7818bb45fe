"""Packaged files are found through one helper, from a checkout and from a built wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from debrief_desktop.resources import read_text, resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_resources_are_found_in_the_checkout():
    path = resource_path("demo", "demo-debrief.json")
    assert path.is_file()
    assert '"format": "debrief-desktop"' in read_text("demo", "demo-debrief.json")


def test_a_missing_resource_says_which():
    with pytest.raises(FileNotFoundError, match=r"nope\.txt"):
        resource_path("nope.txt")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    [built] = out.glob("debrief_desktop-*.whl")
    return built


def test_the_wheel_holds_every_resource_and_ui_file_and_no_tests(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("resources", "ui"):
        for file in (ROOT / folder).rglob("*"):
            if file.is_file():
                rel = file.relative_to(ROOT / folder).as_posix()
                assert f"debrief_desktop/_data/{folder}/{rel}" in names
    assert not [n for n in names if n.startswith(("tests/", "bench/"))]


def test_an_installed_wheel_finds_its_resources_inside_the_package(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = "from debrief_desktop.resources import resource_path; print(resource_path('demo'))"
    env = {**os.environ, "PYTHONPATH": str(site)}
    found = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {probe}"],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=True,
    ).stdout.strip()  # fmt: skip
    assert Path(found).is_relative_to(site)
