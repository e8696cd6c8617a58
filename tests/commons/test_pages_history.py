"""History of a resource: the list of revisions, what each changed, and restoring an old one."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db
from commons import service
from commons.models import ResourceRevision, Status, Visibility


@pytest.fixture
def hls(create_partner):
    return create_partner("hls", "Hameaux Légers")


@pytest.fixture
def edited(hls, create_user, create_resource):
    """A resource saved twice: a new title, a new body line, one more theme."""
    editor = create_user(name="Dominique Relectrice", partner=hls, role=Role.EDITOR)
    resource = create_resource(hls, title="Ancien titre", body="Première ligne\nLigne supprimée",
                               themes=["foncier"], by=editor)
    service.update_resource(resource, {"title": "Nouveau titre", "body": "Première ligne\nLigne ajoutée",
                                       "theme_ids": [t.id for t in resource.themes] + [
                                           db.session.scalar(sa.text("select id from themes where slug='energie'"))],
                                       "comment": "Titre revu"}, editor)
    db.session.commit()
    return resource, editor


def test_history_lists_revisions_with_author_and_comment(client, login, edited):
    resource, editor = edited
    login(editor)
    html = client.get(f"/ressources/{resource.id}/historique").get_data(as_text=True)
    assert "n° 2" in html and "n° 1" in html and "Titre revu" in html and "Création" in html
    assert "Dominique Relectrice" in html
    assert f"/ressources/{resource.id}/historique/2" in html


def test_a_revision_shows_what_changed(client, login, edited):
    resource, editor = edited
    login(editor)
    html = client.get(f"/ressources/{resource.id}/historique/2").get_data(as_text=True)
    assert "Ancien titre" in html and "Nouveau titre" in html
    assert 'diff-del"><span class="diff-sign"' in html and "Ligne supprimée" in html
    assert 'diff-add"><span class="diff-sign"' in html and "Ligne ajoutée" in html
    assert "Énergie et sobriété" in html  # themes shown by label, not slug
    assert "Restaurer cette version" not in html  # the current one
    assert "Restaurer cette version" in client.get(f"/ressources/{resource.id}/historique/1").get_data(as_text=True)
    assert client.get(f"/ressources/{resource.id}/historique/9").status_code == 404


def test_restoring_an_old_revision_brings_back_its_content(client, login, edited):
    resource, editor = edited
    login(editor)
    response = client.post(f"/ressources/{resource.id}/historique/1/restaurer")
    assert response.status_code == 302
    db.session.expire_all()
    assert resource.title == "Ancien titre" and [t.slug for t in resource.themes] == ["foncier"]
    latest = db.session.scalar(sa.select(ResourceRevision).order_by(ResourceRevision.number.desc()).limit(1))
    assert latest.number == 3 and "révision 1" in latest.comment


def test_history_is_for_editors(client, login, logout, create_user, create_partner, hls, create_resource):
    resource = create_resource(hls, status=Status.PUBLISHED, visibility=Visibility.PUBLIC)
    draft = create_resource(hls)
    assert client.get(f"/ressources/{resource.id}/historique").status_code == 302  # to the login page
    login(create_user(partner=hls, role=Role.LEARNER))
    assert client.get(f"/ressources/{resource.id}/historique").status_code == 403
    assert client.get(f"/ressources/{resource.id}/historique/1").status_code == 403
    assert client.post(f"/ressources/{resource.id}/historique/1/restaurer").status_code == 403
    assert client.get(f"/ressources/{draft.id}/historique").status_code == 404
