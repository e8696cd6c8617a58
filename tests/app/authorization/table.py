"""The shapes of the matrix: roles, expected statuses, rows and the request bodies several packages use."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

ROLES = ("anon", "learner", "facil", "editor", "other_ed", "p_admin", "admin")
PASSWORD = "mot-de-passe-de-la-matrice"
NEW_PASSWORD = "un-tout-nouveau-secret"
NEW_ACCOUNT = {"name": "Dominique Petit", "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CHEAP_HASH = "pbkdf2:sha256:1000"  # the default hash takes ~0.3 s; these accounts only need to log in

#: a 302 to the login page (the Location is checked too)
LOGIN = "302 → /connexion"


def S(anon, learner, facil, editor, other_ed, p_admin, admin) -> dict[str, Any]:  # noqa: N802 - a table column
    """Expected statuses, one per role, in the order of the table's header."""
    return dict(zip(ROLES, (anon, learner, facil, editor, other_ed, p_admin, admin), strict=True))


def everyone(status) -> dict[str, Any]:
    return dict.fromkeys(ROLES, status)


@dataclass(frozen=True)
class Row:
    method: str
    #: the rule exactly as in app.url_map
    rule: str
    #: (world, role) -> the concrete URL
    url: Callable[[SimpleNamespace, str], str]
    expect: dict[str, Any]
    #: (world, role) -> keyword arguments of the request (json=, data=, ...): a valid body for allowed roles
    body: Callable[[SimpleNamespace, str], dict] | None = None
    #: tells apart several rows of one rule (another resource, another partner...)
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.method} {self.rule}" + (f" [{self.label}]" if self.label else "")


# Bodies -------------------------------------------------------------------------------------------------------

def pdf_upload(name="plan.pdf") -> dict:
    return {"data": {"file": (io.BytesIO(PDF), name)}, "content_type": "multipart/form-data"}


def resource_json(w, role) -> dict:
    return {"json": {"title": "Monter une SCI", "kind_id": w.kind, "owner_partner_id": w.hls}}


def resource_form(w, role) -> dict:
    return {"data": {"title": "Monter une SCI", "kind_id": w.kind, "owner_partner_id": w.hls,
                     "visibility": "partner", "language": "fr"}}


def edit_form(w, role) -> dict:
    return {"data": {"title": "Titre modifié", "kind_id": w.kind, "owner_partner_id": w.hls,
                     "visibility": "partner", "language": "fr", "version": w.pub_version}}


def own_login(w, role) -> dict:
    """Anonymous visitors sign in as the learner, the others as themselves."""
    return {"data": {"email": w.emails["learner" if role == "anon" else role], "password": PASSWORD}}


def password_change(w, role) -> dict:
    return {"data": {"current_password": PASSWORD, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}}


def form(**data):
    return lambda w, role: {"data": data}


def json(**data):
    return lambda w, role: {"json": data}


