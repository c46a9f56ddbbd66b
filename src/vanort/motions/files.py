"""What a motion attachment may be: a few document and image types, checked by name and content.

A file is accepted only when its extension is on the list AND its first bytes are what that
type starts with, so an .html page renamed .pdf (or a binary renamed .txt) is refused. The
bytes are served back only as a download (`Content-Disposition: attachment`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from vanort.core.errors import ValidationFailed


def _starts(*magic: bytes) -> Callable[[bytes], bool]:
    return lambda data: data.startswith(magic)


def _plain_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text and "<html" not in text[:1000].lower() and "<script" not in text.lower()


_ZIP = _starts(b"PK\x03\x04")
#: extension → (content type, content check)
ALLOWED: dict[str, tuple[str, Callable[[bytes], bool]]] = {
    ".pdf": ("application/pdf", _starts(b"%PDF-")),
    ".txt": ("text/plain; charset=utf-8", _plain_text),
    ".png": ("image/png", _starts(b"\x89PNG\r\n\x1a\n")),
    ".jpg": ("image/jpeg", _starts(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", _starts(b"\xff\xd8\xff")),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
}


def max_attachment_bytes() -> int:
    return int(getattr(settings, "VANORT_MAX_ATTACHMENT_BYTES", 10_000_000))


def clean_filename(name: str) -> str:
    """The file's own name without any path, control characters or quotes (it goes into a header)."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = "".join(c for c in base if c.isprintable() and c not in '"\r\n').strip()
    return cleaned[:200]


def attachment_type(name: str, size: int, read: Callable[[], bytes]) -> tuple[str, bytes]:
    """Check an upload; returns (content type, bytes) or raises ValidationFailed (field "file")."""
    limit = max_attachment_bytes()
    if size > limit:
        raise ValidationFailed(
            _("Filen är för stor (högst %(mb)s MB).") % {"mb": limit // 1_000_000}, field="file", code="too_large"
        )
    extension = PurePath(clean_filename(name)).suffix.lower()
    if extension not in ALLOWED:
        raise ValidationFailed(
            _("Filtypen tas inte emot. Tillåtna: %(types)s.") % {"types": ", ".join(sorted(ALLOWED))},
            field="file",
            code="file_type",
        )
    data = read()
    if len(data) > limit:
        raise ValidationFailed(
            _("Filen är för stor (högst %(mb)s MB).") % {"mb": limit // 1_000_000}, field="file", code="too_large"
        )
    content_type, looks_right = ALLOWED[extension]
    if not data or not looks_right(data):
        raise ValidationFailed(_("Filens innehåll stämmer inte med filtypen."), field="file", code="file_type")
    return content_type, data
