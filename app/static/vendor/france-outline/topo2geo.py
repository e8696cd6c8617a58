"""Natural Earth 1:50m countries (world-atlas TopoJSON) -> GeoJSON: France (its whole territory) and its
neighbours around the mainland, coordinates rounded to 3 decimals.

Usage: python topo2geo.py countries-50m.json france-50m.geojson
"""

import json
import sys
from pathlib import Path

#: the box around mainland France (west, south, east, north) a neighbour's polygon must touch to be kept
WEST, SOUTH, EAST, NORTH = -7.0, 40.5, 12.0, 52.5


def decode_arcs(topo: dict) -> list[list[list[float]]]:
    """TopoJSON's delta-encoded, quantised arcs as absolute longitude/latitude points."""
    (scale_x, scale_y), (shift_x, shift_y) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale_x + shift_x, 3), round(y * scale_y + shift_y, 3)])
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[list[float]]:
    """One closed ring from arc indexes (a negative index is that arc reversed)."""
    out: list[list[float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        out.extend(points if not out else points[1:])
    return out


def polygons(arcs: list, geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
    return []


def near_france(polygon: list) -> bool:
    xs, ys = [c[0] for c in polygon[0]], [c[1] for c in polygon[0]]
    return max(xs) - min(xs) < 90 and max(xs) > WEST and min(xs) < EAST and max(ys) > SOUTH and min(ys) < NORTH


def main(source: str, target: str) -> None:
    topo = json.loads(Path(source).read_text())
    arcs = decode_arcs(topo)
    features = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        keep = [p for p in polygons(arcs, geometry) if name == "France" or near_france(p)]
        if keep:
            features.append({"type": "Feature", "properties": {"name": name, "france": name == "France"},
                             "geometry": {"type": "MultiPolygon", "coordinates": keep}})
    Path(target).write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    print([feature["properties"]["name"] for feature in features])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
