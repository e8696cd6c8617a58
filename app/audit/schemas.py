"""The journal at the HTTP edge: its filters (page and API query string) and its JSON output."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, Schema, fields, pre_load, validate, validates_schema
from marshmallow import ValidationError as MarshmallowError

from app.api import PageMetaSchema
from app.audit.service import ACTION_LABELS


class JournalFilterSchema(Schema):
    """Filters of the journal; empty fields of the HTML form mean "any"."""

    class Meta:
        unknown = EXCLUDE

    action = fields.String(validate=validate.OneOf(list(ACTION_LABELS), error=_l("Action inconnue.")),
                           metadata={"description": "Nom de l'action, ex. `membership.role_changed`"})
    partner = fields.Integer(metadata={"description": "Identifiant du partenaire concerné"})
    actor = fields.String(validate=validate.Length(max=200),
                          metadata={"description": "Nom ou adresse de la personne (recherche partielle)"})
    since = fields.Date(metadata={"description": "À partir de ce jour (inclus), AAAA-MM-JJ"})
    until = fields.Date(metadata={"description": "Jusqu'à ce jour (inclus), AAAA-MM-JJ"})

    @pre_load
    def _drop_empty(self, data, **kwargs):
        return {key: value for key, value in data.items() if value not in ("", None)}

    @validates_schema
    def _ordered_dates(self, data, **kwargs):
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise MarshmallowError(_("La date de fin précède la date de début."), "until")


class AuditEventSchema(Schema):
    id = fields.Integer()
    created_dt = fields.DateTime()
    action = fields.String()
    actor_id = fields.Integer(allow_none=True)
    actor_label = fields.String()
    target_type = fields.String()
    target_id = fields.Integer(allow_none=True)
    target_label = fields.String()
    partner_id = fields.Integer(allow_none=True)
    details = fields.Dict(metadata={"description": "Champs changés : {champ: {before, after}}, et autres faits"})
    ip = fields.String(allow_none=True)


class AuditPageSchema(Schema):
    items = fields.List(fields.Nested(AuditEventSchema))
    meta = fields.Nested(PageMetaSchema)
