"""The audit journal: role changes, removals and invitations leave one event each with the right actor, target and
before/after; the journal page and GET /api/v1/audit show them to those allowed, filtered and paginated."""

from __future__ import annotations

import html
import re

import pytest
import sqlalchemy as sa

from app import audit
from app.accounts.models import Membership, Role, User
from app.db import db
from tests.audit_helpers import events, only_event


@pytest.fixture
def hls(create_partner):
    return create_partner("hls", "Hameaux Légers")


@pytest.fixture
def co(create_partner):
    return create_partner("co", "Coopérative Oasis")


@pytest.fixture
def admin(create_user, hls):
    return create_user(email="alex@hls.org", name="Alex Admin", partner=hls, role=Role.ADMIN)


def text(response) -> str:
    return html.unescape(response.text)


def membership_id(user) -> int:
    return db.session.scalar(sa.select(Membership.id).where(Membership.user_id == user.id))


# What the accounts pages record ------------------------------------------------------------------------------

def test_a_role_change_is_journalled_with_before_and_after(client, login, admin, create_user, hls):
    lou = create_user(email="lou@example.org", name="Lou Lecteur", partner=hls, role=Role.LEARNER)
    login(admin)
    response = client.post(f"/partenaires/hls/membres/{membership_id(lou)}/role", data={"role": "editor"})
    assert response.status_code == 302
    event = only_event("membership.role_changed")
    assert (event.actor_id, event.actor_label) == (admin.id, "Alex Admin <alex@hls.org>")
    assert event.target_type == "membership" and event.target_label == "Lou Lecteur <lou@example.org>"
    assert event.partner_id == hls.id
    assert event.details == {"role": {"before": "learner", "after": "editor"}}
    assert event.ip == "127.0.0.1"


def test_a_refused_or_unchanged_role_leaves_no_event(client, login, admin, create_user, hls):
    lou = create_user(partner=hls, role=Role.EDITOR)
    login(admin)
    client.post(f"/partenaires/hls/membres/{membership_id(lou)}/role", data={"role": "editor"})
    assert client.post(f"/partenaires/hls/membres/{membership_id(admin)}/role",
                       data={"role": "learner"}).status_code == 409  # the last admin
    assert events("membership.role_changed") == []


def test_removing_a_member_is_journalled_and_survives_the_membership(client, login, admin, create_user, hls):
    lou = create_user(email="lou@example.org", name="Lou Lecteur", partner=hls, role=Role.FACILITATOR)
    login(admin)
    assert client.post(f"/partenaires/hls/membres/{membership_id(lou)}/retirer").status_code == 302
    event = only_event("membership.removed")
    assert event.target_label == "Lou Lecteur <lou@example.org>" and event.details == {"role": "facilitator"}
    assert event.actor_id == admin.id and event.partner_id == hls.id


def test_invitations_created_revoked_and_accepted_are_journalled(client, login, logout, admin, hls):
    login(admin)
    created = client.post("/partenaires/hls/invitations", data={"email": "Noa@Example.org", "role": "editor"})
    assert created.status_code == 201
    event = only_event("invitation.created")
    assert (event.actor_id, event.target_label, event.details) == (admin.id, "noa@example.org", {"role": "editor"})

    link = re.search(r'(http://localhost/invitation/[^<"\s]+)', created.text).group(1)
    logout()
    joined = client.post(link.replace("http://localhost", ""), data={
        "name": "Noa Nouvelle", "password": "un-mot-de-passe-long", "password_confirm": "un-mot-de-passe-long"})
    assert joined.status_code == 302
    accepted = only_event("invitation.accepted")
    noa = db.session.scalar(sa.select(User).where(User.email == "noa@example.org"))
    assert accepted.actor_id == noa.id and accepted.actor_label == "Noa Nouvelle <noa@example.org>"
    assert accepted.partner_id == hls.id

    login(admin)
    client.post("/partenaires/hls/invitations", data={"email": "sam@example.org", "role": "learner"})
    invitation_id = events("invitation.created")[-1].target_id
    assert client.post(f"/partenaires/hls/invitations/{invitation_id}/annuler").status_code == 302
    assert only_event("invitation.revoked").target_label == "sam@example.org"


def test_the_actor_label_stays_when_the_account_is_deleted(client, login, admin, create_user, hls):
    lou = create_user(partner=hls, role=Role.LEARNER)
    other_admin = create_user(email="kim@hls.org", name="Kim Admin", partner=hls, role=Role.ADMIN)
    login(other_admin)
    client.post(f"/partenaires/hls/membres/{membership_id(lou)}/role", data={"role": "editor"})
    db.session.delete(db.session.get(User, other_admin.id))
    db.session.commit()
    event = only_event("membership.role_changed")
    assert event.actor_id is None and event.actor_label == "Kim Admin <kim@hls.org>"


# The journal page --------------------------------------------------------------------------------------------

def _some_events(hls, co):
    """Two events of HLS, one of CO, one platform-wide, recorded as by the command line."""
    for partner, action, label in ((hls, "membership.role_changed", "Lou"), (hls, "partner_design.changed", "HLS"),
                                   (co, "membership.removed", "Oasis-membre"), (None, "taxonomy.term_created",
                                                                                "Terme-global")):
        audit.record(action, hls if partner is None else partner, partner=partner, target_label=label)
    db.session.commit()


def test_platform_admins_read_every_event_and_filter_them(client, login, create_user, hls, co):
    _some_events(hls, co)
    login(create_user(is_platform_admin=True))
    page = client.get("/admin/journal")
    assert page.status_code == 200
    assert all(label in text(page) for label in ("Lou", "Oasis-membre", "Terme-global", "4 actions"))
    assert "Rôle d'un membre changé" in text(page) and "système" in text(page)
    filtered = client.get(f"/admin/journal?partner={co.id}")
    assert "Oasis-membre" in filtered.text and "Lou" not in filtered.text
    by_action = client.get("/admin/journal?action=partner_design.changed")
    assert "1 action" in by_action.text and "HLS" in by_action.text
    assert "0 action" in client.get("/admin/journal?actor=personne-inconnue").text
    assert "4 actions" in client.get("/admin/journal?actor=syst").text
    assert "0 action" in client.get("/admin/journal?until=2000-01-01").text
    refused = client.get("/admin/journal?since=2030-01-02&until=2030-01-01")
    assert refused.status_code == 422 and "La date de fin précède la date de début." in text(refused)


def test_partner_admins_read_only_their_partners_events(client, login, admin, hls, co):
    _some_events(hls, co)
    login(admin)
    page = client.get("/admin/journal")
    assert page.status_code == 200 and "2 actions" in page.text
    assert "Lou" in page.text and "Oasis-membre" not in page.text and "Terme-global" not in page.text
    assert "2 actions" not in client.get(f"/admin/journal?partner={co.id}").text  # another partner: nothing
    assert "Journal d'administration" in text(client.get("/compte"))


@pytest.mark.parametrize("role", [Role.EDITOR, Role.FACILITATOR, Role.LEARNER, Role.RESEARCHER])
def test_other_members_are_refused_and_anonymous_visitors_sent_to_login(client, login, create_user, hls, role):
    assert client.get("/admin/journal").status_code == 302
    login(create_user(partner=hls, role=role))
    assert client.get("/admin/journal").status_code == 403
    assert "Journal d'administration" not in text(client.get("/compte"))


def test_the_journal_is_paginated(client, login, create_user, hls):
    for number in range(35):
        audit.record("partner_design.changed", hls, partner=hls, target_label=f"Changement {number:02d}")
    db.session.commit()
    login(create_user(is_platform_admin=True))
    first = client.get("/admin/journal")
    assert "Changement 34" in first.text and "Changement 04" not in first.text and "Page 1 sur 2" in first.text
    second = client.get("/admin/journal?page=2")
    assert "Changement 04" in second.text and "Changement 34" not in second.text


# The API ------------------------------------------------------------------------------------------------------

def test_the_api_lists_events_for_platform_admins_only(client, login, admin, create_user, hls, co):
    _some_events(hls, co)
    assert client.get("/api/v1/audit").status_code == 401
    login(admin)
    assert client.get("/api/v1/audit").status_code == 403
    login(create_user(is_platform_admin=True))
    body = client.get("/api/v1/audit?per_page=2").get_json()
    assert body["meta"]["total"] == 4 and len(body["items"]) == 2
    assert body["items"][0]["action"] == "taxonomy.term_created"  # newest first
    only = client.get("/api/v1/audit?action=membership.removed").get_json()
    assert [item["target_label"] for item in only["items"]] == ["Oasis-membre"]
    invalid = client.get("/api/v1/audit?action=n-importe-quoi")
    assert invalid.status_code == 422 and invalid.mimetype == "application/problem+json"


def test_the_api_is_in_the_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/audit"]["get"]
    assert {"action", "partner", "actor", "since", "until", "page"} <= {p["name"] for p in operation["parameters"]}
    assert "403" in operation["responses"]
