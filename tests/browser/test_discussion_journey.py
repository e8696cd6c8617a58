"""A question's journey in a real browser: a learner asks under a step, the facilitator finds it in the
unanswered list of the dashboard, answers and accepts the answer, and the list empties."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_learner_journey import log_in

pytest_plugins = ["tests.paths.fixtures"]


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_a_question_under_a_step_is_answered_and_accepted(page, learning, enrol, csrf_on):
    session, step = learning.session, learning.steps[0]
    enrol(learning.learner, session)
    log_in(page, "lea@example.org")
    page.goto(f"/sessions/{session}/etapes/{step}")
    panel = page.locator("#discussion")
    expect(panel).to_contain_text("Pas encore de fil sur cette étape.")
    page.fill("#discussion #title", "Combien coûte un terrain en zone rurale ?")
    page.fill("#discussion #body", "Nous cherchons **un hectare** en Bretagne.")
    panel.locator("button:has-text('Publier')").click()
    expect(page.locator(".flash")).to_contain_text("Votre message est publié.")
    expect(page.locator("#discussion .thread-list")).to_contain_text("Combien coûte un terrain en zone rurale ?")

    log_in(page, "anim@hls.example")
    page.goto(f"/sessions/{session}/tableau-de-bord")
    waiting = page.locator(".unanswered-list")
    expect(waiting).to_contain_text("Combien coûte un terrain en zone rurale ?")
    waiting.locator("a:has-text('Combien coûte un terrain')").click()
    expect(page.locator("h1")).to_have_text("Combien coûte un terrain en zone rurale ?")
    expect(page.locator(".post").first).to_contain_text("Nous cherchons un hectare en Bretagne.")
    page.fill("#body", "Comptez 1 à 3 € le m² pour un terrain agricole.")
    page.click("button:has-text('Publier la réponse')")
    page.click("button:has-text('Accepter cette réponse')")
    expect(page.locator(".flash")).to_contain_text("Réponse acceptée.")
    expect(page.locator(".post.accepted").first).to_contain_text("Comptez 1 à 3 €")

    page.goto(f"/sessions/{session}/tableau-de-bord")
    expect(page.locator("#questions + p")).to_have_text("Toutes les questions ont une réponse.")
    expect(page.locator(".unanswered-list")).to_have_count(0)
