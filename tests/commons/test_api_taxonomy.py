"""The taxonomy through the API: read by anyone, kept by platform admins, retired rather than deleted."""

from __future__ import annotations

import pytest

pytest_plugins = ["tests.commons.api_fixtures"]

NEW_THEME = {"slug": "mobilite", "label": "Mobilité", "label_en": "Mobility", "description": "Se déplacer."}


def test_whole_taxonomy_is_public(api, vocab):
    response = api.get("/api/v1/taxonomy/")

    assert response.status_code == 200
    assert set(response.json) == {"kinds", "themes", "phases", "licences"}
    video = response.json["kinds"][0]
    assert video == {"id": vocab["kinds"]["video"], "slug": "video", "label": "Vidéo", "label_en": "Video",
                     "description": "", "position": 0, "is_retired": False}
    assert [t["slug"] for t in response.json["phases"]][:2] == ["emergence", "constitution"]
    assert response.json["licences"][0]["url"].startswith("https://creativecommons.org/")


def test_one_vocabulary(api, vocab):
    response = api.get("/api/v1/taxonomy/themes")

    assert response.status_code == 200
    assert {t["slug"] for t in response.json} == set(vocab["themes"])


def test_unknown_vocabulary_is_404(api):
    response = api.get("/api/v1/taxonomy/couleurs")

    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_platform_admin_creates_a_term(api, cast, vocab):
    response = api.post("/api/v1/taxonomy/themes", json=NEW_THEME, as_=cast.platform_admin)

    assert response.status_code == 201, response.json
    assert response.json["slug"] == "mobilite" and response.json["label_en"] == "Mobility"
    assert response.json["position"] > max(t["position"] for t in api.get("/api/v1/taxonomy/themes").json[:-1])
    assert "mobilite" in [t["slug"] for t in api.get("/api/v1/taxonomy/themes").json]


def test_licence_terms_have_a_url(api, cast, vocab):
    licence = {"slug": "cc-by-nd-4.0", "label": "CC BY-ND 4.0",
               "url": "https://creativecommons.org/licenses/by-nd/4.0/deed.fr"}

    response = api.post("/api/v1/taxonomy/licences", json=licence, as_=cast.platform_admin)
    kind = api.post("/api/v1/taxonomy/kinds", json={**licence, "slug": "lien"}, as_=cast.platform_admin)

    assert response.status_code == 201 and response.json["url"] == licence["url"]
    assert kind.status_code == 422 and "url" in kind.json["errors"]


@pytest.mark.parametrize("who", ["hls_admin", "hls_editor", "hls_learner"])
def test_others_may_not_create_terms(api, cast, vocab, who):
    response = api.post("/api/v1/taxonomy/themes", json=NEW_THEME, as_=getattr(cast, who))

    assert response.status_code == 403 and response.mimetype == "application/problem+json"


def test_anonymous_may_not_create_terms(api, vocab):
    assert api.post("/api/v1/taxonomy/themes", json=NEW_THEME).status_code == 401


def test_duplicate_slug_is_409(api, cast, vocab):
    response = api.post("/api/v1/taxonomy/themes", json={**NEW_THEME, "slug": "foncier"}, as_=cast.platform_admin)

    assert response.status_code == 409 and response.mimetype == "application/problem+json"
    assert "foncier" in response.json["detail"]


def test_same_slug_in_another_vocabulary_is_fine(api, cast, vocab):
    response = api.post("/api/v1/taxonomy/phases", json={**NEW_THEME, "slug": "foncier"}, as_=cast.platform_admin)

    assert response.status_code == 201


@pytest.mark.parametrize(("body", "field"), [
    ({**NEW_THEME, "slug": "Mobilité"}, "slug"),
    ({**NEW_THEME, "slug": "mobilite douce"}, "slug"),
    ({**NEW_THEME, "slug": "mobilite.douce"}, "slug"),
    ({"slug": "mobilite"}, "label"),
    ({**NEW_THEME, "position": "premier"}, "position"),
])
def test_invalid_terms_are_422(api, cast, vocab, body, field):
    response = api.post("/api/v1/taxonomy/themes", json=body, as_=cast.platform_admin)

    assert response.status_code == 422 and field in response.json["errors"]


def test_patch_a_term_and_retire_it(api, cast, vocab):
    url = f"/api/v1/taxonomy/themes/{vocab['themes']['foncier']}"

    renamed = api.patch(url, json={"label": "Foncier", "position": 99}, as_=cast.platform_admin)
    retired = api.patch(url, json={"is_retired": True}, as_=cast.platform_admin)

    assert renamed.status_code == 200 and renamed.json["label"] == "Foncier" and renamed.json["position"] == 99
    assert renamed.json["label_en"] == "Land and finding a site"  # untouched
    assert retired.json["is_retired"] is True
    assert "foncier" not in [t["slug"] for t in api.get("/api/v1/taxonomy/themes").json]
    assert "foncier" in [t["slug"] for t in api.get("/api/v1/taxonomy/themes?include_retired=true").json]


def test_term_slug_never_changes(api, cast, vocab):
    url = f"/api/v1/taxonomy/themes/{vocab['themes']['foncier']}"

    response = api.patch(url, json={"slug": "terrain"}, as_=cast.platform_admin)

    assert response.status_code == 422 and "slug" in response.json["errors"]


def test_patch_refusals(api, cast, vocab):
    url = f"/api/v1/taxonomy/themes/{vocab['themes']['foncier']}"

    assert api.patch(url, json={"label": "X"}, as_=cast.hls_admin).status_code == 403
    assert api.patch(url, json={"label": "X"}).status_code == 401
    assert api.patch("/api/v1/taxonomy/themes/99999", json={"label": "X"}, as_=cast.platform_admin).status_code == 404
    assert api.delete(url, as_=cast.platform_admin).status_code == 405
