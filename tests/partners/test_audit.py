"""The audit journal of partner administration: design, logo, integrations (sites allowed to frame the embeds)
and onboarding each leave one event with the actor, the partner and what changed."""

from __future__ import annotations

import pytest

from app.accounts.models import Partner, Role
from app.db import db
from tests.audit_helpers import events, only_event
from tests.partners.test_design import INTEGRATIONS, VALID, png, upload
from tests.partners.test_onboarding import FORM


@pytest.fixture
def hls_admin(hls, create_user, login):
    return login(create_user(email="admin@hls.example", name="Alex Admin", partner=hls, role=Role.ADMIN))


def test_saving_a_design_journals_the_fields_that_changed(client, hls, hls_admin):
    assert client.post("/p/hls/apparence", data=VALID).status_code == 302
    event = only_event("partner_design.changed")
    assert event.actor_id == hls_admin.id and event.partner_id == hls.id and event.target_label == "Hameaux Légers"
    assert event.details["typeface"] == {"before": "atkinson", "after": "lora"}
    assert event.details["tagline"] == {"before": "", "after": "Habiter léger"}
    assert "primary_colour" not in event.details  # unchanged: #2f6f4e before and after
    assert client.post("/p/hls/apparence", data=VALID).status_code == 302  # same values again: nothing to journal
    assert client.post("/p/hls/apparence", data={**VALID, "preview": "1"}).status_code == 200
    assert len(events("partner_design.changed")) == 1


def test_a_new_logo_is_journalled(client, hls, hls_admin):
    client.post("/p/hls/apparence", data=upload(png(40, 20), "logo.png"), content_type="multipart/form-data")
    event = only_event("partner_design.logo_changed")
    assert event.details["logo"]["before"] is None and event.details["logo"]["after"].startswith("logos/")


def test_the_embed_allow_list_change_is_journalled_with_before_and_after(client, hls, hls_admin):
    assert client.post("/p/hls/integrations", data=INTEGRATIONS).status_code == 302
    event = only_event("partner_design.integrations_changed")
    assert event.actor_id == hls_admin.id and event.partner_id == hls.id
    assert event.details["frame_origins"] == {"before": ["https://wiki.hameaux-legers.org"],
                                              "after": ["https://wiki.hameaux-legers.org", "http://localhost:8080"]}
    assert event.details["host_name"] == {"before": "ressources.hameaux.test",
                                          "after": "ressources.hameaux-legers.org"}


def test_onboarding_a_partner_journals_it_and_the_invitation(client, create_user, login):
    platform_admin = login(create_user(name="Anne Rivière", is_platform_admin=True))
    assert client.post("/admin/partenaires/nouveau", data=FORM).status_code == 201
    partner = db.session.query(Partner).filter_by(slug="reseau-alpes").one()
    onboarded = only_event("partner.onboarded")
    assert (onboarded.actor_id, onboarded.partner_id, onboarded.target_label) == (
        platform_admin.id, partner.id, "Réseau des Alpes")
    assert onboarded.details == {"slug": "reseau-alpes", "admin_email": "coordination@alpes.example.org"}
    assert only_event("invitation.created").details == {"role": "admin"}
    assert events("partner_design.changed") == []  # the design came with the partner
