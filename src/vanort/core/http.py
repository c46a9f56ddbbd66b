"""One way to hand stored bytes to a browser: as a download, never rendered in our origin."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse


def download_response(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(bytes(data), content_type=content_type or "application/octet-stream")
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_") or "fil"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
