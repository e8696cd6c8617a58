"""Moderation through the JSON API: pinning and closing threads, hiding and restoring posts, reports and their
queue. Each check is the pages' own: who may act, what a learner then sees, what is refused and how."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.db import db, utcnow
from tests.paths.discussion_helpers import last_post, last_thread

pytest_plugins = ["tests.paths.discussion_fixtures"]

MODERATORS = ["facilitator", "p_admin", "admin"]
STRANGERS = ["other_learner", "other_facilitator", "outsider", "editor"]


@pytest.fixture
def discussion(forum, client, login, post_thread):
    """The learner's question and the classmate's reply, on `forum.session`."""
    post_thread(forum.learner, forum.session, title="Où trouver un terrain ?")
    thread = last_thread()
    login(forum.classmate)
    client.post(f"/sessions/{forum.session}/forum/{thread.id}/reponses", data={"body": "Un message déplacé"})
    return thread, last_post()


def _moderation_actions():
    from paths.discussions.models import ModerationAction

    return [(action.action, action.actor_id, action.reason)
            for action in db.session.scalars(sa.select(ModerationAction).order_by(ModerationAction.id))]


def _reports():
    from paths.discussions.models import Report

    return list(db.session.scalars(sa.select(Report).order_by(Report.id)))


def _is_problem(response, status) -> bool:
    return response.status_code == status and response.mimetype == "application/problem+json" \
        and response.json["status"] == status


@pytest.mark.parametrize("who", MODERATORS)
def test_those_who_moderate_pin_and_close_a_thread_which_then_refuses_replies(forum, client, login, post_thread,
                                                                              discussion, who):
    thread, _ = discussion
    post_thread(forum.classmate, forum.session, title="Un fil plus récent")
    login(getattr(forum, who))
    pinned = client.patch(f"/api/v1/threads/{thread.id}", json={"is_pinned": True, "is_closed": True})
    assert pinned.status_code == 200 and (pinned.json["is_pinned"], pinned.json["is_closed"]) == (True, True)
    assert len(pinned.json["posts"]) == 2
    login(forum.classmate)
    listed = client.get(f"/api/v1/sessions/{forum.session}/threads").json["items"]
    assert [item["title"] for item in listed] == ["Où trouver un terrain ?", "Un fil plus récent"]
    refused = client.post(f"/api/v1/threads/{thread.id}/posts", json={"body": "Encore un mot"})
    assert _is_problem(refused, 409) and refused.json["detail"] == "Ce fil est fermé : il n'accepte plus de réponse."
    page = client.post(f"/sessions/{forum.session}/forum/{thread.id}/reponses", data={"body": "Encore un mot"})
    assert page.status_code == 409 and last_post().thread_id != thread.id
    login(getattr(forum, who))
    reopened = client.patch(f"/api/v1/threads/{thread.id}", json={"is_closed": False})
    assert (reopened.json["is_pinned"], reopened.json["is_closed"]) == (True, False)
    login(forum.classmate)
    assert client.post(f"/api/v1/threads/{thread.id}/posts", json={"body": "Encore un mot"}).status_code == 201


def test_a_hidden_post_leaves_what_learners_see_and_the_audit_keeps_why(forum, client, login, discussion):
    thread, reply = discussion
    login(forum.facilitator)
    hidden = client.post(f"/api/v1/posts/{reply.id}/hide", json={"reason": "Hors charte"})
    assert hidden.status_code == 200 and hidden.json["is_hidden"] is True
    for reader in (forum.learner, forum.classmate):
        login(reader)
        seen = client.get(f"/api/v1/threads/{thread.id}").json["posts"]
        assert [post["id"] for post in seen] == [thread.opening.id]
        assert "Un message déplacé" not in client.get(f"/sessions/{forum.session}/forum/{thread.id}").get_data(
            as_text=True)
    assert client.patch(f"/api/v1/posts/{reply.id}", json={"body": "Je corrige"}).status_code == 404  # classmate's
    login(forum.facilitator)
    seen = client.get(f"/api/v1/threads/{thread.id}").json["posts"]
    assert [(post["id"], post["is_hidden"]) for post in seen] == [(thread.opening.id, False), (reply.id, True)]
    restored = client.post(f"/api/v1/posts/{reply.id}/restore", json={"reason": "Après relecture, ça va"})
    assert restored.status_code == 200 and restored.json["is_hidden"] is False
    facilitator = forum.facilitator.id
    assert _moderation_actions() == [("hide", facilitator, "Hors charte"),
                                     ("restore", facilitator, "Après relecture, ça va")]
    assert "Après relecture, ça va" in client.get(f"/sessions/{forum.session}/forum/signalements").get_data(
        as_text=True)  # the pages' audit shows what the API did
    login(forum.learner)
    assert len(client.get(f"/api/v1/threads/{thread.id}").json["posts"]) == 2


def test_hiding_the_opening_post_hides_the_thread_from_learners(forum, client, login, discussion):
    thread, _ = discussion
    login(forum.facilitator)
    assert client.post(f"/api/v1/posts/{thread.opening.id}/hide", json={"reason": "Hors charte"}).status_code == 200
    assert client.get(f"/api/v1/threads/{thread.id}").status_code == 200
    login(forum.classmate)
    assert client.get(f"/api/v1/sessions/{forum.session}/threads").json["items"] == []
    assert _is_problem(client.get(f"/api/v1/threads/{thread.id}"), 404)
    assert client.get(f"/sessions/{forum.session}/forum/{thread.id}").status_code == 404


def test_a_learner_reports_a_post_and_a_facilitator_resolves_it(forum, client, login, discussion):
    thread, reply = discussion
    login(forum.learner)
    made = client.post(f"/api/v1/posts/{reply.id}/reports", json={"reason": "Propos blessants"})
    assert made.status_code == 201
    assert (made.json["post"]["id"], made.json["reason"], made.json["reporter"], made.json["resolved_dt"]) == (
        reply.id, "Propos blessants", "Léa Apprenante", None)
    login(forum.facilitator)
    queue = client.get(f"/api/v1/sessions/{forum.session}/reports")
    assert queue.status_code == 200
    assert [(item["id"], item["thread_title"], item["post"]["body"]) for item in queue.json["items"]] == [
        (made.json["id"], "Où trouver un terrain ?", "Un message déplacé")]
    assert "Propos blessants" in client.get(f"/sessions/{forum.session}/forum/signalements").get_data(as_text=True)
    resolved = client.post(f"/api/v1/reports/{made.json['id']}/resolve")
    assert resolved.status_code == 200 and resolved.json["resolved_dt"] is not None
    assert client.get(f"/api/v1/sessions/{forum.session}/reports").json["items"] == []
    login(forum.p_admin)  # resolving it again changes nothing: who dealt with it first stays on record
    again = client.post(f"/api/v1/reports/{made.json['id']}/resolve")
    assert again.status_code == 200 and again.json["resolved_dt"] == resolved.json["resolved_dt"]
    assert _reports()[0].resolved_by_id == forum.facilitator.id


def test_a_learner_may_report_but_not_moderate(forum, client, login, discussion):
    thread, reply = discussion
    login(forum.facilitator)
    report = client.post(f"/api/v1/posts/{reply.id}/reports", json={"reason": "À vérifier"}).json["id"]
    login(forum.learner)
    refused = [
        client.patch(f"/api/v1/threads/{thread.id}", json={"is_pinned": True}),
        client.post(f"/api/v1/posts/{reply.id}/hide", json={"reason": "Je n'aime pas"}),
        client.post(f"/api/v1/posts/{reply.id}/restore", json={"reason": "Je n'aime pas"}),
        client.get(f"/api/v1/sessions/{forum.session}/reports"),
        client.post(f"/api/v1/reports/{report}/resolve"),
    ]
    assert all(_is_problem(response, 403) for response in refused), [r.status_code for r in refused]
    # the pages refuse the same
    assert client.post(f"/sessions/{forum.session}/forum/{thread.id}/epingle", data={"value": "1"}).status_code == 403
    assert client.post(f"/sessions/{forum.session}/forum/messages/{reply.id}/masquer",
                       data={"reason": "Je n'aime pas"}).status_code == 403
    db.session.expire_all()
    assert not thread.is_pinned and not reply.is_hidden and _moderation_actions() == []
    assert _reports()[0].resolved_dt is None
    assert client.post(f"/api/v1/posts/{reply.id}/reports", json={"reason": "Propos blessants"}).status_code == 201


@pytest.mark.parametrize("who", STRANGERS)
def test_those_outside_the_session_are_refused_as_by_the_pages(forum, client, login, discussion, who):
    thread, reply = discussion
    login(forum.learner)
    report = client.post(f"/api/v1/posts/{reply.id}/reports", json={"reason": "À vérifier"}).json["id"]
    login(getattr(forum, who))
    api = {
        "pin": client.patch(f"/api/v1/threads/{thread.id}", json={"is_pinned": True}),
        "hide": client.post(f"/api/v1/posts/{reply.id}/hide", json={"reason": "Hors charte"}),
        "report": client.post(f"/api/v1/posts/{reply.id}/reports", json={"reason": "Hors sujet"}),
        "queue": client.get(f"/api/v1/sessions/{forum.session}/reports"),
        "resolve": client.post(f"/api/v1/reports/{report}/resolve"),
        "bad body": client.post(f"/api/v1/posts/{reply.id}/hide", json={}),  # refused before the body is read
    }
    messages = f"/sessions/{forum.session}/forum/messages/{reply.id}"
    pages = {
        "pin": client.post(f"/sessions/{forum.session}/forum/{thread.id}/epingle", data={"value": "1"}),
        "hide": client.post(f"{messages}/masquer", data={"reason": "Hors charte"}),
        "report": client.post(f"{messages}/signaler", data={"reason": "Hors sujet"}),
        "queue": client.get(f"/sessions/{forum.session}/forum/signalements"),
        "resolve": client.post(f"/sessions/{forum.session}/forum/signalements/{report}/traite"),
        "bad body": client.post(f"{messages}/masquer", data={}),
    }
    assert {name: r.status_code for name, r in api.items()} == {name: r.status_code for name, r in pages.items()}
    assert all(_is_problem(response, 403) for response in api.values())
    assert len(_reports()) == 1 and _moderation_actions() == []


def test_anonymous_callers_are_asked_to_authenticate(forum, client, logout, discussion):
    thread, reply = discussion
    logout()
    calls = [client.patch(f"/api/v1/threads/{thread.id}", json={"is_pinned": True}),
             client.post(f"/api/v1/posts/{reply.id}/reports", json={"reason": "Hors sujet"}),
             client.get(f"/api/v1/sessions/{forum.session}/reports")]
    assert all(_is_problem(response, 401) for response in calls)


def test_what_is_hidden_or_absent_is_not_found(forum, client, login, discussion):
    thread, reply = discussion
    login(forum.facilitator)
    client.post(f"/api/v1/posts/{reply.id}/hide", json={"reason": "Hors charte"})
    login(forum.learner)
    api = client.post(f"/api/v1/posts/{reply.id}/reports", json={"reason": "Je l'ai vu avant"})
    page = client.post(f"/sessions/{forum.session}/forum/messages/{reply.id}/signaler", data={"reason": "Vu avant"})
    assert _is_problem(api, 404) and page.status_code == 404
    login(forum.facilitator)
    missing = [client.patch("/api/v1/threads/999999", json={"is_pinned": True}),
               client.post("/api/v1/posts/999999/hide", json={"reason": "Hors charte"}),
               client.post("/api/v1/reports/999999/resolve"),
               client.get("/api/v1/sessions/999999/reports")]
    assert all(_is_problem(response, 404) for response in missing)
    assert _reports() == []


@pytest.mark.parametrize(("method", "path", "body", "fields"), [
    ("post", "/api/v1/posts/{reply}/hide", {}, {"reason"}),
    ("post", "/api/v1/posts/{reply}/restore", {"reason": "ok"}, {"reason"}),
    ("post", "/api/v1/posts/{reply}/reports", {"reason": "Hors sujet", "severity": 3}, {"severity"}),
    ("post", "/api/v1/posts/{reply}/reports", {"reason": "x" * 501}, {"reason"}),
    ("patch", "/api/v1/threads/{thread}", {"is_pinned": "peut-être"}, {"is_pinned"}),
    ("patch", "/api/v1/threads/{thread}", {"title": "Nouveau titre"}, {"title"}),
])
def test_a_bad_body_is_a_problem_detail_naming_the_fields(forum, client, login, discussion, method, path, body,
                                                          fields):
    thread, reply = discussion
    login(forum.facilitator)
    response = getattr(client, method)(path.format(reply=reply.id, thread=thread.id), json=body)
    assert _is_problem(response, 422) and set(response.json["errors"]) == fields
    db.session.expire_all()
    assert (_reports(), _moderation_actions(), thread.is_pinned, reply.is_hidden) == ([], [], False, False)


def test_a_short_reason_gets_the_forms_french_message(forum, client, login, discussion):
    _, reply = discussion
    login(forum.learner)
    response = client.post(f"/api/v1/posts/{reply.id}/reports", json={"reason": "x"})
    assert response.json["errors"] == {"reason": ["Indiquez la raison (3 à 500 caractères)."]}


def test_an_archived_session_takes_no_report_but_stays_moderated(forum, client, login, discussion):
    from paths.models import CourseSession

    thread, reply = discussion
    db.session.get(CourseSession, forum.session).closes_at = utcnow() - timedelta(days=1)
    db.session.commit()
    login(forum.learner)
    refused = client.post(f"/api/v1/posts/{reply.id}/reports", json={"reason": "Hors sujet"})
    assert _is_problem(refused, 409) and refused.json["detail"].startswith("La session est terminée")
    assert _reports() == []
    login(forum.facilitator)  # as on the pages, an archive can still be tidied up
    assert client.post(f"/api/v1/posts/{reply.id}/hide", json={"reason": "Hors charte"}).status_code == 200
    assert client.patch(f"/api/v1/threads/{thread.id}", json={"is_closed": True}).status_code == 200


MODERATION_OPERATIONS = {
    ("/api/v1/threads/{thread_id}", "patch"): "ThreadModeration",
    ("/api/v1/posts/{post_id}/hide", "post"): "Reason",
    ("/api/v1/posts/{post_id}/restore", "post"): "Reason",
    ("/api/v1/posts/{post_id}/reports", "post"): "Reason",
    ("/api/v1/sessions/{session_id}/reports", "get"): None,
    ("/api/v1/reports/{report_id}/resolve", "post"): None,
}


def test_the_openapi_document_describes_moderation(client):
    document = client.get("/api/v1/openapi.json").json
    for (path, method), body in MODERATION_OPERATIONS.items():
        operation = document["paths"][path][method]
        assert operation["summary"] and operation["security"] == [{"bearer": []}], path
        assert {"401", "403", "404"} <= set(operation["responses"]), (path, method)
        if body:
            schema = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            assert schema.endswith("/" + body) and "422" in operation["responses"], (path, method)
    assert "409" in document["paths"]["/api/v1/posts/{post_id}/reports"]["post"]["responses"]
    assert document["components"]["schemas"]["Reason"]["required"] == ["reason"]
