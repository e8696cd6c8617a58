"""Self-assessment: a collective scores a grid and sees its radar against comparable collectives."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.db import db
from observatory import chartdata
from observatory.models import SCORE_MAX, SCORE_MIN, AssessmentGrid
from observatory.service import assessment as service
from observatory.service.results import MIN_RESPONDENTS
from observatory.views import bp, deny, me
from observatory.views.collectives import collective_or_404


def _grid_or_404(grid_id: int) -> AssessmentGrid:
    grid = db.session.get(AssessmentGrid, grid_id)
    if grid is None or not grid.is_active:
        abort(404)
    return grid


def _render(collective, grid, errors=None, status=200):
    comparison = service.compare(grid, collective)
    series = []
    if comparison.mine:
        series.append((_("Notre collectif"), comparison.mine))
    if comparison.peers:
        series.append((_("Moyenne des collectifs comparables"), comparison.peers))
    radar = chartdata.radar(_("Auto-évaluation : %(grid)s", grid=grid.title), comparison.labels, series,
                            SCORE_MAX, SCORE_MIN) if series else None
    return render_template("observatory/assessment.html", collective=collective, grid=grid,
                           comparison=comparison, radar=radar, errors=errors or {}, minimum=MIN_RESPONDENTS,
                           score_range=range(SCORE_MIN, SCORE_MAX + 1), form=request.form), status


@bp.get("/observatoire/collectifs/<int:collective_id>/auto-evaluation/<int:grid_id>")
def self_assessment(collective_id: int, grid_id: int):
    collective = collective_or_404(collective_id)
    if not collective.can_see_private(me()):
        deny()
    return _render(collective, _grid_or_404(grid_id))


@bp.post("/observatoire/collectifs/<int:collective_id>/auto-evaluation/<int:grid_id>")
def submit_self_assessment(collective_id: int, grid_id: int):
    collective = collective_or_404(collective_id)
    if not collective.can_see_private(me()):
        deny()
    grid = _grid_or_404(grid_id)
    try:
        service.submit_assessment(grid, collective, request.form, me())
    except ValidationError as exc:
        db.session.rollback()
        return _render(collective, grid, exc.messages, 422)
    db.session.commit()
    flash(_("Auto-évaluation enregistrée."), "success")
    return redirect(url_for("observatory.self_assessment", collective_id=collective.id, grid_id=grid.id), 303)
