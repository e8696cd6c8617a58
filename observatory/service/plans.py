"""Production plans: partners' planned resources per year, the shared view, and overlap detection."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.db import db
from commons.models import Kind, Resource, Status, Theme
from observatory.models import PlannedResource, PlanStatus


def add_planned(data: dict) -> PlannedResource:
    for model, key in ((Kind, "kind_id"), (Theme, "theme_id")):
        if db.session.get(model, data[key]) is None:
            raise ValidationError({key: [_("Valeur inconnue.")]})
    item = PlannedResource(**data)
    db.session.add(item)
    db.session.flush()
    return item


def update_planned(item: PlannedResource, status: PlanStatus, resource: Resource | None) -> None:
    """Change the status; linking a published resource marks the line published."""
    item.status = status
    item.resource_id = resource.id if resource is not None else None
    if resource is not None and resource.status == Status.PUBLISHED:
        item.status = PlanStatus.PUBLISHED
    db.session.flush()


def plans_for_year(year: int) -> list[PlannedResource]:
    return list(db.session.scalars(
        sa.select(PlannedResource).where(PlannedResource.year == year)
        .order_by(PlannedResource.partner_id, PlannedResource.quarter, PlannedResource.title)))


def overlaps(items: list[PlannedResource]) -> dict[int, list[PlannedResource]]:
    """Item id -> the other partners' lines of the same year, theme and kind (dropped lines ignored)."""
    groups: dict[tuple, list[PlannedResource]] = defaultdict(list)
    for item in items:
        if item.status != PlanStatus.DROPPED:
            groups[(item.year, item.theme_id, item.kind_id)].append(item)
    found: dict[int, list[PlannedResource]] = {}
    for group in groups.values():
        for item in group:
            others = [other for other in group if other.partner_id != item.partner_id]
            if others:
                found[item.id] = others
    return found


def plan_years() -> list[int]:
    return list(db.session.scalars(sa.select(PlannedResource.year).distinct().order_by(PlannedResource.year)))
