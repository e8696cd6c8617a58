"""Reading what a page hands to Chart.js: the JSON beside each chart canvas, by canvas id."""

from __future__ import annotations

import json
import re

CHART_DATA = re.compile(r'<script type="application/json" id="([\w-]+)-data" class="obs-chart-data">(.*?)</script>',
                        re.S)


def charts(page: str) -> dict[str, dict]:
    """{canvas id: chart spec} for every chart of the page (each has its canvas pointing at its data)."""
    found = {name: json.loads(body) for name, body in CHART_DATA.findall(page)}
    for name in found:
        assert f'<canvas id="{name}" data-chart="{name}-data"' in page
    return found
