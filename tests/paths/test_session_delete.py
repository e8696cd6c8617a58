"""Deleting a session from its confirmation page: a session with learners is refused (their attestations stay
verifiable; closing it archives it), an empty one is deleted."""

from __future__ import annotations

from app.db import db

pytest_plugins = ["tests.paths.fixtures"]


def test_a_session_with_learners_is_refused_and_its_attestations_stay_verifiable(learning, client, login, enrol):
    from paths.models import CourseSession, Enrolment

    enrolment = enrol(learning.learner, learning.session)
    db.session.get(Enrolment, enrolment.id).attestation_code = "attestation-de-lea-0001"
    db.session.commit()
    login(learning.editor)
    page = client.get(f"/sessions/{learning.session}/supprimer")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Cette session ne peut pas être supprimée : 1 apprenant·e s'y est inscrit·e." in text
    assert "Changer la date de clôture" in text
    refused = client.post(f"/sessions/{learning.session}/supprimer", data={"confirm": "true"})
    assert refused.status_code == 409
    assert db.session.get(CourseSession, learning.session) is not None
    assert client.get("/attestations/attestation-de-lea-0001").status_code == 200


def test_an_empty_session_is_deleted_after_confirmation(learning, client, login):
    from paths.models import CourseSession

    login(learning.editor)
    text = client.get(f"/sessions/{learning.other_session}/supprimer").get_data(as_text=True)
    assert "Personne ne s'y est inscrit" in text and 'name="csrf_token"' in text
    assert client.post(f"/sessions/{learning.other_session}/supprimer", data={}).status_code == 400
    done = client.post(f"/sessions/{learning.other_session}/supprimer", data={"confirm": "true"})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/parcours/{learning.course}")
    db.session.expire_all()
    assert db.session.get(CourseSession, learning.other_session) is None
    course_page = client.get(f"/parcours/{learning.course}").get_data(as_text=True)
    assert "La session « Automne » a été supprimée." in course_page
    assert f"/sessions/{learning.other_session}" not in course_page


def test_facilitators_cannot_delete_a_session(learning, client, login):
    login(learning.facilitator)
    assert client.get(f"/sessions/{learning.session}/supprimer").status_code == 403
    assert client.post(f"/sessions/{learning.session}/supprimer", data={"confirm": "true"}).status_code == 403
