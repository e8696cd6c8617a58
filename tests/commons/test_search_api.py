"""GET /api/v1/search: hits, facet counts and suggestions, as another program reads them."""

from __future__ import annotations

import json
import re

import pytest

from app.db import db
from commons.models import Status, Visibility

pytest_plugins = ["tests.commons.api_fixtures", "tests.commons.search_fixtures"]

PUBLIC = {"visibility": Visibility.PUBLIC}
HIT_FIELDS = {"id", "score", "title", "title_html", "excerpt_html", "summary", "kind", "owner_partner", "language",
              "content_date", "published_dt", "status", "visibility", "url"}
FACETS = {"kind", "theme", "phase", "partner", "keyword", "licence", "language", "year"}


@pytest.fixture
def reindex(app_ctx, search_backend):
    from commons.search import rebuild

    def run():
        db.session.commit()
        return rebuild(procs=1)

    return run


@pytest.fixture
def corpus(make_resource, cast, reindex):
    made = {
        "method": make_resource("Construire en paille", kind="methode", themes=["eco-construction"],
                                keywords=["paille porteuse"], summary="Un chantier en bottes de paille.", **PUBLIC),
        "video": make_resource("Maison en paille porteuse", kind="video", owner=cast.hpf,
                               themes=["eco-construction"], **PUBLIC),
        "lease": make_resource("Bail emphytéotique", kind="modele", themes=["foncier"], **PUBLIC),
        "draft": make_resource("Brouillon sur la paille", kind="methode", status=Status.DRAFT, **PUBLIC),
        "internal": make_resource("Paille : notes internes", kind="methode", visibility=Visibility.PARTNER),
        "trashed": make_resource("Paille jetée", kind="methode", trashed=True, **PUBLIC),
    }
    reindex()
    return made


def ok(response) -> dict:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    return response.json


def facet(body: dict, name: str) -> dict[str, tuple[int, bool]]:
    return {item["value"]: (item["count"], item["selected"]) for item in body["facets"][name]}


def test_the_answer_has_hits_facets_paging_and_suggestion(api, corpus):
    body = ok(api.get("/api/v1/search?q=paille"))
    assert set(body) == {"hits", "total", "page", "per_page", "pages", "facets", "suggestion", "rebuilding"}
    assert body["rebuilding"] is False
    assert (body["total"], body["page"], body["per_page"], body["pages"]) == (2, 1, 20, 1)
    assert body["suggestion"] is None
    hit = body["hits"][0]
    assert set(hit) == HIT_FIELDS
    assert "<mark>" in hit["title_html"].lower() and hit["score"] > 0
    assert hit["url"] == f"http://localhost/ressources/{hit['id']}"
    assert set(hit["kind"]) == {"id", "slug", "label"} and set(hit["owner_partner"]) == {"id", "slug", "name"}
    assert set(body["facets"]) == FACETS
    assert facet(body, "kind") == {"methode": (1, False), "video": (1, False)}
    assert facet(body, "partner") == {"hls": (1, False), "hpf": (1, False)}


def test_filters_narrow_and_are_marked_selected(api, corpus):
    body = ok(api.get("/api/v1/search?q=paille&kind=video"))
    assert [hit["title"] for hit in body["hits"]] == ["Maison en paille porteuse"]
    assert facet(body, "kind")["video"] == (1, True)
    both = ok(api.get("/api/v1/search?q=paille&kind=video&kind=methode&theme=eco-construction"))
    assert both["total"] == 2
    assert ok(api.get("/api/v1/search?q=paille&kind=video&partner=hls"))["total"] == 0
    keyword = ok(api.get("/api/v1/search", query_string={"keyword": "paille porteuse"}))
    assert [hit["title"] for hit in keyword["hits"]] == ["Construire en paille"]


def test_highlights_are_safe_html(api, make_resource, reindex):
    make_resource("Paille <img src=x onerror=alert(1)>", summary="<script>paille</script>", **PUBLIC)
    reindex()
    [hit] = ok(api.get("/api/v1/search?q=paille"))["hits"]
    for html in (hit["title_html"], hit["excerpt_html"]):
        assert set(re.findall(r"</?(\w+)", html)) <= {"mark"}, html
    assert "&lt;img" in hit["title_html"]


def test_anonymous_callers_never_get_drafts_or_partner_only_resources(api, cast, corpus):
    def found(**kwargs):
        body = ok(api.get("/api/v1/search?q=paille&per_page=100", **kwargs))
        assert body["total"] == len(body["hits"]) == sum(count for count, _ in facet(body, "kind").values())
        return {hit["title"] for hit in body["hits"]}

    assert found() == {"Construire en paille", "Maison en paille porteuse"}
    assert "Paille : notes internes" in found(as_=cast.hls_learner)
    assert "Paille : notes internes" not in found(as_=cast.hpf_learner)
    editor = found(as_=cast.hls_editor)
    assert "Brouillon sur la paille" in editor and "Paille jetée" not in editor


def test_a_misspelling_gets_a_suggestion(api, corpus):
    body = ok(api.get("/api/v1/search?q=pailel"))
    assert body["suggestion"] == "paille"


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR (", "paille)", "((", "title:", "*", "NOT", "~"])
def test_malformed_syntax_is_read_as_words(api, corpus, query):
    body = ok(api.get("/api/v1/search", query_string={"q": query}))
    assert isinstance(body["hits"], list)


@pytest.mark.parametrize(("arguments", "field"), [
    ("page=0", "page"), ("page=-1", "page"), ("page=abc", "page"), ("page=999999999", "page"),
    ("per_page=0", "per_page"), ("per_page=1000", "per_page"), ("sort=popular", "sort"), ("year=abc", "year"),
    ("q=" + "a" * 201, "q"),
])
def test_invalid_arguments_are_problems_naming_the_field(api, corpus, arguments, field):
    response = api.get("/api/v1/search?" + arguments)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in response.json["errors"], response.json


def test_a_page_past_the_last_is_empty_and_says_how_many_there_are(api, corpus):
    body = ok(api.get("/api/v1/search?q=paille&page=50"))
    assert body["hits"] == [] and body["total"] == 2 and body["pages"] == 1 and body["page"] == 50


def test_pages_and_sorting(api, make_resource, reindex):
    for number in range(5):
        make_resource(f"Fiche {number}", themes=["foncier"], **PUBLIC)
    reindex()
    first = ok(api.get("/api/v1/search?theme=foncier&sort=title&per_page=2"))
    assert (first["total"], first["pages"]) == (5, 3)
    assert [hit["title"] for hit in first["hits"]] == ["Fiche 0", "Fiche 1"]
    last = ok(api.get("/api/v1/search?theme=foncier&sort=title&per_page=2&page=3"))
    assert [hit["title"] for hit in last["hits"]] == ["Fiche 4"]


def test_hits_are_loaded_in_one_query(api, make_resource, reindex, count_queries):
    def queries():
        api.get("/api/v1/search?q=habitat")
        with count_queries() as counter:
            ok(api.get("/api/v1/search?q=habitat"))
        return counter["n"]

    make_resource("Habitat léger", themes=["foncier"], **PUBLIC)
    reindex()
    few = queries()
    for number in range(10):
        make_resource(f"Habitat léger {number}", themes=["foncier"], **PUBLIC)
    reindex()
    assert queries() == few


def test_the_openapi_document_describes_the_search(api):
    document = json.loads(api.get("/api/v1/openapi.json").get_data(as_text=True))
    operation = document["paths"]["/api/v1/search"]["get"]
    assert operation["summary"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert {"q", "kind", "theme", "phase", "partner", "keyword", "licence", "language", "year", "sort", "page",
            "per_page"} <= set(parameters)
    assert parameters["kind"]["schema"]["type"] == "array"
    assert parameters["sort"]["schema"]["enum"] == ["relevance", "date", "title"]
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schema = document["components"]["schemas"][answer.rsplit("/", 1)[1]]
    assert {"hits", "total", "page", "per_page", "pages", "facets", "suggestion"} <= set(schema["properties"])
    assert "application/problem+json" in operation["responses"]["422"]["content"]


def test_the_quick_dump_gives_what_the_documented_schemas_give(api, corpus, app):
    """The answer is dumped by plain functions for speed; they must agree with the schemas the OpenAPI shows."""
    from flask_login import AnonymousUserMixin

    from commons.search import SearchRequest, search
    from commons.search_schemas import FacetValueSchema, SearchHitSchema, SearchOutputSchema, listed_hits

    with app.test_request_context("/api/v1/search"):
        result = search(AnonymousUserMixin(), SearchRequest(text="paille"))
        hits = listed_hits(result.hits, AnonymousUserMixin())
        body = SearchOutputSchema().dump({"hits": hits, "facets": result.facets})
        assert body["hits"] == SearchHitSchema(many=True).dump(hits) and len(hits) == 2
        for name, values in result.facets.items():
            assert body["facets"][name] == FacetValueSchema(many=True).dump(values)
