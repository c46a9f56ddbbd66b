"""Map application errors to JSON bodies with stable codes."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from vanort.aid import AidInputError
from vanort.core.errors import ApplicationError


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return api.create_response(
            request, {"code": exc.code, "message": exc.message, "field": exc.field}, status=exc.status
        )

    @api.exception_handler(DjangoValidationError)
    def model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        """A record refused by the model's own checks (lengths, choices) in a service."""
        errors = getattr(exc, "message_dict", {"__all__": exc.messages})
        field, messages = next(iter(errors.items()))
        field_name = None if field == "__all__" else field
        message = f"{field_name}: {messages[0]}" if field_name else messages[0]
        return api.create_response(request, {"code": "invalid", "message": message, "field": field_name}, status=422)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(
            request, {"code": "not_found", "message": str(exc) or "not found", "field": None}, status=404
        )

    @api.exception_handler(AidInputError)
    def aid_input_error(request: HttpRequest, exc: AidInputError) -> HttpResponse:
        return api.create_response(
            request, {"code": "invalid", "message": f"{exc.field}: {exc.message}", "field": exc.field}, status=422
        )

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        loc = [str(p) for p in first.get("loc", []) if p not in ("body", "query", "path", "payload")]
        field = ".".join(loc) or None
        message = f"{field}: {first.get('msg', 'invalid')}" if field else str(first.get("msg", "invalid input"))
        return api.create_response(
            request, {"code": "invalid", "message": message, "field": field, "errors": exc.errors}, status=422
        )

    @api.exception_handler(AuthenticationError)
    def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request,
            {
                "code": "unauthorized",
                "message": "Log in or send an API token (Authorization: Bearer …).",
                "field": None,
            },
            status=401,
        )
