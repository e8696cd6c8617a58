"""The search page (/recherche) and the theme and phase landing pages, as a visitor uses them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from app.db import db
from commons.models import Status, Visibility

pytest_plugins = ["tests.commons.api_fixtures", "tests.commons.search_fixtures"]

PUBLIC = {"visibility": Visibility.PUBLIC}
FACET_COUNT = re.compile(r'name="(\w+)" value="([^"]+)"[^>]*>\s*<span class="facet-label">[^<]*</span>\s*'
                         r'<span class="facet-count"[^>]*>(\d+)</span>')


@pytest.fixture
def reindex(app_ctx, search_backend):
    """Rebuild the search index from the database, as `flask search reindex` does."""
    from commons.search import rebuild

    def run():
        db.session.commit()
        return rebuild(procs=1)

    return run


@pytest.fixture
def corpus(make_resource, cast, reindex):
    """A small commons about straw, land and sanitation, with what anonymous visitors must not find."""
    made = {
        "straw_method": make_resource("Construire en paille : retour d'expérience", kind="methode",
                                      themes=["eco-construction"], phases=["chantier"], keywords=["paille porteuse"],
                                      summary="Un chantier participatif en bottes de paille.",
                                      content_date=date(2019, 6, 1), **PUBLIC),
        "straw_video": make_resource("Maison en paille porteuse", kind="video", owner=cast.hpf,
                                     themes=["eco-construction"], phases=["conception"],
                                     summary="Visite d'une maison en paille porteuse.",
                                     content_date=date(2023, 3, 1), **PUBLIC),
        "lease": make_resource("Bail emphytéotique et foncier agricole", kind="modele", themes=["foncier", "juridique"],
                               phases=["montage"], summary="Un modèle de bail commenté.",
                               content_date=date(2021, 1, 1), **PUBLIC),
        "sanitation": make_resource("Assainissement autonome : la phytoépuration", kind="outil",
                                    themes=["eau-assainissement"], summary="Choisir son assainissement.",
                                    content_date=date(2022, 9, 1), **PUBLIC),
        "draft": make_resource("Brouillon sur la paille", kind="methode", status=Status.DRAFT,
                               themes=["eco-construction"], **PUBLIC),
        "internal": make_resource("Paille : notes internes", kind="methode", themes=["eco-construction"],
                                  visibility=Visibility.PARTNER),
    }
    for resource in made.values():  # published when their content dates from, so both dates sort alike
        if resource.content_date:
            resource.published_dt = datetime(resource.content_date.year, 6, 1, tzinfo=UTC)
    reindex()
    return made


def html_of(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def facet_counts(html: str) -> dict[tuple[str, str], int]:
    return {(name, value): int(count) for name, value, count in FACET_COUNT.findall(html)}


def links(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', html)]


# The page -----------------------------------------------------------------------------------------------------

def test_hits_show_highlighted_titles_and_excerpts_of_visible_resources_only(client, corpus):
    html = html_of(client.get("/recherche?q=paille"))
    assert "<mark>" in html and "<mark>paille</mark>" in html.lower()
    assert "2 résultats" in html
    assert "Maison en" in html and "retour d&#39;expérience" in html
    assert "Brouillon sur la paille" not in html and "notes internes" not in html
    assert f'href="/ressources/{corpus["straw_method"].id}"' in html


def test_accents_and_plurals_do_not_matter(client, corpus):
    html = html_of(client.get("/recherche?q=PHYTOEPURATIONS"))
    assert "1 résultat" in html and "phytoépuration" in html.lower()


def test_highlighting_never_lets_markup_through(client, make_resource, reindex):
    make_resource("Paille <script>alert(1)</script> et <b>gras</b>", summary="La <i>paille</i> & la terre.",
                  **PUBLIC)
    reindex()
    html = html_of(client.get("/recherche?q=paille"))
    assert "<script>alert" not in html and "<b>gras" not in html and "<i>paille" not in html
    assert "&lt;script&gt;" in html
    hit = html.split('class="resource-card-title"')[1].split("</h2>")[0]
    assert set(re.findall(r"</?(\w+)", hit)) <= {"a", "mark"}


def test_facets_show_counts_for_the_current_search(client, corpus):
    counts = facet_counts(html_of(client.get("/recherche?q=paille")))
    assert counts[("kind", "methode")] == 1 and counts[("kind", "video")] == 1
    assert counts[("theme", "eco-construction")] == 2
    assert counts[("partner", "hpf")] == 1 and counts[("partner", "hls")] == 1
    assert ("theme", "foncier") not in counts  # no result has it: not offered
    everything = facet_counts(html_of(client.get("/recherche")))
    assert everything[("kind", "modele")] == 1 and sum(
        count for (name, _value), count in everything.items() if name == "kind") == 4


def test_filters_combine_and_narrow_the_results(client, corpus):
    video = html_of(client.get("/recherche?q=paille&kind=video"))
    assert "1 résultat" in video and "Maison en" in video and "Construire en" not in video
    assert 'value="video" checked' in video
    either = html_of(client.get("/recherche?q=paille&kind=video&kind=methode"))
    assert "2 résultats" in either
    narrowed = html_of(client.get("/recherche?q=paille&kind=video&kind=methode&phase=chantier&year=2019"))
    assert "1 résultat" in narrowed and "Construire en" in narrowed
    none = html_of(client.get("/recherche?q=paille&theme=foncier"))
    assert "Aucune ressource ne correspond" in none
    assert 'value="foncier" checked' in none  # still there, to be unticked


def test_active_filters_are_chips_that_remove_themselves(client, corpus):
    html = html_of(client.get("/recherche?q=paille&kind=video&theme=eco-construction"))
    chips = html.split('class="active-filters"')[1].split("</ul>")[0]
    assert "Vidéo" in chips and "Éco-construction" in chips
    removal = [href for href in links(chips) if "theme=" not in href]
    assert removal == ["/recherche?q=paille&kind=video"]


def results_of(html: str) -> str:
    """The results block, highlights removed."""
    return re.sub(r"</?mark>", "", html.split('id="resultats"')[1])


def order_of(html: str, titles=("Assainissement", "Bail", "Construire", "Maison")) -> list[str]:
    results = results_of(html)
    return [title for _, title in sorted((results.index(title), title) for title in titles if title in results)]


def test_sort_by_title_or_date(client, corpus):
    assert order_of(html_of(client.get("/recherche?sort=title"))) == ["Assainissement", "Bail", "Construire", "Maison"]
    assert order_of(html_of(client.get("/recherche?sort=date"))) == ["Maison", "Assainissement", "Bail", "Construire"]
    html = html_of(client.get("/recherche?q=paille&sort=title"))
    assert '<option value="title" selected>' in html
    assert order_of(html) == ["Construire", "Maison"]


def test_sort_by_date_puts_the_newest_first(client, make_resource, reindex):
    for year in (2018, 2024, 2021):
        resource = make_resource(f"Chantier {year}", content_date=date(year, 5, 1), **PUBLIC)
        resource.published_dt = datetime(year, 5, 2, tzinfo=UTC)
    reindex()
    html = results_of(html_of(client.get("/recherche?q=chantier&sort=date")))
    assert html.index("Chantier 2024") < html.index("Chantier 2021") < html.index("Chantier 2018")


def test_pagination_links_keep_the_words_filters_and_order(client, make_resource, reindex):
    for number in range(25):
        make_resource(f"Fiche foncier {number:02d}", kind="outil", themes=["foncier"], **PUBLIC)
    reindex()
    html = html_of(client.get("/recherche?q=foncier&kind=outil&sort=title"))
    assert "25 résultats" in html and "Page 1 sur 2" in html
    [next_url] = [href for href in links(html) if "page=2" in href]
    assert parse_qs(urlsplit(next_url).query) == {"q": ["foncier"], "kind": ["outil"], "sort": ["title"],
                                                   "page": ["2"]}
    second = html_of(client.get(next_url))
    assert "Page 2 sur 2" in second
    assert "Fiche foncier 24" in results_of(second) and "Fiche foncier 00" not in results_of(second)
    assert 'value="outil" checked' in second and 'value="foncier"' in second


def test_a_misspelt_word_gets_a_did_you_mean_link(client, corpus):
    html = html_of(client.get("/recherche?q=assainisement&kind=outil"))
    assert "Vouliez-vous dire" in html
    [suggested] = [href for href in links(html) if "assainissement" in href]
    assert parse_qs(urlsplit(suggested).query) == {"q": ["assainissement"], "kind": ["outil"]}
    assert "1 résultat" in html_of(client.get(suggested))


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR (", "paille)", "((", "title:", "*", '""', "~ ^ -",
                                   "paille AND", "NOT", "a" * 500])
def test_malformed_syntax_gets_an_answer_never_an_error(client, corpus, query):
    response = client.get("/recherche", query_string={"q": query})
    html = html_of(response)
    assert "résultat" in html


def test_a_quoted_phrase_is_found_as_such(client, corpus):
    assert "1 résultat" in html_of(client.get('/recherche?q="maison en paille"'))


@pytest.mark.parametrize("page", ["0", "-1", "abc", "999999999", "1.5", "1e9"])
def test_absurd_pages_say_so_and_show_the_first(client, corpus, page):
    html = html_of(client.get(f"/recherche?q=paille&page={page}"))
    assert "n&#39;est pas une page de ces résultats" in html
    assert "2 résultats" in html and "Maison en" in html


def test_a_page_past_the_last_says_how_many_there_are(client, corpus):
    html = html_of(client.get("/recherche?q=paille&page=40"))
    assert "La page 40 n&#39;existe pas : ces résultats tiennent en une page." in html
    assert any("page=" not in href and "q=paille" in href for href in links(html))


def test_invalid_filters_are_ignored_with_a_message(client, corpus):
    html = html_of(client.get("/recherche?q=paille&year=abc&sort=n-importe&per_page=100000"))
    assert "ignorés" in html and "Année" in html and "Tri" in html
    assert "2 résultats" in html


def test_htmx_gets_the_results_and_the_facets_alone(client, corpus):
    headers = {"HX-Request": "true", "HX-Target": "resultats"}
    response = client.get("/recherche?q=paille&kind=video", headers=headers)
    html = html_of(response)
    assert "<html" not in html and "Maison en" in html
    assert 'id="facettes"' in html and 'hx-swap-oob="true"' in html
    assert "HX-Request" in response.headers["Vary"]
    full = html_of(client.get("/recherche?q=paille"))
    assert "<html" in full and 'hx-get="/recherche"' in full and 'hx-push-url="true"' in full
    assert 'method="get" action="/recherche"' in full  # works without JavaScript


def test_the_page_loads_its_resources_in_one_query(client, make_resource, reindex, count_queries):
    def queries_for(url):
        client.get(url)  # warm
        with count_queries() as counter:
            html_of(client.get(url))
        return counter["n"]

    for number in range(2):
        make_resource(f"Habitat léger {number}", themes=["habitat-leger", "foncier"], **PUBLIC)
    reindex()
    few = queries_for("/recherche?q=habitat")
    for number in range(2, 14):
        make_resource(f"Habitat léger {number}", themes=["habitat-leger", "energie"], co_owners=[], **PUBLIC)
    reindex()
    many = queries_for("/recherche?q=habitat")
    assert many == few


def test_members_find_what_their_partner_keeps_for_them(client, login, cast, corpus):
    login(cast.hls_learner)
    html = html_of(client.get("/recherche?q=paille"))
    assert "notes internes" in html and "Brouillon" not in html
    login(cast.hls_editor)
    html = html_of(client.get("/recherche?q=paille"))
    assert "Brouillon" in html and 'class="badge badge-draft"' in html


def test_empty_search_lists_everything_visible_newest_first(client, corpus):
    html = html_of(client.get("/recherche"))
    assert "4 résultats" in html
    assert order_of(html) == ["Maison", "Assainissement", "Bail", "Construire"]


# Landing pages ------------------------------------------------------------------------------------------------

def test_theme_landing_page_lists_its_resources_with_facets(client, corpus):
    html = html_of(client.get("/themes/eco-construction"))
    assert "Éco-construction et matériaux" in html and "2 résultats" in html
    assert "Construire en" in html and "Bail" not in html
    counts = facet_counts(html)
    assert counts[("kind", "video")] == 1 and not any(name == "theme" for name, _ in counts)
    narrowed = html_of(client.get("/themes/eco-construction?kind=video&q=maison"))
    assert "1 résultat" in narrowed and 'action="/themes/eco-construction"' in narrowed
    assert "theme=" not in "".join(href for href in links(narrowed) if href.startswith("/themes/"))


def test_phase_landing_page_links_the_phases_around_it(client, corpus):
    html = html_of(client.get("/phases/chantier"))
    assert "Chantier" in html and "1 résultat" in html and "Construire en" in html
    assert 'href="/phases/conception"' in html and 'href="/phases/emmenagement"' in html


def test_unknown_or_retired_terms_have_no_landing_page(client, corpus, vocab):
    from commons.models import Theme

    assert client.get("/themes/inconnu").status_code == 404
    assert client.get("/phases/inconnue").status_code == 404
    db.session.get(Theme, vocab["themes"]["energie"]).is_retired = True
    db.session.commit()
    assert client.get("/themes/energie").status_code == 404


def test_home_page_searches_through_the_engine_and_links_theme_pages(client, corpus):
    html = html_of(client.get("/"))
    assert 'action="/recherche"' in html and 'href="/themes/foncier"' in html
    assert 'href="/recherche"' in html  # the navigation
