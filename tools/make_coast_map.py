#!/usr/bin/env python3
"""Derives assets/geo/coast-map.geojson (the land drawn under the map) from
tests/data/geo/british-isles-10m.geojson: outer rings only (no holes), simplified with
Douglas-Peucker to TOLERANCE degrees, coordinates rounded to 4 decimals (about 10 m), islands
smaller than MIN_AREA square degrees dropped. Run from the repository root:

    python3 tools/make_coast_map.py
"""
import json
import math

SOURCE = "tests/data/geo/british-isles-10m.geojson"
TARGET = "assets/geo/coast-map.geojson"
TOLERANCE = 0.008  # degrees: about 0.8 km, a few pixels at a whole-region zoom
MIN_AREA = 0.0004  # square degrees: about 3 km²


def perpendicular(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / math.hypot(dx, dy)


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


def area(ring):
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1]))) / 2


def main():
    source = json.load(open(SOURCE))
    features = []
    for feature in source["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = []
        for polygon in polygons:
            outer = polygon[0]
            if area(outer) < MIN_AREA:
                continue
            # Split the closed ring in two so both halves keep their far points.
            half = len(outer) // 2
            ring = simplify(outer[: half + 1])[:-1] + simplify(outer[half:])[:-1]
            ring = [[round(x, 4), round(y, 4)] for x, y in ring]
            if len(ring) >= 3:
                rings.append([ring + [ring[0]]])
        features.append({
            "type": "Feature",
            "properties": {"name": feature["properties"]["name"]},
            "geometry": {"type": "MultiPolygon", "coordinates": rings},
        })
    with open(TARGET, "w") as out:
        json.dump({"type": "FeatureCollection", "features": features}, out, separators=(",", ":"))
        out.write("\n")
    print(TARGET, sum(len(r[0]) for f in features for r in f["geometry"]["coordinates"]), "points")


if __name__ == "__main__":
    main()
