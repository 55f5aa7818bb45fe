"""Packaging: the wheel installed elsewhere; the launcher, metainfo and icons; the bundle.

The wheel's file list (every file of ``resources/`` and ``ui/`` inside it, nothing from
``tests/`` or ``bench/``) is checked by ``test_resources.py``; the icons are part of
``resources/`` and so are covered there.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import site
import struct
import subprocess
import sys
import tomllib
import venv
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from debrief_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
DESKTOP_ID = "io.github.debrief_desktop.DebriefDesktop"
DESKTOP_FILE = LINUX / f"{DESKTOP_ID}.desktop"
METAINFO = LINUX / f"{DESKTOP_ID}.metainfo.xml"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="a POSIX shell script / bin/ layout")


def desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian package {package}; dev.py test installs it)")
    return found


# --- launcher, metainfo and icons ----------------------------------------------------


def test_one_desktop_id_everywhere():
    """The launcher's id names its files, its icon, the metainfo, and what the app tells Qt."""
    assert desktop_entry(DESKTOP_FILE)["Icon"] == DESKTOP_ID
    assert ET.parse(METAINFO).getroot().findtext("id") == DESKTOP_ID
    launchable = ET.parse(METAINFO).getroot().find("launchable")
    assert launchable is not None and launchable.text == f"{DESKTOP_ID}.desktop"
    for source in (
        ROOT / "debrief_desktop" / "gui" / "about.py",
        ROOT / "packaging" / "debrief-desktop.spec",
        LINUX / "install-user.sh",
    ):
        ids = re.findall(r"io\.github\.[\w.]+", source.read_text(encoding="utf-8"))
        assert set(ids) == {DESKTOP_ID}, source


def test_the_launcher_groups_the_apps_windows_under_its_name():
    """X11 docks match windows to the launcher by WM_CLASS, which Qt takes from the app's name."""
    app = (ROOT / "debrief_desktop" / "app.py").read_text(encoding="utf-8")
    [name] = re.findall(r'setApplicationName\("([^"]+)"\)', app)
    assert desktop_entry(DESKTOP_FILE)["StartupWMClass"] == name


def test_the_metainfo_lists_this_version_as_the_newest_release():
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases, "metainfo has no <release>"
    assert releases[0].get("version") == __version__


def test_desktop_file_validate_passes():
    validate = tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([validate, str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_appstreamcli_validate_passes():
    appstreamcli = tool("appstreamcli", "appstream")
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


def test_the_icon_is_an_svg_with_a_png_for_every_size():
    svg = ET.parse(ICONS / "debrief-desktop.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 256 256"
    for size in ICON_SIZES:
        assert png_size(ICONS / f"debrief-desktop-{size}.png") == (size, size)


@POSIX_ONLY
def test_install_user_puts_the_launcher_in_the_users_menu_and_takes_it_out(tmp_path):
    program = tmp_path / "my apps" / "debrief-desktop"  # a space: Exec must be quoted
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    data = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    script = str(LINUX / "install-user.sh")

    subprocess.run([script, str(program)], env=env, check=True, capture_output=True)
    installed = data / "applications" / f"{DESKTOP_ID}.desktop"
    entry = desktop_entry(installed)
    assert entry["Exec"] == f'"{program}"'
    assert entry["TryExec"] == str(program)
    assert (data / "metainfo" / f"{DESKTOP_ID}.metainfo.xml").is_file()
    assert (data / "icons/hicolor/scalable/apps" / f"{DESKTOP_ID}.svg").is_file()
    for size in ICON_SIZES:
        icon = data / f"icons/hicolor/{size}x{size}/apps/{DESKTOP_ID}.png"
        assert png_size(icon) == (size, size)
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(installed)], check=True)

    subprocess.run([script, "--uninstall"], env=env, check=True, capture_output=True)
    assert not [p for p in data.rglob(f"{DESKTOP_ID}*")]


@POSIX_ONLY
def test_install_user_refuses_a_path_a_launcher_cannot_hold(tmp_path):
    program = tmp_path / "50%" / "debrief-desktop"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    result = subprocess.run(
        [str(LINUX / "install-user.sh"), str(program)],
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "%" in result.stderr
    assert not (tmp_path / "share").exists()


# --- the wheel, installed into a fresh environment -------------------------------------


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


def test_the_wheel_declares_both_commands_and_no_packaging_files(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for name, target in {**project["scripts"], **project["gui-scripts"]}.items():
        assert f"{name} = {target}" in text
    assert not [n for n in names if n.startswith("packaging/") or "/packaging/" in n]


def fresh_environment(where: Path) -> Path:
    """A new virtual environment that borrows this one's dependencies, not its source tree.

    The environment has no packages of its own until the wheel is installed into it. The
    dependencies (PySide6 alone is hundreds of MB) come from the site-packages folders of
    the environment running the tests, listed as plain folders in a ``.pth`` file: folders,
    not site directories, so their own ``.pth`` files (an editable install's pointer to
    the checkout) are not read. ``--system-site-packages`` would not do: from inside a venv
    it means the base interpreter's folder, which has none of the dependencies.

    Returns:
        The environment's ``bin`` (or ``Scripts``) folder.
    """
    venv.EnvBuilder(with_pip=False).create(where)
    python = where / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # All of them, the checkout's own .venv included (CI keeps it there): listed as
    # plain folders, an editable install's pointer to the checkout is never followed.
    borrowed = [p for p in site.getsitepackages() if Path(p) != ROOT]
    Path(own, "zz_borrowed_dependencies.pth").write_text("\n".join(borrowed) + "\n")
    return python.parent


@POSIX_ONLY
def test_the_installed_wheel_runs_from_its_own_environment(wheel, tmp_path):
    """What CI checks for `pip install .`: the commands work with nothing from the checkout."""
    env_bin = fresh_environment(tmp_path / "env")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env_bin / "python"), "install",
         "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    env |= {"QT_QPA_PLATFORM": "offscreen", "DEBRIEF_DESKTOP_DATA_DIR": str(tmp_path / "data")}

    def run(*args: str) -> str:
        result = subprocess.run(
            [str(env_bin / "debrief-desktop"), *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"{args}: {result.stdout}{result.stderr}"
        return result.stdout

    assert run("--version").strip() == f"debrief-desktop {__version__}"
    assert (env_bin / "debrief-desktop-gui").is_file()

    # Code, resources and Designer files all come from the new environment's site-packages.
    probe = (
        "import json, debrief_desktop, debrief_desktop.resources as r;"
        "print(json.dumps([debrief_desktop.__file__, str(r.resource_path('questions.json')),"
        " str(r.resource_path('icons', 'debrief-desktop-16.png')),"
        " str(r.ui_path('event_editor.ui'))]))"
    )
    found = subprocess.run(
        [str(env_bin / "python"), "-c", probe],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    env_root = (tmp_path / "env").resolve()
    for path in json.loads(found):
        assert "site-packages" in Path(path).parts, path
        assert Path(path).resolve().is_relative_to(env_root), path

    (work / "timeline.csv").write_text(
        "time,text,actor\n14:02,Checkout errors rise,Pager\n~14:05,Rollback started,Ana\n",
        encoding="utf-8",
    )
    imported = json.loads(run("import", "timeline.csv", "--date", "2024-03-01", "--json"))
    assert imported["events"] == 2
    debrief_id = str(imported["id"])
    run("export", debrief_id, "--format", "json", "-o", "out.json")
    assert json.loads((work / "out.json").read_text(encoding="utf-8"))["format"] == (
        "debrief-desktop"
    )
    run("export", debrief_id, "--format", "pdf", "-o", "out.pdf")
    assert (work / "out.pdf").read_bytes().startswith(b"%PDF-")
    run("--smoke", "--demo")


# --- the PyInstaller bundle ------------------------------------------------------------


@pytest.mark.slow
@POSIX_ONLY
def test_the_bundle_builds_and_starts(tmp_path):
    """packaging/build_bundle.py: build the one-folder bundle, run --smoke and exports from it."""
    pytest.importorskip(
        "PyInstaller", reason="PyInstaller is not installed (pip install pyinstaller)"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_bundle.py"),
         "--dist", str(tmp_path / "dist"), "--work", str(tmp_path / "build")],
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    bundle = tmp_path / "dist" / "debrief-desktop"
    data = bundle / "_internal" / "debrief_desktop" / "_data"
    assert (data / "resources" / "questions.json").is_file()
    assert (data / "ui" / "event_editor.ui").is_file()
    assert (bundle / "linux" / "install-user.sh").is_file()
    assert (bundle / "linux" / "icons" / "debrief-desktop-256.png").is_file()
    assert not (bundle / "_internal" / "PySide6" / "QtNetwork.abi3.so").exists()  # excluded
