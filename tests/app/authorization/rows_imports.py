"""Rows of the spreadsheet import (commons.imports): editors of the target partner and platform admins.

w.resource_import: an import of hls, mapped, with one unknown theme. Someone who may not manage it gets 404:
the import stays invisible; learners and facilitators cannot even open the upload page (403).
"""

from __future__ import annotations

import io

from tests.app.authorization.table import LOGIN, Row, S
from tests.app.authorization.world_imports import SHEET

PAGES = S(LOGIN, 404, 404, 200, 404, 200, 200)
ACTIONS = S(LOGIN, 404, 404, 302, 404, 302, 302)


def upload(w, role) -> dict:
    return {"data": {"partner_id": w.hls, "file": (io.BytesIO(SHEET), "fiches.csv")},
            "content_type": "multipart/form-data"}


def mapping(w, role) -> dict:
    return {"data": {"col-0": "key", "col-1": "title", "col-2": "kind", "col-3": "themes", "status": "draft"}}


def decision(w, role) -> dict:
    return {"data": {"themes:permaculture": "ignore"}}


def url(suffix=""):
    return lambda w, r: f"/ressources/imports/{w.resource_import}{suffix}"


ROWS: list[Row] = [
    # S(anon, learner, facil, editor, other_ed, p_admin, admin)
    Row("GET", "/ressources/imports", lambda w, r: "/ressources/imports", S(LOGIN, 403, 403, 200, 200, 200, 200)),
    # co's editor may import, but not under hls: the form says so
    Row("POST", "/ressources/imports", lambda w, r: "/ressources/imports", S(LOGIN, 403, 403, 302, 422, 302, 302),
        body=upload),
    Row("GET", "/ressources/imports/tableur-de-demonstration.xlsx",
        lambda w, r: "/ressources/imports/tableur-de-demonstration.xlsx", S(LOGIN, 403, 403, 200, 200, 200, 200)),
    Row("GET", "/ressources/imports/<int:import_id>/colonnes", url("/colonnes"), PAGES),
    Row("POST", "/ressources/imports/<int:import_id>/colonnes", url("/colonnes"), ACTIONS, body=mapping),
    Row("GET", "/ressources/imports/<int:import_id>/taxonomie", url("/taxonomie"), PAGES),
    Row("POST", "/ressources/imports/<int:import_id>/taxonomie", url("/taxonomie"), ACTIONS, body=decision),
    Row("GET", "/ressources/imports/<int:import_id>/verification", url("/verification"), PAGES),
    Row("POST", "/ressources/imports/<int:import_id>/lancer", url("/lancer"), ACTIONS),
    Row("GET", "/ressources/imports/<int:import_id>", url(), PAGES),
    Row("GET", "/ressources/imports/<int:import_id>/progression", url("/progression"), PAGES),
]
