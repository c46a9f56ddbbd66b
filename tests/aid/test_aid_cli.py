"""``vanort aid-check``: JSON case in, JSON verdict out, exit 2 with one line on bad input."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vanort.aid.cli import run_aid_check

Case = Callable[..., dict[str, Any]]


def _run(path: str | None, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_aid_check(path, io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


def test_valid_case_from_a_file_prints_the_verdict(tmp_path: Path, case: Case) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case()), encoding="utf-8")

    code, out, err = _run(str(path))

    assert (code, err) == (0, "")
    verdict = json.loads(out)
    assert (verdict["outcome"], verdict["rules"]) == ("permitted_with_conditions", ["R1"])
    assert list(verdict["aid_status"]) == ["country", "status", "basis", "source", "checked_at"]
    assert "5 kap. 4 §" in out  # ensure_ascii=False: § is printed as is
    assert out.startswith('{\n  "outcome"')  # indent=2


def test_valid_case_from_stdin(case: Case) -> None:
    code, out, _ = _run("-", json.dumps(case(form="financial", fin_purpose="other")))

    assert code == 0
    assert json.loads(out)["outcome"] == "not_permitted"


def test_missing_field_exits_2_with_one_line_naming_it(case: Case) -> None:
    code, out, err = _run(None, json.dumps(case(giver=None)))

    assert (code, out) == (2, "")
    assert err == "aid-check: giver: missing: required\n"


def test_unknown_country_exits_2(case: Case) -> None:
    code, _, err = _run("-", json.dumps(case(recipient_country="ZZ")))

    assert code == 2
    assert err.startswith("aid-check: recipient_country: unknown country code 'ZZ'")
    assert err.count("\n") == 1


def test_invalid_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text('{\n  "giver": kommun\n}\n', encoding="utf-8")

    code, _, err = _run(str(path))

    assert code == 2
    assert err.startswith(f"aid-check: {path}: invalid JSON at line 2: ")
    assert err.count("\n") == 1


def test_json_that_is_not_an_object_names_the_case() -> None:
    code, _, err = _run("-", "[1, 2]")

    assert (code, err) == (2, "aid-check: case: expected an object with the fields of the case\n")


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path / "missing.json"))

    assert code == 2
    assert err.startswith(f"aid-check: {tmp_path / 'missing.json'}: cannot read: ")
