"""Research questions: proposed by signed-in people, triaged by the scientific committee, results linked."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db
from observatory.models import QuestionStatus, ResearchQuestion


def test_a_member_proposes_the_committee_triages_and_links_results(client, login, logout, people,
                                                                    create_collective, networks):
    from commons import service
    from commons.models import Kind, Status, Visibility
    from commons.seed import seed_taxonomy

    collective = create_collective("Le Hameau des Buttes", kind="hameau", members=[people.learner_hls])
    login(people.learner_hls)
    assert client.post("/observatoire/questions-de-recherche/", data={
        "title": "Quel confort d'été dans les tiny houses ?", "details": "32 °C en juillet.",
        "collective_id": collective.id}).status_code == 303
    question = db.session.scalar(sa.select(ResearchQuestion))
    assert question.status == QuestionStatus.PROPOSED and question.collective_id == collective.id
    # proposed: seen by its author and the committee only
    assert "confort d" in client.get("/observatoire/questions-de-recherche/").get_data(as_text=True)
    login(people.editor_co)
    assert "confort d" not in client.get("/observatoire/questions-de-recherche/").get_data(as_text=True)
    assert client.post(f"/observatoire/questions-de-recherche/{question.id}/statut",
                       data={"status": "accepted"}).status_code == 404
    logout()
    assert "confort d" not in client.get("/observatoire/questions-de-recherche/").get_data(as_text=True)

    seed_taxonomy()
    kind = db.session.scalar(sa.select(Kind.id).where(Kind.slug == "document-scientifique"))
    study = service.create_resource({"title": "Confort d'été : mesures dans six hameaux", "kind_id": kind,
                                     "owner_partner_id": networks.hls.id, "visibility": Visibility.PUBLIC},
                                    people.platform)
    service.change_status(study, Status.PUBLISHED, people.platform)
    db.session.commit()
    login(people.researcher)
    assert client.post(f"/observatoire/questions-de-recherche/{question.id}/statut", data={
        "status": "published", "committee_note": "Étude menée en 2026.",
        "resource_ids_text": str(study.id)}).status_code == 303
    db.session.refresh(question)
    assert question.status == QuestionStatus.PUBLISHED and [r.id for r in question.resources] == [study.id]
    logout()
    page = client.get("/observatoire/questions-de-recherche/").get_data(as_text=True)
    assert "Résultats publiés" in page and f"/ressources/{study.id}" in page


def test_only_the_committee_triages(client, login, people):
    question = ResearchQuestion(title="Les oasis réduisent-elles l'empreinte carbone ?",
                                status=QuestionStatus.ACCEPTED)
    db.session.add(question)
    db.session.commit()
    for user in (people.admin_hls, people.editor_co, people.learner_hls):
        login(user)
        assert client.post(f"/observatoire/questions-de-recherche/{question.id}/statut",
                           data={"status": "funded"}).status_code == 403
    login(people.researcher)
    assert client.post(f"/observatoire/questions-de-recherche/{question.id}/statut",
                       data={"status": "funded", "resource_ids_text": "999999"}).status_code == 422
    db.session.refresh(question)
    assert question.status == QuestionStatus.ACCEPTED


def test_proposing_for_a_collective_one_does_not_belong_to_is_refused(client, login, people, create_collective):
    collective = create_collective("Les Choux Lents")
    login(people.learner_hls)
    response = client.post("/observatoire/questions-de-recherche/", data={"title": "Une question",
                                                                          "collective_id": collective.id})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ResearchQuestion)) == 0
