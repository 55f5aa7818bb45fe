"""Command line: headless subcommands, or hand over to the GUI.

The headless commands (``import``, ``list``, ``search``, ``export``, ``questions``, ``hints``)
never import Qt; only starting the app does (``debrief_desktop.app``, imported on
demand). ``hints`` has its own exit status: 0 no hints, 1 some hints, 2 usage or read
error.

Exit status: 0 done; 1 unexpected failure (a bug: run again with ``--debug``);
2 bad command-line usage (also an ``--advanced`` search query that is not valid);
3 the library file cannot be used; 4 the input file was rejected (nothing was
imported); 5 no such debrief; 6 the output file cannot be written.
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
    p_import.add_argument(
        "--on-conflict",
        choices=["keep-both", "replace"],
        default="keep-both",
        help="a shared debrief (.debrief or JSON) already in the library: keep-both adds the"
        " import beside it as '… (imported)' (default); replace puts the one there in the"
        " trash and the import takes its place",
    )

    p_list = sub.add_parser("list", parents=[common], help="list the debriefs in the library")
    p_list.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p_list.add_argument("--trash", action="store_true", help="list the debriefs in the trash")

    p_search = sub.add_parser(
        "search",
        parents=[common],
        help="search every debrief (events, accounts, notes, learnings, action items)",
        description="Print one line per match: debrief id, event id (or -), kind, [debrief"
        " title] and the text around the match with the matching words in [ ]. Private"
        " facilitator notes are never searched here. Exit 0, also when nothing matches.",
    )
    p_search.add_argument(
        "query",
        nargs="+",
        metavar="QUERY",
        help="words to find (all of them); put -- before a word that starts with '-'",
    )
    p_search.add_argument("--json", action="store_true", help="print JSON instead of lines")
    p_search.add_argument(
        "--advanced",
        action="store_true",
        help='SQLite FTS5 query syntax: "a phrase", OR, NOT, prefix*, NEAR(a b, 5)'
        " (a query that is not valid exits 2)",
    )
    p_search.add_argument(
        "--limit", type=int, default=100, metavar="N", help="at most N matches (default 100)"
    )

    p_export = sub.add_parser("export", parents=[common], help="export one debrief")
    p_export.add_argument("id", type=int, metavar="ID")
    p_export.add_argument(
        "--format",
        choices=["json", "pdf", "markdown"],
        default="json",
        help="json: the whole debrief, private notes included (for another library);"
        " pdf/markdown: the shared notes for everyone (nothing private)",
    )
    p_export.add_argument(
        "--pre-read",
        action="store_true",
        help="pdf/markdown: only the summary and the timeline, to send before the meeting",
    )
    p_export.add_argument(
        "--paper", choices=["a4", "letter"], default="a4", help="pdf paper size (default a4)"
    )
    p_export.add_argument(
        "--without-private",
        action="store_true",
        help="json: leave out private notes and prepared questions (to share the debrief)",
    )
    p_export.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="file to write ('-' for stdout)"
    )

    p_questions = sub.add_parser(
        "questions", parents=[common], help="print the question bank, to prepare or to print"
    )
    p_questions.add_argument(
        "--category", metavar="C", help="only this category (its name or id, any case)"
    )
    p_questions.add_argument("--json", action="store_true", help="print JSON instead of text")

    # No --db here: the check reads one file and never opens or creates a library.
    p_hints = sub.add_parser(
        "hints",
        help="blameless-language check of a draft (text or Markdown); exit 1 when it finds some",
        description="Print 'file:line:column: phrase — suggestion' for each phrase that carries"
        " blame or hindsight. Exit 0 when there are none, 1 when there are some, 2 when the"
        " file cannot be read.",
    )
    p_hints.add_argument("file", metavar="FILE|-", help="the file to check ('-' for stdin)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``debrief-desktop`` and ``python -m debrief_desktop``."""
    args = build_parser().parse_args(argv)
    debug = getattr(args, "debug", False)
    try:
        if args.command is None:
            return _start_app(args)
        if args.command == "hints":
            return _cmd_hints(args)  # reads one file; no library is opened or created
        if args.command == "import":
            _check_import_args(args)  # before the library is opened (or created)
        with _open_store(args) as store:
            handler = {
                "import": _cmd_import,
                "list": _cmd_list,
                "search": _cmd_search,
                "export": _cmd_export,
                "questions": _cmd_questions,
            }
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
    from debrief_desktop.facilitation.importers import ImportFormatError, read_timeline
    from debrief_desktop.facilitation.timeline_import import ImportResult, is_json, store_timeline
    from debrief_desktop.store.exchange import (
        DEBRIEF_SUFFIX,
        ExchangeFormatError,
        OnConflict,
        decode_document,
        find_conflict,
        load_debrief,
    )

    date = args.parsed_date
    try:
        path = Path(args.file)
        data = path.read_bytes()  # once: the file may be a pipe
        if path.suffix.lower() == DEBRIEF_SUFFIX or is_json(path, data[:64]):
            # A shared debrief: the conflict choice applies (a .debrief file is JSON,
            # but one that is damaged must be reported as such, not read as a CSV).
            doc = decode_document(data, str(path))
            conflict = find_conflict(store, doc)
            choice: OnConflict = "replace" if args.on_conflict == "replace" else "keep_both"
            did = load_debrief(store, doc, str(path), args.title, on_conflict=choice)
            result = ImportResult(did, len(store.events(did)), [])
            if conflict is not None:
                what = (
                    f"replaced debrief {conflict} (now in the trash)"
                    if choice == "replace"
                    else f"debrief {conflict} is the same debrief; both are kept"
                )
                print(f"note: {what}", file=sys.stderr)
        else:
            timeline = read_timeline(path, timezone=args.timezone, date=date, data=data)
            title = args.title or timeline.title or path.stem
            result = store_timeline(store, timeline, title, args.timezone)
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
    import dataclasses

    from debrief_desktop.store.library import library_rows

    rows = library_rows(store, trash=args.trash)
    if args.json:
        print(
            json.dumps(
                [{**dataclasses.asdict(r), "events": r.event_count} for r in rows],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    if not rows:
        if args.trash:
            print("the trash is empty")
        else:
            print("no debriefs yet: import a timeline with 'debrief-desktop import FILE'")
        return EXIT_OK
    print(
        f"{'ID':>4}  {'INCIDENT':<10}  {'MEETING':<10}  {'EVENTS':>6}  {'OPEN':>4}"
        f"  {'SUCCESS':<7}  TITLE"
    )
    for r in rows:
        print(
            f"{r.id:>4}  {r.incident_date or '-':<10}  {r.meeting_date or '-':<10}"
            f"  {r.event_count:>6}  {r.open_action_items:>4}"
            f"  {success_marks(r.learned, r.would_attend):<7}  {r.title}"
        )
    return EXIT_OK


def success_marks(learned: bool | None, would_attend: bool | None) -> str:
    """The SUCCESS column of ``list``: ✓ (met) or · (not met) for each measure, in the order
    "someone learned one thing", "at least half would attend again"; ``-`` before any answer.
    """
    if learned is None and would_attend is None:
        return "-"
    return "".join({True: "✓", False: "·", None: "?"}[v] for v in (learned, would_attend))


def _cmd_search(store: Store, args: argparse.Namespace) -> int:
    from debrief_desktop.store.search import MARK_END, MARK_START, SearchError, search

    query = " ".join(args.query)
    try:
        hits = search(store, query, advanced=args.advanced, limit=max(0, args.limit))
    except SearchError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None

    def marked(text: str) -> str:
        return text.replace(MARK_START, "[").replace(MARK_END, "]")

    if args.json:
        print(
            json.dumps(
                [
                    {
                        "debrief_id": h.debrief_id,
                        "debrief_title": h.debrief_title,
                        "event_id": h.event_id,
                        "kind": h.kind,
                        "row_id": h.row_id,
                        "snippet": marked(h.snippet),
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    for h in hits:
        event = "-" if h.event_id is None else str(h.event_id)
        title = " ".join(h.debrief_title.split())
        print(f"{h.debrief_id}\t{event}\t{h.kind}\t[{title}] {marked(h.snippet)}")
    if not hits:
        print(f"nothing found for {query!r}", file=sys.stderr)
    return EXIT_OK


def _cmd_export(store: Store, args: argparse.Namespace) -> int:
    from debrief_desktop.store import NotFoundError
    from debrief_desktop.store.exchange import dumps_debrief

    try:
        store.get_debrief(args.id)
    except NotFoundError:
        raise CliError(
            f"no debrief with id {args.id} (see 'debrief-desktop list')", EXIT_NOT_FOUND
        ) from None
    if args.format != "json":
        return _export_notes(store, args)
    text = dumps_debrief(store, args.id, private=not args.without_private)
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


def _cmd_questions(store: Store, args: argparse.Namespace) -> int:
    from debrief_desktop.facilitation.questions import (
        category_name,
        ensure_seeded,
        order_for_event,
    )
    from debrief_desktop.store.models import Question

    ensure_seeded(store)
    bank = {q.id: q for q in store.rows(Question)}
    suggestions = order_for_event(list(bank.values()), [], None)
    if args.category:
        wanted = args.category.strip().casefold()
        known = list(dict.fromkeys(s.category for s in suggestions))
        chosen = [c for c in known if wanted in (c.casefold(), category_name(c).casefold())]
        if not chosen:
            names = ", ".join(c or "(none)" for c in known)
            raise CliError(
                f"--category {args.category!r}: no such category (categories: {names})",
                EXIT_USAGE,
            )
        suggestions = [s for s in suggestions if s.category in chosen]
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": s.question_id,
                        "text": s.text,
                        "category": s.category,
                        "category_name": category_name(s.category),
                        "kinds": [k for k in bank[s.question_id].kinds.split(",") if k]
                        if s.question_id in bank
                        else [],
                        "builtin": s.builtin,
                        "how": s.how,
                    }
                    for s in suggestions
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    heading = None
    for s in suggestions:
        if s.category != heading:
            if heading is not None:
                print()
            heading = s.category
            print(category_name(s.category))
            print(f"  ({s.how})")
        q = bank.get(s.question_id) if s.question_id is not None else None
        kinds = f"  [{q.kinds.replace(',', ', ')}]" if q is not None and q.kinds else ""
        own = "  (own)" if not s.builtin else ""
        print(f"  - {s.text}{kinds}{own}")
    return EXIT_OK


def _cmd_hints(args: argparse.Namespace) -> int:
    from debrief_desktop.facilitation.hints import find_hints, locate

    name = "<stdin>" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{name}: cannot read: not UTF-8 text (byte {exc.start + 1})", EXIT_USAGE
        ) from None
    except OSError as exc:
        raise CliError(f"{name}: cannot read: {exc.strerror or exc}", EXIT_USAGE) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = locate(text, find_hints(text))
    for line, column, hint in found:
        phrase = " ".join(hint.phrase.split())
        print(f"{name}:{line}:{column}: {phrase} — {hint.suggestion}")
    return 1 if found else EXIT_OK


def _export_notes(store: Store, args: argparse.Namespace) -> int:
    """``export --format pdf|markdown``: the shared notes, never anything private."""
    import io

    from debrief_desktop.export import export_debrief

    kind = "pdf" if args.format == "pdf" else "markdown"
    buffer = io.BytesIO()
    result = export_debrief(store, args.id, kind, buffer, pre_read=args.pre_read, paper=args.paper)
    data = buffer.getvalue()
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_output(Path(args.output), data)
    pages = f", {result.pages} pages" if result.pages else ""
    print(f"exported debrief {args.id} to {args.output} ({args.format}{pages})", file=sys.stderr)
    if result.missing_glyphs:
        shown = " ".join(result.missing_glyphs[:20])
        print(
            f"note: no font here covers {shown}: shown as a replacement mark in the export",
            file=sys.stderr,
        )
    return EXIT_OK
