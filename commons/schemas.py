"""Schemas at the HTTP edge of the commons: input (forms and JSON bodies) and output (API)."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate, validates

from commons.models import Status, Visibility

LANGUAGES = ("fr", "en", "de", "es", "it", "br", "oc", "ca", "eu")


class ResourceInputSchema(Schema):
    """What an editor may set on a resource. Taxonomy is given by id and checked against the database."""

    class Meta:
        unknown = EXCLUDE

    title = fields.String(required=True, validate=validate.Length(min=3, max=300,
                          error="Le titre doit faire entre 3 et 300 caractères."))
    summary = fields.String(load_default="", validate=validate.Length(max=2000))
    body = fields.String(load_default="", validate=validate.Length(max=200_000))
    kind_id = fields.Integer(required=True, strict=False)
    owner_partner_id = fields.Integer(required=True, strict=False)
    co_owner_ids = fields.List(fields.Integer(strict=False), load_default=list)
    theme_ids = fields.List(fields.Integer(strict=False), load_default=list)
    phase_ids = fields.List(fields.Integer(strict=False), load_default=list)
    keywords = fields.List(fields.String(validate=validate.Length(min=1, max=120)), load_default=list)
    licence_id = fields.Integer(load_default=None, allow_none=True, strict=False)
    source = fields.String(load_default="", validate=validate.Length(max=500))
    authors = fields.String(load_default="", validate=validate.Length(max=500))
    language = fields.String(load_default="fr", validate=validate.OneOf(LANGUAGES, error="Langue inconnue."))
    content_date = fields.Date(load_default=None, allow_none=True)
    visibility = fields.Enum(Visibility, by_value=True, load_default=Visibility.COMMONS,
                             error="Visibilité inconnue : public, commons ou partner.")
    #: version the form was loaded from; a save from a stale form is refused
    version = fields.Integer(load_default=None, allow_none=True, strict=False)
    comment = fields.String(load_default="", validate=validate.Length(max=300))

    @pre_load
    def split_keywords(self, data, **kwargs):
        """Forms send keywords as one comma-separated text; the API sends a list."""
        keywords = data.get("keywords")
        if isinstance(keywords, str):
            data = dict(data, keywords=[k for k in (part.strip() for part in keywords.split(",")) if k])
        return data

    @validates("keywords")
    def at_most_thirty(self, value, **kwargs):
        if len(value) > 30:
            raise ValidationError("30 mots-clés au plus.")


class StatusChangeSchema(Schema):
    status = fields.Enum(Status, by_value=True, required=True, error="Statut inconnu.")
    comment = fields.String(load_default="", validate=validate.Length(max=300))


class CatalogueFilterSchema(Schema):
    """Filters of the catalogue (page and API): taxonomy by slug, several values allowed for each."""

    class Meta:
        unknown = EXCLUDE

    q = fields.String(load_default="", validate=validate.Length(max=200))
    kind = fields.List(fields.String(), load_default=list)
    theme = fields.List(fields.String(), load_default=list)
    phase = fields.List(fields.String(), load_default=list)
    partner = fields.List(fields.String(), load_default=list)
    licence = fields.List(fields.String(), load_default=list)
    language = fields.List(fields.String(), load_default=list)
    year = fields.List(fields.Integer(validate=validate.Range(min=1900, max=2100)), load_default=list)
    status = fields.List(fields.Enum(Status, by_value=True), load_default=list)
    visibility = fields.List(fields.Enum(Visibility, by_value=True), load_default=list)
    sort = fields.String(load_default="recent", validate=validate.OneOf(["recent", "title", "content_date"]))
