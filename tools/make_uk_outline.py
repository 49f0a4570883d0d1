#!/usr/bin/env python3
"""Writes assets/geo/uk-outline.geojson: the United Kingdom's land outline from
tests/data/geo/british-isles-10m.geojson (Natural Earth 1:10m, public domain), simplified with
Douglas-Peucker at TOLERANCE degrees and rounded to 4 decimals (about 10 m). The import check
allows 5 km off this outline, far more than the simplification moves it."""
import json, math, pathlib

TOLERANCE = 0.005  # degrees, about 300-550 m
ROOT = pathlib.Path(__file__).resolve().parent.parent

def perpendicular(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))

def simplify(points):
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = perpendicular(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > TOLERANCE:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]

def ring(points):
    # A closed ring: split in two halves so that the first and last point differ.
    half = len(points) // 2
    out = simplify(points[: half + 1])[:-1] + simplify(points[half:])
    out = [[round(x, 4), round(y, 4)] for x, y in out]
    if len(out) < 4:
        out = [[round(x, 4), round(y, 4)] for x, y in points]
    return out

source = json.loads((ROOT / "tests/data/geo/british-isles-10m.geojson").read_text())
uk = next(f for f in source["features"] if f["properties"]["name"] == "United Kingdom")
polygons = [[ring(r) for r in polygon] for polygon in uk["geometry"]["coordinates"]]
feature = {
    "type": "Feature",
    "properties": {
        "name": "United Kingdom",
        "source": "Natural Earth 1:10m Admin 0 countries v4.1.0 (public domain), simplified",
    },
    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
}
out = ROOT / "assets/geo/uk-outline.geojson"
out.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}, separators=(",", ":")) + "\n")
print(out, sum(len(r) for p in polygons for r in p), "points,", out.stat().st_size, "bytes")
