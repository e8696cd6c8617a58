"""What the observatory's charts show, as plain data for Chart.js (observatory/static/observatory.js).

A chart is always drawn beside a table of the same figures: the table is what screen readers and pages without
JavaScript get. Only figures the services let out reach these functions (the 5-respondent rule is applied before),
so the JSON a page hands to the browser never says more than its table.
"""

from __future__ import annotations

#: series colours, distinguishable in greyscale and by colour-blind readers (Okabe–Ito)
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")


def bar(title: str, rows: list[tuple[str, float]], horizontal: bool = True) -> dict:
    """One bar per (label, value)."""
    return {"type": "bar", "title": title, "horizontal": horizontal, "stacked": False,
            "labels": [label for label, _ in rows],
            "datasets": [{"label": title, "data": [value for _, value in rows], "color": PALETTE[0]}]}


def columns(title: str, categories: list[str], series: list[tuple[str, list[float]]],
            stacked: bool = False, horizontal: bool = False) -> dict:
    """Grouped (or stacked) columns: one group per category, one column per series."""
    return {"type": "bar", "title": title, "horizontal": horizontal, "stacked": stacked,
            "labels": list(categories),
            "datasets": [{"label": name, "data": list(values), "color": PALETTE[index % len(PALETTE)]}
                         for index, (name, values) in enumerate(series)]}


def radar(title: str, labels: list[str], series: list[tuple[str, list[float | None]]], maximum: float,
          minimum: float = 0) -> dict:
    """A radar of scores between `minimum` and `maximum`, one polygon per series (None: no score)."""
    return {"type": "radar", "title": title, "min": minimum, "max": maximum, "labels": list(labels),
            "datasets": [{"label": name, "data": list(values), "color": PALETTE[index % len(PALETTE)]}
                         for index, (name, values) in enumerate(series)]}
