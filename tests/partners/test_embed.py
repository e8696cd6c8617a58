"""Embeds: framing allowed per partner (CSP frame-ancestors), signed links for non-public content, the design
of the embedding partner, the iframe-resizer child, loads recorded per embedding site, and the embed code."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db, utcnow


def frame_ancestors(response) -> list[str]:
    policy = response.headers["Content-Security-Policy"]
    return re.search(r"frame-ancestors ([^;]+)", policy).group(1).split()


def test_each_partner_allows_its_own_sites_and_nothing_else(client, public_resource, co):
    hls_embed = client.get(f"/embed/hls/resource/{public_resource.id}")
    co_embed = client.get(f"/embed/co/resource/{public_resource.id}")
    assert hls_embed.status_code == co_embed.status_code == 200
    assert frame_ancestors(hls_embed) == ["'self'", "https://wiki.hameaux-legers.org"]
    assert frame_ancestors(co_embed) == ["'self'", "https://cooperative-oasis.org", "http://localhost:8080"]
    for response in (hls_embed, co_embed):
        assert "X-Frame-Options" not in response.headers  # it would forbid every other site
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_a_partner_without_allowed_sites_is_framed_by_no_other_site(client, public_resource, create_partner):
    create_partner("nouveau", "Réseau sans site")
    response = client.get(f"/embed/nouveau/resource/{public_resource.id}")
    assert response.status_code == 200
    assert frame_ancestors(response) == ["'self'"]


def test_ordinary_pages_stay_unframeable(client, public_resource):
    for path in (f"/ressources/{public_resource.id}", f"/p/hls/ressources/{public_resource.id}", "/p/hls/"):
        response = client.get(path)
        assert frame_ancestors(response) == ["'self'"], path
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_refusals_are_framed_too_so_the_message_shows_in_the_iframe(client, private_resource):
    response = client.get(f"/embed/hls/resource/{private_resource.id}")
    assert response.status_code == 404
    assert frame_ancestors(response) == ["'self'", "https://wiki.hameaux-legers.org"]


def test_embed_is_chrome_less_in_the_embedding_partners_design(client, public_resource, co):
    page = client.get(f"/embed/co/resource/{public_resource.id}").get_data(as_text=True)
    assert "Monter un hameau léger" in page and "Trouver un terrain communal" in page
    assert "--partner-primary:#8a3f0f" in page  # co's colours, not the owner's
    assert "font-family:'Lora'" in page and "vendor/fonts/lora/lora-latin-400-normal.woff2" in page
    assert "vendor/iframe-resizer/iframeResizer.contentWindow.min.js" in page
    assert "site-header" not in page and "Se déconnecter" not in page and "csrf_token" not in page


def test_embed_needs_no_cookie_and_sets_none(client, public_resource):
    response = client.get(f"/embed/hls/resource/{public_resource.id}")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_private_embed_refused_without_a_signed_link(client, private_resource):
    response = client.get(f"/embed/hls/resource/{private_resource.id}")
    assert response.status_code == 404  # like every page: who may not see it does not learn it exists
    text = response.get_data(as_text=True)
    assert "Budget prévisionnel interne" not in text
    assert "lien d'intégration signé" in html.unescape(text)


def test_private_embed_opens_with_a_valid_signed_link(client, private_resource):
    from partners.embeds import sign_embed

    token = sign_embed("resource", private_resource.id, private_resource.owner_partner)
    response = client.get(f"/embed/hls/resource/{private_resource.id}", query_string={"jeton": token})
    assert response.status_code == 200
    assert "Budget prévisionnel interne" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_expired_forged_or_misused_links_are_refused(client, private_resource, create_resource, co):
    from commons.models import Status, Visibility
    from partners.embeds import sign_embed

    hls = private_resource.owner_partner
    other = create_resource(hls, title="Autre ressource privée", status=Status.PUBLISHED,
                            visibility=Visibility.PARTNER)
    url = f"/embed/hls/resource/{private_resource.id}"
    expired = sign_embed("resource", private_resource.id, hls, utcnow() - timedelta(seconds=1))
    response = client.get(url, query_string={"jeton": expired})
    assert response.status_code == 403 and "a expiré" in html.unescape(response.get_data(as_text=True))
    valid = sign_embed("resource", private_resource.id, hls)
    for token, target in ((valid[:-2] + "xx", url),  # tampered
                          (sign_embed("resource", other.id, hls), url),  # another resource's link
                          (valid, f"/embed/co/resource/{private_resource.id}"),  # another partner's embed
                          ("n'importe quoi", url)):
        response = client.get(target, query_string={"jeton": token})
        assert response.status_code == 403, (token, target)
        assert "Budget prévisionnel interne" not in response.get_data(as_text=True)


def test_unpublishing_revokes_the_signed_links(client, private_resource, create_user):
    from commons import service as commons
    from commons.models import Resource, Status
    from partners.embeds import sign_embed

    token = sign_embed("resource", private_resource.id, private_resource.owner_partner)
    resource = db.session.get(Resource, private_resource.id)
    commons.change_status(resource, Status.ARCHIVED, create_user(is_platform_admin=True))
    db.session.commit()
    response = client.get(f"/embed/hls/resource/{private_resource.id}", query_string={"jeton": token})
    assert response.status_code == 403


def test_unknown_things_are_404(client, public_resource, create_resource, hls):
    from commons.models import Status, Visibility

    trashed = create_resource(hls, title="Jetée", status=Status.PUBLISHED, visibility=Visibility.PUBLIC,
                              deleted=True)
    for path in (f"/embed/hls/video/{public_resource.id}", f"/embed/inconnu/resource/{public_resource.id}",
                 "/embed/hls/resource/999999", f"/embed/hls/resource/{trashed.id}"):
        assert client.get(path).status_code == 404, path


def test_loads_are_recorded_per_embedding_site(client, public_resource, co, create_user, login):
    from observatory.models import UsageEvent
    from partners.models import EmbedLoad

    url = f"/embed/co/resource/{public_resource.id}"
    for referer in ("https://cooperative-oasis.org/ressources/page?x=1", "https://cooperative-oasis.org/",
                    "http://localhost:8080/wiki/?PagePrincipale"):
        client.get(url, headers={"Referer": referer})
    client.get(url)  # no Referer (a privacy extension, a direct visit)
    rows = db.session.execute(sa.select(EmbedLoad.site_origin, EmbedLoad.partner_id, EmbedLoad.object_kind,
                                        EmbedLoad.object_id)).all()
    assert sorted(origin or "" for origin, *_ in rows) == [
        "", "http://localhost:8080", "https://cooperative-oasis.org", "https://cooperative-oasis.org"]
    assert {tuple(rest) for _, *rest in rows} == {(co.id, "resource", public_resource.id)}
    # each load is counted once by the observatory, as an embed load and not as a view
    events = db.session.execute(sa.select(UsageEvent.kind, UsageEvent.resource_id)).all()
    assert [tuple(row) for row in events] == [("embed_load", public_resource.id)] * 4
    login(create_user(partner=co, role=Role.ADMIN))
    page = html.unescape(client.get("/p/co/integrations").get_data(as_text=True))
    assert re.search(r"https://cooperative-oasis.org</td><td>2</td><td>1</td>", page)
    assert re.search(r"http://localhost:8080</td><td>1</td>", page)


# The embed code panel -----------------------------------------------------------------------------------------

def textareas(page: str) -> dict[str, str]:
    return {name: html.unescape(body) for name, body in re.findall(
        r'<textarea id="embed-(\w+)"[^>]*>(.*?)</textarea>', page, flags=re.S)}


def test_resource_pages_offer_iframe_and_yeswiki_code(client, public_resource):
    for path in (f"/ressources/{public_resource.id}", f"/p/hls/ressources/{public_resource.id}"):
        codes = textareas(client.get(path).get_data(as_text=True))
        src = f"http://localhost/embed/hls/resource/{public_resource.id}"
        assert codes["iframe"].startswith(f'<iframe src="{src}" title="Monter un hameau léger"'), path
        assert codes["yeswiki"].startswith(f'""<iframe class="auto-resize" src="{src}"')
        assert codes["yeswiki"].endswith('</iframe>""')
        assert "iframeResizer.min.js" in codes["resized"]


def test_portal_pages_give_the_code_in_the_portals_design(client, public_resource, co):
    codes = textareas(client.get(f"/p/co/ressources/{public_resource.id}").get_data(as_text=True))
    assert f"/embed/co/resource/{public_resource.id}" in codes["iframe"]


def test_private_resources_get_signed_code_for_their_editors_only(client, private_resource, create_user, login):
    hls = private_resource.owner_partner
    login(create_user(partner=hls, role=Role.LEARNER))
    page = client.get(f"/ressources/{private_resource.id}").get_data(as_text=True)
    assert textareas(page) == {}
    assert "seul·es ses éditeur·rices" in html.unescape(page)
    login(create_user(partner=hls, role=Role.EDITOR))
    codes = textareas(client.get(f"/ressources/{private_resource.id}").get_data(as_text=True))
    src = re.search(r'src="([^"]+)"', codes["iframe"]).group(1)
    assert "jeton=" in src
    client.get("/deconnexion")
    with client.session_transaction() as session:
        session.clear()
    embedded = client.get(src.replace("http://localhost", ""))  # a visitor of the wiki, without any cookie
    assert embedded.status_code == 200
    assert "Budget prévisionnel interne" in embedded.get_data(as_text=True)


def test_titles_are_safe_inside_the_snippets(client, hls, create_resource):
    from commons.models import Status, Visibility

    tricky = create_resource(hls, title='L\'"auto-construction" <script>', status=Status.PUBLISHED,
                             visibility=Visibility.PUBLIC)
    codes = textareas(client.get(f"/ressources/{tricky.id}").get_data(as_text=True))
    assert 'title="L\'&quot;auto-construction&quot; &lt;script&gt;"' in codes["iframe"]
    assert "<script>" not in codes["yeswiki"]
