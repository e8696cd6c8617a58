"""The matrix's spreadsheet import: a mapped sheet of hls with one theme no term matches."""

from __future__ import annotations

SHEET = ("Référence;Titre;Type;Thématiques\n"
         "R1;Monter une SCI d'attribution;Méthode;Permaculture\n").encode()


def imports_world(hls_id: int, admin) -> int:
    """The id of an import of hls, mapped, waiting for its taxonomy decision."""
    from app.accounts.models import Partner
    from app.db import db
    from commons.imports import service

    imported = service.create_import(db.session.get(Partner, hls_id), "fiches.csv", SHEET, admin)
    service.save_mapping(imported, dict(imported.mapping), {})
    return imported.id
