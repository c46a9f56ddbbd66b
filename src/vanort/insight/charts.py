"""Server-rendered SVG charts (no JavaScript, no CDN). Pure Python.

Every chart is a `Chart`: the SVG markup, plus the same numbers as a table (`columns`,
`rows`) that the page shows for screen readers and offers as CSV. The SVG scales to its
container (`width="100%"` + viewBox), so it never makes a narrow page scroll sideways.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path

PALETTE = ("#1f5f8b", "#b35c00", "#2e7d32", "#6a3d9a", "#8a8f98")
STATUS_COLOURS = {"active": "#2e7d32", "sporadic": "#b35c00", "dormant": "#6b7280", "ended": "#9b2c2c"}
TEXT = "#1b1f24"
MUTED = "#3d4450"
GRID = "#d0d4da"


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    svg: str
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[tuple[int, float], ...]
    colour: str = PALETTE[0]
    dashed: bool = False


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def _open(slug: str, title: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{slug}-title" class="chart" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{slug}-title">{escape(title)}</title>',
    ]


def bar_chart(
    slug: str,
    title: str,
    rows: Sequence[tuple[str, float]],
    *,
    columns: tuple[str, str],
    colours: Sequence[str] | None = None,
    suffix: str = "",
    note: str = "",
) -> Chart:
    """Horizontal bars, one per row (label, value): readable at any width."""
    label_w, bar_w, row_h, top = 190, 330, 26, 8
    width, height = label_w + bar_w + 70, top + row_h * max(len(rows), 1) + 8
    top_value = _nice_max(max((v for _, v in rows), default=0))
    out = _open(slug, title, width, height)
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        w = 0 if top_value == 0 else bar_w * value / top_value
        colour = colours[i % len(colours)] if colours else PALETTE[0]
        short = label if len(label) <= 28 else label[:27] + "…"
        out.append(
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="13" fill="{TEXT}">'
            f"{escape(short)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="18" fill="{colour}"><title>'
            f"{escape(label)}: {_fmt(value)}{escape(suffix)}</title></rect>"
            f'<text x="{label_w + w + 5:.1f}" y="{y + 16}" font-size="13" fill="{TEXT}">'
            f"{_fmt(value)}{escape(suffix)}</text>"
        )
    out.append("</svg>")
    return Chart(slug, title, "".join(out), columns, tuple((label, value) for label, value in rows), note)


def line_chart(
    slug: str,
    title: str,
    series: Sequence[Series],
    *,
    columns: tuple[str, ...],
    rows: Sequence[tuple[object, ...]],
    note: str = "",
) -> Chart:
    """Years on x, values on y; each series a line with a marker at every point."""
    left, right, top, bottom = 48, 16, 12, 58
    plot_w, plot_h = 560, 220
    width, height = left + plot_w + right, top + plot_h + bottom
    years = [y for s in series for y, _ in s.points]
    values = [v for s in series for _, v in s.points]
    y0, y1 = (min(years), max(years)) if years else (2000, 2001)
    if y0 == y1:
        y0, y1 = y0 - 1, y1 + 1
    vmax = _nice_max(max(values, default=0))

    def px(year: float) -> float:
        return left + (year - y0) / (y1 - y0) * plot_w

    def py(value: float) -> float:
        return top + plot_h - value / vmax * plot_h

    out = _open(slug, title, width, height)
    for k in range(5):
        v = vmax * k / 4
        out.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{py(v):.1f}" y2="{py(v):.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{py(v) + 4:.1f}" text-anchor="end" font-size="12" fill="{MUTED}">{_fmt(v)}</text>'
        )
    step = max(1, round((y1 - y0) / 6 / 5) * 5) if y1 - y0 > 12 else max(1, (y1 - y0) // 6 or 1)
    for year in range(y0 - y0 % step if step > 1 else y0, y1 + 1, step):
        if year >= y0:
            out.append(
                f'<text x="{px(year):.1f}" y="{top + plot_h + 18}" text-anchor="middle" font-size="12" '
                f'fill="{MUTED}">{year}</text>'
            )
    legend_y = top + plot_h + 40
    for i, s in enumerate(series):
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        points = " ".join(f"{px(y):.1f},{py(v):.1f}" for y, v in s.points)
        if len(s.points) > 1:
            out.append(f'<polyline points="{points}" fill="none" stroke="{s.colour}" stroke-width="2.5"{dash}/>')
        for y, v in s.points:
            out.append(
                f'<circle cx="{px(y):.1f}" cy="{py(v):.1f}" r="4" fill="{s.colour}"><title>{escape(s.name)} {y}: '
                f"{_fmt(v)}</title></circle>"
            )
        lx = left + i * (plot_w // max(len(series), 1))
        out.append(
            f'<line x1="{lx}" x2="{lx + 24}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="{s.colour}" '
            f'stroke-width="3"{dash}/><text x="{lx + 30}" y="{legend_y}" font-size="12" fill="{TEXT}">'
            f"{escape(s.name)}</text>"
        )
    out.append("</svg>")
    return Chart(slug, title, "".join(out), columns, tuple(tuple(r) for r in rows), note)


# --- outline map -------------------------------------------------------------------------

OUTLINES_FILE = Path(__file__).with_name("world_outlines.json")


@cache
def outlines() -> dict[str, list[list[list[float]]]]:
    with OUTLINES_FILE.open(encoding="utf-8") as f:
        data: dict[str, list[list[list[float]]]] = json.load(f)["countries"]
    return data


@dataclass(frozen=True)
class MapMark:
    country: str
    label: str
    count: int


@dataclass
class _Box:
    lon0: float = 180.0
    lat0: float = 90.0
    lon1: float = -180.0
    lat1: float = -90.0
    parts: list[float] = field(default_factory=list)

    def add(self, lon: float, lat: float) -> None:
        self.lon0, self.lon1 = min(self.lon0, lon), max(self.lon1, lon)
        self.lat0, self.lat1 = min(self.lat0, lat), max(self.lat1, lat)


def _main_ring(code: str) -> list[list[float]]:
    rings = outlines().get(code) or [[[0.0, 0.0]]]
    return max(rings, key=len)


def centre(code: str) -> tuple[float, float]:
    """A point for the country's marker: the middle of its largest ring's bounding box."""
    box = _Box()
    for lon, lat in _main_ring(code):
        box.add(lon, lat)
    return (box.lon0 + box.lon1) / 2, (box.lat0 + box.lat1) / 2


def outline_map(
    slug: str, title: str, *, home: str, marks: Sequence[MapMark], columns: tuple[str, ...], note: str = ""
) -> Chart:
    """Countries as outlines; the home country and partner countries filled; one numbered
    marker per partner country (places have no coordinates in the register, countries do)."""
    box = _Box()
    for code in [home, *(m.country for m in marks)]:
        if code in outlines():
            lon, lat = centre(code)
            box.add(lon, lat)
    if box.lon0 > box.lon1:
        box.add(10, 50)
    lon0, lon1 = max(box.lon0 - 12, -180), min(box.lon1 + 12, 180)
    lat0, lat1 = max(box.lat0 - 8, -85), min(box.lat1 + 8, 85)
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    max_w, max_h = 600, 460
    scale = min(max_w / max((lon1 - lon0) * kx, 1), max_h / max(lat1 - lat0, 1))
    width, height = round((lon1 - lon0) * kx * scale), round((lat1 - lat0) * scale)

    def xy(lon: float, lat: float) -> str:
        return f"{(lon - lon0) * kx * scale:.1f},{(lat1 - lat) * scale:.1f}"

    def path(ring: list[list[float]]) -> str:
        parts = []
        for i, (lon, lat) in enumerate(ring):
            jump = i == 0 or abs(lon - ring[i - 1][0]) > 90  # a ring cut at the antimeridian
            parts.append(("M" if jump else "L") + xy(lon, lat))
        return "".join(parts)

    partner_codes = {m.country for m in marks}
    out = _open(slug, title, width, height)
    out.append(f'<rect width="{width}" height="{height}" fill="#eef4f8"/>')
    for code, rings in outlines().items():
        if code == home:
            fill = "#1f5f8b"
        elif code in partner_codes:
            fill = "#f0b35e"
        else:
            fill = "#ffffff"
        for ring in rings:
            if all(lon < lon0 - 30 or lon > lon1 + 30 or lat < lat0 - 30 or lat > lat1 + 30 for lon, lat in ring):
                continue
            out.append(f'<path d="{path(ring)}Z" fill="{fill}" stroke="#8a8f98" stroke-width="0.6"/>')
    for m in marks:
        if m.country not in outlines():
            continue
        x, y = (float(v) for v in xy(*centre(m.country)).split(","))
        out.append(
            f'<g><title>{escape(m.label)}: {m.count}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="11" fill="{TEXT}"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="12" fill="#ffffff">{m.count}</text></g>'
        )
    out.append("</svg>")
    return Chart(slug, title, "".join(out), columns, tuple((m.label, m.country, m.count) for m in marks), note)
