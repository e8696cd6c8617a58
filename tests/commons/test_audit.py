"""The audit journal of the commons: resources sent to the trash and restored, taxonomy terms created, changed,
retired and brought back, each leave one event with its actor and before/after."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db
from commons.models import Status, Theme, Visibility
from commons.seed import seed_taxonomy
from tests.audit_helpers import events, only_event


@pytest.fixture
def hls(create_partner):
    return create_partner("hls", "Hameaux Légers")


def test_trash_and_restore_are_journalled_for_the_owner_partner(client, login, create_user, hls, create_resource):
    editor = login(create_user(name="Eli Éditrice", partner=hls, role=Role.EDITOR))
    resource = create_resource(hls, title="À jeter puis garder", status=Status.PUBLISHED,
                               visibility=Visibility.PUBLIC)
    assert client.post(f"/ressources/{resource.id}/supprimer").status_code == 302
    client.post(f"/ressources/{resource.id}/supprimer")  # already in the trash: nothing more
    trashed = only_event("resource.trashed")
    assert (trashed.actor_id, trashed.partner_id, trashed.target_id, trashed.target_label) == (
        editor.id, hls.id, resource.id, "À jeter puis garder")
    assert client.post(f"/ressources/{resource.id}/restaurer").status_code == 302
    assert only_event("resource.restored").actor_id == editor.id


def test_taxonomy_changes_are_journalled(client, login, create_user):
    seed_taxonomy()
    db.session.commit()
    admin = login(create_user(name="Anne Rivière", is_platform_admin=True))
    assert client.post("/admin/taxonomie/themes/", data={"slug": "jardin", "label": "Jardin"}).status_code == 303
    created = only_event("taxonomy.term_created")
    assert (created.actor_id, created.target_type, created.target_label, created.partner_id) == (
        admin.id, "theme", "Jardin", None)

    term = db.session.scalar(sa.select(Theme).where(Theme.slug == "energie"))
    client.post(f"/admin/taxonomie/themes/{term.id}", data={"label": "Énergie et climat",
                                                           "label_en": term.label_en or "", "position": "3"})
    changed = only_event("taxonomy.term_changed")
    assert changed.details["label"] == {"before": "Énergie et sobriété", "after": "Énergie et climat"}
    assert "slug" not in changed.details

    client.post(f"/admin/taxonomie/themes/{term.id}/retirer")
    client.post(f"/admin/taxonomie/themes/{term.id}/retirer")  # already retired: nothing more
    client.post(f"/admin/taxonomie/themes/{term.id}/reactiver")
    assert only_event("taxonomy.term_retired").target_id == term.id
    assert only_event("taxonomy.term_reactivated").target_id == term.id
    assert len(events("taxonomy.term_changed")) == 1
