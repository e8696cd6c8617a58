"""French words as people type them: accents, plurals, capitals and stop words; highlighting."""

from __future__ import annotations

import pytest

from commons.models import Status, Visibility

pytest_plugins = ["tests.commons.search_fixtures"]


def ids(result) -> list[int]:
    return [hit.resource_id for hit in result.hits]


@pytest.mark.parametrize("typed", ["université", "universités", "universites", "UNIVERSITE", "Universite"])
def test_accents_plural_and_case_match_each_other(hls, create_resource, find, typed):
    accented = create_resource(hls, title="Partenariat avec l'université", status=Status.PUBLISHED,
                               visibility=Visibility.PUBLIC)
    plain = create_resource(hls, title="Deux universites rurales", status=Status.PUBLISHED,
                            visibility=Visibility.PUBLIC)
    create_resource(hls, title="Chantier participatif", status=Status.PUBLISHED,
                    visibility=Visibility.PUBLIC)

    assert sorted(ids(find(None, typed))) == sorted([accented.id, plain.id])


def test_les_is_a_stop_word(hls, create_resource, find):
    wanted = create_resource(hls, title="Habitat groupé", summary="Un habitat en commun.",
                             status=Status.PUBLISHED, visibility=Visibility.PUBLIC)
    create_resource(hls, title="Les jardins", summary="Les potagers.", status=Status.PUBLISHED,
                    visibility=Visibility.PUBLIC)

    # "les" is dropped: the AND of the remaining words still finds a resource that never says "les"
    assert ids(find(None, "les habitats")) == [wanted.id]
    assert find(None, "les").total == 2  # only stop words: nothing to narrow on, everything visible


def test_words_in_every_text_field_are_found(hls, create_resource, find):
    resource = create_resource(
        hls, title="Titre", summary="Résumé sur la gouvernance", body="Un **corps** en *Markdown* sur "
        "la sociocratie.", keywords=["autoconstruction"], authors="Camille Dupont", source="Réseau Oasis",
        status=Status.PUBLISHED, visibility=Visibility.PUBLIC)

    for words in ("gouvernance", "sociocratie", "autoconstruction", "dupont", "oasis", "markdown"):
        assert ids(find(None, words)) == [resource.id], words


def test_title_weighs_more_than_body(hls, create_resource, find):
    in_body = create_resource(hls, title="Guide", body="Tout sur la permaculture au jardin.",
                              status=Status.PUBLISHED, visibility=Visibility.PUBLIC)
    in_title = create_resource(hls, title="La permaculture", body="Un guide pour le jardin.",
                               status=Status.PUBLISHED, visibility=Visibility.PUBLIC)

    assert ids(find(None, "permaculture")) == [in_title.id, in_body.id]


def test_matches_are_highlighted_and_the_rest_escaped(hls, create_resource, find):
    create_resource(hls, title="<b>Universités</b> & habitat",
                    summary="Des <script>alert(1)</script> étudiants dans les universités rurales.",
                    status=Status.PUBLISHED, visibility=Visibility.PUBLIC)

    hit = find(None, "universite").hits[0]

    assert str(hit.title_html) == "&lt;b&gt;<mark>Universités</mark>&lt;/b&gt; &amp; habitat"
    assert "<mark>universités</mark>" in str(hit.excerpt_html)
    assert "<script>" not in str(hit.excerpt_html)
    assert "&lt;script&gt;" in str(hit.excerpt_html)


def test_long_body_gives_a_window_around_the_first_match(hls, create_resource, find):
    body = " ".join(["remplissage"] * 100) + " Le bail emphytéotique protège le collectif. " + " ".join(
        ["suite"] * 200)
    create_resource(hls, title="Foncier", body=body, status=Status.PUBLISHED,
                    visibility=Visibility.PUBLIC)

    excerpt = str(find(None, "emphyteotique").hits[0].excerpt_html)

    assert "<mark>emphytéotique</mark>" in excerpt
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert len(excerpt) < 400


@pytest.mark.whoosh_only("Whoosh analyzer and segment writer")
def test_the_fused_analyzer_gives_the_whoosh_chains_tokens():
    """The index uses FrenchAnalyzer for speed; it must cut, fold, stop and stem exactly as the chain does."""
    import random

    from commons.search.analysis import FrenchAnalyzer, french_analyzer

    chain, fused = french_analyzer(), FrenchAnalyzer()
    sample = ("Les universités, l'habitat LES Participatif é.t.é 3.14 a à où ça Œuvre cœur straße naïve 2024 _x_ "
              "été-là Éco-construction QU'IL aujourd'hui")
    words = sample.split()
    rng = random.Random(3)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 30))) for _ in range(300)] + ["", "  ", "les"]
    options = ({}, {"positions": True, "chars": True}, {"mode": "query"},
               {"positions": True, "chars": True, "removestops": False, "keeporiginal": True},
               {"tokenize": False, "positions": True, "chars": True}, {"start_pos": 5, "start_char": 7, "chars": True})

    def tokens(analyzer, text, kwargs):
        return [(t.text, getattr(t, "pos", None), getattr(t, "startchar", None), getattr(t, "endchar", None),
                 t.stopped, t.boost, getattr(t, "original", None)) for t in analyzer(text, **kwargs)]

    for kwargs in options:
        for text in texts:
            assert tokens(fused, text, kwargs) == tokens(chain, text, kwargs), (kwargs, text)


@pytest.mark.whoosh_only("Whoosh analyzer and segment writer")
def test_text_fields_index_what_whoosh_would():
    """The text fields skip Whoosh's token stream when indexing; they must yield its very terms, frequencies,
    weights and encoded positions (phrases are matched on them)."""
    import random

    from whoosh import fields

    from commons.search.analysis import FrenchAnalyzer
    from commons.search.schema import FrenchText

    sample = ("Les universités, l'habitat LES participatif é.t.é 3.14 a à où ça Œuvre cœur naïve 2024 _x_ les les "
              "été-là Éco-construction QU'IL aujourd'hui habitat habitats")
    words = sample.split()
    rng = random.Random(5)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 40))) for _ in range(300)] + ["", "les"]
    for boost in (1.0, 3.0):
        ours, whooshs = FrenchText(field_boost=boost), fields.TEXT(analyzer=FrenchAnalyzer(), field_boost=boost)
        for text in texts:
            assert list(ours.index(text)) == list(whooshs.index(text)), text


@pytest.mark.parametrize(("markdown", "expected"), [
    ("## Contexte\n\nUn **corps** en *Markdown*.", "Contexte\n\nUn corps en Markdown."),
    ("Voir [la charte](https://exemple.org/charte_v2) et ![un plan](plan.png).", "Voir la charte et un plan."),
    ("- un\n- deux\n\n1. trois\n\n> cité", "un\ndeux\n\ntrois\n\ncité"),
    ("| a | b |\n|---|:-:|\n| c | d |", "a b\nc d"),
    ("# Titre #\n\n> - cité\n\n---\n\n```\ncode\n```\n\n2024. Une année", "Titre\n\ncité\n\ncode\n\nUne année"),
    ("snake_case, _souligné_, \\*étoile\\*, &amp; <b>gras</b> <https://a.org>",
     "snake_case, souligné, *étoile*, & gras"),
])
def test_markdown_bodies_are_indexed_by_their_words(markdown, expected):
    from commons.search.documents import markdown_text

    assert markdown_text(markdown) == expected


def test_highlighting_marks_the_words_the_index_matched():
    """Excerpts find their words with a regular expression of the matching words: the same spans as taking the
    tokenizer's words one by one."""
    import random
    import re

    from commons.search.analysis import term_for
    from commons.search.excerpts import matches

    sample = ("habitat habitats Habitat HABITAT a.habitat habitat.b habitat. .habitat habitat-léger l'habitat "
              "é.t.é été étés 3.14 université universités _habitat habitat_ foncier")
    words = sample.split()
    rng = random.Random(11)
    for _ in range(300):
        text = "".join(rng.choice(words) + rng.choice([" ", "  ", ".", ", ", "-", "..", "\n"])
                       for _ in range(rng.randint(0, 25)))
        # ("été" is a stop word: no term; a query never has None among its terms)
        terms = frozenset(rng.sample([term_for("habitat"), term_for("été"), term_for("universite"), "314"], 2)) - {None}
        expected = [m.span() for m in re.finditer(r"\w+(?:\.?\w+)*", text) if term_for(m.group()) in terms]
        assert matches(text, terms) == expected, text
        assert matches(text, terms, first_only=True) == expected[:1], text


def test_highlighting_finds_every_word_whose_term_the_stemmer_rewrote():
    """Words are looked at only when they start like a query term: the stemmer's rewritten endings
    ("publications" -> "publiqu", "chevaux" -> "cheval"), its "y" written "i" ("payer" -> "pai"), capitals and
    accents must not hide them."""
    from commons.demo_data import RESOURCES
    from commons.search.analysis import term_for
    from commons.search.excerpts import WORD, matches

    words = set(WORD.findall("yourte voyage payer employés Indicateur PUBLICATIONS chevaux heureuse évidemment "
                             "ancienne aïeux Noël cœur œuvres naïve ambiguë yeux ÉTÉ Évêque travaux vitraux soyons "
                             "croyance nettoyage loyauté a.b.c"))
    for entry in RESOURCES:
        words.update(WORD.findall(" ".join(value for value in entry.values() if isinstance(value, str))))
    missed = [word for word in words
              if (term := term_for(word)) and matches(word, frozenset([term])) != [(0, len(word))]]
    assert not missed


def _postings(folder):
    """Everything a reader reads of an index: terms, postings (ids, weights, values), lengths, stored fields,
    columns."""
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(folder))
    with ix.reader() as reader:
        postings = {}
        for fieldname, text in reader.all_terms():
            matcher, found = reader.postings(fieldname, text), []
            while matcher.is_active():
                found.append((matcher.id(), round(matcher.weight(), 4), matcher.value()))
                matcher.next()
            postings[fieldname, text] = found
        lengths = [reader.doc_field_length(docnum, "content") for docnum in range(reader.doc_count_all())]
        stored = list(reader.all_stored_fields())
        dates = list(reader.column_reader("date"))
    return postings, lengths, stored, dates, ix.doc_count()


@pytest.mark.whoosh_only("Whoosh analyzer and segment writer")
def test_bulk_segment_writer_writes_what_whoosh_writes(tmp_path):
    """A rebuild writes its segments in bulk (commons.search.segment): the index reads back exactly as one written
    by Whoosh's own writer (posting lists longer than a block included)."""
    import random

    from whoosh import index as whoosh_index

    from commons.demo_data import RESOURCES
    from commons.search.analysis import join_values
    from commons.search.index import codec
    from commons.search.schema import build_schema
    from commons.search.segment import BulkSegmentWriter

    rng = random.Random(5)
    texts = [entry["summary"] for entry in RESOURCES] + [entry["title"] for entry in RESOURCES]
    docs = [{"id": str(i), "title": rng.choice(texts), "content": " ".join(rng.sample(texts, 3)) + " habitat",
             "keywords": "paille ; Habitat léger" if i % 3 else "", "summary": rng.choice(texts),
             "themes": join_values(rng.sample(["foncier", "eau", "énergie", "gouvernance"], 2)), "kind": "video",
             "date": rng.randrange(10**12), "rid": i, "title_sort": b"t%d" % i, "updated": f"v{i}"}
            for i in range(1, 301)]
    for name, make in (("whoosh", lambda ix: ix.writer(codec=codec())),
                       ("bulk", lambda ix: BulkSegmentWriter(ix, codec=codec()))):
        (tmp_path / name).mkdir()
        writer = make(whoosh_index.create_in(str(tmp_path / name), build_schema()))
        for doc in docs:
            writer.add_document(**{key: value for key, value in doc.items() if value != ""})
        writer.commit()
    ours, theirs = _postings(tmp_path / "bulk"), _postings(tmp_path / "whoosh")
    assert len(ours[0][("content", b"habitat")]) == 300  # three blocks of 128 at most
    assert ours == theirs
