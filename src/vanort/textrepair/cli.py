"""Bodies of ``vanort repair-text`` and ``vanort import-document --dry-run`` (the main CLI
parses the arguments and calls these)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from vanort.textrepair.extract import DocumentError, OcrEngine, Progress, extract_text
from vanort.textrepair.pipeline import analyse_document
from vanort.textrepair.repair import repair_text

BAR_WIDTH = 30


def progress_bar(stream: TextIO, label: str) -> tuple[Progress, list[bool]]:
    """A per-page progress bar on ``stream`` (stderr): redrawn in place on a terminal, one line
    per page otherwise. The returned flag list is non-empty once the bar has drawn."""
    drawn: list[bool] = []
    tty = bool(getattr(stream, "isatty", lambda: False)())

    def show(done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(1, total)
        line = f"{label}: OCR [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] page {done}/{total}"
        if tty:
            stream.write("\r" + line + ("\n" if done >= total else ""))
        elif done > 0:
            stream.write(line + "\n")
        stream.flush()
        drawn.append(True)

    return show, drawn


def _engine() -> OcrEngine:
    from vanort.ocr import default_ocr  # the Tesseract/PDFium side, outside the pure core

    return default_ocr()


def _fail(stderr: TextIO, drawn: list[bool], message: str) -> int:
    if drawn and getattr(stderr, "isatty", lambda: False)():
        stderr.write("\n")
    print(message, file=stderr)
    return 2


def _read(path_or_dash: str, stdin: BinaryIO) -> tuple[bytes, str]:
    if path_or_dash in ("", "-"):
        return stdin.read(), "<stdin>"
    return Path(path_or_dash).read_bytes(), path_or_dash


def run_repair_text(path_or_dash: str, stdin: BinaryIO, stdout: TextIO, stderr: TextIO) -> int:
    """Print the repaired text (same line structure) on stdout and nothing else: the changes are not
    listed (the web's review page shows them). stderr carries only the OCR progress bar of a scan
    and, on failure, one line naming the file and the problem (exit code 2)."""
    show, drawn = progress_bar(stderr, path_or_dash if path_or_dash not in ("", "-") else "<stdin>")
    try:
        data, name = _read(path_or_dash, stdin)
        extracted = extract_text(data, name, ocr=_engine(), progress=show)
    except DocumentError as exc:
        return _fail(stderr, drawn, f"repair-text: {exc.message}")
    except OSError as exc:
        return _fail(stderr, drawn, f"repair-text: {path_or_dash}: {exc.strerror or exc}")
    result = repair_text(extracted.text)
    stdout.write(result.text if result.text.endswith("\n") or not result.text else result.text + "\n")
    return 0


def run_import_document_dry(path: str, *, as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    """Analyse one file without touching a database; print the §5 JSON or a summary."""
    show, drawn = progress_bar(stderr, path)
    try:
        data = Path(path).read_bytes()
        analysis = analyse_document(data, path, ocr=_engine(), progress=show)
    except DocumentError as exc:
        return _fail(stderr, drawn, f"import-document: {exc.message}")
    except OSError as exc:
        return _fail(stderr, drawn, f"import-document: {path}: {exc.strerror or exc}")
    payload = analysis.to_contract_dict()
    if as_json:
        stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return 0
    doc, rep = payload["document"], payload["repair"]
    stdout.write(f"{path}: {doc['kind']} — {doc['title']}\n")
    stdout.write(
        f"repair: {rep['changed']} of {rep['tokens']} tokens changed, "
        f"{len(analysis.repair.flagged)} flagged for review\n"
    )
    motion = payload["motion"]
    if motion:
        who = ", ".join(f"{p['name']} ({p['party']})" for p in motion["proposers"])
        stdout.write(
            f"motion: {motion['title']} — {who}; filed {motion['filed_date']}; proposal {motion['proposed_decision']}\n"
        )
    stdout.write(
        f"places: {len(payload['places'])}; partnership facts: "
        f"{len(payload['partnership_facts'])}; laws: {', '.join(payload['laws_cited'])}\n"
    )
    return 0


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - convenience entry
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["repair-text"]:
        return run_repair_text(args[1] if len(args) > 1 else "-", sys.stdin.buffer, sys.stdout, sys.stderr)
    if args[:1] == ["import-document"] and len(args) > 1:
        return run_import_document_dry(args[1], as_json="--json" in args, stdout=sys.stdout, stderr=sys.stderr)
    print(
        "usage: python -m vanort.textrepair.cli repair-text [PATH|-] | import-document PATH [--json]", file=sys.stderr
    )
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
