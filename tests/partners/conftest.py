"""Fixtures for partners: the commons factories, a partner with its design, and signed links."""

from __future__ import annotations

import pytest

from app.db import db, utcnow
from partners.models import SearchScope
from tests.commons import conftest as commons_fixtures
from tests.media import conftest as media_fixtures

#: the commons factories, shared
taxonomy = commons_fixtures.taxonomy
create_resource = commons_fixtures.create_resource
#: media's inline-transcoded assets, shared
make_asset = media_fixtures.make_asset


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


# Videos, steps and courses (the kinds of partners.embed_kinds) -------------------------------------------------

@pytest.fixture(scope="session")
def clip(tmp_path_factory):
    """A one-second 320×240 H.264/AAC clip made by the real ffmpeg (tests/media's recipe)."""
    return media_fixtures.make_clip(tmp_path_factory.mktemp("partners-clips") / "tournage.mp4", 320, 240, seconds=2)


@pytest.fixture
def make_video(make_asset, clip):
    """`make_video(resource)`: a video of the resource, transcoded inline (renditions, HLS, poster)."""
    return lambda resource: make_asset(resource.id, clip)


@pytest.fixture
def make_course(app_ctx):
    """`make_course(partner, steps=[(title, resource or None), ...], published=True)`: one sequence of steps."""
    from courses.models import Course, CourseStatus, Sequence, Step

    def make(partner, title="Habiter léger", steps=(("Le cadre légal", None),), published=True, summary=""):
        course = Course(owner_partner_id=partner.id, title=title, summary=summary, estimated_minutes=90,
                        status=CourseStatus.PUBLISHED if published else CourseStatus.DRAFT,
                        published_dt=utcnow() if published else None)
        sequence = Sequence(course=course, position=1, title="Premiers pas", summary="Où commencer.")
        for position, (step_title, resource) in enumerate(steps, start=1):
            sequence.steps.append(Step(position=position, title=step_title, intro="Regardez d'abord la vidéo.",
                                       resource_id=resource.id if resource else None))
        db.session.add(course)
        db.session.commit()
        return course

    return make
