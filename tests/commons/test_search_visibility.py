"""Visibility is part of every search: hits, facet counts and suggestions agree with `Resource.visible_to`."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.db import db
from commons.models import Resource, Status, Visibility
from commons.service import catalogue_query

pytest_plugins = ["tests.commons.search_fixtures"]

USERS = ("anonymous", "loner", "hls_learner", "hls_editor", "hpf_learner", "hpf_editor", "admin")
FACETS = ("kind", "theme", "phase", "partner", "licence", "language", "year")


def ids(result) -> set[int]:
    return {hit.resource_id for hit in result.hits}


def database_ids(user, filters=None) -> set[int]:
    return set(db.session.scalars(catalogue_query(user, dict(filters or {})).with_only_columns(Resource.id)))


@pytest.fixture
def catalogue(people, create_resource):
    """Resources in every state and visibility, all titled with "habitat", spread over the taxonomy."""
    from datetime import date

    hls, hpf = people["hls"], people["hpf"]
    published = {"status": Status.PUBLISHED}
    return {
        "public": create_resource(hls, "Habitat public", kind="video", themes=["foncier"], phases=["emergence"],
                                  visibility=Visibility.PUBLIC, content_date=date(2021, 5, 1), **published),
        "commons": create_resource(hpf, "Habitat des communs", kind="methode", themes=["foncier", "financement"],
                                   visibility=Visibility.COMMONS, language="en", **published),
        "hls_only": create_resource(hls, "Habitat réservé HLS", kind="methode", themes=["juridique"],
                                    visibility=Visibility.PARTNER, summary="Le zygomorphe secret.",
                                    content_date=date(2019, 1, 1), **published),
        "hpf_only_cohls": create_resource(hpf, "Habitat HPF partagé", kind="outil", themes=["juridique"],
                                          co_owners=[hls], visibility=Visibility.PARTNER, licence="cc0-1.0",
                                          **published),
        "hpf_only": create_resource(hpf, "Habitat réservé HPF", kind="outil", themes=["energie"],
                                    phases=["chantier"], visibility=Visibility.PARTNER, **published),
        "hls_draft": create_resource(hls, "Habitat en brouillon", kind="video", themes=["urbanisme"],
                                     visibility=Visibility.PUBLIC),
        "hpf_review": create_resource(hpf, "Habitat en relecture", kind="faq", visibility=Visibility.PUBLIC,
                                      status=Status.IN_REVIEW),
        "archived": _archive(create_resource(hls, "Habitat archivé", kind="faq", visibility=Visibility.PUBLIC,
                                             **published), people["admin"]),
        "trashed": create_resource(hpf, "Habitat à la corbeille", kind="plan", visibility=Visibility.PUBLIC,
                                   deleted=True, **published),
    }


def _archive(resource, user):
    from commons import service

    service.change_status(resource, Status.ARCHIVED, user)
    db.session.commit()
    return resource


def test_hits_are_exactly_what_the_database_lets_each_user_see(people, catalogue, find):
    for who in USERS:
        user = people[who]
        for text in ("", "habitat"):
            result = find(user, text, per_page=100)
            assert ids(result) == database_ids(user), (who, text)
            assert result.total == len(database_ids(user))


def test_the_visibility_rules_in_practice(people, catalogue, find):
    def visible(who):
        return {key for key, resource in catalogue.items() if resource.id in ids(find(people[who], per_page=100))}

    assert visible("anonymous") == visible("loner") == {"public"}
    assert visible("hpf_learner") == {"public", "commons", "hpf_only_cohls", "hpf_only"}
    assert visible("hls_learner") == {"public", "commons", "hls_only", "hpf_only_cohls"}
    assert visible("hls_editor") == {"public", "commons", "hls_only", "hpf_only_cohls", "hls_draft", "archived"}
    assert visible("admin") == set(catalogue) - {"trashed"}


@pytest.mark.parametrize("filters", [{}, {"theme": ["juridique"]}, {"kind": ["methode", "outil"]},
                                     {"theme": ["foncier", "juridique"], "partner": ["hpf"]},
                                     {"year": ["2021"], "language": ["fr"]}])
def test_facet_counts_equal_the_database_counts(people, catalogue, find, filters):
    """Each facet counts what the other filters leave (its own filter ignored), as the database would."""
    for who in USERS:
        _check_facets(people[who], find(people[who], "habitat", **filters), filters)


def _check_facets(user, result, filters):
    assert result.total == len(database_ids(user, _db_filters(filters)))
    for facet in FACETS:
        others = {name: values for name, values in filters.items() if name != facet}
        for value in result.facets[facet]:
            expected = len(database_ids(user, _db_filters({**others, facet: [value.value]})))
            assert value.count == expected, (facet, value)
            assert value.selected == (value.value in filters.get(facet, []))
        listed = {value.value for value in result.facets[facet]}
        assert not _database_values(user, facet, others) - listed, facet


def _db_filters(filters: dict) -> dict:
    return {name: [int(v) for v in values] if name == "year" else values for name, values in filters.items()}


def _database_values(user, facet, others) -> set[str]:
    """Facet values the database finds at least one visible resource for."""
    from commons.search.documents import year_of

    values = set()
    for resource in db.session.scalars(catalogue_query(user, _db_filters(others))):
        values |= {
            "kind": lambda r: {r.kind.slug}, "theme": lambda r: {t.slug for t in r.themes},
            "phase": lambda r: {p.slug for p in r.phases},
            "partner": lambda r: {r.owner_partner.slug} | {p.slug for p in r.co_owners},
            "licence": lambda r: {r.licence.slug} if r.licence else set(), "language": lambda r: {r.language},
            "year": lambda r: {str(year_of(r))} if year_of(r) else set(),
        }[facet](resource)
    return values


def test_another_partners_private_resource_leaks_nowhere(people, catalogue, find):
    """By hit, by facet count, by suggestion: HPF's learner learns nothing of the HLS-only resource."""
    outsider, insider = people["hpf_learner"], people["hls_learner"]
    private = catalogue["hls_only"]

    assert private.id not in ids(find(outsider, "zygomorphe"))
    assert find(outsider, "zygomorphe").total == 0
    assert find(insider, "zygomorphe").total == 1
    # its theme appears in the outsider's counts only through the resource they may see
    assert {v.value: v.count for v in find(outsider).facets["theme"]}["juridique"] == 1
    assert {v.value: v.count for v in find(insider).facets["theme"]}["juridique"] == 2
    # its year (2019) is counted for nobody else
    assert "2019" not in {v.value for v in find(outsider).facets["year"]}
    # a misspelling that could only be corrected toward the private word
    assert find(insider, "zygomorfe").suggestion == "zygomorphe"
    assert find(outsider, "zygomorfe").suggestion is None
    assert find(None, "zygomorfe").suggestion is None


def test_drafts_are_hidden_from_visitors_but_found_by_their_editors(people, catalogue, find):
    draft = catalogue["hls_draft"]

    assert find(None, "brouillon").total == 0
    assert find(people["hls_learner"], "brouillon").total == 0
    assert find(people["hpf_editor"], "brouillon").total == 0
    assert [hit.resource_id for hit in find(people["hls_editor"], "brouillon").hits] == [draft.id]
    assert [hit.resource_id for hit in find(people["admin"], "brouillon").hits] == [draft.id]


@pytest.mark.whoosh_only("Whoosh queries against Whoosh bitsets")
def test_whoosh_visibility_query_matches_the_bitsets(people, catalogue, app_ctx):
    """The Whoosh query handed to benchmarks selects the same documents as the search itself."""
    from commons.search import searcher, visibility_query
    from commons.search.index import snapshot_for
    from commons.search.query import visibility_bits
    from commons.search.snapshot import bits_of

    for who in USERS:
        with searcher() as current:
            snap = snapshot_for(current)
            by_query = bits_of(current.docs_for_query(visibility_query(people[who])), snap.size)
            assert by_query == visibility_bits(snap, people[who])
            found = {int(current.stored_fields(n)["id"]) for n in range(snap.size) if by_query >> n & 1}
        assert found == database_ids(people[who]), who


def test_membership_changes_apply_at_once(people, catalogue, find, app_ctx):
    """Visibility is computed per query from the user's memberships: nothing to reindex when they change."""
    from app.accounts import service
    from app.accounts.models import Role

    user = people["loner"]
    assert catalogue["hls_only"].id not in ids(find(user, per_page=100))
    service.set_membership(user, people["hls"], Role.LEARNER)
    db.session.commit()
    assert catalogue["hls_only"].id in ids(find(user, per_page=100))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == len(catalogue)
