"""A researcher builds a survey through the pages: sections, every kind of question, opening, addressing; the
collectives answer through their links and the results page shows charts."""

from __future__ import annotations

import re

import sqlalchemy as sa

from app.db import db
from observatory.models import OutboxMessage, Question, Survey, SurveyStatus
from tests.observatory.chartjson import charts


def test_a_researcher_builds_addresses_and_reads_a_survey(client, login, logout, people, create_collective):
    for index in range(6):
        create_collective(f"Hameau {index}", kind="hameau", contact_email=f"h{index}@collectifs.example")
    create_collective("Oasis à part", kind="oasis")
    login(people.researcher)
    created = client.post("/observatoire/enquetes/", data={"title": "Chantiers 2026", "closes_on": "2099-12-31"})
    assert created.status_code == 303
    survey = db.session.scalar(sa.select(Survey))
    base = f"/observatoire/enquetes/{survey.id}"
    assert client.post(f"{base}/sections", data={"title": "Le chantier"}).status_code == 303
    section = survey.sections[0]
    assert client.post(f"{base}/questions", data={
        "label": "Mode de chantier", "kind": "single", "options_text": "Entreprises\nAutoconstruction\n\nMixte",
        "is_required": "y", "section_id": section.id}).status_code == 303
    for kind, extra in (("multiple", {"options_text": "Bois\nPaille"}), ("scale", {"scale_min": 0, "scale_max": 4}),
                        ("number", {}), ("short_text", {}), ("long_text", {}), ("date", {})):
        assert client.post(f"{base}/questions", data={"label": f"Question {kind}", "kind": kind, **extra}
                           ).status_code == 303
    # bad questions are refused with a message and add nothing
    assert client.post(f"{base}/questions", data={"label": "Un seul choix", "kind": "single",
                                                  "options_text": "Oui"}).status_code == 422
    assert client.post(f"{base}/questions", data={"label": "", "kind": "tarot"}).status_code == 422
    db.session.expire_all()
    questions = db.session.scalars(sa.select(Question).order_by(Question.position)).all()
    assert [q.kind.value for q in questions] == ["single", "multiple", "scale", "number", "short_text", "long_text",
                                                 "date"]
    assert questions[0].options == ["Entreprises", "Autoconstruction", "Mixte"] and questions[0].is_required
    assert questions[0].section_id == section.id and questions[2].scale_max == 4

    assert client.post(f"{base}/statut", data={"status": "open"}).status_code == 303
    assert client.post(f"{base}/questions/{questions[-1].id}/supprimer").status_code == 409  # open: frozen
    assert client.post(f"{base}/destinataires", data={"kinds": ["hameau"]}).status_code == 303
    page = client.get(base).get_data(as_text=True)
    links = re.findall(r'value="(http[^"]+/enquete/[^"]+)"', page)
    assert len(links) == 6
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 6

    logout()
    for index, url in enumerate(links):
        path = url.split("127.0.0.1:5000", 1)[-1] if "127.0.0.1:5000" in url else url[url.index("/enquete/"):]
        answer = {f"q{questions[0].id}": ["Entreprises", "Mixte"][index % 2], f"q{questions[2].id}": str(index % 5),
                  "action": "submit"}
        assert client.post(path, data=answer).status_code == 303
    login(people.researcher)
    results = client.get(f"{base}/resultats").get_data(as_text=True)
    assert "6 réponse(s) envoyée(s) sur 6 collectif(s) invité(s)" in results
    assert len(charts(results)) == 2  # the choice and the scale (5 or more answers each)
    assert "<td>Entreprises</td><td>3</td><td>50.0</td>" in results
    assert client.post(f"{base}/statut", data={"status": "closed"}).status_code == 303
    assert db.session.get(Survey, survey.id).status == SurveyStatus.CLOSED
    assert client.post(f"{base}/relances").status_code == 409


def test_a_survey_cannot_open_without_questions(client, login, people):
    login(people.researcher)
    client.post("/observatoire/enquetes/", data={"title": "Vide"})
    survey = db.session.scalar(sa.select(Survey))
    assert client.post(f"/observatoire/enquetes/{survey.id}/statut", data={"status": "open"}).status_code == 422
    assert db.session.get(Survey, survey.id).status == SurveyStatus.DRAFT


def test_partner_members_see_the_list_and_results_but_not_the_builder(client, login, people, create_survey):
    survey = create_survey()
    login(people.learner_hls)
    page = client.get("/observatoire/enquetes/").get_data(as_text=True)
    assert survey.title in page and "Nouvelle enquête" not in page
    assert client.get(f"/observatoire/enquetes/{survey.id}").status_code == 403
    assert client.post("/observatoire/enquetes/", data={"title": "Pirate"}).status_code == 403
