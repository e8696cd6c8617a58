"""Learners' ratings and comments on resources; comments are published once an owner's editor approves them."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db
from commons.models import Resource
from observatory.models import CommentStatus, ResourceFeedback


def give_feedback(resource: Resource, user, rating: int, comment: str) -> ResourceFeedback:
    """One rating per reader and resource; giving it again replaces it, and a changed comment is moderated anew."""
    feedback = db.session.scalar(sa.select(ResourceFeedback).where(
        ResourceFeedback.resource_id == resource.id, ResourceFeedback.user_id == user.id))
    if feedback is None:
        feedback = ResourceFeedback(resource_id=resource.id, user_id=user.id, rating=rating, comment="")
        db.session.add(feedback)
    if comment.strip() != feedback.comment:
        feedback.comment = comment.strip()
        feedback.comment_status = CommentStatus.PENDING
        feedback.moderated_by_id = None
    feedback.rating = rating
    db.session.flush()
    return feedback


def rating_summary(resource_id: int) -> tuple[float | None, int]:
    average, count = db.session.execute(
        sa.select(sa.func.avg(ResourceFeedback.rating), sa.func.count())
        .where(ResourceFeedback.resource_id == resource_id)).one()
    return (round(float(average), 1) if average is not None else None), count


def approved_comments(resource_id: int) -> list[ResourceFeedback]:
    return list(db.session.scalars(
        sa.select(ResourceFeedback).where(ResourceFeedback.resource_id == resource_id,
                                          ResourceFeedback.comment != "",
                                          ResourceFeedback.comment_status == CommentStatus.APPROVED)
        .order_by(ResourceFeedback.updated_dt.desc())))


def pending_for(user) -> list[ResourceFeedback]:
    """Comments waiting for this editor: on resources they may edit (owner or co-owner partners)."""
    return list(db.session.scalars(
        sa.select(ResourceFeedback).join(Resource)
        .where(ResourceFeedback.comment_status == CommentStatus.PENDING, ResourceFeedback.comment != "",
               Resource.editable_by(user), Resource.is_deleted.is_(False))
        .order_by(ResourceFeedback.created_dt)))


def moderate(feedback: ResourceFeedback, approve: bool, moderator) -> None:
    feedback.comment_status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
    feedback.moderated_by_id = moderator.id
    db.session.flush()
