"""Input schemas of the sync pages: registering a source, saving its mapping."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from commons.models import Visibility
from partners.interop.connectors import REGISTRY


class SourceInputSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    connector = fields.String(required=True, validate=validate.OneOf(list(REGISTRY), error=_l("Système inconnu.")))
    url = fields.Url(required=True, schemes={"http", "https"}, require_tld=False,
                     validate=validate.Length(max=500))
    form_id = fields.String(load_default="", validate=validate.Regexp(r"^[0-9A-Za-z_]{0,40}$",
                                                                     error=_l("Numéro de formulaire invalide.")))
    partner_id = fields.Integer(required=True)
    interval_minutes = fields.Integer(load_default=0, validate=validate.Range(min=0, max=10080))

    @validates_schema
    def _form_for_yeswiki(self, data, **kwargs):
        if data.get("connector") == "yeswiki" and not data.get("form_id"):
            raise ValidationError({"form_id": [_l("Indiquez le numéro du formulaire Bazar.")]})


class MappingInputSchema(Schema):
    """Which remote field gives which resource field; the option maps are read beside it (kinds.<key>=slug…)."""

    title = fields.String(load_default="")
    summary = fields.String(load_default="")
    body = fields.String(load_default="")
    source = fields.String(load_default="")
    authors = fields.String(load_default="")
    kind_field = fields.String(load_default="")
    theme_field = fields.String(load_default="")
    phase_field = fields.String(load_default="")
    kind_default = fields.String(load_default="")
    visibility = fields.String(load_default=Visibility.PUBLIC.value,
                               validate=validate.OneOf([v.value for v in Visibility]))
    interval_minutes = fields.Integer(load_default=0, validate=validate.Range(min=0, max=10080))
