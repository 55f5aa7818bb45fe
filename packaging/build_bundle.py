#!/usr/bin/env python3
"""Build the one-folder desktop bundle with PyInstaller, then check that it starts.

    python packaging/build_bundle.py               build dist/debrief-desktop/, then check it
    python packaging/build_bundle.py --check-only  check an existing bundle
    python packaging/build_bundle.py --dist DIR --work DIR   build somewhere else (tests)

Run it with the Python of an environment that has the app and PyInstaller installed
(``.venv/bin/pip install pyinstaller``). The check runs the bundle from a temporary
folder with a temporary library, on Qt's offscreen platform: ``--version``,
``--smoke --demo`` (both windows painted), and ``export`` as JSON and PDF. It prints
the bundle's size and the build time; the exit status is 0 when all went well.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "debrief-desktop.spec"
NAME = "debrief-desktop"


def folder_size(folder: Path) -> int:
    """Bytes in the files under ``folder`` (links not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def executable(bundle: Path) -> Path:
    """The command-line program inside a bundle folder."""
    return bundle / (f"{NAME}.exe" if os.name == "nt" else NAME)


def build(dist: Path, work: Path) -> float:
    """Run PyInstaller on the spec; return the seconds it took."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            f"PyInstaller is not installed here: {sys.executable} -m pip install pyinstaller"
        ) from None
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), str(SPEC),
    ]  # fmt: skip
    print("+", " ".join(command), flush=True)
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=True)
    return time.monotonic() - started


def check(bundle: Path) -> None:
    """Run the bundle's program as an installed app would be; raise if anything fails.

    Raises:
        RuntimeError: a check failed (the message says which, with the program's output).
    """
    program = executable(bundle)
    if not program.is_file():
        raise RuntimeError(f"{program} is missing: build the bundle first")
    with tempfile.TemporaryDirectory(prefix="debrief-bundle-check-") as tmp:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "DEBRIEF_DESKTOP_DATA_DIR": str(Path(tmp, "data")),
        }

        def run(*args: str) -> str:
            result = subprocess.run(
                [str(program), *args], cwd=tmp, env=env, capture_output=True, text=True, timeout=120
            )
            if result.returncode != 0:
                raise RuntimeError(
                    f"{program.name} {' '.join(args)} exited {result.returncode}:\n"
                    f"{result.stdout}{result.stderr}"
                )
            print(f"ok  {program.name} {' '.join(args)}", flush=True)
            return result.stdout

        version = run("--version").strip()
        if not version.startswith(NAME):
            raise RuntimeError(f"--version said {version!r}")
        run("--smoke", "--demo")
        run("export", "1", "--format", "json", "-o", "demo.json")
        run("export", "1", "--format", "pdf", "-o", "demo.pdf")
        if not Path(tmp, "demo.pdf").read_bytes().startswith(b"%PDF-"):
            raise RuntimeError("export --format pdf did not write a PDF")
        run("import", "demo.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="default: ./dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="default: ./build")
    parser.add_argument("--check-only", action="store_true", help="check an existing bundle")
    args = parser.parse_args(argv)
    bundle = args.dist.resolve() / NAME
    seconds = None if args.check_only else build(args.dist.resolve(), args.work.resolve())
    try:
        check(bundle)
    except RuntimeError as exc:
        print(f"bundle check failed: {exc}", file=sys.stderr)
        return 1
    built = f", built in {seconds:.0f} s" if seconds is not None else ""
    print(f"{bundle}: {folder_size(bundle) / 2**20:.0f} MiB{built}; checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
