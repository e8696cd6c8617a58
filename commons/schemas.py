"""Schemas at the HTTP edge of the commons: input (forms and JSON bodies) and output (API)."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_smorest.fields import Upload
from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate, validates

from app.api import PageMetaSchema, id_field
from app.db import MAX_ID
from commons.models import Status, Visibility

LANGUAGES = ("fr", "en", "de", "es", "it", "br", "oc", "ca", "eu")


class ResourceInputSchema(Schema):
    """What an editor may set on a resource. Taxonomy is given by id and checked against the database."""

    class Meta:
        unknown = EXCLUDE

    title = fields.String(required=True, validate=validate.Length(min=3, max=300,
                          error=_l("Le titre doit faire entre 3 et 300 caractères.")))
    summary = fields.String(load_default="", validate=validate.Length(max=2000))
    body = fields.String(load_default="", validate=validate.Length(max=200_000))
    kind_id = id_field(required=True)
    owner_partner_id = id_field(required=True)
    co_owner_ids = fields.List(id_field(), load_default=list)
    theme_ids = fields.List(id_field(), load_default=list)
    phase_ids = fields.List(id_field(), load_default=list)
    keywords = fields.List(fields.String(validate=validate.Length(min=1, max=120)), load_default=list)
    licence_id = id_field(load_default=None, allow_none=True)
    source = fields.String(load_default="", validate=validate.Length(max=500))
    authors = fields.String(load_default="", validate=validate.Length(max=500))
    language = fields.String(load_default="fr", validate=validate.OneOf(LANGUAGES, error=_l("Langue inconnue.")))
    content_date = fields.Date(load_default=None, allow_none=True)
    visibility = fields.Enum(Visibility, by_value=True, load_default=Visibility.COMMONS,
                             error_messages={"unknown": _l("Visibilité inconnue : public, commons ou partner.")})
    #: version the form was loaded from; a save from a stale form is refused
    version = fields.Integer(load_default=None, allow_none=True, strict=False, validate=validate.Range(max=MAX_ID))
    comment = fields.String(load_default="", validate=validate.Length(max=300))

    @pre_load
    def split_keywords(self, data, **kwargs):
        """Forms send keywords as one comma-separated text; the API sends a list."""
        keywords = data.get("keywords") if isinstance(data, dict) else None  # not a dict: marshmallow says so
        if isinstance(keywords, str):
            data = dict(data, keywords=[k for k in (part.strip() for part in keywords.split(",")) if k])
        return data

    @validates("keywords")
    def at_most_thirty(self, value, **kwargs):
        if len(value) > 30:
            raise ValidationError(_("30 mots-clés au plus."))


class StatusChangeSchema(Schema):
    status = fields.Enum(Status, by_value=True, required=True,
                         error_messages={"unknown": _l("Statut inconnu : draft, in_review, published ou archived.")})
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


# Output (JSON API) --------------------------------------------------------------------------------------------

class TermRefSchema(Schema):
    """A taxonomy term as shown inside a resource."""

    id = fields.Integer()
    slug = fields.String()
    label = fields.String()


class LicenceRefSchema(TermRefSchema):
    url = fields.String(allow_none=True)


class PartnerRefSchema(Schema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String()


class AttachmentOutputSchema(Schema):
    id = fields.Integer()
    filename = fields.String()
    mime_type = fields.String()
    size = fields.Integer(metadata={"description": "Taille en octets"})
    created_dt = fields.DateTime()
    url = fields.Method("_url", metadata={"description": "Téléchargement du fichier"})

    def _url(self, attachment) -> str:
        return url_for("commons.download_attachment", attachment_id=attachment.id, filename=attachment.filename,
                       _external=True)


class KeywordOutputSchema(Schema):
    label = fields.String()


class ResourceOutputSchema(Schema):
    """A resource as listed: everything but the body and the attachments."""

    id = fields.Integer()
    title = fields.String()
    summary = fields.String()
    kind = fields.Nested(TermRefSchema)
    owner_partner = fields.Nested(PartnerRefSchema)
    co_owners = fields.List(fields.Nested(PartnerRefSchema))
    themes = fields.List(fields.Nested(TermRefSchema))
    phases = fields.List(fields.Nested(TermRefSchema))
    keywords = fields.Pluck(KeywordOutputSchema, "label", many=True)
    licence = fields.Nested(LicenceRefSchema, allow_none=True)
    source = fields.String()
    authors = fields.String()
    language = fields.String()
    content_date = fields.Date(allow_none=True)
    published_dt = fields.DateTime(allow_none=True)
    created_dt = fields.DateTime()
    updated_dt = fields.DateTime()
    status = fields.Enum(Status, by_value=True)
    visibility = fields.Enum(Visibility, by_value=True)
    version = fields.Integer(metadata={"description": "À renvoyer dans `version` pour une modification sûre"})
    is_deleted = fields.Boolean(metadata={"description": "Dans la corbeille (visible de ses seuls éditeur·rices)"})
    url = fields.Method("_url", metadata={"description": "Page de la ressource"})

    def _url(self, resource) -> str:
        return url_for("commons.resource", resource_id=resource.id, _external=True)


class ResourceDetailSchema(ResourceOutputSchema):
    """One resource in full: Markdown source, sanitised HTML and attachments."""

    body = fields.String(metadata={"description": "Source Markdown"})
    body_html = fields.Method("_body_html", metadata={"description": "HTML assaini"})
    attachments = fields.List(fields.Nested(AttachmentOutputSchema))

    def _body_html(self, resource) -> str:
        from app.text import render_markdown

        return str(render_markdown(resource.body))


class ResourcePageSchema(Schema):
    items = fields.List(fields.Nested(ResourceOutputSchema))
    meta = fields.Nested(PageMetaSchema)


class RevisionOutputSchema(Schema):
    number = fields.Integer()
    created_dt = fields.DateTime()
    author = fields.Function(lambda revision: revision.author.name if revision.author else None,
                             metadata={"description": "Nom de l'auteur·rice"})
    comment = fields.String()


class FieldChangeSchema(Schema):
    field = fields.String()
    label = fields.String()
    before = fields.String()
    after = fields.String()
    lines = fields.Function(
        lambda change: [{"sign": sign, "text": text} for sign, text in change.lines]
        if change.lines is not None else None,
        metadata={"description": "Pour les textes longs : lignes `+` ajoutées, `-` retirées, ` ` inchangées"})


class RevisionDetailSchema(RevisionOutputSchema):
    snapshot = fields.Dict(metadata={"description": "Champs de la ressource, taxonomie par slug"})
    changes = fields.List(fields.Nested(FieldChangeSchema),
                          metadata={"description": "Différences avec la révision précédente"})


class TermOutputSchema(Schema):
    """A term of a vocabulary as platform admins manage it."""

    id = fields.Integer()
    slug = fields.String()
    label = fields.String()
    label_en = fields.String()
    description = fields.String()
    position = fields.Integer()
    is_retired = fields.Boolean()
    url = fields.String(allow_none=True, metadata={"description": "Licences seulement"})


class TaxonomyOutputSchema(Schema):
    kinds = fields.List(fields.Nested(TermOutputSchema))
    themes = fields.List(fields.Nested(TermOutputSchema))
    phases = fields.List(fields.Nested(TermOutputSchema))
    licences = fields.List(fields.Nested(TermOutputSchema))


class TaxonomyArgsSchema(Schema):
    include_retired = fields.Boolean(load_default=False,
                                     metadata={"description": "Inclure les termes retirés"})


class ResourcePatchSchema(ResourceInputSchema):
    """A partial update of a resource: only the fields sent change."""

    def __init__(self, **kwargs):
        super().__init__(**{"partial": True, **kwargs})


class AttachmentUploadSchema(Schema):
    file = Upload(required=True, metadata={"description": "Le fichier (multipart/form-data)"})
