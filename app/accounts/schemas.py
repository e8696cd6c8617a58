"""Marshmallow schemas for accounts: form inputs (HTML pages) and API outputs, kept apart."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.accounts.models import Role

LOCALES = ("fr", "en")
PASSWORD_MIN_LENGTH = 10


class Trimmed(fields.String):
    """A string with its surrounding blanks removed; blank counts as missing."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs).strip()
        if not value and self.required:
            raise ValidationError(_("Ce champ est obligatoire."))
        return value


def _max(length: int) -> validate.Length:
    return validate.Length(max=length, error=_l("Au plus %(n)s caractères.", n=length))


def _password_field() -> fields.String:
    message = _l("Le mot de passe doit compter au moins %(n)s caractères.", n=PASSWORD_MIN_LENGTH)
    return fields.String(required=True, validate=validate.Length(min=PASSWORD_MIN_LENGTH, max=200, error=message))


class ConfirmedPasswordMixin:
    """`password_confirm` must repeat `password`."""

    @validates_schema
    def _passwords_match(self, data, **kwargs):
        if data.get("password") and data.get("password") != data.get("password_confirm"):
            raise ValidationError(_("Les deux mots de passe ne correspondent pas."), "password_confirm")


# Form inputs --------------------------------------------------------------------------------------------------

class LoginSchema(Schema):
    email = Trimmed(required=True, validate=_max(320))
    password = fields.String(required=True, validate=_max(200))
    remember = fields.Boolean(load_default=False)
    next = fields.String(load_default=None)


class ProfileSchema(Schema):
    name = Trimmed(required=True, validate=_max(200))
    locale = fields.String(required=True, validate=validate.OneOf(LOCALES, error=_l("Langue inconnue.")))


class PasswordChangeSchema(ConfirmedPasswordMixin, Schema):
    current_password = fields.String(required=True)
    password = _password_field()
    password_confirm = fields.String(required=True)


class TokenCreateSchema(Schema):
    name = Trimmed(required=True, validate=_max(100))
    valid_days = fields.Integer(load_default=None, validate=validate.Range(
        min=1, max=3650, error=_l("Entre 1 et 3650 jours.")))


class InvitationCreateSchema(Schema):
    email = fields.Email(required=True, validate=_max(320))
    role = fields.Enum(Role, by_value=True, required=True, error_messages={"unknown": _l("Rôle inconnu.")})


class RoleChangeSchema(Schema):
    role = fields.Enum(Role, by_value=True, required=True, error_messages={"unknown": _l("Rôle inconnu.")})


class InvitedAccountSchema(ConfirmedPasswordMixin, Schema):
    name = Trimmed(required=True, validate=_max(200))
    password = _password_field()
    password_confirm = fields.String(required=True)


# API outputs --------------------------------------------------------------------------------------------------

class PartnerSchema(Schema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String()
    short_name = fields.String()
    description = fields.String()
    website = fields.String(allow_none=True)
    primary_colour = fields.String(metadata={"description": "Couleur principale (hexadécimal CSS)"})
    accent_colour = fields.String(metadata={"description": "Couleur d'accent (hexadécimal CSS)"})


class MemberSchema(Schema):
    id = fields.Integer(attribute="user.id", metadata={"description": "Identifiant de l'utilisateur"})
    name = fields.String(attribute="user.name")
    email = fields.String(attribute="user.email")
    role = fields.Enum(Role, by_value=True)


class OwnMembershipSchema(Schema):
    partner = fields.String(attribute="partner.slug", metadata={"description": "Slug du partenaire"})
    role = fields.Enum(Role, by_value=True)


class MeSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    name = fields.String()
    locale = fields.String()
    is_platform_admin = fields.Boolean()
    memberships = fields.List(fields.Nested(OwnMembershipSchema))
