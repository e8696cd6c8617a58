"""The observatory's part of the authorization matrix's world (tests/app/authorization/).

hls's learner belongs to a listed hls collective; the platform admin stands for the scientific committee (the
matrix has no researcher column: tests/observatory covers researchers). Ids and tokens only.
"""

from __future__ import annotations

from types import SimpleNamespace

import sqlalchemy as sa

from app.db import db


def observatory_world(users: dict, hls, co, pub) -> SimpleNamespace:
    from commons.models import Kind, Phase, Theme
    from observatory.models import (
        AssessmentCriterion,
        AssessmentDimension,
        AssessmentGrid,
        Collective,
        CollectiveMember,
        PlannedResource,
        ProjectKind,
        ResearchQuestion,
        ResourceFeedback,
    )
    from observatory.service import surveys

    phase = db.session.scalar(sa.select(Phase).where(Phase.slug == "chantier"))
    collective = Collective(name="Le Hameau des Buttes", commune="Lodève", departement="34", kind=ProjectKind.HAMEAU,
                            phase=phase, networks=[hls], contact_email="buttes@collectifs.example")
    db.session.add_all([collective, CollectiveMember(collective=collective, user=users["learner"])])
    grid = AssessmentGrid(title="Grille de la matrice", dimensions=[AssessmentDimension(
        title="Gouvernance", criteria=[AssessmentCriterion(label="Règles connues")])])
    db.session.add(grid)
    db.session.flush()
    question = {"label": "Mode de chantier", "kind": "single", "options": ["Entreprises", "Mixte"]}
    survey = surveys.create_survey({"title": "Enquête ouverte"}, users["admin"])
    first = surveys.add_question(survey, question)
    surveys.set_status(survey, surveys.SurveyStatus.OPEN)
    invitation = surveys.address_survey(survey, {})[0]
    draft = surveys.create_survey({"title": "Enquête en construction"}, users["admin"])
    draft_question = surveys.add_question(draft, question)
    research = ResearchQuestion(title="Quel confort d'été ?", submitted_by_id=users["learner"].id)
    kind = db.session.scalar(sa.select(Kind.id).where(Kind.slug == "video"))
    theme = db.session.scalar(sa.select(Theme.id).where(Theme.slug == "gouvernance"))
    plan = PlannedResource(partner_id=hls.id, year=2026, title="Vidéo gouvernance", kind_id=kind, theme_id=theme)
    feedback = ResourceFeedback(resource_id=pub.id, user_id=users["learner"].id, rating=4, comment="Utile")
    db.session.add_all([research, plan, feedback])
    db.session.flush()
    return SimpleNamespace(
        collective=collective.id, grid=grid.id, criterion=grid.dimensions[0].criteria[0].id,
        dimension=grid.dimensions[0].id, survey=survey.id,
        question=first.id, token=surveys.link_token(invitation), draft=draft.id, draft_question=draft_question.id,
        research=research.id, plan=plan.id, feedback=feedback.id, kind=kind, theme=theme, hls=hls.id)


