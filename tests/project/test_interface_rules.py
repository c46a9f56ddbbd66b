"""House rules of the interfaces that import-linter cannot check.

Web, API and CLI read through selectors and write through services: no query of their own.

import-linter cannot see attribute access, so this test reads the interface modules' syntax trees and
refuses a manager (`Model.objects`, `_default_manager`), a queryset being built (`.filter(...)` and
friends), a model-level shortcut (`get_object_or_404`) or a raw cursor. A query an interface needs goes
into the owning app's `selectors.py` under a name that says what it reads.

Web forms live in `web/<domain>/forms.py`, never in a view module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import vanort

SRC = Path(vanort.__file__).parent
INTERFACES = [SRC / "cli.py", *sorted((SRC / "api").rglob("*.py")), *sorted((SRC / "web").rglob("*.py"))]

#: A model's managers: any use is a query of the interface's own.
MANAGERS = {"objects", "_default_manager", "_base_manager"}
#: Calls that build a queryset or reach the database. `.all()`, `.first()`, `.exists()` stay allowed:
#: they read what a selector returned (a prefetched relation, a queryset it built).
QUERY_METHODS = {
    "filter",
    "exclude",
    "annotate",
    "alias",
    "aggregate",
    "select_related",
    "prefetch_related",
    "values_list",
    "order_by",
    "only",
    "defer",
    "extra",
    "raw",
    "cursor",
}
FORBIDDEN_NAMES = {"get_object_or_404", "get_list_or_404", "connection", "connections"}


def _query_call(node: ast.AST) -> str | None:
    """The method name of `x.filter(...)` and friends (not `register.filter`, the template-tag decorator)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    func = node.func
    if func.attr not in QUERY_METHODS or (isinstance(func.value, ast.Name) and func.value.id == "register"):
        return None
    return func.attr


def violations(source: str) -> list[str]:
    """Each forbidden use in `source` as "line: what"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            found.append(f"{node.lineno}: .{node.attr}")
        elif method := _query_call(node):
            found.append(f"{node.lineno}: .{method}()")
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(f"{node.lineno}: {node.id}")
        elif isinstance(node, ast.ImportFrom) and any(a.name in FORBIDDEN_NAMES for a in node.names):
            found.append(f"{node.lineno}: import {', '.join(a.name for a in node.names)}")
    return found


@pytest.mark.parametrize("path", INTERFACES, ids=lambda p: str(p.relative_to(SRC)))
def test_interface_module_has_no_query_of_its_own(path: Path) -> None:
    assert violations(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "line",
    [
        "Place.objects.filter(code='0126')",
        "Place._default_manager.get(pk=1)",
        "selectors.place_list().filter(kind='kommun')",
        "qs.select_related('country')",
        "from django.shortcuts import get_object_or_404",
        "from django.db import connection",
    ],
)
def test_the_scan_finds_a_query(line: str) -> None:
    assert violations(line)


def test_the_scan_lets_selector_results_be_read() -> None:
    assert violations("list(motion.places.all()); places.exists(); places.first(); counts.values()") == []


def test_the_scan_lets_template_filters_be_registered() -> None:
    assert violations("@register.filter\ndef f(x): return x\n@register.filter(is_safe=True)\ndef g(x): return x") == []


WEB_VIEW_MODULES = sorted(p for p in (SRC / "web").rglob("*.py") if p.name.endswith("views.py"))


def form_classes(source: str) -> list[str]:
    """Classes in `source` that derive from a Django form (`forms.Form`, `forms.ModelForm`, ...Form)."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            bases = [b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases]
            if any(base.endswith("Form") for base in bases):
                names.append(node.name)
    return names


@pytest.mark.parametrize("path", WEB_VIEW_MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_web_view_module_defines_no_form(path: Path) -> None:
    """Forms live in the domain's `forms.py` beside its `views.py` (web/<domain>/)."""
    assert form_classes(path.read_text(encoding="utf-8")) == []


def test_the_form_scan_finds_a_form() -> None:
    assert form_classes("class UploadForm(forms.Form):\n    pass") == ["UploadForm"]
