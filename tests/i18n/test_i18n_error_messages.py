"""Every error message a person reads goes through Django i18n: no literal (English) message in
an ApplicationError or an API error body, and the API answers in the request's language."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.test import Client

SRC = Path(__file__).resolve().parents[2] / "src" / "vanort"
#: pure cores: no Django, their errors are translated where an interface shows them
PURE = ("aid", "textrepair", "matching", "names", "refdata", "ocr")
ERRORS = {"ApplicationError", "ValidationFailed", "PermissionDenied", "NotFound", "Conflict"}


def _literal(node: ast.AST | None) -> bool:
    """A message written out in the code: "…", f"…", "…" % x or "…".format(…)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(node.value.strip())
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _literal(node.left)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _literal(node.func.value)
    return False


def _name(func: ast.AST) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _untranslated(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in ERRORS:
            message = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "message"), None)
            if _literal(message):
                lines.append(node.lineno)
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "message" and _literal(value):
                    lines.append(node.lineno)
    return lines


def _modules() -> list[Path]:
    return [
        path
        for path in sorted(SRC.rglob("*.py"))
        if path.relative_to(SRC).parts[0] not in PURE and "migrations" not in path.parts
    ]


def test_the_check_finds_a_literal_message() -> None:
    code = 'raise NotFound(f"need {pk} not found")\nraise ValidationFailed(_("Okänd."), field="x")\n'
    assert _untranslated(ast.parse(code)) == [1]


def test_no_error_message_is_a_literal() -> None:
    found = [
        f"{path.relative_to(SRC)}:{line}"
        for path in _modules()
        for line in _untranslated(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not found, "wrap these messages in gettext: " + ", ".join(found)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "expected"),
    [("", "Behov 999 finns inte."), ("en", "Need 999 does not exist."), ("uk", "Потреби 999 не існує.")],
)
def test_an_api_error_is_in_the_request_language(header: str, expected: str) -> None:
    response = Client().get("/api/needs/999", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 404
    assert response.json()["message"] == expected


@pytest.mark.django_db
def test_a_schema_error_and_a_missing_token_are_in_the_request_language() -> None:
    invalid = Client().get("/api/partnerships?limit=x", HTTP_ACCEPT_LANGUAGE="uk").json()
    assert invalid["code"] == "invalid"
    assert invalid["message"] == "limit: Вкажіть ціле число."
    unauthorised = Client().post("/api/offers", {}, content_type="application/json").json()
    assert unauthorised["message"].startswith("Logga in")


@pytest.mark.django_db
def test_an_aid_input_error_is_in_the_request_language(reference_data: None) -> None:
    response = Client().post(
        "/api/aid/check?lang=en", {"giver": "kommun", "recipient_country": "XX"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["field"] == "recipient_country"
    assert response.json()["message"].startswith("recipient_country: Unknown country code 'XX'")
