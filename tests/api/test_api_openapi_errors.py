"""The OpenAPI schema documents the 4xx responses of each operation (issue 8, low)."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_operation_documents_its_error_responses(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["components"]["schemas"]["Error"]["required"] == ["code", "message", "field"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"400", "422"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method != "get":
                assert {"401", "403", "409"} <= codes, (method, path)
