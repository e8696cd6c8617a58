"""The taxonomy every instance starts with: kinds, themes, project phases and licences (idempotent)."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db
from commons.models import Kind, Licence, Phase, Theme

KINDS = [
    ("video", "Vidéo", "Video"),
    ("methode", "Méthode", "Method"),
    ("dossier", "Dossier", "Dossier"),
    ("outil", "Outil", "Tool"),
    ("faq", "Foire aux questions", "FAQ"),
    ("formation", "Formation", "Training"),
    ("temoignage", "Témoignage", "Testimony"),
    ("modele", "Modèle ou contrat vierge", "Template or blank contract"),
    ("plan", "Plan", "Plan"),
    ("document-scientifique", "Document scientifique", "Scientific document"),
    ("chapitre-mooc", "Chapitre de MOOC", "MOOC chapter"),
]

THEMES = [
    ("gouvernance", "Gouvernance partagée", "Shared governance"),
    ("foncier", "Foncier et recherche de terrain", "Land and finding a site"),
    ("financement", "Financement", "Financing"),
    ("juridique", "Statuts juridiques", "Legal structures"),
    ("eco-construction", "Éco-construction et matériaux", "Eco-building and materials"),
    ("habitat-leger", "Habitat léger et réversible", "Light, reversible housing"),
    ("urbanisme", "Urbanisme et autorisations", "Planning and permits"),
    ("energie", "Énergie et sobriété", "Energy and sufficiency"),
    ("eau-assainissement", "Eau et assainissement", "Water and sanitation"),
    ("vivre-ensemble", "Vivre ensemble", "Living together"),
    ("agriculture", "Agriculture et nourriture", "Farming and food"),
    ("territoire", "Ancrage territorial et collectivités", "Local roots and authorities"),
    ("renovation", "Rénovation et réhabilitation", "Renovation and rehabilitation"),
]

PHASES = [
    ("emergence", "Émergence de l'idée", "The idea emerges"),
    ("constitution", "Constitution du groupe", "Forming the group"),
    ("recherche-lieu", "Recherche du lieu", "Looking for a place"),
    ("montage", "Montage juridique et financier", "Legal and financial set-up"),
    ("conception", "Conception du projet", "Designing the project"),
    ("chantier", "Chantier", "Building work"),
    ("emmenagement", "Emménagement", "Moving in"),
    ("vie-du-lieu", "Vie du lieu", "Life in the place"),
]

LICENCES = [  # slug, label, English label (where the name is not international), deed
    ("cc-by-sa-4.0", "CC BY-SA 4.0", "", "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"),
    ("cc-by-4.0", "CC BY 4.0", "", "https://creativecommons.org/licenses/by/4.0/deed.fr"),
    ("cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0", "", "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr"),
    ("cc0-1.0", "CC0 1.0 (domaine public)", "CC0 1.0 (public domain)",
     "https://creativecommons.org/publicdomain/zero/1.0/deed.fr"),
    ("etalab-2.0", "Licence Ouverte Etalab 2.0", "Etalab Open Licence 2.0",
     "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    ("tous-droits-reserves", "Tous droits réservés", "All rights reserved", None),
]

#: the licence offered first when creating a resource
DEFAULT_LICENCE = "cc-by-sa-4.0"


def _upsert(model, slug: str, label: str, position: int, **extra) -> None:
    term = db.session.scalar(sa.select(model).where(model.slug == slug))
    if term is None:
        db.session.add(model(slug=slug, label=label, position=position, **extra))


def seed_taxonomy() -> list[str]:
    """Create the missing terms; terms already present (and maybe edited by admins) are left alone."""
    for position, (slug, label, label_en) in enumerate(KINDS):
        _upsert(Kind, slug, label, position, label_en=label_en)
    for position, (slug, label, label_en) in enumerate(THEMES):
        _upsert(Theme, slug, label, position, label_en=label_en)
    for position, (slug, label, label_en) in enumerate(PHASES):
        _upsert(Phase, slug, label, position, label_en=label_en)
    for position, (slug, label, label_en, url) in enumerate(LICENCES):
        _upsert(Licence, slug, label, position, label_en=label_en, url=url)
    db.session.flush()
    return [f"Taxonomie : {len(KINDS)} types, {len(THEMES)} thèmes, {len(PHASES)} phases, {len(LICENCES)} licences."]
