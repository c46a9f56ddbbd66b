"""The error responses of each operation, in the OpenAPI schema.

Every error body is `{"code", "message", "field"}` (`api.errors`). Which statuses an operation
can answer follows from what it is: every operation can refuse input (400 NUL characters, 422
invalid values); one with a path id can answer 404; a write can also answer 401 (no token or
session), 403 (not allowed for this user) and 409 (stale version or duplicate).
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "description": "stable machine-readable code"},
        "message": {"type": "string", "description": "translated message for people"},
        "field": {"type": ["string", "null"], "description": "the input at fault, if any"},
    },
    "required": ["code", "message", "field"],
}

_DESCRIPTIONS = {
    "400": "Bad request (e.g. a NUL character in the input)",
    "401": "Not authenticated: send a token (Authorization: Bearer …) or log in",
    "403": "Not allowed for this user (e.g. another municipality's record)",
    "404": "No such record, or not visible to this reader",
    "409": "Conflict: the record changed since it was read (stale version), or a duplicate",
    "422": "Invalid input; `field` names it",
}


def _statuses(method: str, path: str, operation: dict[str, Any]) -> list[str]:
    statuses = ["400", "422"]
    if "{" in path:
        statuses.append("404")
    if method != "get" or operation.get("security"):
        statuses += ["401", "403", "409"]
    return sorted(statuses)


def add_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status in _statuses(method, path, operation):
                responses.setdefault(status, {"description": _DESCRIPTIONS[status], **ref})
    return schema
