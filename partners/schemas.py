"""Marshmallow schemas of the partners' forms (design, portal and framing settings, onboarding) and of oEmbed."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.accounts.schemas import Trimmed
from partners.design import COLOUR_DEFAULTS, HEX_COLOUR, TYPEFACES, contrast_failures
from partners.models import SearchScope

MAX_LINKS = 8
HOST_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")
SLUG = re.compile(r"^[a-z0-9]([a-z0-9-]{0,58}[a-z0-9])?$")
#: hosts where plain http is accepted for framing origins (development machines)
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}


def _max(length: int) -> validate.Length:
    return validate.Length(max=length, error=_l("Au plus %(n)s caractères.", n=length))


class Colour(fields.String):
    """A `#rrggbb` colour, stored lower-case."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs).strip().lower()
        if not HEX_COLOUR.match(value):
            raise ValidationError(_("Indiquez une couleur au format #rrvvbb, par exemple #2f6f4e."))
        return value


class Links(fields.String):
    """Lines of `Label | https://address`, as a list of {"label", "url"}."""

    def _deserialize(self, value, attr, data, **kwargs):
        links = []
        for number, line in enumerate(super()._deserialize(value, attr, data, **kwargs).splitlines(), start=1):
            if not line.strip():
                continue
            label, bar, url = line.partition("|")
            label, url = label.strip(), url.strip()
            parts = urlsplit(url)
            if not bar or not label or parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValidationError(_("Ligne %(n)s : écrivez « Libellé | https://adresse ».", n=number))
            if len(label) > 60 or len(url) > 500:
                raise ValidationError(_("Ligne %(n)s : libellé ou adresse trop long.", n=number))
            links.append({"label": label, "url": url})
        if len(links) > MAX_LINKS:
            raise ValidationError(_("Au plus %(n)s liens.", n=MAX_LINKS))
        return links


def normalise_origin(text: str) -> str:
    """`scheme://host[:port]` of an origin people typed, lower-case; ValueError when it is not one."""
    parts = urlsplit(text.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host or parts.path not in ("", "/") or parts.query \
            or parts.fragment or parts.username or parts.password:
        raise ValueError(text)
    shown_host = f"[{host}]" if ":" in host else host
    if parts.scheme == "http" and shown_host not in LOCAL_HOSTS and not host.endswith(".localhost"):
        raise ValueError(text)
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError(text) from exc
    return f"{parts.scheme}://{shown_host}" + (f":{port}" if port else "")


class Origins(fields.String):
    """One origin per line (https://wiki.example.org), as a de-duplicated list."""

    def _deserialize(self, value, attr, data, **kwargs):
        origins = []
        for line in super()._deserialize(value, attr, data, **kwargs).split():
            try:
                origin = normalise_origin(line)
            except ValueError as exc:
                raise ValidationError(_("« %(origin)s » n'est pas une origine : écrivez https://site.exemple "
                                        "(sans chemin ; http seulement pour localhost).", origin=line)) from exc
            if origin not in origins:
                origins.append(origin)
        if len(origins) > 30:
            raise ValidationError(_("Au plus %(n)s sites.", n=30))
        return origins


def contrast_messages(colours: dict[str, str]) -> dict[str, list[str]]:
    """French (or English) messages for each failing colour pair, keyed by the foreground field."""
    errors = {}
    for failure in contrast_failures(colours):
        message = _("Contraste insuffisant pour %(pair)s : %(ratio)s:1, il faut au moins %(minimum)s:1 "
                    "(WCAG AA).", pair=_(failure.pair.label), ratio=format_decimal(round(failure.ratio, 2)),
                    minimum=format_decimal(failure.pair.minimum))
        errors.setdefault(failure.pair.foreground, []).append(message)
    return errors


class DesignFieldsMixin:
    primary_colour = Colour(required=True)
    accent_colour = Colour(required=True)
    background_colour = Colour(load_default=COLOUR_DEFAULTS["background_colour"])
    text_colour = Colour(load_default=COLOUR_DEFAULTS["text_colour"])
    on_primary_colour = Colour(load_default=COLOUR_DEFAULTS["on_primary_colour"])
    typeface = fields.String(load_default="systeme", validate=validate.OneOf(
        list(TYPEFACES), error=_l("Choisissez une police dans la liste.")))
    tagline = Trimmed(load_default="", validate=_max(300))
    header_links = Links(load_default=list)
    footer_links = Links(load_default=list)

    @validates_schema
    def _contrast(self, data, **kwargs):
        errors = contrast_messages({name: data.get(name) for name in COLOUR_DEFAULTS})
        if errors:
            raise ValidationError(errors)


class DesignSchema(DesignFieldsMixin, Schema):
    remove_logo = fields.Boolean(load_default=False)
    preview = fields.String(load_default=None)


class IntegrationSchema(Schema):
    host_name = Trimmed(load_default=None)
    search_scope = fields.String(load_default=SearchScope.OWN.value, validate=validate.OneOf(
        [scope.value for scope in SearchScope], error=_l("Choix inconnu.")))
    frame_origins = Origins(load_default=list)

    @validates_schema
    def _host(self, data, **kwargs):
        host = (data.get("host_name") or "").lower().rstrip(".")
        if host and not HOST_NAME.match(host):
            raise ValidationError(_("Nom d'hôte invalide : écrivez seulement le nom, par exemple "
                                    "ressources.exemple.org (sans https:// ni chemin)."), "host_name")
        data["host_name"] = host or None
        data["search_scope"] = SearchScope(data["search_scope"])


class OnboardingSchema(DesignFieldsMixin, Schema):
    name = Trimmed(required=True, validate=_max(200))
    short_name = Trimmed(required=True, validate=_max(20))
    slug = Trimmed(required=True, validate=validate.Regexp(SLUG, error=_l(
        "Lettres minuscules, chiffres et tirets seulement (2 à 60), par exemple « reseau-alpin ».")))
    description = Trimmed(load_default="", validate=_max(5000))
    website = fields.URL(load_default=None, schemes={"http", "https"}, validate=_max(500))
    admin_email = fields.Email(required=True, validate=_max(320))


class OEmbedQuerySchema(Schema):
    url = fields.String(required=True, validate=_max(2000))
    maxwidth = fields.Integer(load_default=None, validate=validate.Range(min=1))
    maxheight = fields.Integer(load_default=None, validate=validate.Range(min=1))
    format = fields.String(load_default="json")
