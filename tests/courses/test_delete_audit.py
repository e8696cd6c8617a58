"""The audit journal of course and session deletions: who deleted which, kept after the rows are gone."""

from __future__ import annotations

from tests.audit_helpers import events, only_event

pytest_plugins = ["tests.paths.fixtures"]


def test_deleting_a_course_is_journalled(learning, client, login):
    login(learning.editor)
    assert client.post(f"/parcours/{learning.course}/supprimer", data={}).status_code == 400
    assert events("course.deleted") == []
    assert client.post(f"/parcours/{learning.course}/supprimer", data={"confirm": "true"}).status_code == 302
    event = only_event("course.deleted")
    assert (event.actor_id, event.target_id, event.target_label, event.partner_id) == (
        learning.editor.id, learning.course, "Habiter léger", learning.hls)


def test_deleting_a_session_is_journalled_and_a_refusal_is_not(learning, client, login, enrol):
    enrol(learning.learner, learning.session)
    login(learning.editor)
    assert client.post(f"/sessions/{learning.session}/supprimer", data={"confirm": "true"}).status_code == 409
    assert client.post(f"/sessions/{learning.other_session}/supprimer", data={"confirm": "true"}).status_code == 302
    event = only_event("session.deleted")
    assert (event.actor_id, event.target_id, event.target_label, event.partner_id) == (
        learning.editor.id, learning.other_session, "Automne", learning.hls)
    assert event.details["course"] == "Habiter léger"
