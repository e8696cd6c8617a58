"""Fixtures for the commons: the seeded taxonomy and a resource factory, shared by page and API tests."""

from __future__ import annotations

import pytest

from app.db import db


def pytest_configure(config):
    config.addinivalue_line("markers", "whoosh_only(reason): a search test of the Whoosh backend's own machinery "
                                       "(not run on the PostgreSQL backend, see search_fixtures)")


@pytest.fixture
def taxonomy(app_ctx):
    """The seeded taxonomy: {"kinds"|"themes"|"phases"|"licences": {slug: term}}."""
    import sqlalchemy as sa

    from commons.models import Kind, Licence, Phase, Theme
    from commons.seed import seed_taxonomy

    seed_taxonomy()
    db.session.commit()
    return {name: {term.slug: term for term in db.session.scalars(sa.select(model))}
            for name, model in (("kinds", Kind), ("themes", Theme), ("phases", Phase), ("licences", Licence))}


@pytest.fixture
def create_resource(taxonomy, create_user):
    """`create_resource(owner, title=..., kind="methode", themes=["foncier"], status=Status.PUBLISHED, ...)`.

    Taxonomy is given by slug (kind, themes, phases, licence), co-owners as partners; any other field of
    ResourceInputSchema passes through. The resource is made by `by` (default: a platform admin) through
    commons.service, moved to `status` if given, trashed if `deleted=True`, and committed.
    """
    from commons import service
    from commons.seed import DEFAULT_LICENCE

    admins = []

    def make(owner, title="Ressource de test", kind="methode", themes=(), phases=(), licence=DEFAULT_LICENCE,
             co_owners=(), status=None, by=None, deleted=False, **fields):
        if by is None:
            if not admins:
                admins.append(create_user(email="factory-admin@example.org", name="Fabrique",
                                          is_platform_admin=True))
            by = admins[0]
        data = {
            "title": title, "kind_id": taxonomy["kinds"][kind].id, "owner_partner_id": owner.id,
            "theme_ids": [taxonomy["themes"][slug].id for slug in themes],
            "phase_ids": [taxonomy["phases"][slug].id for slug in phases],
            "licence_id": taxonomy["licences"][licence].id if licence else None,
            "co_owner_ids": [partner.id for partner in co_owners], **fields,
        }
        resource = service.create_resource(data, by)
        if status is not None:
            service.change_status(resource, status, by)
        if deleted:
            service.trash_resource(resource, by)
        db.session.commit()
        return resource

    return make
