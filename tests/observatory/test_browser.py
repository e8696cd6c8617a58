"""In Chromium: the survey results drawn by Chart.js beside their tables, the self-assessment radar, the usage
statistics, and the collectives map drawn by Leaflet on the vendored outline, with no console error.
Screenshots go to the test's folder (and to TERREAU_SCREENSHOTS when set)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from app.db import db
from observatory.models import SelfAssessment
from observatory.service.usage import record_usage
from tests.browser.test_media_journey import shoot
from tests.observatory.test_assessment import criteria, grid, peers  # noqa: F401 - the assessment's grid
from tests.observatory.test_results import answered  # noqa: F401 - a survey answered by n collectives

pytestmark = pytest.mark.browser


def test_charts_and_map_are_drawn(page, people, answered, create_collective, grid, networks,  # noqa: F811
                                  tmp_path):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    survey, _given = answered(6)
    mine = create_collective("Les Choux Lents", kind="hameau", latitude=44.73, longitude=5.02,
                             members=[people.researcher])
    create_collective("L'Oasis de Saint-Pons", kind="oasis", latitude=43.6, longitude=3.9)
    create_collective("La Ferme des Possibles", kind="habitat", latitude=48.1, longitude=-1.7)
    db.session.add(SelfAssessment(grid=grid, collective=mine, scores={str(c.id): s for c, s in
                                                                      zip(criteria(grid), (4, 2, 1, 3), strict=True)}))
    peers(create_collective, grid, 5, kind="hameau", scores=(2, 3, 3, 1))
    for month, times in ((9, 4), (10, 7), (11, 5)):
        for index in range(times):
            record_usage("view" if index % 3 else "download", source="test", partner_id=networks.hls.id,
                         dedupe_key=f"test:{month}:{index}", occurred_dt=datetime(2026, month, 3, tzinfo=UTC))
    db.session.commit()

    page.goto("/connexion")
    page.fill("#email", people.researcher.email)
    page.fill("#password", "mot-de-passe-solide")
    page.click("button:has-text('Se connecter')")

    page.goto(f"/observatoire/enquetes/{survey.id}/resultats")
    first = page.locator("canvas[data-chart]").first
    expect(first).to_be_visible()
    page.wait_for_function("() => [...document.querySelectorAll('canvas[data-chart]')].every(c => c.chart)")
    drawn = page.evaluate("() => [...document.querySelectorAll('canvas[data-chart]')]"
                          ".map(c => c.chart.data.datasets[0].data.reduce((a, b) => a + b, 0))")
    assert len(drawn) == 4 and all(total > 0 for total in drawn)
    page.wait_for_timeout(800)  # the charts grow in over 400 ms
    shoot(page, tmp_path, "observatoire-resultats")

    page.goto(f"/observatoire/collectifs/{mine.id}/auto-evaluation/{grid.id}")
    page.wait_for_function("() => document.querySelector('#chart-radar').chart")
    assert page.evaluate("() => document.querySelector('#chart-radar').chart.data.datasets.length") == 2
    page.wait_for_timeout(800)  # the charts grow in over 400 ms
    shoot(page, tmp_path, "observatoire-radar")

    page.goto("/observatoire/statistiques")
    page.wait_for_function("() => document.querySelector('#chart-month').chart")
    page.wait_for_timeout(800)  # the charts grow in over 400 ms
    shoot(page, tmp_path, "observatoire-statistiques")

    page.goto("/observatoire/collectifs/")
    markers = page.locator("#carte path.obs-marker")
    expect(markers).to_have_count(3)
    expect(page.locator("#carte path.leaflet-interactive, #carte path").first).to_be_attached()
    markers.first.dispatch_event("click")  # a click at its position can land while the map still pans to fit
    expect(page.locator(".leaflet-popup-content a")).to_be_visible()
    shoot(page, tmp_path, "observatoire-carte")
    assert errors == []
