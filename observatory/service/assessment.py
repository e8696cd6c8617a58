"""Self-assessments: scoring a grid, and comparing a collective with the anonymised average of its peers."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.db import db
from observatory.models import SCORE_MAX, SCORE_MIN, AssessmentGrid, Collective, SelfAssessment
from observatory.service.results import MIN_RESPONDENTS


def submit_assessment(grid: AssessmentGrid, collective: Collective, form, user) -> SelfAssessment:
    """Scores from `c<criterion id>` fields; every criterion needs a score between 0 and 4."""
    scores, errors = {}, {}
    for dimension in grid.dimensions:
        for criterion in dimension.criteria:
            raw = (form.get(f"c{criterion.id}") or "").strip()
            if not raw.isdigit() or not SCORE_MIN <= int(raw) <= SCORE_MAX:
                errors[str(criterion.id)] = _("Donnez une note de %(low)s à %(high)s.", low=SCORE_MIN,
                                              high=SCORE_MAX)
            else:
                scores[str(criterion.id)] = int(raw)
    if errors:
        raise ValidationError(errors)
    assessment = SelfAssessment(grid=grid, collective=collective, scores=scores,
                                submitted_by_id=user.id if user is not None else None)
    db.session.add(assessment)
    db.session.flush()
    return assessment


def dimension_means(grid: AssessmentGrid, scores: dict) -> list[float | None]:
    means = []
    for dimension in grid.dimensions:
        values = [scores[str(c.id)] for c in dimension.criteria if str(c.id) in scores]
        means.append(round(sum(values) / len(values), 2) if values else None)
    return means


def latest_assessments(grid: AssessmentGrid) -> dict[int, SelfAssessment]:
    """The latest assessment of each collective on this grid."""
    latest: dict[int, SelfAssessment] = {}
    for assessment in db.session.scalars(sa.select(SelfAssessment).where(SelfAssessment.grid_id == grid.id)
                                         .order_by(SelfAssessment.created_dt, SelfAssessment.id)):
        latest[assessment.collective_id] = assessment
    return latest


@dataclass
class Comparison:
    labels: list[str]
    mine: list[float | None] | None
    #: the average of comparable collectives, or None when fewer than the threshold assessed themselves
    peers: list[float | None] | None
    peer_count_ok: bool


def compare(grid: AssessmentGrid, collective: Collective) -> Comparison:
    """This collective's latest scores per dimension against comparable collectives (same kind of project)."""
    latest = latest_assessments(grid)
    mine = latest.get(collective.id)
    kinds = dict(db.session.execute(sa.select(Collective.id, Collective.kind)
                                    .where(Collective.id.in_(list(latest) or [0]))).all())
    peers = [a for cid, a in latest.items() if cid != collective.id and kinds.get(cid) == collective.kind]
    peer_means = None
    if len(peers) >= MIN_RESPONDENTS:
        per_peer = [dimension_means(grid, p.scores) for p in peers]
        peer_means = []
        for index in range(len(grid.dimensions)):
            values = [means[index] for means in per_peer if means[index] is not None]
            peer_means.append(round(sum(values) / len(values), 2) if len(values) >= MIN_RESPONDENTS else None)
    return Comparison(labels=[d.title for d in grid.dimensions],
                      mine=dimension_means(grid, mine.scores) if mine else None,
                      peers=peer_means, peer_count_ok=peer_means is not None)
