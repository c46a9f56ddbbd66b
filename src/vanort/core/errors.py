"""Application errors with stable codes.

Services raise these; the API maps them to 4xx JSON, the web shows them as form errors and
the CLI prints one line and exits non-zero. The code is stable (clients match on it), the
message is translated for people.
"""

from __future__ import annotations


class ApplicationError(Exception):
    """A refused operation. `field` names the input at fault when there is one."""

    def __init__(self, *, code: str, message: str, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.status = status

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class ValidationFailed(ApplicationError):
    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(code=code, message=message, field=field, status=422)


class PermissionDenied(ApplicationError):
    def __init__(self, message: str, *, code: str = "permission_denied") -> None:
        super().__init__(code=code, message=message, status=403)


class NotFound(ApplicationError):
    def __init__(self, message: str, *, code: str = "not_found") -> None:
        super().__init__(code=code, message=message, status=404)


class Conflict(ApplicationError):
    """Someone else changed the record since it was read: the edit is refused, not merged."""

    def __init__(self, message: str, *, code: str = "stale_edit") -> None:
        super().__init__(code=code, message=message, status=409)
