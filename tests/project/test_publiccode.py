"""publiccode.yml is valid against the standard's core schema and agrees with the package."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import vanort

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def publiccode() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_publiccode_is_valid_against_the_standard(publiccode: dict) -> None:
    schema = json.loads((Path(__file__).with_name("publiccode.schema.json")).read_text(encoding="utf-8"))
    jsonschema.validate(publiccode, schema)


def test_publiccode_names_the_package_version_and_licence(publiccode: dict) -> None:
    assert publiccode["softwareVersion"] == vanort.__version__
    assert publiccode["legal"]["license"] == "EUPL-1.2"


def test_the_schema_rejects_a_long_short_description(publiccode: dict) -> None:
    schema = json.loads((Path(__file__).with_name("publiccode.schema.json")).read_text(encoding="utf-8"))
    broken = {**publiccode, "description": {"sv": {**publiccode["description"]["sv"], "shortDescription": "x" * 151}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
