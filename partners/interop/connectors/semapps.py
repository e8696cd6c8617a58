"""SemApps: an LDP container of `pair:Document` (or `pair:Resource`) items, read as JSON-LD.

Documents are expanded with pyld (remote contexts fetched through the same guarded HTTP client), so the reading
does not depend on the prefixes a SemApps instance chooses. Items embedded in the container are read as they
are; items given only by IRI are fetched one by one with `Accept: application/ld+json`, as a SemApps mirror does.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from pyld import jsonld

from partners.interop.connectors.base import Connector, FieldChoice, Listing, RemoteItem
from partners.interop.connectors.http import RemoteError, fetch_json
from partners.interop.connectors.text import html_to_text

PAIR = "http://virtual-assembly.org/ontologies/pair#"
DC = "http://purl.org/dc/terms/"
LDP = "http://www.w3.org/ns/ldp#"
RDF_TYPE = "@type"
#: item types imported as resources
DOCUMENT_TYPES = {PAIR + "Document", PAIR + "Resource"}
JSONLD = "application/ld+json"


def _loader(url, options=None):
    return {"contextUrl": None, "documentUrl": url, "document": fetch_json(url, accept=JSONLD)}


def expand(document, base: str) -> list[dict]:
    try:
        return jsonld.expand(document, {"base": base, "documentLoader": _loader})
    except RemoteError:
        raise
    except jsonld.JsonLdError as exc:
        cause = exc
        while cause is not None:  # the loader's RemoteError travels inside pyld's errors
            if isinstance(cause, RemoteError):
                raise cause from exc
            cause = cause.__cause__ or getattr(cause, "cause", None)
        raise RemoteError(f"JSON-LD invalide reçu de {base} : {exc}.") from exc


def values(node: dict, predicate: str) -> list[str]:
    result = []
    for value in node.get(predicate, []):
        if isinstance(value, dict):
            result.append(str(value.get("@value", value.get("@id", ""))))
    return [v for v in result if v]


def first(node: dict, *predicates: str) -> str:
    for predicate in predicates:
        found = values(node, predicate)
        if found:
            return found[0]
    return ""


def short_label(iri: str) -> str:
    """The last segment of an IRI, for terms whose label the container does not give."""
    path = urlsplit(iri)
    return unquote((path.fragment or path.path.rstrip("/").rsplit("/", 1)[-1]) or iri)


class SemAppsConnector(Connector):
    key = "semapps"
    label = "SemApps (conteneur LDP)"

    def _container(self, source) -> list[dict]:
        nodes = expand(fetch_json(source.url, accept=JSONLD), source.url)
        container = next((n for n in nodes if LDP + "contains" in n or LDP + "Container" in n.get(RDF_TYPE, [])),
                         None)
        if container is None:
            raise RemoteError(f"{source.url} n'est pas un conteneur LDP (ldp:contains absent).")
        return [item for item in container.get(LDP + "contains", []) if isinstance(item, dict) and "@id" in item]

    def _full(self, node: dict) -> dict:
        if RDF_TYPE in node and PAIR + "label" in node:
            return node
        iri = node["@id"]
        found = next((n for n in expand(fetch_json(iri, accept=JSONLD), iri) if n.get("@id") == iri), None)
        if found is None:
            raise RemoteError(f"Réponse partielle : {iri} ne décrit pas la ressource demandée.")
        return found

    def read(self, node: dict) -> RemoteItem:
        item = RemoteItem(
            external_id=node["@id"], updated=first(node, DC + "modified", DC + "created"),
            title=html_to_text(first(node, PAIR + "label")), summary=html_to_text(first(node, PAIR + "comment")),
            body=html_to_text(first(node, PAIR + "description")),
            source=first(node, PAIR + "homePage", PAIR + "webPage", DC + "source"),
            kind_key=first(node, PAIR + "hasType"), theme_keys=values(node, PAIR + "hasTopic")
            or values(node, PAIR + "hasTheme"))
        if not item.title:
            raise RemoteError(f"La ressource {item.external_id} n'a pas de pair:label.")
        return item

    def _documents(self, source) -> list[dict]:
        return [n for n in self._container(source)
                if not n.get(RDF_TYPE) or DOCUMENT_TYPES & set(n.get(RDF_TYPE, []))]

    def fields(self, source) -> list[FieldChoice]:
        kinds, topics = {}, {}
        for node in self._documents(source):
            full = self._full(node)
            if not DOCUMENT_TYPES & set(full.get(RDF_TYPE, [])):
                continue
            for kind in values(full, PAIR + "hasType"):
                kinds[kind] = short_label(kind)
            for topic in values(full, PAIR + "hasTopic") + values(full, PAIR + "hasTheme"):
                topics[topic] = short_label(topic)
        return [FieldChoice("pair:hasType", "pair:hasType", kinds),
                FieldChoice("pair:hasTopic", "pair:hasTopic", topics)]

    def default_mapping(self, fields: list[FieldChoice]) -> dict:
        return {"kind_field": "pair:hasType", "theme_field": "pair:hasTopic"}

    def listing(self, source, known: dict[str, str]) -> Listing:
        stamps, items = {}, {}
        for node in self._documents(source):
            full = node if RDF_TYPE in node and PAIR + "label" in node else None
            stamp = first(full, DC + "modified", DC + "created") if full else ""
            if full is None or known.get(node["@id"]) != stamp or not stamp:
                full = self._full(node)
                if not DOCUMENT_TYPES & set(full.get(RDF_TYPE, [])):
                    continue
                item = self.read(full)
                items[item.external_id] = item
                stamp = item.updated
            stamps[node["@id"]] = stamp
        return Listing(stamps=stamps, items=items)

    def preview(self, source, limit: int = 5) -> list[RemoteItem]:
        result = []
        for node in self._documents(source)[:limit]:
            full = self._full(node)
            if DOCUMENT_TYPES & set(full.get(RDF_TYPE, [])):
                result.append(self.read(full))
        return result
