"""Charts drawn on the server as inline SVG, always shown beside a table of the same figures.

Why SVG from the server rather than Chart.js: the pages must work without JavaScript (design.md), the charts
show exactly the figures the service let out (the 5-respondent rule is applied once, before drawing), they need
no vendored bundle nor CSP change, they print, and tests can read them. Screen readers get the table; the SVG
is `role="img"` with a title.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

#: series colours, distinguishable in greyscale and by colour-blind readers (Okabe–Ito)
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")


def _svg(width: int, height: int, title: str, body: str) -> Markup:
    # every label and value interpolated above went through escape()
    return Markup(  # noqa: S704
        f'<svg class="obs-chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'
        f"<title>{escape(title)}</title>{body}</svg>")


def _short(label: str, size: int = 28) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def bar_chart(title: str, rows: list[tuple[str, float]], unit: str = "") -> Markup:
    """Horizontal bars, one per (label, value)."""
    width, left, bar, gap = 520, 190, 22, 8
    height = max(1, len(rows)) * (bar + gap) + gap
    top = max((value for _, value in rows), default=0) or 1
    parts = []
    for index, (label, value) in enumerate(rows):
        y = gap + index * (bar + gap)
        length = (width - left - 60) * value / top
        parts.append(
            f'<text x="{left - 8}" y="{y + bar * 0.7:.1f}" text-anchor="end" class="obs-label">'
            f"{escape(_short(label))}</text>"
            f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar}" fill="{PALETTE[0]}" rx="2"/>'
            f'<text x="{left + length + 6:.1f}" y="{y + bar * 0.7:.1f}" class="obs-value">'
            f"{escape(_number(value))}{escape(unit)}</text>")
    return _svg(width, height, title, "".join(parts))


def column_chart(title: str, categories: list[str], series: list[tuple[str, list[float]]]) -> Markup:
    """Grouped columns: one group per category (a month), one column per series (a kind of event)."""
    width, height, left, bottom, top_pad = 640, 260, 44, 40, 12
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    top = max((v for _, values in series for v in values), default=0) or 1
    top = _nice(top)
    group_w = plot_w / max(1, len(categories))
    col_w = max(2.0, (group_w - 6) / max(1, len(series)))
    parts = []
    for step in range(5):
        value = top * step / 4
        y = top_pad + plot_h - plot_h * step / 4
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="obs-grid"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="obs-value">'
                     f"{escape(_number(value))}</text>")
    for ci, category in enumerate(categories):
        x0 = left + ci * group_w + 3
        for si, (_name, values) in enumerate(series):
            value = values[ci]
            h = plot_h * value / top
            parts.append(f'<rect x="{x0 + si * col_w:.1f}" y="{top_pad + plot_h - h:.1f}" width="{col_w - 1:.1f}" '
                         f'height="{h:.1f}" fill="{PALETTE[si % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x0 + group_w / 2 - 3:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                     f'class="obs-label">{escape(category)}</text>')
    legend_x = left
    for si, (name, _values) in enumerate(series):
        parts.append(f'<rect x="{legend_x}" y="{height - 14}" width="10" height="10" '
                     f'fill="{PALETTE[si % len(PALETTE)]}"/><text x="{legend_x + 14}" y="{height - 5}" '
                     f'class="obs-label">{escape(name)}</text>')
        legend_x += 14 + 8 * len(name) + 16
    return _svg(width, height, title, "".join(parts))


def radar_chart(title: str, labels: list[str], series: list[tuple[str, list[float | None]]],
                maximum: float) -> Markup:
    """A radar (spider) chart of 0..maximum scores, one polygon per series."""
    width, size, radius = 600, 420, 130  # wide enough for labels on the left and right
    cx, cy = width / 2, size / 2
    count = max(3, len(labels))

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = radius * value / maximum
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    parts = []
    for ring in range(1, int(maximum) + 1):
        ring_points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(count)))
        parts.append(f'<polygon points="{ring_points}" class="obs-grid" fill="none"/>')
    for index, label in enumerate(labels):
        x, y = point(index, maximum)
        lx, ly = point(index, maximum * 1.18)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" class="obs-grid"/>'
                     f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}" class="obs-label">'
                     f"{escape(_short(label, 22))}</text>")
    for si, (name, values) in enumerate(series):
        colour = PALETTE[si % len(PALETTE)]
        shape = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v or 0) for i, v in enumerate(values)))
        parts.append(f'<polygon points="{shape}" fill="{colour}" fill-opacity="0.25" stroke="{colour}" '
                     f'stroke-width="2"><title>{escape(name)}</title></polygon>')
        parts.append(f'<rect x="10" y="{size - 18 - 18 * si}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="28" y="{size - 8 - 18 * si}" class="obs-label">{escape(name)}</text>')
    return _svg(width, size, title, "".join(parts))


def _nice(value: float) -> float:
    """A round upper bound for an axis (1, 2, 5 × a power of ten)."""
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
