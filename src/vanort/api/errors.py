"""Map errors to JSON bodies with stable codes and a message in the request's language.

Every message goes through Django i18n (the API's language: ``api.language``); a test walks the
API and the services for literal English messages. Pydantic's own messages (English) stay in
``errors`` for programs; ``message`` says the same for people.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from vanort.aid import AidInputError
from vanort.core.bounds import MAX_ID
from vanort.core.errors import ApplicationError, NotFound, ValidationFailed
from vanort.legal.services import aid_input_failure

_NOT_FOUND = {
    "need": gettext_lazy("Behov %(key)s finns inte."),
    "offer": gettext_lazy("Erbjudande %(key)s finns inte."),
    "match": gettext_lazy("Matchning %(key)s finns inte."),
    "initiative": gettext_lazy("Initiativ %(key)s finns inte."),
    "contribution": gettext_lazy("Insats %(key)s finns inte."),
    "condition": gettext_lazy("Villkor %(key)s finns inte."),
    "place": gettext_lazy("Ort %(key)s finns inte."),
    "partnership": gettext_lazy("Partnerskap %(key)s finns inte."),
    "motion": gettext_lazy("Motion %(key)s finns inte."),
    "referral": gettext_lazy("Remiss %(key)s finns inte."),
    "municipality": gettext_lazy("Det finns ingen kommun med koden %(key)s."),
}

# Pydantic error types -> a message for people (the rest: "Ogiltigt värde.").
_INVALID = {
    "missing": gettext_lazy("Fältet krävs."),
    "string_too_long": gettext_lazy("Texten är för lång."),
    "string_too_short": gettext_lazy("Texten är för kort eller tom."),
    "too_long": gettext_lazy("För många värden."),
    "int_parsing": gettext_lazy("Ange ett heltal."),
    "int_type": gettext_lazy("Ange ett heltal."),
    "greater_than_equal": gettext_lazy("Värdet är för litet."),
    "less_than_equal": gettext_lazy("Värdet är för stort."),
    "date_from_datetime_parsing": gettext_lazy("Ange ett datum som ÅÅÅÅ-MM-DD."),
    "date_parsing": gettext_lazy("Ange ett datum som ÅÅÅÅ-MM-DD."),
    "date_type": gettext_lazy("Ange ett datum som ÅÅÅÅ-MM-DD."),
    "enum": gettext_lazy("Värdet är inte ett av de tillåtna."),
    "literal_error": gettext_lazy("Värdet är inte ett av de tillåtna."),
    "bool_parsing": gettext_lazy("Ange true eller false."),
    "bool_type": gettext_lazy("Ange true eller false."),
    "string_type": gettext_lazy("Ange en text."),
    "list_type": gettext_lazy("Ange en lista."),
    "dict_type": gettext_lazy("Ange ett JSON-objekt."),
    "model_attributes_type": gettext_lazy("Ange ett JSON-objekt."),
    "json_invalid": gettext_lazy("Innehållet är inte giltig JSON."),
}


def not_found(what: str, key: Any) -> NotFound:
    """404 for a record of kind ``what`` (need, offer, motion, …) by id or code."""
    return NotFound(str(_NOT_FOUND[what]) % {"key": str(key)[:40]})


def found(get: Callable[[int], Any], pk: int, what: str) -> Any:
    """`get(pk)`, or 404 naming the record (also for an id no record can have)."""
    if not 0 < pk <= MAX_ID:
        raise not_found(what, pk)
    try:
        return get(pk)
    except ObjectDoesNotExist as exc:
        raise not_found(what, pk) from exc


def no_such(what: str, key: Any, field: str) -> ValidationFailed:
    """422 for an input naming a record of kind ``what`` that does not exist."""
    return ValidationFailed(str(_NOT_FOUND[what]) % {"key": str(key)[:40]}, field=field)


def _body(code: str, message: str, field: str | None, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, "field": field, **extra}


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return api.create_response(request, _body(exc.code, exc.message, exc.field), status=exc.status)

    @api.exception_handler(DjangoValidationError)
    def model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        """A record refused by the model's own checks (lengths, choices) in a service."""
        errors = getattr(exc, "message_dict", {"__all__": exc.messages})
        field, messages = next(iter(errors.items()))
        field_name = None if field == "__all__" else field
        message = f"{field_name}: {messages[0]}" if field_name else messages[0]
        return api.create_response(request, _body("invalid", message, field_name), status=422)

    @api.exception_handler(Http404)
    def not_found_error(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, _body("not_found", _("Hittades inte."), None), status=404)

    @api.exception_handler(AidInputError)
    def aid_input_error(request: HttpRequest, exc: AidInputError) -> HttpResponse:
        failure = aid_input_failure(exc)
        message = f"{failure.field}: {failure.message}"
        return api.create_response(request, _body("invalid", message, failure.field), status=422)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        loc = [str(p) for p in first.get("loc", []) if p not in ("body", "query", "path", "payload")]
        field = ".".join(loc) or None
        said = str(_INVALID.get(str(first.get("type", "")), _("Ogiltigt värde.")))
        message = f"{field}: {said}" if field else said
        return api.create_response(request, _body("invalid", message, field, errors=exc.errors), status=422)

    @api.exception_handler(AuthenticationError)
    def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = _("Logga in eller skicka en API-token (Authorization: Bearer …).")
        return api.create_response(request, _body("unauthorized", message, None), status=401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        """django-ninja's own refusals: an unreadable body (400), a failed CSRF check (403)."""
        if exc.status_code == 400:
            body = _body("invalid_body", _("Innehållet kan inte läsas som JSON."), None)
        elif exc.status_code == 403:
            body = _body("csrf_failed", _("CSRF-kontrollen misslyckades; ladda om sidan och försök igen."), None)
        else:
            body = _body("error", _("Begäran kunde inte utföras."), None)
        return api.create_response(request, body, status=exc.status_code)
