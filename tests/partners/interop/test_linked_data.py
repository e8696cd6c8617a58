"""LDP containers, JSON-LD that expands with pyld to PAIR IRIs, Turtle that rdflib reads, the compact list, outbox."""

from __future__ import annotations

import json

from pyld import jsonld
from rdflib import RDF, Graph, Literal, Namespace, URIRef

PAIR = Namespace("http://virtual-assembly.org/ontologies/pair#")
DC = Namespace("http://purl.org/dc/terms/")
LDP = Namespace("http://www.w3.org/ns/ldp#")


def _no_network(url, options=None):
    raise AssertionError(f"the document asked the network for {url}")


def _ld(client, path, accept="application/ld+json"):
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200, path
    return response


def test_the_resources_container_expands_to_pair_iris(client, catalogue):
    response = _ld(client, "/ldp/resources")
    assert response.mimetype == "application/ld+json"
    document = json.loads(response.get_data(as_text=True))
    expanded = jsonld.expand(document, {"documentLoader": _no_network})  # the context is inline
    container = expanded[0]
    assert container["@id"] == "http://localhost/ldp/resources"
    assert set(container["@type"]) == {str(LDP.Container), str(LDP.BasicContainer)}
    items = {node["@id"]: node for node in container[str(LDP.contains)]}
    assert set(items) == {f"http://localhost/ldp/resources/{r.id}" for r in (catalogue.public, catalogue.video)}
    node = items[f"http://localhost/ldp/resources/{catalogue.public.id}"]
    assert node["@type"] == [str(PAIR.Document)]
    assert node[str(PAIR.label)] == [{"@value": "Monter une SCI d'attribution"}]
    assert {v["@id"] for v in node[str(PAIR.hasTopic)]} == {"http://localhost/ldp/themes/foncier",
                                                            "http://localhost/ldp/themes/juridique"}
    assert node[str(PAIR.hasType)] == [{"@id": "http://localhost/ldp/kinds/methode"}]
    assert node[str(PAIR.homePage)] == [{"@id": f"http://localhost/ressources/{catalogue.public.id}"}]
    created = node[str(DC.created)][0]
    assert created["@type"] == "http://www.w3.org/2001/XMLSchema#dateTime" and created["@value"].endswith("Z")
    assert str(DC.modified) in node and str(PAIR.description) in node


def test_rdflib_reads_the_json_ld_and_the_turtle_alike(client, catalogue):
    jsonld_graph = Graph().parse(data=_ld(client, "/ldp/resources").get_data(as_text=True), format="json-ld")
    turtle = _ld(client, "/ldp/resources", accept="text/turtle")
    assert turtle.mimetype == "text/turtle"
    turtle_graph = Graph().parse(data=turtle.get_data(as_text=True), format="turtle")
    assert len(jsonld_graph) == len(turtle_graph) > 10
    subject = URIRef(f"http://localhost/ldp/resources/{catalogue.video.id}")
    for graph in (jsonld_graph, turtle_graph):
        assert (subject, RDF.type, PAIR.Document) in graph
        assert (subject, PAIR.label, Literal("Visite d'un hameau léger")) in graph
        assert (subject, PAIR.hasTopic, URIRef("http://localhost/ldp/themes/habitat-leger")) in graph
        assert (URIRef("http://localhost/ldp/resources"), LDP.contains, subject) in graph


def test_themes_kinds_and_partners_containers(client, catalogue):
    for container, rdf_type, member in (("themes", PAIR.Topic, "foncier"), ("kinds", PAIR.DocumentType, "video"),
                                        ("partners", PAIR.Organization, "co")):
        graph = Graph().parse(data=_ld(client, f"/ldp/{container}").get_data(as_text=True), format="json-ld")
        subject = URIRef(f"http://localhost/ldp/{container}/{member}")
        assert (subject, RDF.type, rdf_type) in graph, container
        item = json.loads(_ld(client, f"/ldp/{container}/{member}").get_data(as_text=True))
        assert item["id"] == str(subject)


def test_one_url_per_item_and_only_public_ones(client, catalogue):
    item = json.loads(_ld(client, f"/ldp/resources/{catalogue.public.id}").get_data(as_text=True))
    assert item["type"] == "pair:Document" and item["@context"]["pair"] == str(PAIR)
    for hidden in (catalogue.members, catalogue.draft, catalogue.trashed, catalogue.archived):
        assert client.get(f"/ldp/resources/{hidden.id}").status_code == 404
    assert client.get("/ldp/resources/abc").status_code == 404


def test_the_compact_list_is_what_semapps_importer_reads(client, catalogue):
    response = client.get("/ldp/resources/compact")
    listing = json.loads(response.get_data(as_text=True))
    assert [set(item) for item in listing] == [{"id", "updated"}] * 2
    for item in listing:  # getOneFull(item) is item.id: it must answer JSON-LD
        assert _ld(client, item["id"].replace("http://localhost", "")).mimetype == "application/ld+json"


def test_the_context_document(client, catalogue):
    context = json.loads(client.get("/.well-known/context.jsonld").get_data(as_text=True))
    expanded = jsonld.expand({"@context": context["@context"], "@id": "http://x/1", "type": "pair:Document",
                              "pair:label": "x"})
    assert expanded[0]["@type"] == [str(PAIR.Document)]


def test_the_outbox_announces_creations_updates_and_deletions(client, catalogue, partner_admin):
    from app.db import db
    from commons import service
    from commons.models import Resource

    service.update_resource(db.session.get(Resource, catalogue.video.id), {"summary": "Nouveau."}, partner_admin)
    db.session.commit()
    collection = json.loads(client.get("/ldp/outbox").get_data(as_text=True))
    assert collection["type"] == "OrderedCollection" and collection["first"].endswith("/ldp/outbox?page=1")
    page = json.loads(client.get("/ldp/outbox?page=1").get_data(as_text=True))
    assert page["type"] == "OrderedCollectionPage"
    activities = {(a["type"], a["object"] if isinstance(a["object"], str) else a["object"]["id"])
                  for a in page["orderedItems"]}
    iri = "http://localhost/ldp/resources/{}".format
    assert ("Create", iri(catalogue.public.id)) in activities
    assert ("Update", iri(catalogue.video.id)) in activities
    assert ("Delete", iri(catalogue.trashed.id)) in activities and ("Delete", iri(catalogue.archived.id)) in activities
    assert not any(obj == iri(catalogue.members.id) for _type, obj in activities)  # never public
    assert collection["totalItems"] == len(page["orderedItems"])
    dates = [a["published"] for a in page["orderedItems"]]
    assert dates == sorted(dates, reverse=True)
    expanded = jsonld.expand(page["orderedItems"][0] | {"@context": page["@context"][1]})
    assert expanded
