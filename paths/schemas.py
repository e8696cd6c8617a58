"""Marshmallow schemas of paths at the HTTP edge: progress batches, session forms, answers."""

from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from app.api import id_field
from app.db import MAX_ID
from paths.models import EventKind

MAX_BATCH = 500
MAX_SEGMENTS = 200


class SegmentField(fields.List):
    """A played interval [start, end] in seconds."""

    def __init__(self, **kwargs):
        super().__init__(fields.Float(validate=validate.Range(min=0, max=86_400)),
                         validate=validate.Length(equal=2), **kwargs)


class ProgressEventSchema(Schema):
    class Meta:
        unknown = RAISE

    client_id = fields.String(required=True, validate=validate.Length(min=8, max=64),
                              metadata={"description": "Identifiant généré par le client (UUID) : "
                                                    "un renvoi compte une fois"})
    session_id = id_field(required=True)
    step_id = id_field(required=True)
    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in EventKind]),
                         metadata={"description": "opened, video (segments joués) ou done"})
    occurred_at = fields.AwareDateTime(metadata={"description": "Moment de l'événement chez le client"})
    segments = fields.List(SegmentField(), validate=validate.Length(max=MAX_SEGMENTS),
                           metadata={"description": "Intervalles [début, fin] réellement joués, en secondes"})
    duration = fields.Float(validate=validate.Range(min=0.1, max=86_400),
                            metadata={"description": "Durée de la vidéo annoncée par le lecteur, en secondes"})

    @validates_schema
    def _segments_are_ordered(self, data, **kwargs):
        for start, end in data.get("segments", []):
            if end < start:
                raise ValidationError("La fin d'un segment précède son début.", "segments")


class ProgressBatchSchema(Schema):
    class Meta:
        unknown = RAISE

    events = fields.List(fields.Nested(ProgressEventSchema), required=True,
                         validate=validate.Length(min=1, max=MAX_BATCH))


class RefusedEventSchema(Schema):
    client_id = fields.String()
    reason = fields.String(metadata={"description": "not_enrolled, not_open, archived, unknown_step, locked"})
    detail = fields.String()


class ProgressResultSchema(Schema):
    accepted = fields.List(fields.String())
    duplicates = fields.List(fields.String(), metadata={"description": "Déjà reçus : sans effet"})
    refused = fields.List(fields.Nested(RefusedEventSchema))
    completed_steps = fields.List(fields.Integer())


class XapiArgsSchema(Schema):
    after = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_ID))
    limit = fields.Integer(load_default=500, validate=validate.Range(min=1, max=2000))


class XapiPageSchema(Schema):
    statements = fields.List(fields.Dict())
    more = fields.String(allow_none=True, metadata={"description": "Adresse de la page suivante, s'il y en a une"})


class SessionFormSchema(Schema):
    """The session form of facilitators' pages (dates as datetime-local, in UTC)."""

    title = fields.String(required=True, validate=validate.Length(min=1, max=300))
    enrol_opens_at = fields.NaiveDateTime(required=True, format="%Y-%m-%dT%H:%M")
    enrol_closes_at = fields.NaiveDateTime(required=True, format="%Y-%m-%dT%H:%M")
    opens_at = fields.NaiveDateTime(required=True, format="%Y-%m-%dT%H:%M")
    closes_at = fields.NaiveDateTime(required=True, format="%Y-%m-%dT%H:%M")
    capacity = fields.Integer(validate=validate.Range(min=1), allow_none=True)

    @validates_schema
    def _dates_in_order(self, data, **kwargs):
        if {"enrol_opens_at", "enrol_closes_at"} <= data.keys() and data["enrol_closes_at"] <= data["enrol_opens_at"]:
            raise ValidationError("La fin des inscriptions doit suivre leur ouverture.", "enrol_closes_at")
        if {"opens_at", "closes_at"} <= data.keys() and data["closes_at"] <= data["opens_at"]:
            raise ValidationError("La clôture doit suivre l'ouverture.", "closes_at")


class AnnouncementSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    body = fields.String(required=True, validate=validate.Length(min=1, max=20_000))


class InvitationSchema(Schema):
    email = fields.Email(required=True)


class DeleteSessionSchema(Schema):
    """The confirmation page's form: deleting takes an explicit yes."""

    confirm = fields.Boolean(required=True, validate=validate.Equal(True))
