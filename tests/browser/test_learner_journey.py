"""A learner's journey in a real browser: enrol, follow steps, watch a video, leave, resume, complete; the
facilitator then sees it on the dashboard and exports the CSV."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytest_plugins = ["tests.paths.fixtures"]


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def log_in(page, email):
    page.context.clear_cookies()
    page.goto("/connexion")
    page.fill("#email", email)
    page.fill("#password", "mot-de-passe-solide")
    page.click("button:has-text('Se connecter')")


WATCH = """async ([session, step]) => {
  const page = document.getElementById('step-page');
  const send = (id, segments) => fetch(page.dataset.endpoint, {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-CSRFToken': page.dataset.csrf},
      body: JSON.stringify({events: [{client_id: id, session_id: session, step_id: step, kind: 'video',
                                      segments: segments, duration: 100}]})}).then(r => r.json());
  const skipped = await send('browser-video-1', [[0, 10], [90, 100]]);
  const watched = await send('browser-video-2', [[10, 90]]);
  return [skipped.completed_steps.length, watched.completed_steps.length];
}"""


def test_learner_enrols_follows_resumes_and_completes(page, learning, csrf_on):
    session, steps = learning.session, learning.steps
    log_in(page, "lea@example.org")
    page.goto(f"/sessions/{session}")
    page.click("button:has-text(\"M'inscrire\")")
    expect(page.locator(".flash")).to_contain_text("Vous êtes inscrit·e")

    page.click("text=Reprendre là où j'en étais")
    expect(page.locator("h1")).to_have_text("Bienvenue")
    page.click("a[rel=next]")
    expect(page.locator("h1")).to_have_text("La vidéo")
    assert page.evaluate(WATCH, [session, steps[1]]) == [0, 1]  # jumping ahead is not watching

    page.goto("/mes-sessions")  # leave, then come back
    expect(page.locator("main")).to_contain_text("2 / 4 étapes · 50 %")
    page.click("text=Reprendre")
    expect(page.locator("h1")).to_have_text("La vidéo")
    page.click("a[rel=next]")
    page.click("button:has-text(\"J'ai terminé cette étape\")")
    expect(page.locator("main")).to_contain_text("Étape terminée")
    page.click("a[rel=next]")
    expect(page.locator("h1")).to_have_text("Conclusion")
    page.goto(f"/sessions/{session}")
    page.click("text=Mon attestation")
    expect(page.locator(".attestation")).to_contain_text("Léa Apprenante")
    expect(page.locator(".attestation")).to_contain_text("/attestations/")

    log_in(page, "anim@hls.example")
    page.goto(f"/sessions/{session}/tableau-de-bord")
    expect(page.locator(".stat-grid")).to_contain_text("1 ont terminé")
    expect(page.locator("table").nth(1)).to_contain_text("4 / 4 étapes · 100 %")
    page.click("button:has-text('Exporter la progression')")
    with page.expect_download() as download:
        page.click("a:has-text('télécharger')")
    assert "Léa Apprenante" in download.value.path().read_text(encoding="utf-8")
