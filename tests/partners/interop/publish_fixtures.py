"""A small published catalogue for the publishing tests: public, members-only, draft, trashed and archived."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.db import db


@pytest.fixture
def catalogue(taxonomy, oasis, partner_admin, create_partner):
    from commons import service
    from commons.models import Status, Visibility

    hls = create_partner(slug="hls", name="Hameaux Légers", short_name="HLS")

    def make(title, visibility=Visibility.PUBLIC, status=Status.PUBLISHED, themes=("foncier",), kind="methode",
             owner=oasis, **extra):
        resource = service.create_resource({
            "title": title, "kind_id": taxonomy["kinds"][kind].id, "owner_partner_id": owner.id,
            "theme_ids": [taxonomy["themes"][t].id for t in themes], "phase_ids": [taxonomy["phases"]["montage"].id],
            "licence_id": taxonomy["licences"]["cc-by-sa-4.0"].id, "visibility": visibility,
            "summary": f"Résumé de « {title} ».", "body": "Un **contenu** en Markdown.", "authors": "Léa, Sam",
            **extra}, partner_admin)
        if status != Status.DRAFT:
            service.change_status(resource, Status.PUBLISHED, partner_admin)
        if status == Status.ARCHIVED:
            service.change_status(resource, Status.ARCHIVED, partner_admin)
        return resource

    world = SimpleNamespace(
        public=make("Monter une SCI d'attribution", themes=("foncier", "juridique")),
        video=make("Visite d'un hameau léger", kind="video", themes=("habitat-leger",)),
        members=make("Compte rendu interne", visibility=Visibility.COMMONS),
        draft=make("Brouillon de fiche", status=Status.DRAFT),
        archived=make("Ancienne fiche", status=Status.ARCHIVED),
        trashed=make("Fiche supprimée"),
        co_owned=None, hls=hls,
    )
    service.trash_resource(world.trashed, partner_admin)
    db.session.commit()
    return world
