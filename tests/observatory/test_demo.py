"""`flask demo load` fills the observatory: collectives of the three networks in various phases, a survey with
enough responses for its charts, self-assessments, a plan per partner, usage events; loading twice adds nothing."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db
from observatory.demo import RESEARCHER_EMAIL
from observatory.models import (
    Collective,
    PlannedResource,
    ResearchQuestion,
    SelfAssessment,
    Survey,
    SurveyResponse,
    UsageEvent,
)
from tests.observatory.chartjson import charts

MODELS = (Collective, Survey, SurveyResponse, SelfAssessment, ResearchQuestion, PlannedResource, UsageEvent)


def counts() -> dict[str, int]:
    return {m.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(m)) for m in MODELS}


def test_demo_content_shows_real_charts_and_loads_twice_the_same(app, app_ctx, client, login):
    from app.accounts.service import find_user_by_email

    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert RESEARCHER_EMAIL in result.output
    first = counts()
    assert first["Collective"] == 24 and first["PlannedResource"] >= 3 and first["UsageEvent"] > 1000
    networks = {p.slug for c in db.session.scalars(sa.select(Collective)) for p in c.networks}
    assert networks == {"hpf", "hls", "co"}
    assert len({c.phase_id for c in db.session.scalars(sa.select(Collective))}) >= 6
    partners = {item.partner_id for item in db.session.scalars(sa.select(PlannedResource))}
    assert len(partners) == 3

    again = app.test_cli_runner().invoke(args=["demo", "load"])
    assert again.exit_code == 0, again.output
    assert counts() == first

    researcher = find_user_by_email(RESEARCHER_EMAIL)
    assert researcher.is_researcher
    login(researcher)
    survey = db.session.scalar(sa.select(Survey))
    results = client.get(f"/observatoire/enquetes/{survey.id}/resultats").get_data(as_text=True)
    assert len(charts(results)) >= 4 and "Résultat masqué" not in results
    assert len(charts(client.get("/observatoire/statistiques").get_data(as_text=True))) == 3
    assert client.get("/observatoire/plans/").get_data(as_text=True).count("obs-overlap") >= 2
