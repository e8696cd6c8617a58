"""What people type and ask for: odd syntax, absurd pages, sorting, paging, keywords, suggestions."""

from __future__ import annotations

from datetime import date

import pytest

from commons.models import Status, Visibility

pytest_plugins = ["tests.commons.search_fixtures"]


def ids(result) -> list[int]:
    return [hit.resource_id for hit in result.hits]


@pytest.fixture
def shelf(hls, create_resource):
    """Five public resources about straw houses, published in a known order."""
    titles = ["Maison en paille", "Botte de paille", "Enduit terre-paille", "Atelier paille", "Charpente et paille"]
    resources = [create_resource(hls, title=title, summary="La construction en paille porteuse.",
                                 keywords=["paille", "Bois local"] if n % 2 else ["paille"],
                                 content_date=date(2020 + n, 1, 1), status=Status.PUBLISHED,
                                 visibility=Visibility.PUBLIC)
                 for n, title in enumerate(titles)]
    return resources


@pytest.mark.parametrize("text", ['"unbalanced', "AND OR (", "title:", "*", "paille AND", "((paille", "NOT",
                                  "paille)", "title:[a TO", "^2", "paille^", "'", "summary:(", ":", "\x00",
                                  "paille~", "paille OR OR maison", "ET OU SAUF", "a" * 2000])
def test_malformed_syntax_gives_a_result_never_an_exception(shelf, find, text):
    result = find(None, text)
    assert result.total >= 0 and result.page == 1


def test_syntax_that_works_is_honoured(shelf, find):
    assert find(None, "paille").total == 5
    assert ids(find(None, '"botte de paille"')) == [shelf[1].id]
    assert ids(find(None, "title:botte")) == [shelf[1].id]
    assert find(None, "paille NOT maison").total == 4
    assert find(None, "paille SAUF maison").total == 4
    assert find(None, "botte OR enduit").total == 2
    assert find(None, "botte OU enduit").total == 2
    assert find(None, "status:draft").total == 0  # only text fields can be named


@pytest.mark.parametrize("page", [0, -3, "x", None])
def test_pages_below_one_are_the_first_page(shelf, find, page):
    result = find(None, "paille", page=page, per_page=2)
    assert result.page == 1 and len(result.hits) == 2 and result.pages == 3


@pytest.mark.parametrize("page", [4, 10**9, 10**30])
def test_pages_beyond_the_last_are_empty(shelf, find, page):
    result = find(None, "paille", page=page, per_page=2)
    assert result.hits == [] and result.total == 5 and result.pages == 3


@pytest.mark.parametrize("per_page", [0, -1, 10**9])
def test_absurd_page_sizes_are_clamped(shelf, find, per_page):
    result = find(None, "paille", per_page=per_page)
    assert 1 <= result.per_page <= 100 and result.total == 5


def test_pages_follow_each_other_without_overlap(shelf, find):
    pages = [ids(find(None, "paille", sort=sort, page=n, per_page=2)) for sort in ("relevance", "date", "title")
             for n in (1, 2, 3)]
    for start in (0, 3, 6):
        seen = pages[start] + pages[start + 1] + pages[start + 2]
        assert sorted(seen) == sorted(r.id for r in shelf)


def test_sort_by_date_newest_first_and_by_title(shelf, find):
    by_date = ids(find(None, "paille", sort="date"))
    assert by_date == [r.id for r in reversed(shelf)]  # content dates 2024, 2023, ... 2020
    by_title = ids(find(None, sort="title"))
    assert by_title == [shelf[n].id for n in (3, 1, 4, 2, 0)]  # Atelier, Botte, Charpente, Enduit, Maison


def test_date_sort_is_the_contents_own_date_else_its_publication(shelf, find, hls, create_resource, app_ctx):
    """An old report published today sorts by the year it was written (the date its hit shows); a resource
    without a content date sorts by its publication."""
    from app.db import db
    from commons import service

    old_report = create_resource(hls, title="Rapport paille de 1990", content_date=date(1990, 1, 1),
                                 visibility=Visibility.PUBLIC)
    undated = create_resource(hls, title="Note paille sans date", visibility=Visibility.PUBLIC)
    for resource in (old_report, undated):
        service.change_status(resource, Status.PUBLISHED, resource.created_by)  # published now, after the shelf
    db.session.commit()
    assert undated.content_date is None and undated.published_dt.year >= 2025

    by_date = ids(find(None, "paille", sort="date"))
    assert by_date == [undated.id, *(r.id for r in reversed(shelf)), old_report.id]
    assert ids(find(None, sort="date"))[-1] == old_report.id  # without words too


def test_hits_sorted_by_date_show_that_date(shelf, client):
    """On the search page, hits sorted by date show the content's date, in the order they are sorted."""
    import re

    html = client.get("/recherche", query_string={"q": "paille", "sort": "date"}).get_data(as_text=True)
    shown = re.findall(r'<time datetime="([0-9-]+)"', html)
    assert shown == [f"{year}-01-01" for year in (2024, 2023, 2022, 2021, 2020)]


def test_filters_combine_and_unknown_keys_are_ignored(shelf, find):
    assert find(None, keyword=["Bois local"]).total == 2
    assert find(None, keyword=["Bois local"], year=["2021"]).total == 1
    assert find(None, year=["2021", "2023"]).total == 2
    assert find(None, nonsense=["x"]).total == 5
    assert find(None, theme=["does-not-exist"]).total == 0
    keywords = {v.value: v.count for v in find(None, year=["2021"]).facets["keyword"]}
    assert keywords == {"paille": 1, "Bois local": 1}


def test_a_selected_value_is_listed_even_without_results(shelf, find):
    result = find(None, "paille", theme=["gouvernance"])
    assert result.total == 0
    assert [(v.value, v.count, v.selected) for v in result.facets["theme"]] == [("gouvernance", 0, True)]


@pytest.mark.parametrize(("typed", "suggested"), [("pailel", "paille"), ("constrution", "construction"),
                                                  ("maison en pailel", "maison en paille")])
def test_misspelt_words_get_a_suggestion(shelf, find, typed, suggested):
    result = find(None, typed)
    assert result.total == 0
    assert result.suggestion == suggested
    assert find(None, result.suggestion).total >= 1


def test_no_suggestion_when_something_is_found_or_nothing_is_close(shelf, find):
    assert find(None, "paille").suggestion is None
    assert find(None, "xqzwv").suggestion is None


def test_accented_suggestions_are_shown_as_written(hls, create_resource, find):
    create_resource(hls, title="Réhabilitation énergétique", status=Status.PUBLISHED, visibility=Visibility.PUBLIC)
    assert find(None, "rehabilitaton").suggestion == "réhabilitation"


@pytest.mark.whoosh_only("compares with Whoosh's own scoring")
def test_relevance_scores_are_whooshs_own(shelf, find, app_ctx):
    """Ranking reads postings itself (to score only what the filters leave): same BM25F scores as Whoosh."""
    from app.db import db
    from commons import service
    from commons.search import searcher
    from commons.search.index import snapshot_for
    from commons.search.query import parse_text
    from commons.search.scoring import rank
    from commons.search.snapshot import bits_for

    service.update_resource(shelf[0], {"summary": "Maison en paille porteuse, paille de blé."}, shelf[0].created_by)
    db.session.commit()  # a deleted document and one more segment
    with searcher() as current:
        snap = snapshot_for(current)
        for text in ("paille", "maison paille", "paille OR botte", "construction porteuse", "paille NOT maison",
                     '"botte de paille"', "title:paille^3 enduit"):
            parsed = parse_text(text)
            expected = {hit.docnum: hit.score for hit in current.search(parsed, limit=None)}
            found = dict(rank(current, snap, parsed, bits_for(current, snap, parsed), 100))
            assert found.keys() == expected.keys(), text
            if "NOT" in text:  # Whoosh adds 1.0 for a NOT clause to every document: the order is what counts
                expected = {docnum: score - 1.0 for docnum, score in expected.items()}
            if "botte de" not in text:  # phrases are ranked by their words, an approximation
                assert found == pytest.approx(expected, rel=1e-5), text
