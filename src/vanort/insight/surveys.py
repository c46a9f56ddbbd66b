"""The national survey series (SKR) as a sourced data file (`surveys.csv`, see SOURCES.yaml)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SURVEYS_FILE = Path(__file__).with_name("surveys.csv")


@dataclass(frozen=True)
class SurveyFigure:
    year: int
    measure: str
    value: int
    unit: str
    source: str
    locator: str

    def as_json(self) -> dict[str, object]:
        return {
            "year": self.year,
            "measure": self.measure,
            "value": self.value,
            "unit": self.unit,
            "source": f"{self.source} ({self.locator})" if self.locator else self.source,
        }


@cache
def survey_figures(path: Path = SURVEYS_FILE) -> tuple[SurveyFigure, ...]:
    with path.open(encoding="utf-8", newline="") as f:
        return tuple(
            SurveyFigure(int(r["year"]), r["measure"], int(r["value"]), r["unit"], r["source"], r["locator"])
            for r in csv.DictReader(f)
        )


# Survey measures of municipalities counted, in the order of the series chart.
COUNT_MEASURES = ("municipalities_with_twin_towns", "municipalities_with_twin_towns_or_partnerships")
SHARE_MEASURES = {"share_active": "active", "share_sporadic": "sporadic", "share_dormant": "dormant"}
AREA_RANK_PREFIX = "area_rank_"
