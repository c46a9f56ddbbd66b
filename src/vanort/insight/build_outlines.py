"""Build `world_outlines.json` from Natural Earth 1:110m countries (run by hand, not at run time).

Input: `countries-110m.json` from the npm package world-atlas 2.0.2 (Natural Earth 4.1.0 as
TopoJSON) and Debian iso-codes' `iso_3166-1.json` (numeric → alpha-2). Output: for each
country, its rings as [lon, lat] pairs rounded to 0.1°.

    python -m vanort.insight.build_outlines countries-110m.json /usr/share/iso-codes/json/iso_3166-1.json OUT
"""

from __future__ import annotations

import json
import sys
from typing import Any


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    out: list[list[float]] = []
    for lon, lat in points:
        p = [round(lon, 1), round(lat, 1)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def build(topo: dict[str, Any], iso: dict[str, Any]) -> dict[str, Any]:
    numeric = {c["numeric"]: c["alpha_2"] for c in iso["3166-1"]}
    arcs = _decode_arcs(topo)
    countries: dict[str, list[list[list[float]]]] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        code = numeric.get(str(geom.get("id", "")))
        if code is None and geom["properties"]["name"] == "Kosovo":
            code = "XK"
        if code is None or geom["type"] not in {"Polygon", "MultiPolygon"}:
            continue
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        rings = [_ring(poly[0], arcs) for poly in polygons]  # outer rings only: an outline map
        countries.setdefault(code, []).extend(r for r in rings if len(r) >= 4)
    return {
        "source": "Natural Earth 1:110m Admin 0 – Countries, version 4.1.0, via world-atlas 2.0.2 (TopoJSON)",
        "licence": "Public domain (Natural Earth); world-atlas packaging ISC",
        "precision": "outer rings, coordinates rounded to 0.1 degree",
        "countries": dict(sorted(countries.items())),
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], encoding="utf-8") as g:
        data = build(json.load(f), json.load(g))
    with open(sys.argv[3], "w", encoding="utf-8") as out:
        json.dump(data, out, separators=(",", ":"))
