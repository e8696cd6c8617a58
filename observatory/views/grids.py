"""The self-assessment grid builder of the scientific committee: grids, their dimensions and criteria."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.db import db
from app.http import french_errors, load_form
from observatory.models import SCORE_MAX, SCORE_MIN, AssessmentCriterion, AssessmentDimension, AssessmentGrid
from observatory.schemas import CriterionInputSchema, DimensionInputSchema, GridInputSchema
from observatory.service import grids as service
from observatory.views import bp, me, require


def grid_or_404(grid_id: int) -> AssessmentGrid:
    """Grids are built by the committee: others are refused before learning whether one exists."""
    require(AssessmentGrid.can_manage(me()))
    grid = db.session.get(AssessmentGrid, grid_id)
    if grid is None:
        abort(404)
    return grid


def _render_list(form=None, errors=None, status=200):
    found = list(db.session.scalars(sa.select(AssessmentGrid).order_by(AssessmentGrid.title)))
    return render_template("observatory/grids.html", grids=found, form=form or {"is_active": "y"},
                           errors=errors or {}, counts={g.id: service.assessment_count(g) for g in found}), status


def _render_grid(grid: AssessmentGrid, status=200, **context):
    context.setdefault("errors", {})
    context.setdefault("form", {})
    context.setdefault("dimension_errors", {})
    context.setdefault("grid_errors", {})
    return render_template("observatory/grid.html", grid=grid, used=service.assessment_count(grid),
                           dimension_options=[(d.id, d.title) for d in grid.dimensions],
                           score_min=SCORE_MIN, score_max=SCORE_MAX, **context), status


def _back(grid: AssessmentGrid, anchor: str = "constructeur"):
    return redirect(url_for("observatory.grid", grid_id=grid.id) + f"#{anchor}", 303)


@bp.get("/observatoire/grilles/")
def grids():
    require(AssessmentGrid.can_manage(me()))
    return _render_list()


@bp.post("/observatoire/grilles/")
def create_grid():
    require(AssessmentGrid.can_manage(me()))
    data, errors = load_form(GridInputSchema())
    if not errors:
        try:
            grid = service.save_grid(None, data)
        except ValidationError as exc:
            errors = french_errors(exc.messages)
    if errors:
        db.session.rollback()
        return _render_list(request.form, errors, 422)
    db.session.commit()
    return _back(grid)


@bp.get("/observatoire/grilles/<int:grid_id>")
def grid(grid_id: int):
    return _render_grid(grid_or_404(grid_id))


@bp.post("/observatoire/grilles/<int:grid_id>")
def update_grid(grid_id: int):
    found = grid_or_404(grid_id)
    data, errors = load_form(GridInputSchema())
    if not errors:
        try:
            service.save_grid(found, data)
        except ValidationError as exc:
            errors = french_errors(exc.messages)
    if errors:
        db.session.rollback()
        return _render_grid(found, 422, grid_errors=errors, grid_form=request.form)
    db.session.commit()
    flash(_("Grille enregistrée."), "success")
    return _back(found, "grille")


@bp.post("/observatoire/grilles/<int:grid_id>/dimensions")
def add_dimension(grid_id: int):
    found = grid_or_404(grid_id)
    data, errors = load_form(DimensionInputSchema())
    if errors:
        return _render_grid(found, 422, dimension_errors=errors)
    service.add_dimension(found, data["title"])
    db.session.commit()
    return _back(found)


@bp.post("/observatoire/grilles/<int:grid_id>/criteres")
def add_criterion(grid_id: int):
    found = grid_or_404(grid_id)
    data, errors = load_form(CriterionInputSchema())
    if not errors:
        try:
            service.add_criterion(found, data["dimension_id"], data["label"])
        except ValidationError as exc:
            errors = french_errors(exc.messages)
    if errors:
        db.session.rollback()
        return _render_grid(found, 422, errors=errors, form=request.form)
    db.session.commit()
    return _back(found)


def _removal(found: AssessmentGrid, remove):
    try:
        remove()
    except ValidationError as exc:
        db.session.rollback()
        return _render_grid(found, 409, errors=french_errors(exc.messages))
    db.session.commit()
    return _back(found)


@bp.post("/observatoire/grilles/<int:grid_id>/dimensions/<int:dimension_id>/supprimer")
def remove_dimension(grid_id: int, dimension_id: int):
    found = grid_or_404(grid_id)
    dimension = db.session.get(AssessmentDimension, dimension_id)
    if dimension is None or dimension.grid_id != found.id:
        abort(404)
    return _removal(found, lambda: service.remove_dimension(found, dimension))


@bp.post("/observatoire/grilles/<int:grid_id>/criteres/<int:criterion_id>/supprimer")
def remove_criterion(grid_id: int, criterion_id: int):
    found = grid_or_404(grid_id)
    criterion = db.session.get(AssessmentCriterion, criterion_id)
    if criterion is None or criterion.dimension.grid_id != found.id:
        abort(404)
    return _removal(found, lambda: service.remove_criterion(found, criterion))
