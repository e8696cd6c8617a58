"""The audit journal of sync sources: creating one and changing its mapping or interval leave one event each."""

from __future__ import annotations

from tests.audit_helpers import events, only_event

MAPPING = {"title": "bf_titre", "summary": "bf_chapeau", "body": "bf_description",
           "kind_field": "listeListeTypeRessource", "theme_field": "checkboxListeThematiques",
           "kind_default": "outil", "visibility": "commons", "interval_minutes": "60"}


def test_creating_and_remapping_a_source_are_journalled(client, login, partner_admin, oasis, taxonomy, yeswiki):
    login(partner_admin)
    created = client.post("/partenaires/synchronisation/nouvelle", data={
        "name": "Wiki des oasis", "connector": "yeswiki", "url": yeswiki.url, "form_id": "1",
        "partner_id": oasis.id})
    assert created.status_code == 302
    event = only_event("sync_source.created")
    assert (event.actor_id, event.partner_id, event.target_label) == (partner_admin.id, oasis.id, "Wiki des oasis")
    assert event.details["url"] == yeswiki.url and event.details["connector"] == "yeswiki"

    mapping_page = f"/partenaires/synchronisation/{event.target_id}/correspondances"
    assert client.get(mapping_page).status_code == 200
    assert events("sync_source.changed") == []  # the automatic matches are not an admin's change
    assert client.post(mapping_page, data=MAPPING).status_code == 302
    changed = only_event("sync_source.changed")
    assert changed.actor_id == partner_admin.id and changed.target_id == event.target_id
    assert changed.details["interval_minutes"] == {"before": 0, "after": 60}
    assert changed.details["mapping.kind_default"]["after"] == "outil"
    assert "mapping.title" not in changed.details  # matched automatically before, the same now
    assert client.post(mapping_page, data=MAPPING).status_code == 302
    assert len(events("sync_source.changed")) == 1  # saved again unchanged: nothing new
