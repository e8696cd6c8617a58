"""Schemas at the media API's edge: asset status and renditions out, playback position in and out."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class RenditionOutputSchema(Schema):
    label = fields.String(metadata={"description": "`360p`, `720p`, `1080p` ou `audio`"})
    width = fields.Integer()
    height = fields.Integer()
    bitrate = fields.Integer(metadata={"description": "Débit moyen, en bits par seconde"})
    size = fields.Integer(metadata={"description": "Taille du MP4, en octets"})
    url = fields.String(metadata={"description": "Le fichier MP4 (requêtes par plages acceptées)"})


class CaptionOutputSchema(Schema):
    language = fields.String()
    url = fields.String()


class MediaAssetOutputSchema(Schema):
    """A media asset, the state of its transcoding and, once ready, where to play it."""

    id = fields.Integer()
    owner = fields.String(metadata={"description": "Propriétaire, par exemple `resource:12`"})
    filename = fields.String()
    kind = fields.String(metadata={"description": "`video` ou `audio`"})
    state = fields.String(metadata={"description": "`queued`, `running`, `ready` ou `failed`"})
    progress = fields.Integer(metadata={"description": "Avancement de la conversion, de 0 à 100"})
    error = fields.String(allow_none=True, metadata={"description": "Pourquoi la conversion a échoué"})
    duration = fields.Float(allow_none=True)
    width = fields.Integer(allow_none=True)
    height = fields.Integer(allow_none=True)
    hls_url = fields.String(allow_none=True, metadata={"description": "Playlist HLS maîtresse"})
    poster_url = fields.String(allow_none=True)
    thumbnail_url = fields.String(allow_none=True)
    renditions = fields.List(fields.Nested(RenditionOutputSchema))
    captions = fields.List(fields.Nested(CaptionOutputSchema))


class PositionSchema(Schema):
    """Where the signed-in user stopped watching, in seconds from the start."""

    position = fields.Float(required=True, validate=validate.Range(min=0, max=100 * 3600))


class SignedUrlSchema(Schema):
    hls_url = fields.String(allow_none=True)
    mp4_url = fields.String(allow_none=True)
    poster_url = fields.String(allow_none=True)
    captions = fields.List(fields.Nested(CaptionOutputSchema),
                           metadata={"description": "Sous-titres, par des liens signés eux aussi"})
    expires_in = fields.Integer(metadata={"description": "Secondes de validité"})
