"""Authoring courses through the pages: create, outline, reorder from the keyboard, publish, preview, copy."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db

pytest_plugins = ["tests.paths.fixtures"]


def outline(course_id):
    from courses.models import Course

    db.session.expire_all()
    course = db.session.get(Course, course_id)
    return [(sequence.title, [step.title for step in sequence.steps]) for sequence in course.sequences]


def test_an_editor_builds_and_publishes_a_course(learning, client, login):
    from courses.models import Course

    login(learning.editor)
    response = client.post("/parcours/nouveau", data={
        "title": "Concevoir son habitat", "owner_partner_id": learning.hls, "level": "intermediate",
        "estimated_minutes": "90"})
    assert response.status_code == 302
    course = db.session.scalar(sa.select(Course).where(Course.title == "Concevoir son habitat"))
    assert not course.is_published
    client.post(f"/parcours/{course.id}/sequences", data={"title": "Les plans"})
    sequence_id = db.session.scalar(sa.select(Course).where(Course.id == course.id)).sequences[0].id
    search = client.get(f"/parcours/{course.id}/sequences/{sequence_id}/etapes/nouvelle?q=terrain")
    assert "Trouver un terrain" in search.get_data(as_text=True)
    added = client.post(f"/parcours/{course.id}/sequences/{sequence_id}/etapes/nouvelle",
                        data={"title": "Le terrain", "resource_id": learning.resources[1], "completion_rule": "done",
                              "intro": "Lisez *attentivement*."})
    assert added.status_code == 302
    assert outline(course.id) == [("Les plans", ["Le terrain"])]
    assert client.post(f"/parcours/{course.id}/publication", data={"published": "true"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Course, course.id).is_published
    preview = client.get(f"/parcours/{course.id}/apercu").get_data(as_text=True)
    assert "Lisez <em>attentivement</em>." in preview and "Le contenu de « Trouver un terrain »" in preview


def test_step_form_refuses_bad_input_and_keeps_it(learning, client, login):
    login(learning.editor)
    url = f"/parcours/{learning.course}/sequences/{learning.sequences[0]}/etapes/nouvelle"
    response = client.post(url, data={"title": "", "intro": "Mon texte gardé", "resource_id": "999999"})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Ce champ est obligatoire." in text and "Mon texte gardé" in text
    assert len(outline(learning.course)[0][1]) == 2


def test_reordering_with_buttons(learning, client, login):
    login(learning.editor)
    course = learning.course
    client.post(f"/parcours/{course}/etapes/{learning.steps[1]}/deplacer", data={"direction": "up"})
    assert outline(course)[0][1] == ["La vidéo", "Bienvenue"]
    client.post(f"/parcours/{course}/sequences/{learning.sequences[1]}/deplacer", data={"direction": "up"})
    assert [title for title, _ in outline(course)] == ["Agir", "Comprendre"]
    # already first: nothing moves
    client.post(f"/parcours/{course}/sequences/{learning.sequences[1]}/deplacer", data={"direction": "up"})
    assert [title for title, _ in outline(course)] == ["Agir", "Comprendre"]
    page = client.get(f"/parcours/{course}/modifier").get_data(as_text=True)
    assert 'aria-label="Descendre la séquence Agir"' in page  # plain buttons, reachable from the keyboard
    assert client.post(f"/parcours/{course}/etapes/{learning.steps[1]}/deplacer",
                       data={"direction": "sideways"}).status_code == 400


def test_removing_steps_and_sequences(learning, client, login):
    login(learning.editor)
    client.post(f"/parcours/{learning.course}/etapes/{learning.steps[0]}/supprimer")
    assert outline(learning.course)[0] == ("Comprendre", ["La vidéo"])
    client.post(f"/parcours/{learning.course}/sequences/{learning.sequences[0]}/supprimer")
    assert outline(learning.course) == [("Agir", ["Le terrain", "Conclusion"])]


def test_other_partners_cannot_edit_and_drafts_stay_hidden(learning, client, login, logout):
    from courses.models import Course, CourseStatus

    login(learning.co_editor)
    assert client.get(f"/parcours/{learning.course}/modifier").status_code == 403
    assert client.post(f"/parcours/{learning.course}/sequences", data={"title": "Intrusion"}).status_code == 403
    assert client.post("/parcours/nouveau", data={"title": "Pour HLS", "owner_partner_id": learning.hls}
                       ).status_code == 422
    db.session.get(Course, learning.course).status = CourseStatus.DRAFT
    db.session.commit()
    assert client.get(f"/parcours/{learning.course}").status_code == 404
    assert "Habiter léger" not in client.get("/parcours/").get_data(as_text=True)
    logout()
    assert client.get(f"/parcours/{learning.course}/modifier").status_code == 404
    login(learning.learner)
    assert client.get(f"/parcours/{learning.course}").status_code == 404


def test_a_partner_copies_another_partners_course_and_adapts_it(learning, client, login):
    from courses.models import Course

    login(learning.co_editor)
    page = client.get(f"/parcours/{learning.course}").get_data(as_text=True)
    assert "Copier ce parcours pour mon réseau" in page
    response = client.post(f"/parcours/{learning.course}/copier", data={"partner_id": learning.co})
    assert response.status_code == 302
    copy = db.session.scalar(sa.select(Course).where(Course.owner_partner_id == learning.co))
    assert copy.copied_from_id == learning.course and not copy.is_published
    assert outline(copy.id) == outline(learning.course)
    # the same resources serve both courses
    assert [s.resource_id for s in copy.steps] == [None, *learning.resources, None]
    client.post(f"/parcours/{copy.id}/etapes/{copy.steps[0].id}/supprimer")
    assert len(outline(learning.course)[0][1]) == 2  # the original is untouched
    refused = client.post(f"/parcours/{learning.course}/copier", data={"partner_id": learning.hls})
    assert refused.status_code == 422


def test_the_course_page_lists_its_sessions(learning, client):
    page = client.get(f"/parcours/{learning.course}").get_data(as_text=True)
    assert "Printemps" in page and "Automne" in page
    assert "Bienvenue" in page  # the outline
