"""Forms of the import pages, validated at the edge like every other form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, Schema, fields, validate

from app.api import id_field
from commons.imports.fields import FIELDS
from commons.models import Status


class UploadSchema(Schema):
    """The partner the resources will belong to (the file comes in request.files)."""

    class Meta:
        unknown = EXCLUDE

    partner_id = id_field(required=True)


class MappingSchema(Schema):
    """Each column's field ("" to ignore it), and the values given to every row."""

    class Meta:
        unknown = EXCLUDE

    columns = fields.Dict(keys=fields.String(), values=fields.String(validate=validate.OneOf(
        ["", *(field.name for field in FIELDS)], error=_l("Champ inconnu."))), load_default=dict)
    kind_id = id_field(load_default=None, allow_none=True)
    licence_id = id_field(load_default=None, allow_none=True)
    status = fields.String(load_default=Status.DRAFT.value,
                           validate=validate.OneOf([Status.DRAFT.value, Status.PUBLISHED.value]))


class DecisionsSchema(Schema):
    """For each unknown value ("<vocabulary>:<value>"): a term id, or "ignore"."""

    decisions = fields.Dict(keys=fields.String(validate=validate.Length(max=400)),
                            values=fields.String(validate=validate.Regexp(r"^(\d+|ignore)$")), load_default=dict)
