"""Natural Earth 1:50m countries (world-atlas TopoJSON) -> GeoJSON: France (its whole territory) and its
neighbours around the mainland, coordinates rounded to 3 decimals."""
import json, sys
topo = json.load(open(sys.argv[1]))
sx, sy = topo["transform"]["scale"]; tx, ty = topo["transform"]["translate"]
arcs = []
for arc in topo["arcs"]:
    x = y = 0; pts = []
    for dx, dy in arc:
        x += dx; y += dy
        pts.append([round(x * sx + tx, 3), round(y * sy + ty, 3)])
    arcs.append(pts)
def ring(indexes):
    out = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    return out
def polys(geom):
    if geom["type"] == "Polygon":
        return [[ring(r) for r in geom["arcs"]]]
    if geom["type"] == "MultiPolygon":
        return [[ring(r) for r in p] for p in geom["arcs"]]
    return []
W, S, E, N = -7.0, 40.5, 12.0, 52.5
feats = []
for g in topo["objects"]["countries"]["geometries"]:
    name = g["properties"]["name"]
    keep = []
    for p in polys(g):
        xs = [c[0] for c in p[0]]; ys = [c[1] for c in p[0]]
        if name == "France" or (max(xs) - min(xs) < 90 and max(xs) > W and min(xs) < E and max(ys) > S and min(ys) < N):
            keep.append(p)
    if keep:
        feats.append({"type": "Feature", "properties": {"name": name, "france": name == "France"},
                      "geometry": {"type": "MultiPolygon", "coordinates": keep}})
json.dump({"type": "FeatureCollection", "features": feats}, open(sys.argv[2], "w"), separators=(",", ":"))
print([f["properties"]["name"] for f in feats])
