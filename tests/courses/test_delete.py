"""Deleting a course from its confirmation page: refused while its sessions have learners (unpublish instead),
otherwise the course goes to the trash."""

from __future__ import annotations

from app.db import db

pytest_plugins = ["tests.paths.fixtures"]


def test_a_course_whose_sessions_have_learners_cannot_be_deleted_but_can_be_unpublished(learning, client, login,
                                                                                       enrol):
    from courses.models import Course

    enrol(learning.learner, learning.session)
    login(learning.editor)
    page = client.get(f"/parcours/{learning.course}/supprimer")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Ce parcours ne peut pas être supprimé" in text and "1 apprenant·e est inscrit·e à ses sessions." in text
    assert "Repasser en brouillon" in text and 'name="csrf_token"' in text
    refused = client.post(f"/parcours/{learning.course}/supprimer", data={"confirm": "true"})
    assert refused.status_code == 409
    db.session.expire_all()
    assert not db.session.get(Course, learning.course).is_deleted
    assert client.get(f"/parcours/{learning.course}").status_code == 200

    assert client.post(f"/parcours/{learning.course}/publication", data={"published": "false"}).status_code == 302
    client.post("/deconnexion")
    assert client.get(f"/parcours/{learning.course}").status_code == 404  # out of the catalogue
    login(learning.learner)
    assert client.get(f"/sessions/{learning.session}").status_code == 200  # the learner still has the session


def test_a_course_without_learners_goes_to_the_trash_after_confirmation(learning, client, login):
    from courses.models import Course

    login(learning.editor)
    text = client.get(f"/parcours/{learning.course}/supprimer").get_data(as_text=True)
    assert "iront à la corbeille" in text and "2 séquence(s) et 4 étape(s)" in text
    assert client.post(f"/parcours/{learning.course}/supprimer", data={}).status_code == 400  # no confirmation
    done = client.post(f"/parcours/{learning.course}/supprimer", data={"confirm": "true"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/parcours/")
    db.session.expire_all()
    assert db.session.get(Course, learning.course).is_deleted
    listing = client.get("/parcours/").get_data(as_text=True)
    assert "Le parcours « Habiter léger » a été supprimé." in listing
    assert f'href="/parcours/{learning.course}"' not in listing
    assert client.get(f"/sessions/{learning.session}").status_code == 404  # its empty sessions went with it


def test_only_the_course_editors_reach_the_confirmation_page(learning, client, login):
    login(learning.co_editor)
    assert client.get(f"/parcours/{learning.course}/supprimer").status_code == 403
    assert client.post(f"/parcours/{learning.course}/supprimer", data={"confirm": "true"}).status_code == 403
    login(learning.facilitator)
    assert client.get(f"/parcours/{learning.course}/supprimer").status_code == 403
