"""What the publishers share: the public catalogue query, absolute links, dates in the forms others expect."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import selectinload

from commons.models import Resource

PARIS = ZoneInfo("Europe/Paris")


def public_resources() -> sa.Select:
    """Resources an anonymous visitor may read, oldest first (a stable order for paging and harvesting)."""
    return (sa.select(Resource).where(Resource.visible_to(None))
            .options(selectinload(Resource.themes), selectinload(Resource.phases),
                     selectinload(Resource.keywords), selectinload(Resource.co_owners))
            .order_by(Resource.id))


def resource_page(resource: Resource) -> str:
    return url_for("commons.resource", resource_id=resource.id, _external=True)


def paris_time(value: datetime | None) -> str:
    """YesWiki's `Y-m-d H:i:s`, in the wiki's local time (Europe/Paris)."""
    if value is None:
        return ""
    return value.astimezone(PARIS).strftime("%Y-%m-%d %H:%M:%S")


def iso_utc(value: datetime | None) -> str | None:
    """`2026-11-28T14:05:00Z`: seconds granularity, UTC, as OAI-PMH and xsd:dateTime take it."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def compact_json(data) -> str:
    """JSON without any whitespace: YesWiki drops what precedes the first `{` unless it is at index 0 or 1."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
