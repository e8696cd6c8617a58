"""A schematic map of metropolitan France as inline SVG, with the collectives as points linking to their pages.

Drawn on the server, like the charts: no tile server to call (the CSP allows images from this site only), no
script, and the list beside it says the same thing for those who do not see the map.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from observatory.charts import PALETTE

#: a coarse outline (longitude, latitude) of the mainland and of Corsica: enough to place points, not a survey map
MAINLAND = [(2.37, 51.05), (3.2, 50.75), (4.2, 50.3), (4.85, 50.1), (5.8, 49.55), (6.4, 49.45), (7.6, 49.05),
            (8.2, 48.97), (7.6, 47.6), (7.0, 47.45), (6.1, 46.25), (6.8, 46.4), (7.0, 45.3), (6.6, 44.9),
            (7.0, 44.2), (7.5, 43.8), (6.9, 43.5), (6.2, 43.1), (5.3, 43.2), (4.7, 43.4), (4.0, 43.5), (3.2, 43.0),
            (3.1, 42.45), (1.7, 42.5), (0.7, 42.8), (-0.7, 42.9), (-1.8, 43.35), (-1.45, 43.6), (-1.25, 44.6),
            (-1.1, 45.6), (-1.5, 46.3), (-2.1, 46.8), (-2.5, 47.3), (-3.0, 47.6), (-4.4, 47.8), (-4.75, 48.3),
            (-4.6, 48.6), (-3.5, 48.85), (-2.8, 48.6), (-2.0, 48.65), (-1.4, 48.6), (-1.9, 49.7), (-1.3, 49.7),
            (-1.1, 49.4), (0.1, 49.4), (0.2, 49.7), (1.4, 50.1), (1.6, 50.7)]
CORSICA = [(9.4, 43.0), (9.55, 42.1), (9.2, 41.4), (8.6, 41.9), (8.7, 42.6)]
WEST, NORTH, EAST, SOUTH = -5.2, 51.3, 9.8, 41.2
SCALE = 40.0  # pixels per degree of latitude
KIND_COLOURS = {"habitat": PALETTE[0], "hameau": PALETTE[2], "oasis": PALETTE[1], "other": PALETTE[6]}


def _project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * SCALE * math.cos(math.radians(46.5)), (NORTH - lat) * SCALE


def _shape(points) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in (_project(lon, lat) for lon, lat in points))


def france_map(title: str, points: list[dict]) -> Markup:
    """`points`: dicts with lat, lon, label, url, kind. Points outside the frame (overseas) are left out."""
    width, _ = _project(EAST, SOUTH)
    height = (NORTH - SOUTH) * SCALE
    parts = [f'<polygon points="{_shape(MAINLAND)}" class="obs-land"/>',
             f'<polygon points="{_shape(CORSICA)}" class="obs-land"/>']
    for point in points:
        if not (WEST <= point["lon"] <= EAST and SOUTH <= point["lat"] <= NORTH):
            continue
        x, y = _project(point["lon"], point["lat"])
        colour = KIND_COLOURS.get(point["kind"], PALETTE[6])
        parts.append(f'<a href="{escape(point["url"])}"><circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}" '
                     f'stroke="#fff" stroke-width="1.5"><title>{escape(point["label"])}</title></circle></a>')
    return Markup(  # noqa: S704 - labels and URLs went through escape()
        f'<svg class="obs-map" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
                  f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
                  + "".join(parts) + "</svg>")
