"""Designing self-assessment grids: a grid holds ordered dimensions, each holding ordered criteria scored on the
observatory's scale (SCORE_MIN to SCORE_MAX). Once collectives have scored a grid, nothing is removed from it, so
the assessments already made stay comparable."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.db import db
from observatory.models import AssessmentCriterion, AssessmentDimension, AssessmentGrid, SelfAssessment


def save_grid(grid: AssessmentGrid | None, data: dict) -> AssessmentGrid:
    """Create or update a grid's title, description and whether collectives see it; titles are unique."""
    taken = db.session.scalar(sa.select(AssessmentGrid.id).where(
        AssessmentGrid.title == data["title"], AssessmentGrid.id != (grid.id if grid else 0)))
    if taken:
        raise ValidationError({"title": [_("Une grille porte déjà ce titre.")]})
    if grid is None:
        grid = AssessmentGrid()
        db.session.add(grid)
    grid.title, grid.description, grid.is_active = data["title"], data["description"], data["is_active"]
    db.session.flush()
    return grid


def assessment_count(grid: AssessmentGrid) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(SelfAssessment)
                             .where(SelfAssessment.grid_id == grid.id)) or 0


def add_dimension(grid: AssessmentGrid, title: str) -> AssessmentDimension:
    dimension = AssessmentDimension(title=title, position=len(grid.dimensions))
    grid.dimensions.append(dimension)
    db.session.flush()
    return dimension


def add_criterion(grid: AssessmentGrid, dimension_id: int, label: str) -> AssessmentCriterion:
    dimension = next((d for d in grid.dimensions if d.id == dimension_id), None)
    if dimension is None:
        raise ValidationError({"dimension_id": [_("Choisissez une dimension de cette grille.")]})
    criterion = AssessmentCriterion(label=label, position=len(dimension.criteria))
    dimension.criteria.append(criterion)
    db.session.flush()
    return criterion


def _check_unused(grid: AssessmentGrid) -> None:
    if assessment_count(grid):
        raise ValidationError({"structure": [_("Des collectifs se sont déjà évalués avec cette grille : on peut "
                                               "y ajouter des critères, pas en retirer.")]})


def remove_dimension(grid: AssessmentGrid, dimension: AssessmentDimension) -> None:
    _check_unused(grid)
    grid.dimensions.remove(dimension)
    for position, kept in enumerate(grid.dimensions):
        kept.position = position
    db.session.flush()


def remove_criterion(grid: AssessmentGrid, criterion: AssessmentCriterion) -> None:
    _check_unused(grid)
    dimension = criterion.dimension
    dimension.criteria.remove(criterion)
    for position, kept in enumerate(dimension.criteria):
        kept.position = position
    db.session.flush()
