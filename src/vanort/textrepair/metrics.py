"""Word and character error rates (Levenshtein over tokens / characters)."""

from __future__ import annotations

import re
from collections.abc import Sequence

WORD_RE = re.compile(r"[^\W_]+(?:[&][^\W_]*)*|&[^\W_]+|§+")


def words(text: str) -> list[str]:
    """The tokens counted by :func:`word_error_rate` (words, numbers, §)."""
    return WORD_RE.findall(text)


def edit_distance(ref: Sequence[str], hyp: Sequence[str]) -> int:
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1]


def word_error_rate(reference: str, hypothesis: str) -> float:
    ref = words(reference)
    return edit_distance(ref, words(hypothesis)) / max(1, len(ref))


def char_error_rate(reference: str, hypothesis: str) -> float:
    """Per line, so the quadratic alignment stays small."""
    ref_lines, hyp_lines = reference.split("\n"), hypothesis.split("\n")
    if len(ref_lines) != len(hyp_lines):
        return edit_distance(reference, hypothesis) / max(1, len(reference))
    errors = sum(edit_distance(r, h) for r, h in zip(ref_lines, hyp_lines, strict=True))
    return errors / max(1, len(reference))
