"""Schemathesis against /api/v1/openapi.json: no server error, no response the document does not announce.
The document has no catch-all `default` response, so every status an operation answers must be listed on it.

The app is seeded with the world of the authorization matrix (partners, an editor and a platform admin with API
tokens, resources, a course and a session with an enrolled learner, media, discussions), so that generated calls
reach existing objects: every other case has its path ids replaced by seeded ones. Each test function fuzzes every
operation with a bounded, derandomized number of examples: once anonymously, once with the platform admin's token.
Nothing is excluded: the admin's deletions are reversible (trash, restore) and later calls on a trashed object must
still answer as documented.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.db import db
from tests.app.authorization.world import build_world, remove_files

CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance)
FUZZ = settings(max_examples=10, derandomize=True, deadline=None, database=None, print_blob=False,
                phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


@pytest.fixture
def seeded(app):
    """The matrix world, committed; requests then run in their own app contexts, as behind a server."""
    with app.app_context():
        world = build_world()
        db.session.remove()
    yield world
    with app.app_context():
        remove_files(world)
        db.session.remove()


@pytest.fixture
def api_schema(app, seeded):
    """The OpenAPI document as the app serves it, called in-process through WSGI."""
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def seeded_ids(world) -> dict[str, object]:
    """Path parameter name -> an object of the world that answers to it."""
    return {
        "slug": "hls", "resource_id": world.pub, "attachment_id": world.pub_file, "number": 1,
        "asset_id": world.media.asset, "upload_id": world.media.upload, "session_id": world.session,
        "thread_id": world.disc.thread, "post_id": world.disc.reply, "report_id": world.disc.report,
        "survey_id": world.obs.survey, "source_id": world.sync_source, "vocabulary": "themes", "term_id": world.theme,
    }


def call_and_check(case, world, token=None, seeded_path=False):
    """Send one case (anonymously or with `token`); the response must be what the document announces."""
    if seeded_path and case.path_parameters:
        ids = seeded_ids(world)
        case.path_parameters = {name: ids.get(name, value) for name, value in case.path_parameters.items()}
    if case.headers:
        case.headers.pop("Authorization", None)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS)


def fuzz_operation(operation, world, token):
    """Positive and negative cases of one operation, half of them aimed at seeded objects."""
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @FUZZ
    @given(case=cases, seeded_path=st.booleans())
    def run(case, seeded_path):
        call_and_check(case, world, token, seeded_path)

    run()


def fuzz_all(api_schema, world, token=None):
    """Fuzz every operation; collect failures so one run shows them all."""
    failures, count = [], 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        count += 1
        try:
            fuzz_operation(operation, world, token)
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - reported below, operation by operation
            failures.append(f"{operation.label}: {exc}")
    assert count >= 40, "the OpenAPI document lost its operations"
    assert not failures, "\n\n".join(failures)


def test_anonymous_calls_answer_as_documented(api_schema, seeded):
    fuzz_all(api_schema, seeded)


def test_platform_admin_calls_answer_as_documented(api_schema, seeded):
    fuzz_all(api_schema, seeded, token=seeded.tokens["admin"])


def test_the_document_lists_each_operations_problems_and_no_catch_all(client):
    """status_code_conformance is only strict if no operation has a `default` response (which accepts any
    status): each one lists its own problems, as problem details."""
    document = client.get("/api/v1/openapi.json").json
    operations = {f"{method.upper()} {path}": operation for path, item in document["paths"].items()
                  for method, operation in item.items() if method != "parameters"}
    with_default = [label for label, operation in operations.items() if "default" in operation["responses"]]
    without_problem = [label for label, operation in operations.items()
                       if not any(code.startswith("4") for code in operation["responses"])]
    shared = document.get("components", {}).get("responses", {})

    def content(answer):
        return shared[answer["$ref"].rsplit("/", 1)[1]] if "$ref" in answer else answer

    not_problem_details = [f"{label} {code}" for label, operation in operations.items()
                           for code, answer in operation["responses"].items() if code[0] in "45"
                           and set(content(answer).get("content", {})) != {"application/problem+json"}]
    assert len(operations) >= 40
    assert (with_default, without_problem, not_problem_details) == ([], [], [])
    assert "DEFAULT_ERROR" not in shared


@pytest.fixture
def admin_token(create_user):
    from app.accounts import service

    _, clear = service.create_api_token(create_user(is_platform_admin=True), "fuzz")
    db.session.commit()
    return {"Authorization": f"Bearer {clear}"}


def test_ids_and_pages_beyond_database_integers_are_invalid_input(client, admin_token):
    listing = client.get("/api/v1/resources/?page=5751350465266149376")
    created = client.post("/api/v1/resources/", headers=admin_token,
                          json={"title": "Trop grand", "kind_id": 1, "owner_partner_id": 1, "phase_ids": [2**70]})
    assert (listing.status_code, created.status_code) == (422, 422)
    assert created.mimetype == "application/problem+json" and "phase_ids" in created.json["errors"]


def test_lone_surrogates_in_a_json_body_are_refused_as_unreadable(client, admin_token):
    response = client.post("/api/v1/resources/", headers={**admin_token, "Content-Type": "application/json"},
                           data='{"title": "Demi \\ud800 paire", "kind_id": 1, "owner_partner_id": 1}')
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json" and "caractères invalides" in response.json["detail"]


def test_nul_characters_are_refused_before_they_reach_the_database(client, admin_token):
    """PostgreSQL refuses NUL in text: a query string or body holding one is a 400, on the API and the pages."""
    listing = client.get("/api/v1/resources/?language=fr&language=fr%00", headers=admin_token)  # not the first
    created = client.post("/api/v1/resources/", headers=admin_token,
                          json={"title": "Nul\u0000part", "kind_id": 1, "owner_partner_id": 1})
    page = client.get("/recherche?q=bail%00")
    assert (listing.status_code, created.status_code, page.status_code) == (400, 400, 400)
    assert listing.mimetype == "application/problem+json" and "caractère nul" in listing.json["detail"]
    assert page.mimetype == "text/html"


def test_ids_beyond_a_database_integer_are_not_found_or_invalid(client, admin_token):
    page = client.get(f"/ressources/{2**40}")
    progress = client.post("/api/v1/progress", headers=admin_token, json={"events": [
        {"client_id": "0123456789abcdef", "session_id": -2**40, "step_id": 2**40, "kind": "opened"}]})
    assert page.status_code == 404
    assert progress.status_code == 422


def test_ids_beyond_a_database_integer_are_not_found_whatever_the_method(client, admin_token):
    """werkzeug answers 405 when a converter refuses a value and the path has rules for other methods: the bound
    lives in the converter's regex, so such a path matches no rule at all."""
    too_big, largest = 2**31, 2**31 - 1
    statuses = {(method, path): getattr(client, method)(path, headers=admin_token, json={}).status_code
                for method in ("get", "patch", "delete") for path in (f"/api/v1/resources/{too_big}",
                                                                     f"/api/v1/resources/{largest}")}
    statuses["post", "threads"] = client.post(f"/api/v1/sessions/{10**20}/threads", headers=admin_token,
                                              json={"title": "Trop", "body": "grand"}).status_code
    assert set(statuses.values()) == {404}, statuses


def test_nul_characters_in_a_path_are_refused_before_they_reach_the_database(client):
    """A slug is looked up as text: PostgreSQL would refuse `a\\x00b` (a 500) rather than find nothing."""
    api, page = client.get("/api/v1/partners/a%00b"), client.get("/partenaires/a%00b")
    assert (api.status_code, page.status_code) == (400, 400)
    assert api.mimetype == "application/problem+json" and page.mimetype == "text/html"
