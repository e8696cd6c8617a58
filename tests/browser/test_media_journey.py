"""Media in Chromium (beside the other journeys, to share their one browser): an editor uploads a video through
the tus page, lands on the resource page, adds captions, and the video plays through hls.js with the captions
menu. Screenshots at 1280 and 390 px go to the test's folder (and to TERREAU_SCREENSHOTS when set)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.media.conftest import clips, make_asset, world  # noqa: F401 - the media fixtures

pytestmark = pytest.mark.browser

VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nBonjour et bienvenue sur le chantier.\n"


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def shoot(tab, tmp_path: Path, name: str) -> None:
    for width in (1280, 390):
        tab.set_viewport_size({"width": width, "height": 900})
        target = tmp_path / f"{name}-{width}.png"
        tab.screenshot(path=str(target), full_page=True)
        if os.environ.get("TERREAU_SCREENSHOTS"):
            shutil.copy(target, Path(os.environ["TERREAU_SCREENSHOTS"]) / target.name)
        scroll = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert scroll <= 1 or width == 390, f"{name} scrolls sideways at {width} px"
    tab.set_viewport_size({"width": 1280, "height": 900})


def test_an_editor_uploads_a_video_and_plays_it_with_captions(page, world, clips, csrf_on, tmp_path):  # noqa: F811
    page.goto("/connexion")
    page.fill("#email", "editrice@hls.example")
    page.fill("#password", "mot-de-passe-solide")
    page.click("button:has-text('Se connecter')")

    page.goto(f"/ressources/{world.public}")
    page.click("text=Ajouter une vidéo ou un son")
    expect(page.locator("h1")).to_have_text("Déposer une vidéo ou un son")
    shoot(page, tmp_path, "upload")

    page.set_input_files("#media-file", str(clips.p720))
    page.click("#media-start")
    expect(page.locator("#media-progress")).to_be_visible()
    page.wait_for_url(re.compile(rf"/ressources/{world.public}#medias$"), timeout=60_000)
    video = page.locator(".media-player video")
    expect(video).to_be_visible()

    vtt = tmp_path / "fr.vtt"
    vtt.write_text(VTT)
    page.click("summary:has-text('Sous-titres (WebVTT)')")
    page.select_option("select[name=language]", "fr")
    page.set_input_files("input[name=file][accept^='.vtt']", str(vtt))
    page.click("button:has-text('Enregistrer les sous-titres')")
    expect(page.locator(".flash")).to_contain_text("Sous-titres enregistrés")
    menu = page.locator(".media-captions-menu")
    expect(menu.locator("option")).to_have_count(2)
    menu.select_option(index=1)
    assert page.evaluate("document.querySelector('video').textTracks[0].mode") == "showing"

    page.evaluate("v => { v.muted = true; return v.play(); }", video.element_handle())
    for _ in range(100):  # wait_for_function evaluates strings, which the site's CSP forbids
        if page.evaluate("document.querySelector('video').currentTime") > 0.3:
            break
        page.wait_for_timeout(200)
    else:
        pytest.fail("the video did not play")
    assert page.evaluate("!!window.Hls && Hls.isSupported()")
    page.evaluate("document.querySelector('video').pause()")
    shoot(page, tmp_path, "resource")


def test_the_resource_page_follows_the_transcoding_live(page, app, world, clips, make_asset, tmp_path):  # noqa: F811
    """A learner opens the page while the video waits in the queue; when the job ends, the player appears."""
    import threading

    from media.tasks import run_transcode

    asset = make_asset(world.public, clips.p720, transcode=False)
    page.goto(f"/ressources/{world.public}")
    placeholder = page.locator("[data-media-status]")
    expect(placeholder).to_contain_text("En attente de conversion")
    shoot(page, tmp_path, "queued")

    def worker():
        with app.app_context():
            run_transcode(asset.id)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=60)
    expect(page.locator(".media-player video")).to_be_visible(timeout=20_000)  # the page polled, then reloaded
