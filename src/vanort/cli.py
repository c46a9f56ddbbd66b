"""The `vanort` command (DESIGN.md §5). Thin: parse arguments, call a service or an engine.

Errors: exit code 2 and one line on stderr, ``<command>: <file or field>: <problem>``.
Pure commands (aid-check, repair-text) do not start Django.

Language: a command's error line is in the language of the rest of its output. ``vanort`` speaks
English (its help, its reports, the contract's names), so every command's line is English —
argparse's own refusals and the services' messages (translated with Django i18n) alike; the one
exception is ``aid-check``, whose verdict is in ``--lang`` (default Swedish, as the web), so its
error lines are in that language too. The project's catalogue (src/vanort/locale, Swedish msgids)
is the one source for both, read with the standard library where Django is not started.
"""

from __future__ import annotations

import argparse
import contextlib
import gettext as stdlib_gettext
import json
import os
import re
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TextIO

#: the languages of the catalogue; the CLI's own language is English
LANGUAGES = ("sv", "en", "uk")
CLI_LANGUAGE = "en"


class CliError(Exception):
    """One line for stderr; the command exits 2."""


def translator(lang: str) -> Callable[[str], str]:
    """``gettext`` of the project's catalogue in ``lang``, without starting Django (sv: the msgids)."""
    if lang == "sv":
        return str
    catalogue = stdlib_gettext.translation(
        "django", localedir=Path(__file__).resolve().parent / "locale", languages=[lang], fallback=True
    )
    return catalogue.gettext


def command_language(argv: list[str]) -> str:
    """The language of a command's lines: ``aid-check``'s ``--lang`` (default sv), else English."""
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    if command != "aid-check":
        return CLI_LANGUAGE
    lang = "sv"
    for index, arg in enumerate(argv):
        value = argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else arg.partition("--lang=")[2]
        if value in LANGUAGES:
            lang = value
    return lang


# argparse's own refusals (English, Python 3.11 wording) -> the same message from the catalogue
_ARGPARSE_MESSAGES: tuple[tuple[re.Pattern[str], Callable[[Callable[[str], str]], str]], ...] = (
    (
        re.compile(r"the following arguments are required: (?P<args>.+)"),
        lambda gettext: gettext("följande argument saknas: %(args)s"),
    ),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), lambda gettext: gettext("okända argument: %(args)s")),
    (
        re.compile(r"argument (?P<name>\S+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)"),
        lambda gettext: gettext("argument %(name)s: ogiltigt val %(value)s (välj bland %(choices)s)"),
    ),
    (
        re.compile(r"argument (?P<name>\S+): invalid \w+ value: (?P<value>.+)"),
        lambda gettext: gettext("argument %(name)s: ogiltigt värde %(value)s"),
    ),
    (
        re.compile(r"argument (?P<name>\S+): expected (?:one|at most one|at least one) argument"),
        lambda gettext: gettext("argument %(name)s: ett värde saknas"),
    ),
    (
        re.compile(r"argument (?P<name>\S+): not allowed with argument (?P<other>.+)"),
        lambda gettext: gettext("argument %(name)s: kan inte ges tillsammans med %(other)s"),
    ),
    (
        re.compile(r"argument (?P<name>\S+): ignored explicit argument (?P<value>.+)"),
        lambda gettext: gettext("argument %(name)s: tar inget värde (fick %(value)s)"),
    ),
    (
        re.compile(r"one of the arguments (?P<args>.+) is required"),
        lambda gettext: gettext("ett av argumenten %(args)s behövs"),
    ),
    (
        re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"),
        lambda gettext: gettext("flertydigt argument %(option)s: kan vara %(matches)s"),
    ),
)


def argparse_message(message: str, gettext: Callable[[str], str], *, english: bool = False) -> str:
    """An argparse refusal in the catalogue's language; one this table does not know is kept as
    argparse wrote it in English, and in another language becomes a plain pointer to --help."""
    for pattern, template in _ARGPARSE_MESSAGES:
        found = pattern.fullmatch(message.strip())
        if found:
            return template(gettext) % found.groupdict()
    return message if english else gettext("ogiltiga argument; se --help")


class CliParser(argparse.ArgumentParser):
    """argparse with the CLI's error rule: one line, ``<command>: <problem>``, in the command's language."""

    language = CLI_LANGUAGE  # set by ``main`` from the arguments before parsing
    command = "vanort"  # the subcommand named in the arguments, for a refusal of the top-level parser

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("vanort ").strip() if self.prog != "vanort" else self.command
        said = argparse_message(message, translator(self.language), english=self.language == "en")
        self.exit(2, f"{command}: {' '.join(said.split())}\n")


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanort.config.settings")
    import django

    django.setup()


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


# --- commands --------------------------------------------------------------------------


def cmd_setup(args: argparse.Namespace, out: TextIO) -> int:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it to exist
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from vanort.registry.reference import reference_load

    touched = reference_load()
    from vanort.legal.services import status_table_seed

    touched["aid_status_rows"] = status_table_seed()
    from vanort.search.index import refresh

    touched["search_documents"] = sum(refresh().values())
    out.write(
        "setup: database migrated; reference data loaded (" + ", ".join(f"{k} {v}" for k, v in touched.items()) + ")\n"
    )
    return 0


def cmd_load_demo(args: argparse.Namespace, out: TextIO) -> int:
    from vanort.demo import load_all_demo

    summary = load_all_demo()
    out.write("load-demo: " + ", ".join(f"{k} {v}" for k, v in summary.items()) + "\n")
    return 0


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    from waitress.server import create_server

    from vanort.config.wsgi import application
    from vanort.ops.serving import ServeConfigError, processes_from, serve_processes, waitress_options

    try:
        options = waitress_options(os.environ)
        processes = processes_from(os.environ)
    except ServeConfigError as exc:
        raise CliError(f"serve: {exc}") from exc
    if not 1 <= args.port <= 65535:
        raise CliError(f"serve: --port {args.port}: a port is a number from 1 to 65535")
    try:
        if processes > 1:
            return serve_processes(
                application,
                host=args.host,
                port=args.port,
                processes=processes,
                options=options,
                ready=_ready(out, args.host, args.port),
            )
        server = create_server(application, host=args.host, port=args.port, **options)
    except (OSError, ValueError) as exc:  # address in use, unknown host: one line, not a traceback
        raise CliError(f"serve: {args.host}:{args.port}: {exc}") from exc
    _ready(out, args.host, args.port)()
    signal.signal(signal.SIGTERM, _stop_serving)
    try:
        server.run()
    except _StopServing:
        server.close()
    return 0


class _StopServing(SystemExit):  # waitress lets SystemExit through its handlers, not Exception
    pass


def _stop_serving(_signum: int, _frame: Any) -> None:
    """SIGTERM (a supervisor stopping the service): leave the server loop and exit 0, like the
    forked servers' parent does, instead of dying by the signal."""
    raise _StopServing


def _ready(out: TextIO, host: str, port: int) -> Callable[[], None]:
    """Once the address is bound: the start-up work, then the line that says where to go."""

    def ready() -> None:
        from vanort.ops.serving import share_the_interpreter, warm_up
        from vanort.search.index import refresh_in_background

        warm_up()
        share_the_interpreter()
        refresh_in_background()
        out.write(f"Vänort: http://{host}:{port}/  (Ctrl-C stops)\n")
        out.flush()

    return ready


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from vanort.core.errors import ApplicationError
    from vanort.insight import opendata

    try:
        filters = opendata.resolve_filters(dataset=args.what, country=args.country, place=args.place)
    except ApplicationError as exc:
        raise CliError(f"export: --{exc.field}: {exc.message}") from exc
    for chunk in opendata.chunks(args.what, args.format, filters):
        out.write(chunk)
    return 0


def cmd_stats(args: argparse.Namespace, out: TextIO) -> int:
    from vanort.insight.selectors import statistics

    stats = statistics()
    if args.json:
        _print_json(stats, out)
    else:
        for key, value in stats.items():
            if key == "surveys":
                for f in value:
                    out.write(f"survey {f['year']} {f['measure']}: {f['value']} {f['unit']} ({f['source']})\n")
            else:
                out.write(f"{key}: {value}\n")
    return 0


def cmd_import_partnerships(args: argparse.Namespace, out: TextIO) -> int:
    from vanort.insight.partnership_import import ImportFileError, import_partnerships

    try:
        report = import_partnerships(Path(args.file), dry_run=args.dry_run)
    except ImportFileError as exc:
        raise CliError(f"import-partnerships: {exc}") from exc
    for line in report.lines():
        out.write(line + "\n")
    out.write(f"import-partnerships: {report.summary()}{' (dry run)' if args.dry_run else ''}\n")
    if report.refused:
        raise CliError(f"import-partnerships: {args.file}: {len(report.refused)} rows refused; nothing saved")
    return 0


def cmd_aid_check(args: argparse.Namespace, out: TextIO) -> int:
    """The country table of the database (as the web and API); the shipped files with --rules-only.

    Everything it prints is in ``--lang``, error lines included (the catalogue via ``translator``)."""
    from vanort.aid.cli import run_aid_check

    gettext = translator(args.lang)
    if args.rules_only:
        return run_aid_check(args.file, sys.stdin, out, sys.stderr, lang=args.lang, gettext=gettext)
    from django.db import DatabaseError

    from vanort.legal.services import database_checker

    try:
        checker = database_checker()
        return run_aid_check(args.file, sys.stdin, out, sys.stderr, lang=args.lang, checker=checker, gettext=gettext)
    except DatabaseError as exc:
        said = gettext(
            "databas: landtabellen kan inte läsas (%(error)s); kör ”vanort setup”, eller använd --rules-only "
            "för att pröva mot de medföljande filerna."
        ) % {"error": " ".join(str(exc).split())}
        raise CliError(f"aid-check: {said}") from exc


def cmd_repair_text(args: argparse.Namespace, out: TextIO) -> int:
    from vanort.textrepair.cli import run_repair_text

    return run_repair_text(args.path, sys.stdin.buffer, out, sys.stderr)


def cmd_import_document(args: argparse.Namespace, out: TextIO) -> int:
    from vanort.documents.cli import run_import_document

    return run_import_document(args.path, dry_run=args.dry_run, as_json=args.json, stdout=out, stderr=sys.stderr)


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from vanort.ops.backup import backup_write

    try:
        summary = backup_write(path=Path(args.file))
    except OSError as exc:
        raise CliError(f"backup: {args.file}: cannot write ({exc.strerror or exc})") from exc
    for name in summary.missing_files:
        print(f"backup: warning: media file '{name}' is referenced but missing; not in the backup", file=sys.stderr)
    out.write(f"backup: {summary.tables} tables, {summary.rows} rows, {summary.files} files written to {args.file}\n")
    return 0


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    from vanort.ops.backup import BackupError, restore_read
    from vanort.search.index import paused, rebuild

    try:
        with paused():  # one rebuild below instead of a refresh when the restore commits
            summary = restore_read(path=Path(args.file))
    except BackupError as exc:
        raise CliError(f"restore: {args.file}: {exc.message}") from exc

    rebuild()  # the search index is derived data and not in the backup
    out.write(
        f"restore: {summary.tables} tables, {summary.rows} rows, {summary.files} files restored from {args.file}\n"
    )
    return 0


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from vanort.ops.checks import FAIL, run_checks

    results = run_checks()
    for result in results:
        out.write(result.line() + "\n")
    return 1 if any(r.level == FAIL for r in results) else 0


def cmd_personal_data(args: argparse.Namespace, out: TextIO) -> int:
    from vanort.privacy import selectors, services

    if args.action == "erase" and not args.confirm:
        raise CliError("personal-data: erase changes records for good; add --confirm")
    if args.user is not None:
        user = selectors.user_by_username(args.user)
        if user is None:
            raise CliError(f"personal-data: --user: no account named {args.user!r}")
        if args.action == "export":
            _print_json(selectors.account_data(user), out)
        else:
            _print_json({"erased": services.account_erase(user=user)}, out)
        return 0
    if not args.name.strip():
        raise CliError("personal-data: --name: give the person's name")
    if args.action == "export":
        _print_json(selectors.named_person_data(args.name.strip()), out)
    else:
        _print_json({"erased": services.named_person_erase(name=args.name.strip())}, out)
    return 0


def cmd_match(args: argparse.Namespace, out: TextIO) -> int:
    from vanort.matching.cli import run_match

    return run_match(args.needs, args.offers, top=args.top, as_json=args.json, stdout=out, stderr=sys.stderr)


# --- parser ----------------------------------------------------------------------------

_DJANGO_FREE = {"repair-text", "match"}  # and aid-check --rules-only


COMMANDS = (
    "setup",
    "load-demo",
    "serve",
    "import-document",
    "repair-text",
    "aid-check",
    "match",
    "export",
    "import-partnerships",
    "stats",
    "personal-data",
    "backup",
    "restore",
    "check",
)


def build_parser() -> argparse.ArgumentParser:
    from vanort import __version__

    parser = CliParser(prog="vanort", description="Vänort: international cooperation of a municipality.")
    parser.add_argument("--version", action="version", version=f"vanort {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("setup", help="migrate the database and load reference data (idempotent)").set_defaults(
        func=cmd_setup
    )
    sub.add_parser("load-demo", help="load the Huddinge demo data (idempotent)").set_defaults(func=cmd_load_demo)
    serve = sub.add_parser("serve", help="serve the web app and API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)
    imp = sub.add_parser("import-document", help="read a council document (PDF or text) into cases and facts")
    imp.add_argument("path", metavar="PATH")
    imp.add_argument("--dry-run", action="store_true")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(func=cmd_import_document)
    rep = sub.add_parser("repair-text", help="repair Swedish OCR text; repaired text on stdout")
    rep.add_argument("path", nargs="?", default="-", metavar="PATH|-")
    rep.set_defaults(func=cmd_repair_text)
    aid = sub.add_parser("aid-check", help="check a proposed contribution against lag (2009:47) 5 kap.")
    aid.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    aid.add_argument("--lang", choices=["sv", "en", "uk"], default="sv", help="language of conditions (default sv)")
    aid.add_argument(
        "--rules-only",
        action="store_true",
        help="use the shipped rules and country table files, without a database",
    )
    aid.set_defaults(func=cmd_aid_check)
    match = sub.add_parser("match", help="rank offers for needs from CSV files (no database)")
    match.add_argument("--needs", required=True, metavar="NEEDS.csv")
    match.add_argument("--offers", required=True, metavar="OFFERS.csv")
    match.add_argument("--top", type=int, default=10, metavar="K")
    match.add_argument("--json", action="store_true")
    match.set_defaults(func=cmd_match)
    exp = sub.add_parser("export", help="open data as CSV or JSON")
    exp.add_argument("what", choices=["places", "partnerships", "activities", "motions"])
    exp.add_argument("--country", help="ISO 3166-1 alpha-2 code, e.g. SE")
    exp.add_argument("--place", help="official code of a place, e.g. 0126")
    exp.add_argument("--format", choices=["csv", "json"], default="csv")
    exp.set_defaults(func=cmd_export)
    ipa = sub.add_parser(
        "import-partnerships", help="load partnerships from export CSV/JSON or Wikidata P190 results (all or nothing)"
    )
    ipa.add_argument("file", metavar="FILE")
    ipa.add_argument("--dry-run", action="store_true")
    ipa.set_defaults(func=cmd_import_partnerships)
    stats = sub.add_parser("stats", help="statistics of the register")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(func=cmd_stats)
    pdata = sub.add_parser("personal-data", help="export or erase one person's data (GDPR; public records stay)")
    pdata.add_argument("action", choices=["export", "erase"])
    who = pdata.add_mutually_exclusive_group(required=True)
    who.add_argument("--user", metavar="USERNAME", help="a user account")
    who.add_argument("--name", metavar="NAME", help="a person named in records (proposer, signatory, participant)")
    pdata.add_argument("--confirm", action="store_true", help="needed for erase")
    pdata.set_defaults(func=cmd_personal_data)
    bak = sub.add_parser("backup", help="write every record, document and attachment to FILE, with checksums")
    bak.add_argument("file", metavar="FILE")
    bak.set_defaults(func=cmd_backup)
    res = sub.add_parser("restore", help="restore FILE into a freshly set-up database; refuses a damaged file")
    res.add_argument("file", metavar="FILE")
    res.set_defaults(func=cmd_restore)
    sub.add_parser("check", help="deployment self-test: one line per check, exit 1 on a failure").set_defaults(
        func=cmd_check
    )
    return parser


def _needs_django(args: argparse.Namespace) -> bool:
    if args.command == "aid-check":
        return not args.rules_only
    return args.command not in _DJANGO_FREE


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = command_language(argv)
    parser = build_parser()
    CliParser.language = lang
    CliParser.command = next((arg for arg in argv if arg in COMMANDS), "vanort")
    args = parser.parse_args(argv)
    gettext = translator(lang)
    with contextlib.ExitStack() as stack:
        try:
            if _needs_django(args):
                _django()
                from django.utils import translation

                # the services' messages (and any lazy one printed below) in the command's language
                stack.enter_context(translation.override(lang))
            return int(args.func(args, sys.stdout))
        except BrokenPipeError:
            return 0
        except RecursionError:  # a JSON or CSV input nested beyond the parser: say so in one line
            said = gettext("indata är för djupt nästlade för att läsas.")
            print(f"{args.command}: {said}", file=sys.stderr)
            return 2
        except CliError as exc:
            print(" ".join(str(exc).split()), file=sys.stderr)
            return 2
        except Exception as exc:  # the one place that turns any failure into one clear line
            from vanort.core.errors import ApplicationError

            if isinstance(exc, ApplicationError):
                print(f"{args.command}: {' '.join(str(exc).split())}", file=sys.stderr)
                return 2
            if exc.__class__.__name__ in {"OperationalError", "ProgrammingError"}:
                said = gettext("databasen är inte klar (%(error)s); kör ”vanort setup” först.") % {
                    "error": " ".join(str(exc).split())
                }
                print(f"{args.command}: {said}", file=sys.stderr)
                return 2
            raise
    return 2  # not reached: the block above returns or raises


if __name__ == "__main__":
    raise SystemExit(main())
