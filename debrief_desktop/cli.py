"""Command line: headless subcommands, or hand over to the GUI.

The headless commands (``import``, ``list``, ``export``) never import Qt; only
starting the app does (``debrief_desktop.app``, imported on demand).

Exit status: 0 done; 1 unexpected failure (a bug: run again with ``--debug``);
2 bad command-line usage; 3 the library file cannot be used; 4 the input file
was rejected (nothing was imported); 5 no such debrief; 6 the output file
cannot be written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from debrief_desktop import __version__

if TYPE_CHECKING:
    from debrief_desktop.store import Store

PROG = "debrief-desktop"

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_DATABASE = 3
EXIT_INPUT = 4
EXIT_NOT_FOUND = 5
EXIT_OUTPUT = 6


class CliError(Exception):
    """A problem to report on one line of stderr with an exit status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the README's usage text)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        default=argparse.SUPPRESS,
        help="library file to use (default: library.sqlite in the user-data folder)",
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show a traceback on errors",
    )

    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[common],
        description="Run an in-room, blameless post-incident debrief. "
        "Without a command, starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the demo debrief (added to the library if missing)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start, show the windows, wait for the first paint and exit 0 (install checks)",
    )
    parser.add_argument(
        "--projector-screen",
        metavar="NAME",
        help="put the projector window on this screen (e.g. HDMI-1); remembered for next time",
    )
    parser.add_argument("--debrief", type=int, metavar="ID", help="open this debrief")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_import = sub.add_parser(
        "import",
        parents=[common],
        help="import a timeline (CSV, Markdown) or a debrief JSON file; prints the new id",
    )
    p_import.add_argument("file", type=Path, metavar="FILE")
    p_import.add_argument("--title", metavar="T", help="title of the new debrief")
    p_import.add_argument(
        "--timezone",
        metavar="TZ",
        default="UTC",
        help="zone for times written without one (UTC, Europe/Berlin, PST, +02:00; default UTC)",
    )
    p_import.add_argument(
        "--date", metavar="D", help="date (YYYY-MM-DD) for times written without one"
    )
    p_import.add_argument("--json", action="store_true", help="print the result as JSON")

    p_list = sub.add_parser("list", parents=[common], help="list the debriefs in the library")
    p_list.add_argument("--json", action="store_true", help="print JSON instead of a table")

    p_export = sub.add_parser("export", parents=[common], help="export one debrief")
    p_export.add_argument("id", type=int, metavar="ID")
    p_export.add_argument("--format", choices=["json"], default="json")
    p_export.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="file to write ('-' for stdout)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``debrief-desktop`` and ``python -m debrief_desktop``."""
    args = build_parser().parse_args(argv)
    debug = getattr(args, "debug", False)
    try:
        if args.command is None:
            return _start_app(args)
        if args.command == "import":
            _check_import_args(args)  # before the library is opened (or created)
        with _open_store(args) as store:
            handler = {"import": _cmd_import, "list": _cmd_list, "export": _cmd_export}
            return handler[args.command](store, args)
    except CliError as exc:
        if debug:
            raise
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as other tools do.
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:
        if debug:
            raise
        print(
            f"{PROG}: unexpected error: {type(exc).__name__}: {exc} (run again with --debug)",
            file=sys.stderr,
        )
        return EXIT_FAILURE


def library_path(args: argparse.Namespace) -> tuple[Path, bool]:
    """The library file to use, and whether it is the default one."""
    explicit = getattr(args, "db", None)
    if explicit is not None:
        return Path(explicit), False
    from debrief_desktop.paths import default_library_path

    return default_library_path(), True


def open_library(path: Path, is_default: bool) -> Store:
    """Open a library file; a new default library starts with the demo debrief.

    Raises:
        CliError: the file cannot be used (exit status 3).
    """
    from debrief_desktop.store import Store, StoreError

    is_new = not path.exists() or path.stat().st_size == 0
    try:
        store = Store.open(path)
    except StoreError as exc:
        raise CliError(str(exc), EXIT_DATABASE) from exc
    if is_new and is_default:
        from debrief_desktop.facilitation.demo import install_demo

        install_demo(store)
    return store


def _open_store(args: argparse.Namespace) -> Store:
    return open_library(*library_path(args))


def _start_app(args: argparse.Namespace) -> int:
    path, is_default = library_path(args)
    store = open_library(path, is_default)
    from debrief_desktop.app import run  # Qt is imported only from here on

    return run(
        store,
        demo=args.demo,
        smoke=args.smoke,
        projector_screen=args.projector_screen,
        debrief_id=args.debrief,
    )


def _check_import_args(args: argparse.Namespace) -> None:
    from debrief_desktop.facilitation.timeparse import resolve_zone

    if resolve_zone(args.timezone) is None:
        raise CliError(
            f"--timezone {args.timezone!r} is not a time zone I know"
            " (try UTC, Europe/Berlin, America/New_York, PST or +02:00)",
            EXIT_USAGE,
        )
    args.parsed_date = None
    if args.date:
        try:
            args.parsed_date = dt.date.fromisoformat(args.date)
        except ValueError:
            raise CliError(
                f"--date {args.date!r} is not a date like 2024-03-01", EXIT_USAGE
            ) from None
    source = Path(args.file)
    if not source.exists():
        raise CliError(f"{source}: cannot read: no such file", EXIT_INPUT)
    if source.is_dir():
        raise CliError(f"{source}: cannot read: it is a folder", EXIT_INPUT)


def _cmd_import(store: Store, args: argparse.Namespace) -> int:
    from debrief_desktop.facilitation.importers import ImportFormatError
    from debrief_desktop.facilitation.timeline_import import import_file
    from debrief_desktop.store.exchange import ExchangeFormatError

    date = args.parsed_date
    try:
        result = import_file(store, args.file, title=args.title, timezone=args.timezone, date=date)
    except (ImportFormatError, ExchangeFormatError) as exc:
        raise CliError(f"{exc} (nothing was imported)", EXIT_INPUT) from exc
    except OSError as exc:
        raise CliError(f"{args.file}: cannot read: {exc.strerror or exc}", EXIT_INPUT) from exc
    if args.json:
        print(
            json.dumps(
                {
                    "id": result.debrief_id,
                    "events": result.event_count,
                    "unknown_time_lines": result.unknown_time_lines,
                }
            )
        )
    else:
        print(result.debrief_id)
    print(
        f"imported {result.event_count} events from {args.file} as debrief {result.debrief_id}",
        file=sys.stderr,
    )
    if result.unknown_time_lines:
        lines = ", ".join(map(str, result.unknown_time_lines[:20]))
        more = "…" if len(result.unknown_time_lines) > 20 else ""
        print(
            "note: times kept as written but not understood (marked unknown)"
            f" on lines {lines}{more}",
            file=sys.stderr,
        )
    return EXIT_OK


def _cmd_list(store: Store, args: argparse.Namespace) -> int:
    rows = store.debriefs()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "title": r.title,
                        "incident_date": r.incident_date,
                        "meeting_date": r.meeting_date,
                        "events": r.event_count,
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    if not rows:
        print("no debriefs yet: import a timeline with 'debrief-desktop import FILE'")
        return EXIT_OK
    print(f"{'ID':>4}  {'INCIDENT':<10}  {'MEETING':<10}  {'EVENTS':>6}  TITLE")
    for r in rows:
        print(
            f"{r.id:>4}  {r.incident_date or '-':<10}  {r.meeting_date or '-':<10}"
            f"  {r.event_count:>6}  {r.title}"
        )
    return EXIT_OK


def _cmd_export(store: Store, args: argparse.Namespace) -> int:
    from debrief_desktop.store import NotFoundError
    from debrief_desktop.store.exchange import dumps_debrief

    try:
        text = dumps_debrief(store, args.id)
    except NotFoundError:
        raise CliError(
            f"no debrief with id {args.id} (see 'debrief-desktop list')", EXIT_NOT_FOUND
        ) from None
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    write_output(Path(args.output), text.encode("utf-8"))
    print(f"exported debrief {args.id} to {args.output}", file=sys.stderr)
    return EXIT_OK


def write_output(out: Path, data: bytes) -> None:
    """Write an export so that a reader never finds half a file.

    A regular file (or a new one) is written beside it and renamed over it; a
    link is followed; a device or pipe (``/dev/stdout``) is written directly.

    Raises:
        CliError: the file cannot be written (exit status 6).
    """
    target = out.resolve() if out.is_symlink() else out
    try:
        if target.exists() and not target.is_file():
            with target.open("wb") as handle:
                handle.write(data)
            return
        tmp = target.with_name(f".{target.name}.partial")
        try:
            tmp.write_bytes(data)
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise CliError(f"{out}: cannot write: {exc.strerror or exc}", EXIT_OUTPUT) from exc
