"""Keeping the registry of collectives by hand: create, edit and delete one (the CSV import does it in bulk)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.accounts.models import Partner, Role
from app.db import db
from commons.models import Phase
from observatory.models import Collective, SelfAssessment, SurveyInvitation, SurveyResponse

#: form fields copied as they are onto the collective
PLAIN_FIELDS = ("name", "description", "commune", "departement", "latitude", "longitude", "kind", "households",
                "building_work", "materials", "year_founded", "contact_name", "contact_email", "contact_phone",
                "is_listed")


def _phase(slug: str) -> Phase:
    phase = db.session.scalar(sa.select(Phase).where(Phase.slug == slug, Phase.is_retired.is_(False)))
    if phase is None:
        raise ValidationError({"phase": [_("Phase inconnue.")]})
    return phase


def _networks(slugs: list[str], user, collective: Collective | None) -> list[Partner]:
    """The chosen partners; someone who edits only as a network admin must keep one network they administer."""
    partners = list(db.session.scalars(sa.select(Partner).where(Partner.slug.in_(slugs or [""]))))
    if len(partners) != len(set(slugs)):
        raise ValidationError({"networks": [_("Réseau inconnu.")]})
    speaks_for_it = user.is_researcher or (collective is not None and collective.has_member(user))
    if not speaks_for_it and not {p.id for p in partners} & user.partner_ids({Role.ADMIN}):
        raise ValidationError({"networks": [_("Choisissez au moins un réseau que vous administrez.")]})
    return sorted(partners, key=lambda partner: partner.name)


def save_collective(collective: Collective | None, data: dict, user) -> Collective:
    """Create (collective None) or update a collective from validated form data; ValidationError on conflicts."""
    phase = _phase(data["phase"])
    networks = _networks(data["networks"], user, collective)
    taken = db.session.scalar(sa.select(Collective.id).where(
        Collective.name == data["name"], Collective.commune == data["commune"],
        Collective.id != (collective.id if collective else 0)))
    if taken:
        raise ValidationError({"name": [_("Un collectif de ce nom existe déjà dans cette commune.")]})
    if collective is None:
        collective = Collective()
        db.session.add(collective)
    for name in PLAIN_FIELDS:
        setattr(collective, name, data.get(name))
    collective.contact_email = (data.get("contact_email") or "").lower()
    collective.phase, collective.networks = phase, networks
    db.session.flush()
    return collective


def has_contributed(collective: Collective) -> bool:
    """Whether the collective's answers already count in results (a submitted response or a self-assessment)."""
    answered = sa.select(SurveyResponse.id).join(SurveyInvitation).where(
        SurveyInvitation.collective_id == collective.id, SurveyResponse.submitted_dt.is_not(None))
    assessed = sa.select(SelfAssessment.id).where(SelfAssessment.collective_id == collective.id)
    return bool(db.session.scalar(sa.select(sa.exists(answered))) or db.session.scalar(sa.select(sa.exists(assessed))))


def delete_collective(collective: Collective) -> None:
    """Delete a collective that never contributed; one that did is unlisted instead (its answers stay counted)."""
    if has_contributed(collective):
        raise ValidationError({"collective": [_("Ce collectif a déjà répondu à une enquête ou s'est auto-évalué : "
                                                "ses réponses comptent dans les résultats. Retirez-le plutôt de "
                                                "la liste publique.")]})
    db.session.delete(collective)
    db.session.flush()
