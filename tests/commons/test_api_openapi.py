"""The OpenAPI document describes every commons endpoint, and errors are RFC 9457 problem details."""

from __future__ import annotations

import json

import pytest

pytest_plugins = ["tests.commons.api_fixtures"]

COMMONS_OPERATIONS = {
    ("/api/v1/resources/", "get"), ("/api/v1/resources/", "post"), ("/api/v1/resources/trash", "get"),
    ("/api/v1/resources/{resource_id}", "get"), ("/api/v1/resources/{resource_id}", "patch"),
    ("/api/v1/resources/{resource_id}", "delete"), ("/api/v1/resources/{resource_id}/restore", "post"),
    ("/api/v1/resources/{resource_id}/status", "post"), ("/api/v1/resources/{resource_id}/attachments", "post"),
    ("/api/v1/resources/{resource_id}/attachments/{attachment_id}", "delete"),
    ("/api/v1/resources/{resource_id}/revisions", "get"),
    ("/api/v1/resources/{resource_id}/revisions/{number}", "get"),
    ("/api/v1/resources/{resource_id}/revisions/{number}/restore", "post"),
    ("/api/v1/taxonomy/", "get"), ("/api/v1/taxonomy/{vocabulary}", "get"),
    ("/api/v1/taxonomy/{vocabulary}", "post"), ("/api/v1/taxonomy/{vocabulary}/{term_id}", "patch"),
}


@pytest.fixture
def document(api):
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def test_document_lists_every_commons_operation(document):
    operations = {(path, method) for path, item in document["paths"].items() for method in item
                  if method in {"get", "post", "patch", "put", "delete"}}

    assert operations >= COMMONS_OPERATIONS
    assert document["openapi"].startswith("3.")


def test_every_operation_documents_its_problems(document):
    for path, method in COMMONS_OPERATIONS:
        operation = document["paths"][path][method]
        responses = operation["responses"]
        assert operation.get("summary"), (path, method)
        if method != "get" or "{resource_id}" in path:
            problems = {code for code, answer in responses.items()
                        if "application/problem+json" in answer.get("content", {})}
            assert problems, (path, method)
        if method in {"post", "patch", "delete"}:
            assert operation["security"] == [{"bearer": []}]
            assert "401" in responses, (path, method)


def test_documented_arguments(document):
    listing = document["paths"]["/api/v1/resources/"]["get"]
    parameters = {p["name"]: p for p in listing["parameters"]}
    assert {"kind", "theme", "phase", "partner", "year", "page", "per_page", "q"} <= set(parameters)
    assert parameters["kind"]["schema"]["type"] == "array" and parameters["kind"]["explode"] is True
    create = document["paths"]["/api/v1/resources/"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/ResourceInput")
    assert "title" in document["components"]["schemas"]["ResourceInput"]["required"]
    assert "required" not in document["components"]["schemas"]["ResourcePatch"]
    upload = document["paths"]["/api/v1/resources/{resource_id}/attachments"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    vocabulary = document["paths"]["/api/v1/taxonomy/{vocabulary}"]["parameters"][0]["schema"]
    assert vocabulary["enum"] == ["kinds", "themes", "phases", "licences"]
    assert {"type", "title", "status", "errors"} <= set(document["components"]["schemas"]["Problem"]["properties"])


def test_docs_page_is_served(api):
    assert api.get("/api/v1/docs").status_code == 200


@pytest.mark.parametrize(("method", "url", "status"), [
    ("get", "/api/v1/resources/123456", 404),
    ("get", "/api/v1/resources/?per_page=0", 422),
    ("get", "/api/v1/taxonomy/inconnu", 404),
    ("post", "/api/v1/resources/", 401),
    ("put", "/api/v1/resources/", 405),
])
def test_errors_are_problem_documents(api, method, url, status):
    response = getattr(api, method)(url)

    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert {"type", "title", "status"} <= set(response.json)
    assert response.json["status"] == status
