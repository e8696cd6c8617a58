"""The trash of courses ("Parcours supprimés"): a deleted course is listed for the owner partner's editors and
platform admins, and restoring it brings it back as it was, with its sequences, steps and sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db, utcnow
from tests.audit_helpers import events, only_event

pytest_plugins = ["tests.paths.fixtures"]

TRASH = "/parcours/corbeille"


def _restore_url(course_id: int) -> str:
    return f"/parcours/{course_id}/restaurer"


def _delete(client, course_id: int) -> str:
    """Delete the course from its confirmation page; the page it leads to (its message shown)."""
    done = client.post(f"/parcours/{course_id}/supprimer", data={"confirm": "true"})
    assert done.status_code == 302
    return client.get(done.headers["Location"]).get_data(as_text=True)


def _is_deleted(course_id: int) -> bool:
    from courses.models import Course

    db.session.expire_all()
    return db.session.get(Course, course_id).is_deleted


def _outline(course_id: int) -> list[tuple[int, str, list[int]]]:
    """(sequence id, title, its step ids in order), read fresh from the database."""
    from courses.models import Course

    db.session.expire_all()
    course = db.session.get(Course, course_id)
    return [(sequence.id, sequence.title, [step.id for step in sequence.steps]) for sequence in course.sequences]


def test_a_deleted_course_is_in_the_trash_and_comes_back_as_it_was(learning, client, login, logout):
    outline = _outline(learning.course)
    login(learning.editor)
    assert "Vous pouvez le restaurer depuis les parcours supprimés." in _delete(client, learning.course)

    trash = client.get(TRASH)
    text = trash.get_data(as_text=True)
    assert trash.status_code == 200
    assert "Habiter léger" in text and 'title="Hameaux Légers"' in text and "Publié" in text
    assert f'action="{_restore_url(learning.course)}"' in text and 'name="csrf_token"' in text

    restored = client.post(_restore_url(learning.course))
    assert restored.status_code == 302 and restored.headers["Location"].endswith(
        f"/parcours/{learning.course}/modifier")
    edit_page = client.get(restored.headers["Location"]).get_data(as_text=True)
    assert "Le parcours « Habiter léger » est restauré" in edit_page
    assert not _is_deleted(learning.course) and _outline(learning.course) == outline
    assert "Aucun parcours supprimé." in client.get(TRASH).get_data(as_text=True)

    logout()  # published, it is public again, with its outline and its sessions
    page = client.get(f"/parcours/{learning.course}").get_data(as_text=True)
    assert "Comprendre" in page and "Agir" in page and "Le terrain" in page
    login(learning.learner)
    assert client.get(f"/sessions/{learning.session}").status_code == 200


def test_restoring_is_journalled(learning, client, login):
    login(learning.editor)
    _delete(client, learning.course)
    assert events("course.restored") == []
    assert client.post(_restore_url(learning.course)).status_code == 302
    event = only_event("course.restored")
    assert (event.actor_id, event.target_id, event.target_label, event.partner_id) == (
        learning.editor.id, learning.course, "Habiter léger", learning.hls)


def test_another_partners_editor_neither_sees_nor_restores_the_course(learning, client, login):
    login(learning.editor)
    _delete(client, learning.course)
    login(learning.co_editor)
    trash = client.get(TRASH)
    text = trash.get_data(as_text=True)
    assert trash.status_code == 200 and "Habiter léger" not in text and "Aucun parcours supprimé." in text
    assert client.post(_restore_url(learning.course)).status_code == 404  # as for an id that never existed
    assert _is_deleted(learning.course) and events("course.restored") == []


@pytest.mark.parametrize("who", ["learner", "facilitator"])
def test_learners_and_facilitators_are_refused(learning, client, login, who):
    login(learning.editor)
    _delete(client, learning.course)
    login(getattr(learning, who))
    assert client.get(TRASH).status_code == 403
    assert client.post(_restore_url(learning.course)).status_code == 404
    assert "Parcours supprimés" not in client.get("/parcours/").get_data(as_text=True)
    assert "Parcours supprimés" not in client.get("/compte").get_data(as_text=True)
    assert _is_deleted(learning.course)


def test_anonymous_visitors_are_sent_to_the_login_page(learning, client, login, logout):
    login(learning.editor)
    _delete(client, learning.course)
    logout()
    response = client.get(TRASH)
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    assert client.post(_restore_url(learning.course)).status_code == 404  # the trash tells outsiders nothing
    assert _is_deleted(learning.course)
    assert client.post(_restore_url(999_999)).status_code == 404


def test_editors_find_the_trash_from_the_course_list_and_their_account(learning, client, login):
    login(learning.editor)
    for page in ("/parcours/", "/compte"):
        assert f'href="{TRASH}"' in client.get(page).get_data(as_text=True)


def test_restoring_a_course_that_is_not_deleted_is_a_conflict(learning, client, login):
    login(learning.editor)
    refused = client.post(_restore_url(learning.course))
    assert refused.status_code == 409
    assert "Le parcours « Habiter léger » n&#39;est pas dans la corbeille." in refused.get_data(as_text=True)
    assert events("course.restored") == []


def test_a_platform_admin_sees_and_restores_every_partners_course(learning, client, login, create_user):
    login(learning.editor)
    _delete(client, learning.course)
    login(create_user("admin@example.org", "Admin", is_platform_admin=True))
    assert "Habiter léger" in client.get(TRASH).get_data(as_text=True)
    assert client.post(_restore_url(learning.course)).status_code == 302
    assert not _is_deleted(learning.course)


def test_the_trash_is_paginated_most_recently_deleted_first(app_ctx, client, login, create_partner, create_user):
    from courses.models import Course

    partner = create_partner()
    editor = login(create_user(partner=partner, role=Role.EDITOR))
    deleted_at = utcnow()
    for number in range(1, 22):  # course 21 deleted last
        course = Course(owner_partner_id=partner.id, title=f"Parcours n° {number}", created_by_id=editor.id)
        course.mark_deleted()
        course.deleted_dt = deleted_at + timedelta(minutes=number)
        db.session.add(course)
    db.session.add(Course(owner_partner_id=partner.id, title="Parcours vivant"))
    db.session.commit()

    first = client.get(TRASH).get_data(as_text=True)
    second = client.get(f"{TRASH}?page=2").get_data(as_text=True)
    assert first.count("<tr>") - 1 == 20 and second.count("<tr>") - 1 == 1  # minus the header row
    assert first.index("Parcours n° 21") < first.index("Parcours n° 20") and "Parcours n° 1<" not in first
    assert "Parcours n° 1" in second and "Page 2 sur 2" in second
    assert "Parcours vivant" not in first + second
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Course).where(Course.is_deleted)) == 21


def test_restoring_without_the_csrf_token_is_refused(app, learning, client, login, monkeypatch):
    login(learning.editor)
    _delete(client, learning.course)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post(_restore_url(learning.course)).status_code == 400
    assert client.post(_restore_url(learning.course), data={"csrf_token": "forged"}).status_code == 400
    assert _is_deleted(learning.course)
    page = client.get(TRASH).get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    assert client.post(_restore_url(learning.course), data={"csrf_token": token}).status_code == 302
    assert not _is_deleted(learning.course)
