"""The CSRF check of cookie-authenticated API writes: the token comes from a header only, never from the body,
so the check opens no request body (a tus chunk larger than the form limit is not refused by it)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.db import db
from commons.models import Resource, Visibility
from media.models import MediaAsset
from tests.media.conftest import TUS, make_clip, path_of, tus_create

pytest_plugins = ["tests.commons.api_fixtures"]


@pytest.fixture(autouse=True)
def _csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


@pytest.fixture
def payload(vocab, cast):
    return {"title": "Monter une SCI d'attribution", "kind_id": vocab["kinds"]["methode"],
            "owner_partner_id": cast.hls.id, "visibility": "public"}


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return make_clip(tmp_path_factory.mktemp("clip") / "chantier.mp4", 320, 240).read_bytes()


def assert_csrf_problem(response, *words: str) -> None:
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    detail = response.json["detail"]
    assert response.json["status"] == 400 and "CSRF" in detail, detail
    assert all(word in detail for word in words), detail


def resources_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Resource))


def test_a_cookie_write_without_a_valid_header_token_is_refused_with_a_problem_detail(api, cast, payload):
    api.login(cast.hls_editor)
    api.csrf_token()  # the session holds a token, as after visiting a page

    assert_csrf_problem(api.post("/api/v1/resources/", json=payload), "absent", "X-CSRFToken")
    assert_csrf_problem(api.post("/api/v1/resources/", json=payload, headers={"X-CSRFToken": "contrefait"}),
                        "invalide")
    assert resources_count() == 0


def test_the_token_is_never_taken_from_the_body(api, cast, payload):
    """API bodies are JSON or bytes: a form field named csrf_token, as HTML forms send it, does not count."""
    api.login(cast.hls_editor)

    refused = api.post("/api/v1/resources/", data={**payload, "csrf_token": api.csrf_token()})

    assert_csrf_problem(refused, "absent")
    assert resources_count() == 0


def test_a_cookie_write_with_the_header_token_passes(api, cast, payload):
    api.login(cast.hls_editor)

    by_x_csrftoken = api.post("/api/v1/resources/", json=payload, headers={"X-CSRFToken": api.csrf_token()})
    by_x_csrf_token = api.post("/api/v1/resources/", json=payload, headers={"X-CSRF-Token": api.csrf_token()})

    assert (by_x_csrftoken.status_code, by_x_csrf_token.status_code) == (201, 201)
    assert resources_count() == 2


def test_a_bearer_token_write_needs_no_csrf_token(api, cast, payload):
    assert api.post("/api/v1/resources/", json=payload, as_=cast.hls_editor).status_code == 201


def test_on_https_a_cookie_write_must_come_from_this_site(api, cast, payload):
    """As flask_wtf's csrf.protect(): over HTTPS the Referer must name this host, besides the token."""
    api.login(cast.hls_editor)
    token = {"X-CSRFToken": api.csrf_token()}

    def write(**headers):
        return api.post("/api/v1/resources/", json=payload, base_url="https://localhost", headers={**token, **headers})

    assert_csrf_problem(write(), "Referer")
    assert_csrf_problem(write(Referer="https://ailleurs.example/ressources"), "Referer")
    assert write(Referer="https://localhost/ressources/").status_code == 201
    assert resources_count() == 1


def test_a_tus_chunk_larger_than_the_form_limit_passes_the_csrf_check_of_a_cookie_session(
        app, api, cast, make_resource, clip, monkeypatch):
    """The upload page sends 50 MiB chunks with the session cookie; the app-wide request limit (for forms) is
    a quarter of this one. Without the token the refusal is the CSRF one, not 413: the check never opened the body."""
    resource = make_resource(visibility=Visibility.PUBLIC)
    api.login(cast.hls_editor)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", len(clip) // 4)
    token = {"X-CSRFToken": api.csrf_token()}
    location = path_of(tus_create(api, f"resource:{resource.id}", len(clip), **token).headers["Location"])
    chunk = {**TUS, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}

    assert_csrf_problem(api.patch(location, data=clip, headers=chunk), "absent")
    assert api.head(location, headers=TUS).headers["Upload-Offset"] == "0"
    accepted = api.patch(location, data=clip, headers={**chunk, **token})

    assert accepted.status_code == 204, accepted.get_data(as_text=True)
    assert accepted.headers["Upload-Offset"] == str(len(clip))
    assert db.session.scalar(sa.select(MediaAsset.size)) == len(clip)  # the whole video arrived
