"""Accessibility of the main pages, checked by axe-core in Chromium: no violation of impact "serious" or "critical",
and no page scrolling sideways on a phone.

axe-core comes from the `axe-playwright-python` test dependency (0.1.8 bundles axe-core 4.12.1's `axe.min.js`,
MPL-2.0). Rule set: WCAG 2.0/2.1 A and AA plus axe's best practices, which raise no noise on these pages. Pages are
audited as the people who use them: a visitor (login), an enrolled learner, the session's facilitator, a researcher,
a collective answering through its personal link, a portal's visitor. Every page of a test is audited before its
assertion, so one failure lists them all, with each violation's id, impact, help and first target selectors.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from app.accounts.models import Role
from app.db import db
from observatory.service import surveys as survey_service
from tests.browser.test_course_video import log_in
from tests.media.conftest import make_asset, make_clip  # noqa: F401 - media's inline-transcoded assets
from tests.observatory.conftest import (  # noqa: F401 - the observatory's world
    create_collective,
    create_survey,
    link,
    networks,
    people,
    phases,
)
from tests.observatory.test_results import answered  # noqa: F401 - a survey answered by n collectives

pytest_plugins = ["tests.paths.fixtures"]
pytestmark = pytest.mark.browser

axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}
PHONE = {"width": 390, "height": 844}
CAPTIONS = b"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nBienvenue au hameau.\n"
#: one question of each kind a collective answers
SURVEY_QUESTIONS = [
    {"label": "Mode de chantier", "kind": "single", "options": ["Entreprises", "Autoconstruction"],
     "is_required": True},
    {"label": "Matériaux", "kind": "multiple", "options": ["Bois", "Paille"]},
    {"label": "Satisfaction", "kind": "scale", "scale_min": 1, "scale_max": 5},
    {"label": "Budget par foyer", "kind": "number"},
    {"label": "Première réunion", "kind": "date"},
    {"label": "Ce qui vous a manqué", "kind": "long_text"},
]


@pytest.fixture
def audit(page):
    """`audit(name)` runs axe on the page as it is now; `audit.failures` lists the blocking violations found."""
    axe = axe_sync.Axe()
    failures: list[str] = []

    def run(name: str) -> None:
        results = axe.run(page, options=AXE_OPTIONS).response
        for violation in results["violations"]:
            if violation["impact"] in BLOCKING:
                targets = " | ".join(", ".join(map(str, node["target"])) for node in violation["nodes"][:3])
                failures.append(f"{name} ({page.url}): {violation['id']} [{violation['impact']}] "
                                f"{violation['help']} -> {targets}")
        failures.extend(f"{name} ({page.url}): {problem}" for problem in phone_problems(page))

    run.failures = failures
    return run


def phone_problems(page) -> list[str]:
    """On a 390 px phone, the page must not scroll sideways (tables too wide become cards or scroll inside
    their own box, see `table.stacked` in terreau.css)."""
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    try:  # charts follow the new width a frame or two later
        page.wait_for_function(f"() => {overflow} <= 1", timeout=3000)
        problems = []
    except PlaywrightTimeoutError:
        problems = [f"scrolls sideways by {page.evaluate(overflow)} px on a {PHONE['width']} px phone"]
    page.set_viewport_size(size)
    return problems


def assert_clean(audit) -> None:
    assert not audit.failures, "axe or the phone check found problems:\n" + "\n".join(audit.failures)


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return make_clip(tmp_path_factory.mktemp("a11y-clip") / "hameau.mp4", 320, 240, seconds=1)


@pytest.fixture
def search_index(app, tmp_path):
    """This test's own, empty search index (the learning world's resources are indexed into it as committed)."""
    app.config["SEARCH_INDEX_DIR"] = str(tmp_path / "search-index")
    yield
    app.config.pop("SEARCH_INDEX_DIR", None)


def test_learning_pages(page, audit, search_index, learning, enrol, make_asset, clip):  # noqa: F811
    from media import service as media
    from paths.discussions import service as discussions
    from paths.models import CourseSession

    video = learning.resources[0]
    media.save_caption(make_asset(video, clip), "fr", CAPTIONS, learning.editor)
    enrol(learning.learner, learning.session)
    discussions.create_thread(db.session.get(CourseSession, learning.session), learning.learner, {
        "step_id": learning.steps[1], "title": "Combien coûte un terrain ?", "body": "En **zone rurale**.",
        "is_question": True})
    db.session.commit()

    page.goto("/connexion")
    audit("login")
    log_in(page, "lea@example.org")  # the world's resources are for the partners' members
    for name, path in (("home", "/"), ("catalogue", "/ressources/"), ("resource", f"/ressources/{video}"),
                       ("search", "/recherche?q=terrain&kind=methode")):
        page.goto(path)
        expect(page.locator("main")).to_contain_text("Trouver un terrain" if name != "resource" else "hameau")
        audit(name)
    expect(page.locator("#facettes input[type=checkbox]:checked")).to_have_count(1)

    page.goto(f"/sessions/{learning.session}/etapes/{learning.steps[1]}")
    expect(page.locator("video track")).to_have_count(1)
    expect(page.locator("#discussion .thread-list")).to_contain_text("Combien coûte un terrain ?")
    page.click("#discussion summary")  # the form to ask a question, folded under the threads
    expect(page.locator("#discussion #title")).to_be_visible()
    audit("step")

    log_in(page, "anim@hls.example")
    page.goto(f"/sessions/{learning.session}/tableau-de-bord")
    expect(page.locator(".unanswered-list")).to_contain_text("Combien coûte un terrain ?")
    audit("dashboard")
    page.goto(f"/sessions/{learning.session}")
    audit("session")
    assert_clean(audit)


def test_observatory_pages(page, audit, people, answered, create_collective, create_survey, link):  # noqa: F811
    survey, _given = answered(6)
    create_collective("Les Choux Lents", kind="hameau", latitude=44.73, longitude=5.02)
    create_collective("La Ferme des Possibles", kind="habitat", latitude=48.1, longitude=-1.7)
    fresh = create_survey(title="Enquête chantier", questions=SURVEY_QUESTIONS)
    survey_service.address_survey(fresh, {})
    db.session.commit()

    page.goto(link(fresh.invitations[0]))
    expect(page.locator("form")).to_be_visible()
    audit("survey answer")

    log_in(page, people.researcher.email)
    page.goto("/observatoire/collectifs/")
    expect(page.locator("#carte path.obs-marker")).to_have_count(2)
    audit("collectives map")
    page.goto(f"/observatoire/enquetes/{survey.id}/resultats")
    page.wait_for_function("() => [...document.querySelectorAll('canvas[data-chart]')].every(c => c.chart)")
    audit("survey results")
    for name, path in (("surveys", "/observatoire/enquetes/"), ("survey", f"/observatoire/enquetes/{fresh.id}"),
                       ("grids", "/observatoire/grilles/"), ("plans", "/observatoire/plans/")):
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        audit(name)
    assert_clean(audit)


@pytest.mark.parametrize("primary, accent, background", [("#2f6f4e", "#8a5a00", "#fbf8f1"),
                                                         ("#8a3f0f", "#2e6b6b", "#fff9f2")])
def test_partner_portal(page, audit, create_partner, create_user, primary, accent, background):
    """The portal in two of the demo partners' designs (each design passes the design form's contrast checks)."""
    from commons import service as commons
    from commons.models import Kind, Status, Visibility
    from commons.seed import seed_taxonomy
    from partners import service as partners

    seed_taxonomy()
    partner = create_partner("hls", "Hameaux Légers")
    partners.save_design(partners.editable_design(partner), {
        "primary_colour": primary, "accent_colour": accent, "background_colour": background,
        "tagline": "Des ressources pour habiter léger."})
    editor = create_user("editrice@hls.example", partner=partner, role=Role.EDITOR)
    kind = db.session.scalar(db.select(Kind.id).where(Kind.slug == "methode"))
    made = commons.create_resource({"title": "Monter un hameau léger", "kind_id": kind, "owner_partner_id": partner.id,
                                    "visibility": Visibility.PUBLIC, "summary": "De la commune au bail."}, editor)
    commons.change_status(made, Status.PUBLISHED, editor)
    db.session.commit()

    page.goto("/p/hls/")
    expect(page.locator("main")).to_contain_text("Monter un hameau léger")
    audit("partner portal")
    assert_clean(audit)
