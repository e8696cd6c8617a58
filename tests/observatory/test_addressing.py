"""Addressing a survey by criteria selects exactly the collectives that match, through the builder page."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.db import db
from observatory.models import OutboxMessage, SurveyInvitation


@pytest.fixture
def registry(create_collective):
    """Collectives spread over kinds, phases, départements and networks (one unlisted)."""
    made = {}
    for name, kind, phase, dep, nets in [
        ("A", "habitat", "chantier", "26", ("hpf",)),
        ("B", "habitat", "conception", "69", ("hpf", "co")),
        ("C", "hameau", "chantier", "26", ("hls",)),
        ("D", "hameau", "vie-du-lieu", "11", ("hls",)),
        ("E", "oasis", "chantier", "07", ("co",)),
        ("F", "oasis", "montage", "26", ("co", "hls")),
        ("G", "other", "emergence", "2A", ()),
    ]:
        made[name] = create_collective(f"Collectif {name}", kind=kind, phase=phase, departement=dep, networks_=nets,
                                       is_listed=name != "F", contact_email=f"{name.lower()}@collectifs.example")
    return made


def invited_names(survey) -> set[str]:
    rows = db.session.scalars(sa.select(SurveyInvitation).where(SurveyInvitation.survey_id == survey.id))
    return {invitation.collective.name.removeprefix("Collectif ") for invitation in rows}


@pytest.mark.parametrize(("criteria", "expected"), [
    ({}, set("ABCDEFG")),
    ({"kinds": ["hameau"]}, {"C", "D"}),
    ({"kinds": ["habitat", "oasis"]}, {"A", "B", "E", "F"}),
    ({"phases": ["chantier"]}, {"A", "C", "E"}),
    ({"departements_text": "26"}, {"A", "C", "F"}),
    ({"departements_text": "26, 2a 7"}, {"A", "C", "E", "F", "G"}),
    ({"networks": ["co"]}, {"B", "E", "F"}),
    ({"networks": ["hls"], "phases": ["chantier", "montage"]}, {"C", "F"}),
    ({"kinds": ["oasis"], "networks": ["hls"], "departements_text": "26"}, {"F"}),
    ({"kinds": ["habitat"], "phases": ["vie-du-lieu"]}, set()),
])
def test_criteria_select_exactly_the_matching_collectives(client, login, people, registry, create_survey,
                                                          criteria, expected):
    survey = create_survey(status="draft")
    login(people.researcher)
    response = client.post(f"/observatoire/enquetes/{survey.id}/destinataires", data=criteria)
    assert response.status_code == 303
    assert invited_names(survey) == expected
    # one invitation e-mail per new addressee, in the outbox, carrying its personal link
    messages = db.session.scalars(sa.select(OutboxMessage)).all()
    assert len(messages) == len(expected)
    assert all("/enquete/" in message.body for message in messages)


def test_addressing_again_adds_only_the_new_matches(client, login, people, registry, create_survey):
    survey = create_survey(status="draft")
    login(people.researcher)
    client.post(f"/observatoire/enquetes/{survey.id}/destinataires", data={"kinds": ["hameau"]})
    client.post(f"/observatoire/enquetes/{survey.id}/destinataires", data={"phases": ["chantier"]})
    assert invited_names(survey) == {"A", "C", "D", "E"}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyInvitation)) == 4


def test_unknown_kind_is_refused_and_nothing_is_addressed(client, login, people, registry, create_survey):
    survey = create_survey(status="draft")
    login(people.researcher)
    response = client.post(f"/observatoire/enquetes/{survey.id}/destinataires", data={"kinds": ["chateau"]})
    assert response.status_code == 422
    assert invited_names(survey) == set()


def test_only_researchers_address_surveys(client, login, people, registry, create_survey):
    survey = create_survey(status="draft")
    for user in (people.admin_hls, people.editor_co, people.learner_hls):
        login(user)
        assert client.post(f"/observatoire/enquetes/{survey.id}/destinataires", data={}).status_code == 403
    assert invited_names(survey) == set()


def test_reminders_go_to_the_outbox_for_those_who_have_not_submitted(client, login, people, registry,
                                                                     create_survey):
    from observatory.service import surveys as service

    survey = create_survey()
    login(people.researcher)
    client.post(f"/observatoire/enquetes/{survey.id}/destinataires", data={"kinds": ["hameau"]})
    first = db.session.scalar(sa.select(SurveyInvitation).join(SurveyInvitation.collective)
                              .where(SurveyInvitation.survey_id == survey.id).order_by(SurveyInvitation.id))
    service.save_response(first, {str(survey.questions[0].id): "Mixte"}, submit=True)
    db.session.commit()
    response = client.post(f"/observatoire/enquetes/{survey.id}/relances")
    assert response.status_code == 303
    reminders = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.topic.like("survey-reminder:%")))
    assert [m.recipient for m in reminders] == [
        inv.collective.contact_email for inv in survey.invitations if inv.id != first.id]
    page = client.get(f"/observatoire/enquetes/{survey.id}").get_data(as_text=True)
    assert "1 réponse(s) envoyée(s) sur 2 collectif(s) invité(s)" in page
