"""Core behaviour every page relies on: redirects, security headers, errors, language choice."""

import pytest

from app.http import safe_next_url


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil.example",
                                    "javascript:alert(1)", "/\tfoo", "relative/path"])
def test_next_url_refuses_anything_off_site(target):
    assert safe_next_url(target, "/") == "/"


def test_next_url_keeps_local_paths():
    assert safe_next_url("/ressources/?theme=foncier", "/") == "/ressources/?theme=foncier"


def test_pages_carry_security_headers(client):
    response = client.get("/sante")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_unknown_page_is_a_french_error_page(client):
    response = client.get("/nulle-part", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "Page introuvable" in response.get_data(as_text=True)


def test_unknown_api_path_is_a_problem_detail(client):
    response = client.get("/api/v1/nulle-part")
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert response.json["status"] == 404 and response.json["title"]


def test_language_choice_switches_the_interface_to_english(client):
    client.get("/langue/en?next=/sante")
    response = client.get("/nulle-part", headers={"Accept": "text/html"})
    assert "Page not found" in response.get_data(as_text=True)


def test_unknown_language_is_refused(client):
    assert client.get("/langue/xx").status_code == 404


def test_the_site_icon_answers_at_its_conventional_address(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response.headers["Location"])
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
