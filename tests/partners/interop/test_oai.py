"""OAI-PMH 2.0: every verb, oai_dc records, sets, dates, resumption tokens and every error code."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
      "dc": "http://purl.org/dc/elements/1.1/"}


def tag(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def parse(data: bytes):
    return ET.fromstring(data)  # noqa: S314 - our own answer, in a test


def oai(client, **args):
    response = client.get("/oai", query_string=args)
    assert response.status_code == 200 and response.mimetype == "text/xml"
    root = parse(response.data)
    assert root.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"
    assert root.find("oai:responseDate", NS).text.endswith("Z")
    return root


def error_code(root) -> str | None:
    error = root.find("oai:error", NS)
    return error.get("code") if error is not None else None


def identifier(resource) -> str:
    return f"oai:localhost:resource/{resource.id}"


def test_identify(client, catalogue):
    root = oai(client, verb="Identify")
    node = root.find("oai:Identify", NS)
    assert node.find("oai:baseURL", NS).text == "http://localhost/oai"
    assert node.find("oai:protocolVersion", NS).text == "2.0"
    assert node.find("oai:granularity", NS).text == "YYYY-MM-DDThh:mm:ssZ"
    assert node.find("oai:deletedRecord", NS).text == "transient"
    assert node.find("oai:adminEmail", NS).text
    datetime.strptime(node.find("oai:earliestDatestamp", NS).text, "%Y-%m-%dT%H:%M:%SZ")
    assert root.find("oai:request", NS).get("verb") == "Identify"


def test_list_metadata_formats(client, catalogue):
    root = oai(client, verb="ListMetadataFormats")
    assert [n.text for n in root.iter(tag("oai", "metadataPrefix"))] == ["oai_dc"]
    assert error_code(oai(client, verb="ListMetadataFormats", identifier=identifier(catalogue.public))) is None
    assert error_code(oai(client, verb="ListMetadataFormats", identifier="oai:localhost:resource/999")) \
        == "idDoesNotExist"


def test_list_sets(client, catalogue):
    specs = {n.text for n in oai(client, verb="ListSets").iter(tag("oai", "setSpec"))}
    assert {"kind", "theme", "partner", "kind:video", "theme:foncier", "partner:co"} <= specs


def test_get_record_in_dublin_core(client, catalogue):
    root = oai(client, verb="GetRecord", identifier=identifier(catalogue.public), metadataPrefix="oai_dc")
    record = root.find("oai:GetRecord/oai:record", NS)
    header = record.find("oai:header", NS)
    assert header.find("oai:identifier", NS).text == identifier(catalogue.public)
    assert {s.text for s in header.findall("oai:setSpec", NS)} >= {"kind:methode", "theme:foncier", "partner:co"}
    dc = record.find("oai:metadata/oai_dc:dc", NS)
    assert dc.find("dc:title", NS).text == "Monter une SCI d'attribution"
    assert [c.text for c in dc.findall("dc:creator", NS)] == ["Léa", "Sam"]
    assert "Foncier et recherche de terrain" in [s.text for s in dc.findall("dc:subject", NS)]
    assert dc.find("dc:publisher", NS).text == "Coopérative Oasis"
    assert dc.find("dc:identifier", NS).text == f"http://localhost/ressources/{catalogue.public.id}"
    assert dc.find("dc:language", NS).text == "fr"
    assert dc.find("dc:rights", NS).text.startswith("https://creativecommons.org/licenses/by-sa/4.0")
    assert dc.find("dc:type", NS).text == "Méthode"


def test_removed_public_resources_are_deleted_records_and_private_ones_do_not_exist(client, catalogue):
    for gone in (catalogue.trashed, catalogue.archived):
        root = oai(client, verb="GetRecord", identifier=identifier(gone), metadataPrefix="oai_dc")
        record = root.find("oai:GetRecord/oai:record", NS)
        assert record.find("oai:header", NS).get("status") == "deleted"
        assert record.find("oai:metadata", NS) is None
    for hidden in (catalogue.members, catalogue.draft):
        root = oai(client, verb="GetRecord", identifier=identifier(hidden), metadataPrefix="oai_dc")
        assert error_code(root) == "idDoesNotExist"


def test_list_identifiers_and_records_with_sets_and_dates(client, catalogue):
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    listed = {h.find("oai:identifier", NS).text for h in root.iter(tag("oai", "header"))}
    assert listed == {identifier(r) for r in (catalogue.public, catalogue.video, catalogue.archived,
                                              catalogue.trashed)}
    videos = oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="kind:video")
    assert [t.text for t in videos.iter(tag("dc", "title"))] == ["Visite d'un hameau léger"]
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%d")
    assert error_code(oai(client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": tomorrow})) \
        == "noRecordsMatch"
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", until=today)
    assert error_code(root) is None and len(list(root.iter(tag("oai", "header")))) == 4
    assert error_code(oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="theme:inconnu")) \
        == "noRecordsMatch"


def test_resumption_tokens_page_through_the_whole_list(client, catalogue, monkeypatch):
    from partners.interop.publish import oai as oai_module

    monkeypatch.setattr(oai_module, "PAGE_SIZE", 3)
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.find("oai:ListIdentifiers/oai:resumptionToken", NS)
    assert token.get("completeListSize") == "4" and token.get("cursor") == "0" and token.text
    first = [h.find("oai:identifier", NS).text for h in root.iter(tag("oai", "header"))]
    root = oai(client, verb="ListIdentifiers", resumptionToken=token.text)
    second = [h.find("oai:identifier", NS).text for h in root.iter(tag("oai", "header"))]
    last = root.find("oai:ListIdentifiers/oai:resumptionToken", NS)
    assert last.text is None and last.get("cursor") == "3"  # empty token: the list is complete
    assert len(first) == 3 and len(second) == 1 and not set(first) & set(second)
    assert root.find("oai:request", NS).get("resumptionToken") == token.text


@pytest.mark.parametrize(("args", "code"), [
    ({}, "badVerb"),
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": "Identify", "extra": "1"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "oai:localhost:resource/1"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2025-13-45"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2025-01-01", "until": "2025-01-01T00:00:00Z"},
     "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2025-02-01", "until": "2025-01-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "colour:red"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "identifier": "oai:localhost:resource/1", "metadataPrefix": "mods"},
     "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "identifier": "oai:elsewhere:resource/1", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": "abc", "metadataPrefix": "oai_dc"}, "badArgument"),
])
def test_error_codes(client, catalogue, args, code):
    root = oai(client, **args)
    assert error_code(root) == code
    if code in {"badVerb", "badArgument"}:
        assert root.find("oai:request", NS).attrib == {}  # the protocol: no attributes on these errors


def test_repeated_argument_and_post(client, catalogue):
    response = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")
    assert error_code(parse(response.data)) == "badArgument"
    posted = client.post("/oai", data={"verb": "Identify"})
    assert posted.status_code == 200
    assert error_code(parse(posted.data)) is None


def test_a_token_of_another_verb_is_refused(client, catalogue, monkeypatch):
    from partners.interop.publish import oai as oai_module

    monkeypatch.setattr(oai_module, "PAGE_SIZE", 1)
    token = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc").find(
        "oai:ListIdentifiers/oai:resumptionToken", NS).text
    assert error_code(oai(client, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
