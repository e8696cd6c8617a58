"""Fixtures for partners: the commons factories, a partner with its design, and signed links."""

from __future__ import annotations

import pytest

from app.db import db
from partners.models import SearchScope
from tests.commons import conftest as commons_fixtures

#: the commons factories, shared
taxonomy = commons_fixtures.taxonomy
create_resource = commons_fixtures.create_resource


@pytest.fixture
def design_of(app_ctx):
    """`design_of(partner, **fields)`: the partner's design, saved with the given fields."""
    from partners import service

    def make(partner, **fields):
        design = service.editable_design(partner)
        for name, value in fields.items():
            setattr(design, name, value)
        db.session.commit()
        return design

    return make


@pytest.fixture
def hls(create_partner, design_of):
    """Hameaux Légers with a design allowing its wiki to frame its embeds."""
    partner = create_partner("hls", "Hameaux Légers", primary_colour="#2f6f4e", accent_colour="#8a5a00")
    design_of(partner, frame_origins=["https://wiki.hameaux-legers.org"], host_name="ressources.hameaux.test",
              typeface="atkinson", search_scope=SearchScope.OWN)
    return partner


@pytest.fixture
def co(create_partner, design_of):
    partner = create_partner("co", "Coopérative Oasis", primary_colour="#8a3f0f", accent_colour="#2e6b6b")
    design_of(partner, frame_origins=["https://cooperative-oasis.org", "http://localhost:8080"], typeface="lora",
              host_name="oasis.test", search_scope=SearchScope.COMMONS, primary_colour="#8a3f0f",
              accent_colour="#2e6b6b")
    return partner


@pytest.fixture
def public_resource(hls, create_resource):
    from commons.models import Status, Visibility

    return create_resource(hls, title="Monter un hameau léger", summary="Les étapes, de la commune au bail.",
                           body="## Étapes\n\nTrouver un terrain communal.", status=Status.PUBLISHED,
                           visibility=Visibility.PUBLIC)


@pytest.fixture
def private_resource(hls, create_resource):
    from commons.models import Status, Visibility

    return create_resource(hls, title="Budget prévisionnel interne", summary="Réservé aux membres.",
                           status=Status.PUBLISHED, visibility=Visibility.PARTNER)
