"""In headless Chromium: a page served from a second local origin embeds a resource the way a partner wiki
does; the iframe shows it in the partner's design and resizes to its content (iframe-resizer), and a site the
partner has not allowed cannot frame it. A course step holding a video, embedded from another site (another host
name, so no cookie of ours goes along), resizes to its content and its video plays, public or through a signed
link and media's signed URLs."""

from __future__ import annotations

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.db import db
from partners.models import PartnerDesign
from tests.browser_fixtures import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser


@pytest.fixture
def chromium():
    """`chromium(work)` runs `work(browser)` in a thread of its own: tests/browser keeps a session-wide
    Playwright open in this thread, and two sync Playwrights cannot share one."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("Chromium is not installed (apt-get install chromium)")

    def run(work):
        outcome = {}

        def target():
            try:
                with playwright_api.sync_playwright() as playwright:
                    launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                          args=CHROMIUM_ARGS)
                    try:
                        outcome["value"] = work(launched)
                    finally:
                        launched.close()
            except BaseException as exc:  # noqa: BLE001 - handed back to the test's thread
                outcome["error"] = exc

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        thread.join(timeout=120)
        if thread.is_alive():
            pytest.fail("the browser did not finish within 120 s")
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("value")

    return run

HOST_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Wiki du hameau</title></head>
<body style="margin:0;font-family:sans-serif">
<h1 style="height:60px;margin:0">Le wiki du hameau</h1>
<iframe id="terreau" class="auto-resize" src="{src}" title="Ressource" width="100%" height="150"
  style="border:0;width:100%"></iframe>
<p id="after">Après l'intégration.</p>
<script src="{resizer}"></script>
<script>iFrameResize({{checkOrigin: false, log: false}}, '#terreau');</script>
</body></html>"""


@pytest.fixture
def second_origin(request):
    """A tiny web server on another port (so another origin) serving `pages[path]`."""
    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            body = pages.get(self.path.split("?")[0])
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write((body or "").encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{request.param if hasattr(request, 'param') else '127.0.0.1'}:{server.server_port}", pages
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def tall_resource(hls, create_resource):
    from commons.models import Status, Visibility

    body = "\n\n".join(f"## Étape {n}\n\nDécrire le projet aux élu·es, puis rédiger la convention n°{n}."
                       for n in range(1, 25))
    return create_resource(hls, title="Monter un hameau léger pas à pas", summary="Vingt-quatre étapes.",
                           body=body, status=Status.PUBLISHED, visibility=Visibility.PUBLIC)


def test_an_embedded_resource_resizes_to_its_content_on_another_origin(
        chromium, live_server, second_origin, hls, tall_resource):  # noqa: F811 - fixture
    origin, pages = second_origin
    design = db.session.query(PartnerDesign).filter_by(partner_id=hls.id).one()
    design.frame_origins = [origin]
    db.session.commit()
    pages["/wiki"] = HOST_PAGE.format(src=f"{live_server}/embed/hls/resource/{tall_resource.id}",
                                      resizer=f"{live_server}/static/vendor/iframe-resizer/iframeResizer.min.js")
    chromium(lambda browser: resizes(browser, origin))


def resizes(browser, origin):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1000, "height": 700})
    tab = context.new_page()
    try:
        tab.goto(f"{origin}/wiki")
        frame = tab.frame_locator("#terreau")
        frame.locator("h1").wait_for()
        assert frame.locator("h1").inner_text() == "Monter un hameau léger pas à pas"
        assert frame.locator("body").evaluate(
            "b => getComputedStyle(document.documentElement).getPropertyValue('--partner-primary').trim()") \
            == "#2f6f4e"
        tab.wait_for_function("document.getElementById('terreau').offsetHeight > 1000", timeout=10_000)
        inner = frame.locator("body").evaluate("b => document.documentElement.scrollHeight")
        outer = tab.evaluate("document.getElementById('terreau').offsetHeight")
        assert abs(outer - inner) <= 30, (outer, inner)  # the iframe fits its content: no inner scroll bar
    finally:
        context.close()


def test_a_site_the_partner_did_not_allow_cannot_frame_the_embed(
        chromium, live_server, second_origin, hls, tall_resource):  # noqa: F811 - fixture
    origin, pages = second_origin  # hls allows only its wiki, not this origin
    pages["/wiki"] = HOST_PAGE.format(src=f"{live_server}/embed/hls/resource/{tall_resource.id}",
                                      resizer=f"{live_server}/static/vendor/iframe-resizer/iframeResizer.min.js")
    chromium(lambda browser: refused(browser, origin))


def refused(browser, origin):
    context = browser.new_context(locale="fr-FR")
    tab = context.new_page()
    try:
        refused = []
        tab.on("console", lambda message: refused.append(message.text)
               if "frame-ancestors" in message.text else None)
        tab.goto(f"{origin}/wiki")
        tab.wait_for_timeout(1500)
        frame = tab.frame(url=lambda url: "/embed/" in url)
        title = frame.evaluate("document.querySelector('h1') && document.querySelector('h1').textContent") \
            if frame else None
        assert title != "Monter un hameau léger pas à pas"
        assert refused, "Chromium did not report the frame-ancestors refusal"
    finally:
        context.close()


# A course step holding a video ----------------------------------------------------------------------------------

@pytest.mark.parametrize("second_origin", ["localhost"], indirect=True)
@pytest.mark.parametrize("access", ["public", "signed"])
def test_an_embedded_course_step_resizes_and_its_video_plays(
        chromium, live_server, second_origin, hls, create_resource, make_video, make_course, access):  # noqa: F811
    from commons.models import Status, Visibility
    from partners.embeds import embed_url, sign_embed

    origin, pages = second_origin  # localhost: another site than 127.0.0.1, our cookies stay home
    design = db.session.query(PartnerDesign).filter_by(partner_id=hls.id).one()
    design.frame_origins = [origin]
    db.session.commit()
    visibility = Visibility.PUBLIC if access == "public" else Visibility.PARTNER
    resource = create_resource(hls, title="Visite d'un hameau", summary="Dix minutes sur place.",
                               body="\n\n".join(f"Point {n} de la visite." for n in range(1, 15)),
                               status=Status.PUBLISHED, visibility=visibility)
    asset = make_video(resource)
    course = make_course(hls, steps=[("Voir un hameau", resource)])
    step = course.steps[0]
    token = sign_embed("step", step.id, hls) if access == "signed" else None
    src = embed_url("step", step.id, hls, token).replace("http://localhost", live_server)
    pages["/wiki"] = HOST_PAGE.format(src=src,
                                      resizer=f"{live_server}/static/vendor/iframe-resizer/iframeResizer.min.js")
    played = chromium(lambda browser: plays(browser, origin))
    assert played["title"] == "Voir un hameau"
    assert played["current_time"] > 0.3 and not played["paused"]
    assert abs(played["outer"] - played["inner"]) <= 30, str(played)
    assert played["outer"] > 500  # the video and the text, not the 150 px the wiki asked for
    expected = "/medias/integration/" if access == "signed" else f"/medias/{asset.id}/"
    assert expected in played["source"]


def plays(browser, origin):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1000, "height": 700})
    tab = context.new_page()
    try:
        tab.goto(f"{origin}/wiki")
        frame = tab.frame_locator("#terreau")
        frame.locator("h1").wait_for()
        video = frame.locator("video")
        video.wait_for()
        tab.wait_for_function("document.getElementById('terreau').offsetHeight > 500", timeout=15_000)
        started = video.evaluate("v => { v.muted = true; return v.play().then(() => 'playing', e => String(e)); }")
        assert started == "playing", started
        video.evaluate("v => new Promise((resolve, reject) => { const t0 = Date.now(); (function poll() { "
                       "if (v.currentTime > 0.3) { resolve(); } else if (Date.now() - t0 > 15000) "
                       "{ reject(new Error('currentTime stayed at ' + v.currentTime)); } "
                       "else { setTimeout(poll, 100); } })(); })")
        tab.wait_for_timeout(500)  # iframe-resizer's message crosses to the host page
        return {
            "title": frame.locator("h1").inner_text(),
            "current_time": video.evaluate("v => v.currentTime"),
            "paused": video.evaluate("v => v.paused && !v.ended"),
            "source": video.evaluate("v => v.closest('.media-player').dataset.hls"),
            "inner": frame.locator("body").evaluate("b => document.documentElement.scrollHeight"),
            "outer": tab.evaluate("document.getElementById('terreau').offsetHeight"),
        }
    finally:
        context.close()
