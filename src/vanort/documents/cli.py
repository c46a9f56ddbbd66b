"""Body of `vanort import-document PATH [--dry-run] [--json]`.

--dry-run only analyses the file (no database). Without it the document is stored for review
(idempotent per checksum) and the same JSON is printed; a person then accepts the fields in
the web UI, which creates the records.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from vanort.core.errors import ApplicationError


def run_import_document(path: str, *, dry_run: bool, as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    from vanort.textrepair.cli import run_import_document_dry

    if dry_run:
        return run_import_document_dry(path, as_json=as_json, stdout=stdout, stderr=stderr)
    from vanort.core.system import SYSTEM
    from vanort.documents.services import document_import
    from vanort.textrepair.cli import progress_bar

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        print(f"import-document: {path}: {exc.strerror or exc}", file=stderr)
        return 2
    show, drawn = progress_bar(stderr, path)
    try:
        document, created = document_import(user=SYSTEM, data=data, filename=Path(path).name, progress=show)
    except ApplicationError as exc:
        if drawn and getattr(stderr, "isatty", lambda: False)():
            stderr.write("\n")
        if exc.code == "municipality_required":
            message = f"{path}: the document names no Swedish municipality; upload it in the web and choose one"
        else:
            said = exc.message.removeprefix(f"{Path(path).name}: ")  # the service names the file by its name
            message = said if said.startswith(path) else f"{path}: {said}"
        print(f"import-document: {message}", file=stderr)
        return 2
    payload = document.extraction.fields
    if as_json:
        stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        state = "stored for review" if created else "already imported (same checksum)"
        stdout.write(f"{path}: {state} as document {document.pk}: {document.title}\nreview: /dokument/{document.pk}/\n")
    return 0
