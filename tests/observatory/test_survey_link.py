"""The personal link: no account needed, save and come back, submit once, one collective only, closes with
the survey."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.db import db, utcnow
from observatory.models import SurveyInvitation, SurveyResponse
from observatory.service import surveys as service

QUESTIONS = [
    {"label": "Mode de chantier", "kind": "single", "options": ["Entreprises", "Autoconstruction", "Mixte"],
     "is_required": True},
    {"label": "Matériaux", "kind": "multiple", "options": ["Bois", "Paille", "Terre"]},
    {"label": "Satisfaction", "kind": "scale", "scale_min": 1, "scale_max": 5, "is_required": True},
    {"label": "Budget par foyer", "kind": "number"},
    {"label": "Première réunion", "kind": "date"},
    {"label": "Ce qui vous a manqué", "kind": "long_text"},
]


@pytest.fixture
def two_invitations(create_collective, create_survey):
    survey = create_survey(questions=QUESTIONS)
    first = create_collective("Les Choux Lents", kind="habitat", networks_=("hpf",))
    second = create_collective("Oasis de la Bergerie", kind="oasis", networks_=("co",))
    service.address_survey(survey, {})
    db.session.commit()
    by_name = {invitation.collective.name: invitation for invitation in survey.invitations}
    return survey, by_name[first.name], by_name[second.name]


def q(survey, index: int) -> str:
    return f"q{survey.questions[index].id}"


def full_answers(survey) -> dict:
    return {q(survey, 0): "Mixte", q(survey, 1): ["Bois", "Paille"], q(survey, 2): "4", q(survey, 3): "180",
            q(survey, 4): "2019-03-02", q(survey, 5): "Un modèle de budget"}


def test_the_link_opens_the_survey_without_an_account(client, two_invitations, link):
    survey, mine, _ = two_invitations
    response = client.get(link(mine))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert survey.title in page and "Les Choux Lents" in page and "Oasis de la Bergerie" not in page
    assert "Mode de chantier" in page


def test_save_and_come_back_then_submit_once(client, two_invitations, link):
    survey, mine, _ = two_invitations
    url = link(mine)
    saved = client.post(url, data={q(survey, 0): "Autoconstruction", q(survey, 5): "Des plans", "action": "save"})
    assert saved.status_code == 303
    response = db.session.scalar(sa.select(SurveyResponse).where(SurveyResponse.invitation_id == mine.id))
    assert response.submitted_dt is None
    assert response.answers[str(survey.questions[0].id)] == "Autoconstruction"
    again = client.get(url).get_data(as_text=True)
    assert 'value="Autoconstruction" checked' in again and "Des plans" in again

    submitted = client.post(url, data={**full_answers(survey), "action": "submit"})
    assert submitted.status_code == 303
    db.session.refresh(response)
    assert response.submitted_dt is not None
    assert response.answers == {str(survey.questions[0].id): "Mixte", str(survey.questions[1].id): ["Bois", "Paille"],
                                str(survey.questions[2].id): 4, str(survey.questions[3].id): 180,
                                str(survey.questions[4].id): "2019-03-02",
                                str(survey.questions[5].id): "Un modèle de budget"}
    # a second submission, or a save, through the same link changes nothing
    for action in ("submit", "save"):
        replay = client.post(url, data={q(survey, 0): "Entreprises", q(survey, 2): "1", "action": action})
        assert replay.status_code == 409
    db.session.refresh(response)
    assert response.answers[str(survey.questions[0].id)] == "Mixte"
    assert "Elles ne peuvent plus être modifiées" in client.get(url).get_data(as_text=True)


def test_missing_required_answers_are_refused_but_what_was_typed_is_kept(client, two_invitations, link):
    survey, mine, _ = two_invitations
    result = client.post(link(mine), data={q(survey, 1): ["Terre"], q(survey, 3): "abc", "action": "submit"})
    assert result.status_code == 422
    page = result.get_data(as_text=True)
    assert "Cette question demande une réponse." in page and "Donnez un nombre." in page
    response = db.session.scalar(sa.select(SurveyResponse).where(SurveyResponse.invitation_id == mine.id))
    assert response.submitted_dt is None
    assert response.answers == {str(survey.questions[1].id): ["Terre"]}


def test_answers_outside_the_choices_are_refused(client, two_invitations, link):
    survey, mine, _ = two_invitations
    result = client.post(link(mine), data={q(survey, 0): "Château", q(survey, 2): "9", "action": "submit"})
    assert result.status_code == 422
    assert db.session.scalar(sa.select(SurveyResponse.submitted_dt)) is None


def test_a_link_never_opens_another_collectives_response(client, two_invitations, link):
    survey, mine, theirs = two_invitations
    client.post(link(theirs), data={q(survey, 0): "Entreprises", q(survey, 5): "Réponse de la Bergerie",
                                    "action": "save"})
    # my link shows my (empty) response, never theirs, whatever the form or query string say
    page = client.get(link(mine) + f"?invitation={theirs.id}&collective_id={theirs.collective_id}")
    assert "Réponse de la Bergerie" not in page.get_data(as_text=True)
    client.post(link(mine), data={**full_answers(survey), "action": "submit", "invitation_id": theirs.id,
                                  "collective_id": theirs.collective_id})
    theirs_response = db.session.scalar(sa.select(SurveyResponse).where(SurveyResponse.invitation_id == theirs.id))
    assert theirs_response.submitted_dt is None
    assert theirs_response.answers[str(survey.questions[5].id)] == "Réponse de la Bergerie"
    mine_response = db.session.scalar(sa.select(SurveyResponse).where(SurveyResponse.invitation_id == mine.id))
    assert mine_response.submitted_dt is not None


def test_forged_or_altered_links_lead_nowhere(client, two_invitations, link):
    from itsdangerous import URLSafeSerializer

    survey, mine, theirs = two_invitations
    token = link(mine).rsplit("/", 1)[1]
    assert client.get(f"/enquete/{token[:-2]}xx").status_code == 404
    # the right id signed with another key, or with the wrong nonce
    forged = URLSafeSerializer("une-autre-cle", salt=service.TOKEN_SALT).dumps([theirs.id, theirs.nonce])
    assert client.get(f"/enquete/{forged}").status_code == 404
    from flask import current_app

    wrong_nonce = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=service.TOKEN_SALT).dumps(
        [theirs.id, mine.nonce])
    assert client.get(f"/enquete/{wrong_nonce}").status_code == 404
    assert client.post(f"/enquete/{wrong_nonce}", data={"action": "save"}).status_code == 404
    # a new nonce revokes a link already sent
    old = link(mine)
    mine.nonce = "renouvele"
    db.session.commit()
    assert client.get(old).status_code == 404


def test_the_link_closes_with_the_survey(client, two_invitations, link):
    survey, mine, _ = two_invitations
    url = link(mine)
    client.post(url, data={q(survey, 0): "Mixte", "action": "save"})
    survey.status = service.SurveyStatus.CLOSED
    db.session.commit()
    assert client.get(url).status_code == 410
    late = client.post(url, data={**full_answers(survey), "action": "submit"})
    assert late.status_code == 410
    assert db.session.scalar(sa.select(SurveyResponse.submitted_dt)) is None


def test_the_link_expires_after_the_closing_date(client, two_invitations, link):
    survey, mine, _ = two_invitations
    survey.closes_on = (utcnow() - timedelta(days=1)).date()
    db.session.commit()
    assert client.get(link(mine)).status_code == 410
    assert client.post(link(mine), data={**full_answers(survey), "action": "submit"}).status_code == 410
    survey.closes_on = utcnow().date()  # the closing day itself still counts
    db.session.commit()
    assert client.get(link(mine)).status_code == 200


def test_a_draft_survey_has_no_working_link(client, create_collective, create_survey, link):
    survey = create_survey(status="draft")
    create_collective("Les Choux Lents")
    service.address_survey(survey, {})
    db.session.commit()
    invitation = db.session.scalar(sa.select(SurveyInvitation))
    assert client.get(link(invitation)).status_code == 404


def test_the_link_in_the_email_is_the_route_of_the_answer_page(app, two_invitations):
    from flask import url_for

    _, mine, _ = two_invitations
    with app.test_request_context():
        path = url_for("observatory.answer_survey", token=service.link_token(mine))
    assert service.personal_url(mine).endswith(path)
