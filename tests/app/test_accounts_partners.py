"""Partner pages (public) and the partners JSON API."""

from __future__ import annotations

import pytest

from app.accounts import service
from app.accounts.models import Role
from app.db import db


@pytest.fixture
def partners(create_partner):
    hls = create_partner("hls", "Hameaux Légers", short_name="HLS", description="Des hameaux **légers**.",
                         website="https://hameaux-legers.org", primary_colour="#336699")
    co = create_partner("co", "Coopérative Oasis", short_name="CO")
    create_partner("ancien", "Ancien réseau", is_active=False)
    return hls, co


def test_partner_list_shows_active_partners(client, partners, create_user):
    create_user(partner=partners[0], role=Role.LEARNER)
    page = client.get("/partenaires/")
    assert page.status_code == 200
    assert "Hameaux Légers" in page.text and "Coopérative Oasis" in page.text
    assert "Ancien réseau" not in page.text
    assert "1 membre" in page.text
    assert "#336699" in page.text
    assert 'href="/partenaires/"' in page.text  # the navigation item


def test_partner_page_links_to_its_resources(client, partners):
    page = client.get("/partenaires/hls")
    assert page.status_code == 200
    assert "<strong>légers</strong>" in page.text
    assert 'href="/ressources/?partner=hls"' in page.text
    assert "https://hameaux-legers.org" in page.text
    assert "/partenaires/hls/membres" not in page.text


def test_partner_page_offers_member_admin_to_admins(client, partners, create_user, login):
    login(create_user(partner=partners[0], role=Role.ADMIN))
    assert "/partenaires/hls/membres" in client.get("/partenaires/hls").text


def test_inactive_or_unknown_partner_is_404(client, partners):
    assert client.get("/partenaires/ancien").status_code == 404
    assert client.get("/partenaires/inconnu").status_code == 404


def test_a_bad_colour_never_reaches_the_style_attribute(client, create_partner):
    create_partner("x", "X", primary_colour="red;}")
    assert "red;}" not in client.get("/partenaires/x").text


def test_api_lists_active_partners(client, partners):
    response = client.get("/api/v1/partners/")
    assert response.status_code == 200
    assert [p["slug"] for p in response.json] == ["co", "hls"]
    hls = response.json[1]
    assert hls == {"id": hls["id"], "slug": "hls", "name": "Hameaux Légers", "short_name": "HLS",
                   "description": "Des hameaux **légers**.", "website": "https://hameaux-legers.org",
                   "primary_colour": "#336699", "accent_colour": "#c0692b"}


def test_api_partner_detail_and_404_problem(client, partners):
    assert client.get("/api/v1/partners/hls").json["name"] == "Hameaux Légers"
    for slug in ("inconnu", "ancien"):
        response = client.get(f"/api/v1/partners/{slug}")
        assert response.status_code == 404
        assert response.mimetype == "application/problem+json"
        assert response.json["status"] == 404


def test_api_members_for_partner_admins_only(client, partners, create_user, login):
    hls, co = partners
    admin = create_user(email="admin@hls.org", name="Alex", partner=hls, role=Role.ADMIN)
    learner = create_user(email="lou@hls.org", name="Lou", partner=hls, role=Role.LEARNER)
    other_admin = create_user(email="admin@co.org", partner=co, role=Role.ADMIN)

    assert client.get("/api/v1/partners/hls/members").status_code == 401
    login(learner)
    assert client.get("/api/v1/partners/hls/members").status_code == 403
    login(other_admin)
    assert client.get("/api/v1/partners/hls/members").status_code == 403
    login(admin)
    response = client.get("/api/v1/partners/hls/members")
    assert response.status_code == 200
    assert response.json == [
        {"id": admin.id, "name": "Alex", "email": "admin@hls.org", "role": "admin"},
        {"id": learner.id, "name": "Lou", "email": "lou@hls.org", "role": "learner"},
    ]


def test_api_members_with_a_platform_admin_bearer_token(client, partners, create_user):
    _token, clear = service.create_api_token(create_user(is_platform_admin=True), "cli")
    db.session.commit()
    response = client.get("/api/v1/partners/hls/members", headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 200
    assert response.json == []


def test_api_is_documented(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"/api/v1/partners/", "/api/v1/partners/{slug}", "/api/v1/partners/{slug}/members",
            "/api/v1/me"} <= set(paths)
