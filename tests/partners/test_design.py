"""Partner designs: WCAG AA contrast of each colour pair (with the failing pair and its ratio named), the design
form with its preview, logos handled safely, portal and framing settings; only the partner's admins edit them."""

from __future__ import annotations

import html
import io

import pytest
import sqlalchemy as sa

from app.accounts.models import Partner, Role
from app.db import db
from partners.design import contrast_failures, contrast_ratio
from tests.partners.test_oembed import png

VALID = {"primary_colour": "#2f6f4e", "accent_colour": "#8a5a00", "background_colour": "#fbf8f1",
         "text_colour": "#1f2421", "on_primary_colour": "#ffffff", "typeface": "lora",
         "tagline": "Habiter léger", "header_links": "L'association | https://hameaux-legers.org",
         "footer_links": "Contact | https://hameaux-legers.org/contact\nMentions | https://hameaux-legers.org/m"}


@pytest.mark.parametrize(("first", "second", "ratio"), [
    ("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777777", "#ffffff", 4.48),
    ("#767676", "#ffffff", 4.54), ("#595959", "#ffffff", 7.0),
])
def test_contrast_ratio_follows_wcag(first, second, ratio):
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(second, first) == pytest.approx(ratio, abs=0.01)


def test_each_pair_has_its_own_minimum():
    colours = dict(VALID)
    assert contrast_failures(colours) == []
    colours["accent_colour"] = "#b0a070"  # 2.3:1 on the background: below 3
    colours["text_colour"] = "#767676"  # 4.33:1 on #fbf8f1: below 4.5
    failing = {(f.pair.foreground, f.pair.background, f.pair.minimum) for f in contrast_failures(colours)}
    assert failing == {("accent_colour", "background_colour", 3.0), ("text_colour", "background_colour", 4.5)}


@pytest.fixture
def hls_admin(hls, create_user, login):
    return login(create_user(email="admin@hls.example", partner=hls, role=Role.ADMIN))


def test_admin_saves_a_design_and_the_portal_wears_it(client, hls, hls_admin):
    response = client.post("/p/hls/apparence", data=VALID)
    assert response.status_code == 302
    partner = db.session.get(Partner, hls.id)
    assert (partner.primary_colour, partner.accent_colour) == ("#2f6f4e", "#8a5a00")  # badges follow
    portal = client.get("/p/hls/").get_data(as_text=True)
    assert "--partner-background:#fbf8f1" in portal and "font-family:'Lora'" in portal
    assert '<a href="https://hameaux-legers.org" rel="noopener">L&#39;association</a>' in portal
    assert "https://hameaux-legers.org/contact" in portal and "Habiter léger" in portal


def test_a_failing_pair_is_named_with_its_ratio_in_french_and_nothing_is_saved(client, hls, hls_admin):
    before = client.get("/p/hls/").get_data(as_text=True)
    response = client.post("/p/hls/apparence", data={**VALID, "text_colour": "#eeeeee"})
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert ("Contraste insuffisant pour le texte sur le fond de page : 1,09:1, il faut au moins 4,5:1 (WCAG AA)."
            in page)
    assert 'value="#eeeeee"' in page  # what was typed is kept
    assert client.get("/p/hls/").get_data(as_text=True) == before


def test_the_message_follows_the_interface_language(client, hls, hls_admin):
    client.get("/langue/en")
    response = client.post("/p/hls/apparence", data={**VALID, "on_primary_colour": "#9fbfa9"})
    page = html.unescape(response.get_data(as_text=True))
    assert ("Insufficient contrast for the text of the header and buttons on the main colour: 3:1, at least 4.5:1 "
            "is needed (WCAG AA).") in page


def test_preview_shows_without_saving(client, hls, hls_admin):
    response = client.post("/p/hls/apparence", data={**VALID, "primary_colour": "#1f5f8b", "preview": "1"})
    assert response.status_code == 200
    assert "--partner-primary:#1f5f8b" in response.get_data(as_text=True)
    assert "--partner-primary:#1f5f8b" not in client.get("/p/hls/").get_data(as_text=True)


def test_bad_links_and_unknown_typefaces_are_refused(client, hls, hls_admin):
    response = client.post("/p/hls/apparence", data={**VALID, "header_links": "Accueil https://x.org",
                                                     "typeface": "comic-sans"})
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert "Ligne 1 : écrivez « Libellé | https://adresse »." in page
    assert "Choisissez une police dans la liste." in page
    response = client.post("/p/hls/apparence", data={**VALID, "header_links": "Piège | javascript:alert(1)"})
    assert response.status_code == 422


def upload(content: bytes, name: str):
    return {**VALID, "logo": (io.BytesIO(content), name)}


def test_logo_is_sniffed_stored_and_served(client, hls, hls_admin):
    response = client.post("/p/hls/apparence", data=upload(png(40, 20), "logo.txt"),
                           content_type="multipart/form-data")
    assert response.status_code == 302
    from partners.models import PartnerDesign

    design = db.session.scalar(sa.select(PartnerDesign).where(PartnerDesign.partner_id == hls.id))
    assert design.logo_key.startswith("logos/") and design.logo_key.endswith(".png")  # not the uploaded name
    assert (design.logo_mime, design.logo_width, design.logo_height) == ("image/png", 40, 20)
    served = client.get("/p/hls/logo")
    assert served.status_code == 200 and served.mimetype == "image/png" and served.data == png(40, 20)
    assert 'src="/p/hls/logo"' in client.get("/p/hls/").get_data(as_text=True)


@pytest.mark.parametrize(("content", "name"), [
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "logo.svg"),
    (b"<html><script>alert(1)</script></html>", "logo.png"),
    (b"%PDF-1.4 not an image", "logo.png"),
])
def test_anything_but_a_raster_image_is_refused(client, hls, hls_admin, content, name):
    response = client.post("/p/hls/apparence", data=upload(content, name), content_type="multipart/form-data")
    assert response.status_code == 415
    assert "PNG, JPEG, WebP ou GIF" in html.unescape(response.get_data(as_text=True))
    assert client.get("/p/hls/logo").status_code == 404
    assert db.session.get(Partner, hls.id).primary_colour == "#2f6f4e"  # nothing half-saved


def test_a_logo_over_the_limit_is_refused(app, client, hls, hls_admin):
    app.config["MAX_LOGO_BYTES"] = 1000
    try:
        response = client.post("/p/hls/apparence", data=upload(png(300, 300) + b"\0" * 2000, "logo.png"),
                               content_type="multipart/form-data")
    finally:
        app.config.pop("MAX_LOGO_BYTES")
    assert response.status_code == 413


def test_only_the_partners_admins_edit_its_design(client, hls, co, create_user, login):
    for role in (Role.LEARNER, Role.FACILITATOR, Role.EDITOR):
        login(create_user(partner=hls, role=role))
        assert client.get("/p/hls/apparence").status_code == 403
        assert client.post("/p/hls/apparence", data=VALID).status_code == 403
    login(create_user(partner=co, role=Role.ADMIN))
    assert client.post("/p/hls/apparence", data=VALID).status_code == 403
    login(create_user(is_platform_admin=True))
    assert client.post("/p/hls/apparence", data=VALID).status_code == 302


# Portal and framing settings ----------------------------------------------------------------------------------

INTEGRATIONS = {"host_name": "Ressources.Hameaux-Legers.org", "search_scope": "commons",
                "frame_origins": "https://wiki.hameaux-legers.org/\nhttps://wiki.hameaux-legers.org\n"
                                 "http://localhost:8080"}


def test_integration_settings_are_saved_normalised(client, hls, hls_admin):
    assert client.post("/p/hls/integrations", data=INTEGRATIONS).status_code == 302
    from partners.models import PartnerDesign, SearchScope

    design = db.session.scalar(sa.select(PartnerDesign).where(PartnerDesign.partner_id == hls.id))
    assert design.host_name == "ressources.hameaux-legers.org"
    assert design.search_scope == SearchScope.COMMONS
    assert design.frame_origins == ["https://wiki.hameaux-legers.org", "http://localhost:8080"]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("frame_origins", "http://wiki.example.org", "n'est pas une origine"),  # plain http only for localhost
    ("frame_origins", "https://wiki.example.org/page", "n'est pas une origine"),
    ("frame_origins", "wiki.example.org", "n'est pas une origine"),
    ("host_name", "https://ressources.example.org/", "Nom d'hôte invalide"),
    ("search_scope", "everything", "Choix inconnu"),
])
def test_bad_integration_settings_are_refused(client, hls, hls_admin, field, value, message):
    response = client.post("/p/hls/integrations", data={**INTEGRATIONS, field: value})
    assert response.status_code == 422
    assert message in html.unescape(response.get_data(as_text=True))


def test_a_host_name_serves_one_partner_only(client, hls, co, hls_admin):
    response = client.post("/p/hls/integrations", data={**INTEGRATIONS, "host_name": "oasis.test"})
    assert response.status_code == 409
    assert "déjà le portail d'un autre partenaire" in html.unescape(response.get_data(as_text=True))
