"""Who reads and writes a session's forum: its active learners, its facilitators, the course owner's partner
admins and platform admins; not a learner of another session, nor an unenrolled user, nor an anonymous visitor.
An archived session's forum stays readable and accepts nothing new."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.db import db, utcnow
from tests.paths.discussion_helpers import last_post, last_thread

pytest_plugins = ["tests.paths.discussion_fixtures"]

READERS = ["learner", "facilitator", "p_admin", "admin"]
STRANGERS = ["other_learner", "other_facilitator", "outsider", "editor"]


@pytest.mark.parametrize("who", READERS)
def test_readers_read_and_write(forum, client, login, post_thread, who):
    post_thread(forum.classmate, forum.session, title="Une question de Zoé", step_id=forum.steps[0])
    thread = last_thread()
    login(getattr(forum, who))
    assert "Une question de Zoé" in client.get(f"/sessions/{forum.session}/forum").get_data(as_text=True)
    page = client.get(f"/sessions/{forum.session}/forum/{thread.id}")
    assert page.status_code == 200 and "Je cherche <strong>un terrain</strong>." in page.get_data(as_text=True)
    response = client.post(f"/sessions/{forum.session}/forum/{thread.id}/reponses", data={"body": f"Réponse de {who}"})
    assert response.status_code == 302
    assert last_post().body == f"Réponse de {who}"


@pytest.mark.parametrize("who", STRANGERS)
def test_others_can_neither_read_nor_write(forum, client, login, post_thread, who):
    post_thread(forum.learner, forum.session)
    thread = last_thread()
    login(getattr(forum, who))
    assert client.get(f"/sessions/{forum.session}/forum").status_code == 403
    assert client.get(f"/sessions/{forum.session}/forum/{thread.id}").status_code == 403
    assert client.post(f"/sessions/{forum.session}/forum/{thread.id}/reponses",
                       data={"body": "Intrus"}).status_code == 403
    assert client.post(f"/sessions/{forum.session}/forum", data={"title": "Intrus ici", "body": "x"}).status_code == 403
    assert client.get(f"/api/v1/threads/{thread.id}").status_code == 403
    assert client.get(f"/api/v1/sessions/{forum.session}/threads").status_code == 403
    assert last_post().body == "Je cherche **un terrain**."


def test_anonymous_visitors_are_sent_to_the_login_page(forum, client, post_thread, logout):
    post_thread(forum.learner, forum.session)
    thread = last_thread()
    logout()
    page = client.get(f"/sessions/{forum.session}/forum/{thread.id}")
    assert page.status_code == 302 and "/connexion" in page.headers["Location"]
    assert client.get(f"/api/v1/threads/{thread.id}").status_code == 401


def test_a_thread_is_only_reached_through_its_own_session(forum, client, login, post_thread):
    post_thread(forum.other_learner, forum.other_session, title="Chez les voisins")
    thread = last_thread()
    login(forum.learner)  # enrolled in `session`, reading the other session's thread through its own
    assert client.get(f"/sessions/{forum.session}/forum/{thread.id}").status_code == 404


def test_a_learner_who_left_the_session_loses_access(forum, client, login):
    from paths import service
    from paths.models import CourseSession

    service.unenrol(service.enrolment_of(db.session.get(CourseSession, forum.session), forum.learner))
    db.session.commit()
    login(forum.learner)
    assert client.get(f"/sessions/{forum.session}/forum").status_code == 403


def test_an_archived_session_is_readable_and_accepts_nothing_new(forum, client, login, post_thread):
    from paths.models import CourseSession

    post_thread(forum.learner, forum.session)
    thread = last_thread()
    login(forum.facilitator)
    client.post(f"/sessions/{forum.session}/forum/{thread.id}/reponses", data={"body": "Une réponse"})
    answer = last_post()
    session = db.session.get(CourseSession, forum.session)
    session.closes_at = utcnow() - timedelta(days=1)
    db.session.commit()
    login(forum.learner)
    page = client.get(f"/sessions/{forum.session}/forum/{thread.id}").get_data(as_text=True)
    assert "Une réponse" in page and "le forum se consulte mais n'accepte plus de message" in page
    assert "Publier la réponse" not in page
    refused = client.post(f"/sessions/{forum.session}/forum/{thread.id}/reponses", data={"body": "Trop tard"})
    assert refused.status_code == 409 and "accepte plus rien" in refused.get_data(as_text=True)
    new = client.post(f"/sessions/{forum.session}/forum", data={"title": "Nouveau fil", "body": "x"})
    assert new.status_code == 409
    assert client.post(f"/sessions/{forum.session}/forum/messages/{answer.id}/accepter").status_code == 303
    assert client.get(f"/sessions/{forum.session}/forum/messages/{thread.opening.id}/modifier").status_code == 403
    api = client.post(f"/api/v1/threads/{thread.id}/posts", json={"body": "Trop tard"})
    assert api.status_code == 409 and api.json["detail"].startswith("La session est terminée")
    assert last_post().id == answer.id and not answer.is_accepted
