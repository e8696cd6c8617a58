"""Search suite: reindexing speed, then GET /api/v1/search against the same queries run without the web layer.

A fresh SQLite database gets the real taxonomy, three partners, keywords and 20,000 generated French resources
(`--docs N` to change; 2,000 with --quick), inserted in bulk; their prose is learnt from the demo resources, so
words are as frequent as in the real commons. `rebuild(procs=2)` is timed (reindex_docs_per_s; and the CPU time
its processes spent per document, reindex_cpu_ms_per_doc, which a busy machine inflates far less). Then a fixed
set of 200 queries (seeded: one or two words, with 0, 1 or 2 facet filters, a third each; every answer with facet
counts) runs three ways, taking turns, as an anonymous visitor:

- api: `GET /api/v1/search` through Flask's test client: argument parsing, the engine, the rows of the hits
  from the database, the output schema, JSON.
- raw: the same searcher work straight on a pooled Whoosh searcher, with the engine's own strategy and nothing
  else: the words parsed into a Whoosh query and matched as bitsets of the index generation, the visibility and
  facet filters as bitsets, the multi-select counts of every facet (each facet counted without its own
  filter), the top page ranked by the same BM25F scores (or in date order without words), and the stored
  ids of that page. No Flask, no HTTP, no schema, no database; and none of the presentation the engine adds
  on top (highlighted titles and excerpts, "did you mean" when nothing matched).
- engine: `commons.search.search()` called directly: raw plus that presentation.

api_to_raw_p95_ratio is what the web layer and the presentation cost on top of the searcher work;
api_to_engine_p95_ratio is the web layer alone. (Whoosh's own `search_page(..., groupedby=...)` is no
baseline: its facet grouping walks every matching document and takes 0.4 to 1.7 s per query here, and it
counts facets within the filtered results, not the multi-select way the search page shows them.)

Each time is also taken in CPU time of the thread (`*_cpu_*` figures): on a shared virtual machine, wall-time
tails also hold time spent waiting for the processor.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

import sqlalchemy as sa

DEFAULT_DOCS = 20_000
QUERIES = 200
PER_PAGE = 20
BATCH = 2_000
PARTNERS = ("hpf", "hls", "co")
YEARS = range(2008, 2026)
STATUSES = {"published": 70, "draft": 10, "in_review": 10, "archived": 10}
VISIBILITIES = {"public": 50, "commons": 35, "partner": 15}
LANGUAGES = {"fr": 90, "en": 5, "oc": 3, "br": 2}
#: facets the queries filter on, as the search page offers them
QUERY_FACETS = ("kind", "theme", "phase", "partner", "language", "year", "keyword")

# French vocabulary of the commons: what titles, summaries and bodies are made of ------------------------------

SUBJECTS = [
    "habitat participatif", "hameau léger", "oasis", "chantier participatif", "maison en paille",
    "foncier agricole", "bail emphytéotique", "coopérative d'habitants", "assainissement autonome",
    "phytoépuration", "toilettes sèches", "yourte", "tiny house", "ossature bois", "enduit terre-chaux",
    "société civile immobilière", "association foncière", "gouvernance partagée", "sociocratie",
    "prise de décision par consentement", "permis d'aménager", "plan local d'urbanisme", "habitat réversible",
    "récupération d'eau de pluie", "chauffage au bois", "poêle de masse", "panneaux solaires", "autoconstruction",
    "rénovation énergétique", "isolation en chanvre", "béton de chanvre", "charpente traditionnelle",
    "jardin partagé", "maraîchage", "verger conservatoire", "espace commun", "salle commune", "buanderie partagée",
    "accompagnement de projet", "recherche de terrain", "prêt bancaire", "épargne solidaire",
    "financement participatif",
    "statuts juridiques", "convention d'occupation", "démembrement de propriété", "université populaire",
    "formation des habitants", "médiation", "gestion des conflits", "vivre ensemble", "intergénérationnel",
    "collectivité territoriale", "élus locaux", "commune rurale", "écologie", "sobriété énergétique",
]
WORDS = [
    "habitat", "participatif", "hameau", "léger", "chantier", "paille", "foncier", "bail", "coopérative",
    "assainissement", "université", "collectif", "habitants", "terrain", "commune", "projet", "groupe",
    "gouvernance", "décision", "consentement", "financement", "banque", "prêt", "épargne", "statuts", "société",
    "association", "propriété", "location", "loyer", "charges", "eau", "pluie", "énergie", "chauffage", "bois",
    "terre", "chaux", "chanvre", "ossature", "charpente", "isolation", "toiture", "fondations", "plancher",
    "menuiserie", "électricité", "plomberie", "ventilation", "jardin", "potager", "verger", "poulailler",
    "compost", "toilettes", "phytoépuration", "lagunage", "réseau", "voisinage", "convivialité", "médiation",
    "conflit", "réunion", "atelier", "formation", "accompagnement", "étude", "diagnostic", "permis",
    "urbanisme", "règlement", "zonage", "élus", "mairie", "département", "région", "territoire", "ruralité",
    "écologie", "sobriété", "autonomie", "solidarité", "mutualisation", "partage", "buanderie", "atelier",
    "outils", "véhicules", "covoiturage", "enfants", "aînés", "intergénérationnel", "accessibilité",
    "yourte", "roulotte", "cabane", "dôme", "tipi", "réversible", "démontable", "autoconstruction",
    "retour", "expérience", "témoignage", "méthode", "guide", "fiche", "modèle", "contrat", "plan",
]
GLUE = ["le", "la", "les", "des", "du", "de", "un", "une", "et", "pour", "avec", "dans", "sur", "en", "au", "aux",
        "notre", "leur", "chaque", "entre", "après", "avant", "sans", "très", "plus", "aussi"]
TITLE_PATTERNS = [
    "{S} : {w} et {w}", "Monter un projet de {S}", "Retour d'expérience : {S} à {place}", "Guide du {S}",
    "{S}, {w} et {w} en milieu rural", "Fiche pratique : {S}", "Comprendre le {S}", "{S} : les étapes clés",
    "Financer un {S}", "Le {w} dans un {S}", "Atelier {w} et {S}", "Questions fréquentes sur le {S}",
]
PLACES = ["Ardèche", "Bretagne", "Drôme", "Lozère", "Corrèze", "Gers", "Jura", "Périgord", "Cévennes", "Vosges",
          "Loire-Atlantique", "Hautes-Pyrénées", "Ariège", "Creuse", "Morvan", "Île-de-France"]
KEYWORDS = [
    "autoconstruction", "paille porteuse", "bail réel solidaire", "SCIC", "SCI", "habitat léger", "yourte",
    "phytoépuration", "toilettes sèches", "terre crue", "chanvre", "sociocratie", "consentement", "foncier",
    "prêt", "épargne", "loi ALUR", "PLU", "permis d'aménager", "STECAL", "eau de pluie", "photovoltaïque",
    "poêle de masse", "jardin", "maraîchage", "intergénérationnel", "accessibilité", "médiation", "tiers-lieu",
    "coopérative d'habitants", "université d'été", "MOOC", "formation", "chantier participatif", "éco-hameau",
    "oasis", "rénovation", "isolation", "bois local", "réemploi",
]


def run(quick: bool = False, docs: int | None = None):
    """Yield (figure, value, unit)."""
    size = docs or (2_000 if quick else DEFAULT_DOCS)
    count = 60 if quick else QUERIES
    with tempfile.TemporaryDirectory(prefix="terreau-bench-search-") as folder:
        os.environ["TERREAU_INSTANCE_PATH"] = folder  # read when `app` is imported: queue and index live there
        os.environ.pop("REDIS_URL", None)
        from app import create_app
        from app.db import db

        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "TESTING": True,
                          "SEARCH_INDEX_DIR": f"{folder}/search-index"})
        with app.app_context():
            db.create_all()
            rng = random.Random(2025)
            choices = seed(rng, size)
            indexed, seconds, cpu_seconds = reindex()
            queries = [random_query(rng, choices, index % 3) for index in range(count)]
            times, cpu_times = measure(app, queries)
            db.engine.dispose()
    api_ms, engine_ms, raw_ms = times["api"], times["engine"], times["raw"]
    api_p95, raw_p95 = percentile(api_ms, 95), percentile(raw_ms, 95)
    yield "resources", size, "count"
    yield "indexed", indexed, "count"
    yield "reindex_s", round(seconds, 2), "s"
    yield "reindex_docs_per_s", round(indexed / seconds), "docs/s"
    yield "reindex_cpu_ms_per_doc", round(cpu_seconds * 1000 / indexed, 3), "ms"
    yield "queries", len(queries), "count"
    yield "api_p50_ms", round(statistics.median(api_ms), 2), "ms"
    yield "api_p95_ms", round(api_p95, 2), "ms"
    yield "raw_p50_ms", round(statistics.median(raw_ms), 2), "ms"
    yield "raw_p95_ms", round(raw_p95, 2), "ms"
    yield "api_to_raw_p95_ratio", round(api_p95 / raw_p95, 2), "ratio"
    yield "engine_p50_ms", round(statistics.median(engine_ms), 2), "ms"
    yield "engine_p95_ms", round(percentile(engine_ms, 95), 2), "ms"
    yield "api_to_engine_p95_ratio", round(api_p95 / percentile(engine_ms, 95), 2), "ratio"
    # the same in CPU time of this thread: what the work costs, whatever else the machine (or its host) runs
    for name in ("api", "engine", "raw"):
        yield f"{name}_cpu_p50_ms", round(statistics.median(cpu_times[name]), 2), "ms"
        yield f"{name}_cpu_p95_ms", round(percentile(cpu_times[name], 95), 2), "ms"
    yield "api_to_raw_cpu_p95_ratio", round(percentile(cpu_times["api"], 95) / percentile(cpu_times["raw"], 95), 2), \
        "ratio"


# Data ---------------------------------------------------------------------------------------------------------

def seed(rng: random.Random, size: int) -> dict[str, list[str]]:
    """The real taxonomy, partners, keywords and `size` resources in bulk; returns the values filters may take."""
    from app.accounts.models import Partner
    from app.db import db
    from commons.models import Keyword, Kind, Phase, Theme
    from commons.seed import seed_taxonomy

    seed_taxonomy()
    db.session.execute(sa.insert(Partner.__table__), [
        {"id": i, "slug": slug, "name": slug.upper(), "short_name": slug.upper()}
        for i, slug in enumerate(PARTNERS, start=1)])
    db.session.execute(sa.insert(Keyword.__table__), [
        {"id": i, "slug": label.lower(), "label": label} for i, label in enumerate(KEYWORDS, start=1)])
    db.session.flush()
    terms = {name: dict(db.session.execute(sa.select(model.id, model.slug)).all())
             for name, model in (("kind", Kind), ("theme", Theme), ("phase", Phase))}
    licences = list(db.session.scalars(sa.text("SELECT id FROM licences")))
    insert_resources(rng, size, terms, licences)
    db.session.commit()
    return {**{name: list(slugs.values()) for name, slugs in terms.items()}, "partner": list(PARTNERS),
            "language": ["fr", "fr", "fr", "en"], "year": [str(year) for year in YEARS],
            "keyword": list(KEYWORDS), "words": query_words(rng)}


def query_words(rng: random.Random) -> list[str]:
    """Words people might type: those of the commons' vocabulary with five letters or more."""
    return [word for word in Writer(rng).words if len(word) >= 5 and word.isalpha()]


class Writer:
    """French prose for the generated resources: a word-pair (Markov) chain learnt from the demo resources'
    titles, summaries and paragraphs, so the vocabulary (about 2,000 words) and its frequencies are those of real
    resources of the commons, with the subjects above woven in."""

    def __init__(self, rng: random.Random):
        from commons.demo_data import RESOURCES

        self.rng = rng
        self.follows: dict[str, list[str]] = {}
        self.starts: list[str] = []
        for entry in RESOURCES:
            points = [text for point in entry.get("points", ()) for text in (point if isinstance(point, tuple)
                                                                             else (point,))]
            for text in (entry["title"], entry["summary"], entry.get("intro", ""), entry.get("note", ""), *points):
                self._learn(text)
        self.words = sorted({word.strip(".,;:?!«»()").lower() for words in self.follows.values() for word in words})

    def _learn(self, text: str) -> None:
        words = text.split()
        if len(words) < 3:
            return
        self.starts.append(words[0])
        for current, following in zip(words, words[1:], strict=False):
            self.follows.setdefault(current, []).append(following)

    def sentence(self, length: int) -> str:
        words = [self.rng.choice(self.starts)]
        while len(words) < length:
            following = self.follows.get(words[-1])
            if not following or self.rng.random() < 0.08:  # a subject now and then, or a fresh start
                fresh = self.rng.choice(SUBJECTS).split() if self.rng.random() < 0.5 else [self.rng.choice(self.starts)]
                words += fresh
            else:
                words.append(self.rng.choice(following))
        text = " ".join(words[:length]).rstrip(".,;:")
        return text[0].upper() + text[1:] + "."

    def title(self) -> str:
        text = self.rng.choice(TITLE_PATTERNS).replace("{S}", self.rng.choice(SUBJECTS))
        text = text.replace("{place}", self.rng.choice(PLACES))
        while "{w}" in text:
            text = text.replace("{w}", self.rng.choice(WORDS), 1)
        return text[0].upper() + text[1:]

    def body(self, words: int = 200) -> str:
        """Markdown of about `words` words: two headed sections, as editors write them."""
        parts, written = [], 0
        while written < words:
            length = self.rng.randint(8, 24)
            parts.append(self.sentence(length))
            written += length
        middle = len(parts) // 2
        return "## Contexte\n\n" + " ".join(parts[:middle]) + "\n\n## En pratique\n\n" + " ".join(parts[middle:])


def insert_resources(rng: random.Random, size: int, terms: dict[str, dict[int, str]], licences: list[int]) -> None:
    """Resources with French text, random taxonomy, owners, workflow and dates, plus their links."""
    from app.db import db
    from commons.models import Resource, resource_co_owners, resource_keywords, resource_phases, resource_themes

    def pick(weights: dict) -> str:
        return rng.choices(list(weights), list(weights.values()))[0]

    kind_ids, theme_ids, phase_ids = (list(terms[name]) for name in ("kind", "theme", "phase"))
    writer = Writer(rng)
    for start in range(1, size + 1, BATCH):
        resources, links = [], {resource_themes: [], resource_phases: [], resource_co_owners: [],
                                resource_keywords: []}
        for i in range(start, min(start + BATCH, size + 1)):
            published = datetime(rng.choice(YEARS), 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(365))
            owner = rng.randint(1, len(PARTNERS))
            resources.append({  # dated in the past: a reindex re-reads what changed while it ran, not these
                "created_dt": published, "updated_dt": published,
                "id": i, "title": writer.title(), "summary": writer.sentence(rng.randint(15, 35)),
                "body": writer.body(),
                "kind_id": rng.choice(kind_ids), "owner_partner_id": owner, "licence_id": rng.choice(licences),
                "status": pick(STATUSES), "visibility": pick(VISIBILITIES), "language": pick(LANGUAGES),
                "published_dt": published, "is_deleted": rng.random() < 0.02,
                "authors": rng.choice(["Collectif", "Camille Martin", "Réseau HPF", "Les Hameaux Légers", ""]),
                "content_date": date(rng.choice(YEARS), rng.randint(1, 12), 1) if rng.random() < 0.7 else None,
            })
            links[resource_themes] += [{"resource_id": i, "theme_id": t}
                                       for t in rng.sample(theme_ids, rng.randint(1, 3))]
            links[resource_phases] += [{"resource_id": i, "phase_id": p}
                                       for p in rng.sample(phase_ids, rng.randint(1, 2))]
            links[resource_keywords] += [{"resource_id": i, "keyword_id": k}
                                         for k in rng.sample(range(1, len(KEYWORDS) + 1), rng.randint(0, 4))]
            if rng.random() < 0.1:
                links[resource_co_owners].append({"resource_id": i, "partner_id": owner % len(PARTNERS) + 1})
        db.session.execute(sa.insert(Resource.__table__), resources)
        for table, rows in links.items():
            if rows:
                db.session.execute(sa.insert(table), rows)


def reindex() -> tuple[int, float, float]:
    """(documents indexed, seconds, CPU seconds of this process and its workers) for a full rebuild with two
    processes. The CPU time says what a rebuild costs whatever else the machine is doing."""
    from app.db import db
    from commons.search import rebuild

    db.session.commit()  # the indexing processes read what is committed
    start, cpu = time.perf_counter(), _cpu_seconds()
    indexed = rebuild(procs=2)
    return indexed, time.perf_counter() - start, _cpu_seconds() - cpu


def _cpu_seconds() -> float:
    """User and system time of this process and of its finished child processes."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


# Queries ------------------------------------------------------------------------------------------------------

def random_query(rng: random.Random, choices: dict[str, list[str]], filters: int) -> dict:
    """One or two words people type (a subject of the commons, or words of its vocabulary, frequent or rare),
    and `filters` facet filters with one value each."""
    if rng.random() < 0.4:
        words = [word for word in rng.choice(SUBJECTS).split() if word not in GLUE][:2]
    else:
        words = rng.sample(choices["words"], rng.randint(1, 2))
    query = {"q": " ".join(words)}
    for facet in rng.sample(QUERY_FACETS, filters):
        query[facet] = [rng.choice(choices[facet])]
    return query


def measure(app, queries: list[dict]) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Milliseconds per query, wall and CPU time: anonymous API request, the engine's `search()` called directly
    (no HTTP), and the engine's searcher work straight on the Whoosh searcher (raw)."""
    from flask_login import AnonymousUserMixin

    from commons.search.index import wait_for_warm_up

    client, anonymous = app.test_client(), AnonymousUserMixin()
    runs = {"api": lambda query: call_api(client, query), "engine": lambda query: run_engine(anonymous, query),
            "raw": lambda query: run_raw(anonymous, query)}
    for query in queries[:20]:  # warm-up: searcher pool, bitset snapshot, caches, lazy imports
        for run_one in runs.values():
            run_one(query)
    wait_for_warm_up()  # the read-ahead of a new index's frequent postings, once, in a background thread
    times, cpu_times = {name: [] for name in runs}, {name: [] for name in runs}
    names = list(runs)
    for index, query in enumerate(queries):
        # the first to run a query warms caches (postings, analysed words) for the others: take turns
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            wall, cpu = timed(runs[name], query)
            times[name].append(wall)
            cpu_times[name].append(cpu)
    return times, cpu_times


def call_api(client, query: dict) -> None:
    url = "/api/v1/search?" + urlencode({**query, "per_page": PER_PAGE}, doseq=True)
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}: {response.text[:300]}")


def search_request(query: dict):
    from commons.search import SearchRequest

    return SearchRequest(text=query["q"], filters={k: v for k, v in query.items() if k != "q"}, per_page=PER_PAGE)


def run_engine(user, query: dict) -> None:
    from commons.search import search

    search(user, search_request(query))


def run_raw(user, query: dict) -> None:
    """The engine's searcher work on the Whoosh searcher, without the web layer or the presentation (see the
    module's docstring): bitsets for the words, visibility and filters, multi-select facet counts, the top
    page ranked, its stored ids."""
    from commons.search.index import searcher, snapshot_for
    from commons.search.query import active_filters, facet_counts, in_order, parse_text, visibility_bits
    from commons.search.schema import FACET_FIELDS
    from commons.search.scoring import rank
    from commons.search.snapshot import bits_for

    with searcher() as current:
        snap = snapshot_for(current)
        parsed = parse_text(query["q"])
        matched = bits_for(current, snap, parsed) if parsed is not None else snap.live
        base = matched & visibility_bits(snap, user)
        filters = active_filters({name: values for name, values in query.items() if name != "q"})
        by_facet = {name: snap.any_of(FACET_FIELDS[name], values) for name, values in filters.items()}
        selected = base
        for bits in by_facet.values():
            selected &= bits
        facet_counts(snap, base, by_facet, selected)
        if parsed is not None:
            page = [docnum for docnum, _score in rank(current, snap, parsed, selected, PER_PAGE)]
        else:
            page = in_order(snap, selected, "date", PER_PAGE)
        [current.stored_fields(docnum)["id"] for docnum in page]  # noqa: B018 - read, as the engine reads them


def timed(func, *args) -> tuple[float, float]:
    """(wall, CPU) milliseconds of `func(*args)`; the CPU time is this thread's, which time spent waiting for the
    processor (another process, the virtual machine's host) does not inflate."""
    start, cpu = time.perf_counter(), time.thread_time()
    func(*args)
    return (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]
