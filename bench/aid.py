"""Benchmark of the aid check: parse + check of a deterministic mix of valid cases, one core.

Run: ``.venv/bin/python bench/aid.py [N]``; prints one JSON object. Target: >= 50,000 cases/s.
"""

from __future__ import annotations

import json
import os
import platform
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from vanort.aid import FIELD_CHOICES, check, load_rulebook, parse_case, relevant_fields

COUNTRIES = ["UA", "UA", "UA", "PS", "IQ", "MM", "ZW", "MD", "GE", "NO", "DE", "US", "KE", "AF"]
DATES = ["2022-05-01", "2023-07-13", "2024-06-01", "2025-12-31", "2026-03-01", "2026-07-01"]
DISTINCT = 2_000


def make_cases(count: int, seed: int = 2009_47) -> list[dict[str, Any]]:
    """``count`` valid cases drawn as the guided form asks (``DISTINCT`` distinct ones, cycled)."""
    rulebook = load_rulebook()
    rng = random.Random(seed)
    distinct = []
    for _ in range(DISTINCT):
        answers: dict[str, Any] = {}
        while True:
            open_fields = [f for f in relevant_fields(answers, rulebook=rulebook) if f not in answers]
            if not open_fields:
                break
            field = open_fields[0]
            if field == "recipient_country":
                answers[field] = rng.choice(COUNTRIES)
            elif field == "decision_date":
                answers[field] = rng.choice(DATES)
            else:
                answers[field] = rng.choice(FIELD_CHOICES[field])
        distinct.append(answers)
    return [distinct[i % DISTINCT] for i in range(count)]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    cases = make_cases(count)
    rulebook = load_rulebook()
    for data in cases[:DISTINCT]:  # warm up (file loading is not measured)
        check(parse_case(data, rulebook=rulebook), rulebook)
    start = time.perf_counter()
    for data in cases:
        check(parse_case(data, rulebook=rulebook), rulebook)
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "bench": "aid",
                "cases": count,
                "seconds": round(seconds, 4),
                "cases_per_second": round(count / seconds),
                "machine": {
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "cpu_count": os.cpu_count(),
                },
            }
        )
    )


if __name__ == "__main__":
    main()
