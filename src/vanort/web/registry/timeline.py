"""Geometry of the partnership timeline picture (an SVG drawn by the template).

Bars run from the start's lower bound to the end (or to today while the partnership lasts).
When the start is only known to the decade the first part is drawn as uncertain; when a
partnership ended on an unknown date the bar fades out after its start decade.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

LEFT = 170
WIDTH = 760
ROW = 30
TOP = 30


LABEL_CHARS = 26  # what fits in the LEFT margin; the full name stays in the bar's title and link


@dataclass(frozen=True)
class Layout:
    """Where names and bars go. Wide: names in a left margin, one row per partnership. Narrow
    (phones): the name above its bar and the bars across the whole width, so a 390 px screen
    shows every decade at a readable size instead of the first three and a sideways scroll."""

    name: str
    left: int
    plot: int
    row: int
    top: int
    label_chars: int
    label_above: bool


WIDE = Layout("wide", left=LEFT, plot=WIDTH, row=ROW, top=TOP, label_chars=LABEL_CHARS, label_above=False)
NARROW = Layout("narrow", left=16, plot=340, row=46, top=34, label_chars=44, label_above=True)
LAYOUTS = (WIDE, NARROW)


def _short(label: str, chars: int = LABEL_CHARS) -> str:
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


@dataclass(frozen=True)
class Bar:
    label: str
    url: str
    status: str
    y: int
    label_x: int
    label_y: int
    x: float
    width: float
    uncertain_start_width: float
    open_end: bool
    unknown_end: bool
    title: str


@dataclass(frozen=True)
class Timeline:
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, int], ...]
    height: int
    width: int
    axis_y: int
    layout: Layout = WIDE


def build(rows: list[dict[str, Any]], *, first_year: int, today: date, layout: Layout = WIDE) -> Timeline:
    """`rows`: dicts with label, url, status, start (PartialDate|None), end (PartialDate|None), title."""
    last_year = today.year + 1
    span = max(last_year - first_year, 1)

    def x_of(day: date) -> float:
        years = day.year - first_year + (day.timetuple().tm_yday - 1) / 365.25
        return layout.left + max(0.0, min(1.0, years / span)) * layout.plot

    bars = []
    for i, row in enumerate(rows):
        start, end = row["start"], row["end"]
        x0 = x_of(start.lower) if start else layout.left
        ended = row["status"] == "ended"
        unknown_end = ended and end is None
        if end is not None:
            x1 = x_of(end.upper)
        elif unknown_end:
            x1 = x_of(start.upper) if start else layout.left + 40
        else:
            x1 = x_of(today)
        uncertain = (x_of(start.upper) - x0) if start and start.precision == "decade" else 0.0
        row_top = layout.top + i * layout.row
        bars.append(
            Bar(
                label=_short(row["label"], layout.label_chars),
                url=row["url"],
                status=row["status"],
                y=row_top + 18 if layout.label_above else row_top,
                label_x=layout.left if layout.label_above else layout.left - 10,
                label_y=row_top + 13 if layout.label_above else row_top + 15,
                x=round(x0, 1),
                width=round(max(x1 - x0, 4.0), 1),
                uncertain_start_width=round(uncertain, 1),
                open_end=end is None and not ended,
                unknown_end=unknown_end,
                title=row["title"],
            )
        )
    ticks = tuple((round(x_of(date(y, 1, 1)), 1), y) for y in range(first_year, last_year + 1, 10))
    height = layout.top + len(rows) * layout.row + 30
    return Timeline(
        bars=tuple(bars),
        ticks=ticks,
        height=height,
        width=layout.left + layout.plot + 20,
        axis_y=height - 22,
        layout=layout,
    )
