"""Fixtures of the observatory: the three networks, people in each role, collectives and surveys factories."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.accounts.models import Partner, Role
from app.db import db


@pytest.fixture
def phases(app_ctx):
    """The seeded taxonomy's project phases, by slug (collectives use the commons' vocabulary)."""
    from commons.models import Phase
    from commons.seed import seed_taxonomy

    seed_taxonomy()
    db.session.commit()
    return {phase.slug: phase for phase in db.session.scalars(sa.select(Phase))}


@pytest.fixture
def networks(app_ctx):
    partners = {slug: Partner(slug=slug, name=name, short_name=slug.upper())
                for slug, name in (("hpf", "Habitat Participatif France"), ("hls", "Hameaux Légers"),
                                   ("co", "Coopérative Oasis"))}
    db.session.add_all(partners.values())
    db.session.commit()
    return SimpleNamespace(**partners)


@pytest.fixture
def people(networks, create_user):
    """One user per role that matters to the observatory."""
    return SimpleNamespace(
        researcher=create_user(email="chercheuse@example.org", name="Hélène", partner=networks.hpf,
                               role=Role.RESEARCHER),
        learner_hls=create_user(email="apprenant@hls.example", name="Mathis", partner=networks.hls,
                                role=Role.LEARNER),
        editor_co=create_user(email="editrice@co.example", name="Élodie", partner=networks.co, role=Role.EDITOR),
        admin_hls=create_user(email="admin@hls.example", name="Gwen", partner=networks.hls, role=Role.ADMIN),
        outsider=create_user(email="personne@example.org", name="Sans réseau"),
        platform=create_user(email="plateforme@example.org", name="Anne", is_platform_admin=True),
    )


@pytest.fixture
def create_collective(phases, networks):
    """`create_collective(name, kind="habitat", phase="chantier", departement="26", networks=("hls",), ...)`."""
    from observatory.models import Collective, ProjectKind

    def make(name, kind="habitat", phase="chantier", departement="26", networks_=("hls",), commune=None,
             members=(), **fields):
        collective = Collective(name=name, kind=ProjectKind(kind), phase=phases[phase], departement=departement,
                                commune=commune or f"Commune de {name}",
                                networks=[getattr(networks, slug) for slug in networks_], **fields)
        db.session.add(collective)
        db.session.flush()
        from observatory.models import CollectiveMember

        for user in members:
            db.session.add(CollectiveMember(collective=collective, user=user))
        db.session.commit()
        return collective

    return make


@pytest.fixture
def create_survey(people):
    """`create_survey(questions=[{...}], status="open", closes_on=None)`, built through the service."""
    from observatory.models import SurveyStatus
    from observatory.service import surveys as service

    def make(title="Enquête test", questions=None, status="open", closes_on=None):
        survey = service.create_survey({"title": title, "closes_on": closes_on}, people.researcher)
        for question in questions or [{"label": "Mode de chantier", "kind": "single",
                                       "options": ["Entreprises", "Autoconstruction", "Mixte"],
                                       "is_required": True}]:
            service.add_question(survey, question)
        if status != "draft":
            service.set_status(survey, SurveyStatus(status))
        db.session.commit()
        return survey

    return make


@pytest.fixture
def link():
    """The personal link path of an invitation."""
    from observatory.service.surveys import link_token

    return lambda invitation: f"/enquete/{link_token(invitation)}"
