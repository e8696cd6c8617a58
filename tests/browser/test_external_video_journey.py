"""An external video in Chromium: an editor pastes a PeerTube address into the resource page's form, the page then
frames the instance's player (media.peertube_standin, on loopback) with its title, length and thumbnail, a member
of the partner sees the player, and a visitor who may not see the resource sees neither the page nor the player.
Screenshots at 1280 and 390 px go to the test's folder (and to TERREAU_SCREENSHOTS when set)."""

from __future__ import annotations

import re
import threading

import pytest
from playwright.sync_api import expect

from media import peertube_standin
from tests.browser.test_media_journey import csrf_on, shoot  # noqa: F401 - shared with the media journey
from tests.media.conftest import world  # noqa: F401 - the media fixtures

pytestmark = pytest.mark.browser


@pytest.fixture
def instance(app):
    """The stand-in PeerTube on a free loopback port; the oEmbed consumer may call loopback during the test."""
    server = peertube_standin.make_server(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    before = app.config.get("MEDIA_EXTERNAL_ALLOW_LOOPBACK")
    app.config["MEDIA_EXTERNAL_ALLOW_LOOPBACK"] = True
    yield f"http://127.0.0.1:{server.server_port}"
    app.config["MEDIA_EXTERNAL_ALLOW_LOOPBACK"] = before
    server.shutdown()
    server.server_close()


def sign_in(tab, email: str) -> None:
    tab.goto("/connexion")
    tab.fill("#email", email)
    tab.fill("#password", "mot-de-passe-solide")
    tab.click("button:has-text('Se connecter')")
    expect(tab.locator("button:has-text('Se connecter')")).to_have_count(0)


@pytest.fixture
def visitor(browser, live_server):
    """`visitor(email)`: a tab of another person (anonymous without email), in a browser context of their own."""
    contexts = []

    def open_tab(email: str | None = None):
        contexts.append(browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900},
                                            base_url=live_server))
        tab = contexts[-1].new_page()
        if email:
            sign_in(tab, email)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def test_an_editor_adds_a_peertube_video_that_only_the_resources_readers_see(
        page, visitor, world, instance, csrf_on, tmp_path):  # noqa: F811
    player_src = f"{instance}/videos/embed/{peertube_standin.UUID}"
    sign_in(page, "editrice@hls.example")
    page.goto(f"/ressources/{world.private}")  # a partner-only resource of hls

    page.fill("#external-url", peertube_standin.page_url(int(instance.rsplit(":", 1)[1])))
    page.click(".media-external-form button:has-text('Ajouter')")

    page.wait_for_url(re.compile(rf"/ressources/{world.private}#medias$"))
    expect(page.locator(".flash")).to_contain_text(f"Vidéo « {peertube_standin.TITLE} » ajoutée depuis PeerTube.")
    frame = page.locator("#video-externe .media-external iframe")
    expect(frame).to_have_attribute("src", player_src)
    expect(frame).to_have_attribute("title", peertube_standin.TITLE)
    expect(page.frame_locator("#video-externe iframe").locator("body")).to_contain_text("Lecteur PeerTube")
    card = page.locator(".media-external-card")
    expect(card).to_contain_text("7:58")  # 478 s, read from the instance's API
    thumbnail = card.locator("img")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.naturalWidth") == 320  # the copy we keep, served by us
    shoot(page, tmp_path, "external-video-editor")

    member = visitor("apprenant@hls.example")
    member.goto(f"/ressources/{world.private}")
    expect(member.locator("#video-externe iframe")).to_have_attribute("src", player_src)
    expect(member.locator(".media-external-form")).to_have_count(0)  # readers get the player, not the form
    shoot(member, tmp_path, "external-video-member")

    thumbnail_url = thumbnail.get_attribute("src")
    for outsider in (visitor("membre@co.example"), visitor()):  # a member of another partner, then anyone
        response = outsider.goto(f"/ressources/{world.private}")
        assert response.status == 404
        expect(outsider.locator("iframe")).to_have_count(0)
        expect(outsider.locator("body")).not_to_contain_text(peertube_standin.TITLE)
        assert outsider.request.get(thumbnail_url).status == 404  # nor its thumbnail
    shoot(outsider, tmp_path, "external-video-outsider")
