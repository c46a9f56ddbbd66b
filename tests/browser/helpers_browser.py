"""Helpers shared by the browser tests: logging in, and the accessibility check of the open page."""

from __future__ import annotations

import os
from typing import Any, NoReturn

import pytest
from axe_playwright_python.sync_playwright import Axe

# WCAG 2.0 and 2.1, levels A and AA (what Swedish law asks of public digital services).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = {"serious", "critical"}
# axe only calls these "incomplete": a label or description that points at an id that is not there.
DANGLING_ARIA_REFERENCES = """() => [...document.querySelectorAll("[aria-labelledby], [aria-describedby]")].flatMap(
    (el) => ["aria-labelledby", "aria-describedby"].flatMap((attr) => (el.getAttribute(attr) || "").split(/\\s+/)
        .filter((id) => id && !document.getElementById(id))
        .map((id) => `${el.tagName.toLowerCase()}#${el.id} ${attr}="${id}"`)))"""


PHONE = {"width": 390, "height": 844}
# Styles applied: the page has loaded and every stylesheet is parsed. A page reached by a form
# post can show its text before its stylesheet arrives; measured then, it is laid out unstyled.
STYLED = """() => document.readyState === "complete"
    && [...document.querySelectorAll('link[rel="stylesheet"]')].every((link) => link.sheet)"""
OVERFLOW = "() => document.scrollingElement.scrollWidth - window.innerWidth"
# Which element sticks out (for the failure message).
WIDEST = """() => [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
    .filter((el) => !el.closest('.scroll-x, .visually-hidden, .skip'))
    .slice(0, 3).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
        + ' right=' + Math.round(el.getBoundingClientRect().right))"""


def sideways_overflow(page: Any) -> str:
    """How far the open page scrolls sideways, with the elements that stick out; "" when it fits.
    Measured once the styles apply, so a slow stylesheet is not taken for a layout fault."""
    page.wait_for_function(STYLED)
    extra = page.evaluate(OVERFLOW)
    return f"{extra}px too wide: {page.evaluate(WIDEST)}" if extra > 0 else ""


def no_browser(reason: str) -> NoReturn:
    """Without Chromium the browser tests are skipped on a developer's machine, but fail in CI
    (`.ci/run` exports CI=true, as most CI services do), so CI never passes without them."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(reason)
    pytest.skip(reason)  # the only skip: without a browser. With one, a missing page fails.


def log_in(page: Any, username: str, password: str) -> None:
    """Log in through the login form, like a person would."""
    page.goto("/logga-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main").get_by_role("button", name="Logga in").click()
    page.locator("header .account", has_text=username).wait_for()


def _format(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  [{', '.join(v['tags'])}]")
        for node in v["nodes"][:8]:
            lines.append(f"    at {' '.join(node['target'])}: {node['html'][:160]}")
            lines.extend(f"      {check['message']}" for check in node.get("any", []) + node.get("all", [])[:2])
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


#: Moderate (and minor) violations seen in this run: listed, not failing ("url: rule-id (impact): help").
MODERATE: list[str] = []


def accessibility_problems(page: Any) -> list[str]:
    """Serious and critical axe-core violations, and dangling ARIA references, of the open page.
    Moderate and minor ones are recorded in `MODERATE` (and written out by the page tests)."""
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    MODERATE.extend(
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} ({len(v['nodes'])}×)"
        for v in violations
        if v["impact"] not in BLOCKING_IMPACTS
    )
    problems = ["axe-core violations:\n" + _format(blocking)] if blocking else []
    dangling = page.evaluate(DANGLING_ARIA_REFERENCES)
    if dangling:
        problems.append("ARIA references to missing ids:\n" + "\n".join(f"- {d}" for d in dangling))
    return problems
