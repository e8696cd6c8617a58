"""Marshmallow schemas of the course authoring forms."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.api import id_field
from courses.models import CompletionRule, Level


class CourseInputSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=300))
    summary = fields.String(load_default="", validate=validate.Length(max=20_000))
    owner_partner_id = id_field(required=True)
    level = fields.Enum(Level, by_value=True, load_default=Level.BEGINNER)
    estimated_minutes = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=100_000))
    #: the cover image itself comes as the `cover` file of the form (courses.covers)
    remove_cover = fields.Boolean(load_default=False)
    licence_id = id_field(allow_none=True)


class SequenceInputSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=300))
    summary = fields.String(load_default="", validate=validate.Length(max=20_000))


class StepInputSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=300))
    intro = fields.String(load_default="", validate=validate.Length(max=20_000))
    resource_id = id_field(allow_none=True, load_default=None)
    completion_rule = fields.Enum(CompletionRule, by_value=True, load_default=CompletionRule.VIEWED)
    video_seconds = fields.Float(allow_none=True, validate=validate.Range(min=1, max=86_400))


class MoveSchema(Schema):
    direction = fields.String(required=True, validate=validate.OneOf(["up", "down"]))


class PublishSchema(Schema):
    published = fields.Boolean(required=True)


class CopySchema(Schema):
    partner_id = id_field(required=True)


class DeleteSchema(Schema):
    """The confirmation page's form: deleting takes an explicit yes."""

    confirm = fields.Boolean(required=True, validate=validate.Equal(True))
