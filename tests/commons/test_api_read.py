"""Reading the catalogue through the API: filters, pagination, who sees what, one resource, query counts."""

from __future__ import annotations

from datetime import date

import pytest

from commons.models import Status, Visibility

pytest_plugins = ["tests.commons.api_fixtures"]


def titles(response) -> list[str]:
    assert response.status_code == 200, response.json
    return [item["title"] for item in response.json["items"]]


@pytest.fixture
def catalogue(make_resource, cast):
    """Public resources of several kinds, themes, partners and years."""
    public = {"visibility": Visibility.PUBLIC}
    return {
        "video": make_resource("Vidéo foncier", kind="video", themes=["foncier"], content_date=date(2024, 3, 1),
                               **public),
        "outil": make_resource("Outil financement", kind="outil", themes=["financement"],
                               content_date=date(2023, 5, 1), **public),
        "hpf": make_resource("Méthode HPF", owner=cast.hpf, kind="methode", themes=["foncier"],
                             content_date=date(2024, 9, 1), **public),
        "co_owned": make_resource("Dossier partagé", owner=cast.co, co_owners=[cast.hls], kind="dossier",
                                  themes=["gouvernance"], content_date=date(2022, 1, 1), **public),
    }


def test_list_answers_items_and_pagination_meta(api, catalogue):
    response = api.get("/api/v1/resources/?per_page=3")

    assert response.status_code == 200
    assert response.json["meta"] == {"total": 4, "page": 1, "per_page": 3, "pages": 2}
    assert len(response.json["items"]) == 3
    second = api.get("/api/v1/resources/?per_page=3&page=2").json
    assert second["meta"]["page"] == 2 and len(second["items"]) == 1


def test_list_item_has_the_documented_fields(api, make_resource, cast, vocab):
    make_resource("Guide du foncier", summary="Trouver un terrain.", themes=["foncier"], phases=["recherche-lieu"],
                  keywords=["Terrain", "Commune"], co_owners=[cast.hpf], licence_id=vocab["licences"]["cc-by-4.0"],
                  authors="Collectif", source="HLS", content_date=date(2024, 2, 1), visibility=Visibility.PUBLIC)

    item = api.get("/api/v1/resources/").json["items"][0]

    assert item["kind"] == {"id": vocab["kinds"]["video"], "slug": "video", "label": "Vidéo"}
    assert item["owner_partner"] == {"id": cast.hls.id, "slug": "hls", "name": "Hameaux Légers"}
    assert [p["slug"] for p in item["co_owners"]] == ["hpf"]
    assert [t["slug"] for t in item["themes"]] == ["foncier"]
    assert [p["slug"] for p in item["phases"]] == ["recherche-lieu"]
    assert item["keywords"] == ["Commune", "Terrain"]
    assert item["licence"]["slug"] == "cc-by-4.0" and item["licence"]["url"].startswith("https://")
    assert item["content_date"] == "2024-02-01"
    assert item["status"] == "published" and item["visibility"] == "public" and item["version"] >= 1
    assert item["published_dt"] and item["created_dt"] and item["updated_dt"]
    assert item["url"] == f"http://localhost/ressources/{item['id']}"
    assert "body" not in item and "attachments" not in item


@pytest.mark.parametrize(("query", "expected"), [
    ("kind=video", {"Vidéo foncier"}),
    ("kind=video&kind=outil", {"Vidéo foncier", "Outil financement"}),
    ("theme=foncier", {"Vidéo foncier", "Méthode HPF"}),
    ("theme=foncier&partner=hls", {"Vidéo foncier"}),
    ("partner=hls", {"Vidéo foncier", "Outil financement", "Dossier partagé"}),
    ("year=2024", {"Vidéo foncier", "Méthode HPF"}),
    ("year=2023&year=2022", {"Outil financement", "Dossier partagé"}),
    ("kind=video&kind=outil&theme=foncier&partner=hls&year=2024", {"Vidéo foncier"}),
    ("q=financement", {"Outil financement"}),
    ("kind=inconnu", set()),
])
def test_list_filters(api, catalogue, query, expected):
    assert set(titles(api.get(f"/api/v1/resources/?{query}"))) == expected


def test_list_sorts_by_title(api, catalogue):
    assert titles(api.get("/api/v1/resources/?sort=title")) == sorted(titles(api.get("/api/v1/resources/")))


@pytest.mark.parametrize("query", ["page=0", "per_page=500", "year=1500", "sort=hasard", "status=perdu"])
def test_bad_query_arguments_are_a_422_problem(api, query):
    response = api.get(f"/api/v1/resources/?{query}")

    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert set(response.json["errors"]) == {query.split("=")[0]}


@pytest.fixture
def shelves(make_resource, cast):
    """One resource per visibility and status, all owned by HLS."""
    return {
        "public": make_resource("Publique", visibility=Visibility.PUBLIC),
        "commons": make_resource("Commun", visibility=Visibility.COMMONS),
        "partner": make_resource("Réservée HLS", visibility=Visibility.PARTNER),
        "draft": make_resource("Brouillon", status=Status.DRAFT, visibility=Visibility.PUBLIC),
        "trashed": make_resource("Jetée", visibility=Visibility.PUBLIC, trashed=True),
    }


SEEN = {
    None: {"Publique"},
    "outsider": {"Publique"},
    "hpf_learner": {"Publique", "Commun"},
    "hpf_editor": {"Publique", "Commun"},
    "hls_learner": {"Publique", "Commun", "Réservée HLS"},
    "hls_editor": {"Publique", "Commun", "Réservée HLS", "Brouillon"},
    "platform_admin": {"Publique", "Commun", "Réservée HLS", "Brouillon"},
}


@pytest.mark.parametrize("who", list(SEEN))
def test_visibility_is_the_same_on_list_count_and_detail(api, cast, shelves, who):
    user = getattr(cast, who) if who else None

    listing = api.get("/api/v1/resources/", as_=user)

    assert set(titles(listing)) == SEEN[who]
    assert listing.json["meta"]["total"] == len(SEEN[who])
    for resource in shelves.values():
        detail = api.get(f"/api/v1/resources/{resource.id}", as_=user)
        if resource.title in SEEN[who]:
            assert detail.status_code == 200
        elif resource.title == "Jetée" and who in {"hls_editor", "platform_admin"}:
            assert detail.status_code == 200 and detail.json["is_deleted"] is True  # still theirs to restore
        else:
            assert detail.status_code == 404, (who, resource.title)
            assert detail.json == api.get("/api/v1/resources/999999", as_=user).json


def test_session_cookie_authenticates_reads_too(api, cast, shelves):
    api.login(cast.hls_learner)

    assert "Réservée HLS" in titles(api.get("/api/v1/resources/"))


def test_detail_has_body_html_and_attachments(api, make_resource):
    resource = make_resource("Avec contenu", body="# Titre\n\nDu **gras** et <script>alert(1)</script>.",
                             visibility=Visibility.PUBLIC)

    detail = api.get(f"/api/v1/resources/{resource.id}").json

    assert detail["body"].startswith("# Titre")
    assert "<strong>gras</strong>" in detail["body_html"]
    assert "<script>" not in detail["body_html"]
    assert detail["attachments"] == []
    assert detail["url"].endswith(f"/ressources/{resource.id}")


def test_not_found_is_a_problem_document(api):
    response = api.get("/api/v1/resources/424242")

    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.json["status"] == 404
    assert response.json["type"].endswith("/404") and response.json["title"]


def test_list_runs_the_same_number_of_queries_whatever_the_page_size(api, make_resource, cast, count_queries):
    for n in range(12):
        make_resource(f"Ressource {n:02}", themes=["foncier", "financement"], phases=["chantier"],
                      keywords=[f"mot {n}", "commun"], co_owners=[cast.hpf, cast.co],
                      visibility=Visibility.PARTNER)
    token_user = cast.hls_learner
    api.get("/api/v1/resources/", as_=token_user)  # first use of the token records it

    with count_queries() as small:
        assert len(api.get("/api/v1/resources/?per_page=5", as_=token_user).json["items"]) == 5
    with count_queries() as large:
        assert len(api.get("/api/v1/resources/?per_page=50", as_=token_user).json["items"]) == 12

    assert small["n"] == large["n"], large["statements"]
    assert large["n"] <= 12
