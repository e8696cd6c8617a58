"""Member administration: who may see it, changing roles, removing members, never the last admin."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.accounts.models import Membership, Role
from app.db import db


@pytest.fixture
def hls(create_partner):
    return create_partner("hls", "Hameaux Légers")


@pytest.fixture
def admin(create_user, hls):
    return create_user(email="admin@hls.org", name="Alex Admin", partner=hls, role=Role.ADMIN)


def membership_id(user):
    return db.session.scalar(sa.select(Membership.id).where(Membership.user_id == user.id))


def role_of(user):
    return db.session.scalar(sa.select(Membership.role).where(Membership.user_id == user.id))


def test_admin_sees_members_with_roles(client, login, admin, create_user, hls):
    create_user(email="lou@example.org", name="Lou Lecteur", partner=hls, role=Role.LEARNER)
    page = client.get("/partenaires/hls/membres") if login(admin) else None
    assert page.status_code == 200
    assert "Lou Lecteur" in page.text
    assert "lou@example.org" in page.text
    assert "Apprenant·e" in page.text
    assert "Inviter une personne" in page.text


def test_platform_admin_manages_every_partner(client, login, create_user, hls):
    login(create_user(is_platform_admin=True))
    assert client.get("/partenaires/hls/membres").status_code == 200


@pytest.mark.parametrize("role", [Role.EDITOR, Role.FACILITATOR, Role.LEARNER])
def test_members_without_admin_role_get_403(client, login, create_user, hls, role):
    login(create_user(partner=hls, role=role))
    assert client.get("/partenaires/hls/membres").status_code == 403


def test_admin_of_another_partner_gets_403(client, login, create_user, create_partner, hls):
    other = create_partner("co", "Coopérative Oasis")
    login(create_user(partner=other, role=Role.ADMIN))
    assert client.get("/partenaires/hls/membres").status_code == 403
    assert client.get("/partenaires/co/membres").status_code == 200


def test_anonymous_is_sent_to_login_and_unknown_partner_is_404(client, login, admin):
    response = client.get("/partenaires/hls/membres")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/connexion")
    login(admin)
    assert client.get("/partenaires/inconnu/membres").status_code == 404


def test_admin_changes_a_role(client, login, admin, create_user, hls):
    lou = create_user(email="lou@example.org", partner=hls, role=Role.LEARNER)
    login(admin)
    response = client.post(f"/partenaires/hls/membres/{membership_id(lou)}/role", data={"role": "editor"})
    assert response.status_code == 302
    assert role_of(lou) == Role.EDITOR


def test_unknown_role_changes_nothing(client, login, admin, create_user, hls):
    lou = create_user(email="lou@example.org", partner=hls, role=Role.LEARNER)
    login(admin)
    response = client.post(f"/partenaires/hls/membres/{membership_id(lou)}/role", data={"role": "roi"})
    assert response.status_code == 422
    assert role_of(lou) == Role.LEARNER


def test_admin_removes_a_member(client, login, admin, create_user, hls):
    lou = create_user(email="lou@example.org", name="Lou Lecteur", partner=hls, role=Role.LEARNER)
    login(admin)
    removed = client.post(f"/partenaires/hls/membres/{membership_id(lou)}/retirer", follow_redirects=True)
    assert "Lou Lecteur ne fait plus partie de Hameaux Légers." in removed.text
    assert membership_id(lou) is None
    assert "Lou Lecteur" not in client.get("/partenaires/hls/membres").text


def test_last_admin_cannot_be_removed_or_demoted(client, login, admin):
    login(admin)
    own = membership_id(admin)
    removal = client.post(f"/partenaires/hls/membres/{own}/retirer")
    assert removal.status_code == 409
    assert "au moins un·e administrateur·rice" in removal.text
    demotion = client.post(f"/partenaires/hls/membres/{own}/role", data={"role": "editor"})
    assert demotion.status_code == 409
    assert role_of(admin) == Role.ADMIN


def test_an_admin_may_step_down_when_another_remains(client, login, admin, create_user, hls):
    create_user(email="second@hls.org", partner=hls, role=Role.ADMIN)
    login(admin)
    assert client.post(f"/partenaires/hls/membres/{membership_id(admin)}/role", data={"role": "editor"}
                       ).status_code == 302
    assert role_of(admin) == Role.EDITOR


def test_memberships_of_another_partner_are_not_reachable(client, login, admin, create_user, create_partner):
    other = create_partner("co", "Coopérative Oasis")
    outsider = create_user(email="out@co.org", partner=other, role=Role.LEARNER)
    login(admin)
    assert client.post(f"/partenaires/hls/membres/{membership_id(outsider)}/retirer").status_code == 404
    assert membership_id(outsider) is not None


def test_non_admins_cannot_change_roles(client, login, admin, create_user, hls):
    editor = create_user(email="ed@hls.org", partner=hls, role=Role.EDITOR)
    login(editor)
    response = client.post(f"/partenaires/hls/membres/{membership_id(admin)}/role", data={"role": "learner"})
    assert response.status_code == 403
    assert client.post(f"/partenaires/hls/membres/{membership_id(admin)}/retirer").status_code == 403
    assert role_of(admin) == Role.ADMIN
