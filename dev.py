#!/usr/bin/env python3
"""Set up and run Debrief Desktop from a source checkout, on a machine that has only Python.

    python3 dev.py run [APP ARGS...]   install what the app needs, then start it
    python3 dev.py test [PYTEST ARGS]  install what the tests need, then run every check
    python3 dev.py forms               recompile ui/*.ui into debrief_desktop/gui/forms/

On Debian/Ubuntu the Qt system libraries and fonts are installed with apt-get
when missing (as root; otherwise the command to run with sudo is printed).
Python packages go into a virtual environment in .venv/.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DEBRIEF_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")

# What Qt's offscreen and X11 platforms need on a bare Debian, plus fonts that
# cover Latin, Greek, Cyrillic, Arabic, Hebrew, CJK text and emoji.
APT_RUN = [
    "libglib2.0-0", "libgl1", "libegl1", "libfontconfig1", "libxkbcommon0", "libdbus-1-3",
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
    "libxcb-render-util0", "libxcb-render0", "libxcb-shape0", "libxcb-xkb1",
    "libxkbcommon-x11-0", "fonts-dejavu-core", "fonts-wqy-microhei", "fonts-noto-color-emoji",
]  # fmt: skip
# Real-window tests run on a virtual X server with two simulated monitors (xrandr).
# pdftotext/pdftoppm read exported PDFs back in the tests; dbus-daemon runs a fake
# screen-saver service for the inhibit test.
# desktop-file-utils and appstream validate the Linux launcher and metainfo files;
# imagemagick's import takes the real-window test's screenshot.
APT_TEST = [
    *APT_RUN, "xvfb", "xauth", "x11-xserver-utils", "poppler-utils", "dbus",
    "desktop-file-utils", "appstream", "imagemagick",
]  # fmt: skip


def say(message: str) -> None:
    print(f"[dev.py] {message}", flush=True)


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    say(" ".join(str(c) for c in cmd))
    result = subprocess.run([str(c) for c in cmd], env=env)
    if result.returncode != 0:
        raise SystemExit(result.returncode)


def missing_debian_packages(packages: list[str]) -> list[str]:
    missing = []
    for name in packages:
        status = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True
        )
        if "install ok installed" not in status.stdout:
            missing.append(name)
    return missing


def ensure_system_packages(packages: list[str]) -> None:
    needs_venv = False
    try:
        import ensurepip  # noqa: F401  (Debian ships venv's pip bootstrap separately)
    except ImportError:
        needs_venv = True
    if not (Path("/etc/debian_version").exists() and shutil.which("apt-get")):
        if needs_venv:
            raise SystemExit("Python's venv module is missing: install it, then run this again.")
        say("not Debian/Ubuntu: make sure Qt 6's system libraries are installed")
        return
    wanted = packages + (
        [f"python{sys.version_info.major}.{sys.version_info.minor}-venv"] if needs_venv else []
    )
    missing = missing_debian_packages(wanted)
    if not missing:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if os.geteuid() != 0:
        raise SystemExit(
            "These system packages are needed: " + " ".join(missing) + "\n"
            "Install them with:\n  sudo apt-get update && sudo " + " ".join(command) + "\n"
            "then run this command again."
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run(*command, "-qq", env=env)


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (this script must say so on an old Python)
        raise SystemExit(
            f"Debrief Desktop needs Python 3.11 or newer (this is {sys.version.split()[0]})"
        )
    if not (BIN / "python").exists():
        run(sys.executable, "-m", "venv", VENV)
    spec = f".[{extras}]" if extras else "."
    stamp = VENV / ".debrief-installed"
    project = (ROOT / "pyproject.toml").read_bytes()

    def digest(of: str) -> str:
        return hashlib.sha256(project + of.encode()).hexdigest()

    # The test install is a superset of the app's: 'run' after 'test' installs nothing.
    good = {digest(spec)} | ({digest(".[test]")} if not extras else set())
    if stamp.exists() and stamp.read_text() in good:
        return
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--editable", spec)
    stamp.write_text(digest(spec))


def cmd_run(args: list[str]) -> int:
    ensure_system_packages(APT_RUN)
    ensure_venv("")
    if os.name == "posix" and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        say(
            "no display found (DISPLAY is not set):"
            " the app needs a desktop session to show its windows"
        )
    return subprocess.call([str(BIN / "debrief-desktop"), *args])


def cmd_test(args: list[str]) -> int:
    ensure_system_packages(APT_TEST)
    ensure_venv("test")
    os.chdir(ROOT)
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    run(BIN / "mypy")
    run(BIN / "lint-imports")
    env = dict(os.environ)
    # Real-window tests first, on Xvfb (pytest-xvfb starts it); then everything
    # else offscreen, so the last summary line is the whole suite's.
    gui = subprocess.call([str(BIN / "pytest"), "-m", "gui", "-q", *args], env=env)
    if gui not in (0, 5):  # 5: no real-window tests collected
        return gui
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.call([str(BIN / "pytest"), "-m", "not gui", "--no-xvfb", *args], env=env)


def cmd_forms(args: list[str]) -> int:
    """Compile ui/*.ui into debrief_desktop/gui/forms/ (the one generated thing committed)."""
    ensure_venv("test")
    for ui in sorted((ROOT / "ui").glob("*.ui")):
        target = ROOT / "debrief_desktop" / "gui" / "forms" / f"ui_{ui.stem}.py"
        run(BIN / "pyside6-uic", ui, "-o", target)
    return 0


def main() -> int:
    commands = {"run": cmd_run, "test": cmd_test, "forms": cmd_forms}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
