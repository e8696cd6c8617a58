"""The YesWiki Bazar façade answers what YesWiki and SemApps' YesWiki importer ask, field by field."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from app.db import db

STRING_FIELDS = {"id_fiche", "id_typeannonce", "bf_titre", "bf_chapeau", "bf_description", "listeListeTypeRessource",
                 "checkboxListeThemes", "checkboxListePhases", "date_creation_fiche", "date_maj_fiche",
                 "statut_fiche", "owner", "user", "url"}


def _json(response):
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.get_data(as_text=True))


def test_forms_list_is_keyed_by_form_id_and_describes_the_fields(client, catalogue):
    forms = _json(client.get("/yeswiki/?api/forms"))
    assert list(forms) == ["1"]
    form = forms["1"]
    for key in ("bn_id_nature", "bn_label_nature", "bn_description", "bn_template", "bn_sem_context",
                "bn_sem_type", "template", "prepared"):
        assert key in form
    assert form["bn_id_nature"] == "1"
    assert all(len(line) == 16 for line in form["template"])
    assert form["template"][0][:2] == ["texte", "bf_titre"]
    assert form["bn_template"].splitlines()[0].startswith("texte***bf_titre***")
    prepared = {field["propertyname"]: field for field in form["prepared"]}
    kinds = prepared["listeListeTypeRessource"]
    assert kinds["type"] == "select" and kinds["linkedObjectName"] == "ListeTypeRessource"
    assert kinds["options"]["video"] == "Vidéo"
    themes = prepared["checkboxListeThemes"]
    assert themes["type"] == "checkbox" and themes["options"]["foncier"] == "Foncier et recherche de terrain"
    assert prepared["checkboxListePhases"]["options"]["chantier"] == "Chantier"
    assert prepared["bf_titre"]["required"] is True


def test_one_form_and_the_legacy_handler(client, catalogue):
    form = _json(client.get("/yeswiki/?api/forms/1"))
    assert form["bn_label_nature"] == "Ressources de Terreau"
    legacy = _json(client.get("/yeswiki/?BazaR/json&demand=forms&id=1"))
    assert isinstance(legacy, list) and legacy[0] == form  # what ExternalBazarService reads
    assert client.get("/yeswiki/?api/forms/7").status_code == 404


def test_entries_are_an_object_keyed_by_id_fiche_with_yeswiki_fields(client, catalogue):
    entries = _json(client.get("/yeswiki/?api/forms/1/entries"))
    public = catalogue.public
    key = f"TerreauRessource{public.id}"
    assert set(entries) == {key, f"TerreauRessource{catalogue.video.id}"}  # only public and published
    entry = entries[key]
    assert set(entry) >= STRING_FIELDS
    assert all(isinstance(entry[name], str) for name in STRING_FIELDS)
    assert entry["id_fiche"] == key and entry["id_typeannonce"] == "1" and entry["statut_fiche"] == "1"
    assert entry["bf_titre"] == "Monter une SCI d'attribution"
    assert entry["listeListeTypeRessource"] == "methode"
    assert entry["checkboxListeThemes"] == "foncier,juridique"
    assert entry["checkboxListePhases"] == "montage"
    assert "<strong>contenu</strong>" in entry["bf_description"]
    assert entry["url"] == f"http://localhost/ressources/{public.id}"
    paris = public.updated_dt.astimezone(ZoneInfo("Europe/Paris"))
    assert entry["date_maj_fiche"] == paris.strftime("%Y-%m-%d %H:%M:%S")
    assert datetime.strptime(entry["date_creation_fiche"], "%Y-%m-%d %H:%M:%S")


def test_answers_are_compact_json(client, catalogue):
    body = client.get("/yeswiki/?api/forms/1/entries").get_data(as_text=True)
    assert body[0] == "{"  # YesWiki drops what precedes the first "{" unless it is at index 0 or 1
    assert "\n" not in body and '": ' not in body and '", "' not in body
    listing = client.get("/yeswiki/?BazaR/json&demand=forms&id=1").get_data(as_text=True)
    assert listing.startswith("[{")


def test_fields_query_date_min_and_selected_ids(client, catalogue):
    compact = _json(client.get("/yeswiki/?api/forms/1/entries/json&fields=id_fiche,date_maj_fiche"))
    assert all(set(value) == {"id_fiche", "date_maj_fiche"} for value in compact.values())
    videos = _json(client.get("/yeswiki/?api/forms/1/entries&query=listeListeTypeRessource=video"))
    assert list(videos) == [f"TerreauRessource{catalogue.video.id}"]
    either = _json(client.get("/yeswiki/?api/forms/1/entries&query=checkboxListeThemes=juridique,habitat-leger"))
    assert len(either) == 2
    both = _json(client.get("/yeswiki/?api/forms/1/entries&query=checkboxListeThemes=juridique"
                            "|listeListeTypeRessource=video"))
    assert both is None  # YesWiki answers null when nothing matches
    one = _json(client.get(f"/yeswiki/?api/forms/1/entries/json/TerreauRessource{catalogue.public.id}"))
    assert list(one) == [f"TerreauRessource{catalogue.public.id}"]
    hidden = _json(client.get(f"/yeswiki/?api/forms/1/entries/json/TerreauRessource{catalogue.members.id}"))
    assert hidden is None


def test_date_min_is_in_the_wiki_local_time(client, catalogue):
    from commons.models import Resource

    db.session.get(Resource, catalogue.public.id).updated_dt = datetime(2025, 7, 1, 10, 0, tzinfo=UTC)
    db.session.get(Resource, catalogue.video.id).updated_dt = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)
    db.session.commit()
    # 13:00 in Paris (summer time) is 11:00 UTC: only the video changed after it
    after = _json(client.get("/yeswiki/?api/forms/1/entries&dateMin=2025-07-01 13:00:00"))
    assert list(after) == [f"TerreauRessource{catalogue.video.id}"]
    entry = after[f"TerreauRessource{catalogue.video.id}"]
    assert entry["date_maj_fiche"] == "2025-07-01 14:00:00"


def test_entry_pages_redirect_and_other_forms_are_empty(client, catalogue):
    response = client.get(f"/yeswiki/?TerreauRessource{catalogue.public.id}")
    assert response.status_code == 302 and response.location.endswith(f"/ressources/{catalogue.public.id}")
    assert client.get(f"/yeswiki/?TerreauRessource{catalogue.draft.id}").status_code == 404
    assert _json(client.get("/yeswiki/?api/forms/9/entries")) is None


@pytest.mark.parametrize("path", ["/yeswiki/?api/forms/1/entries/json&fields=id_fiche,date_maj_fiche",
                                  "/yeswiki/?api/forms/1/entries"])
def test_our_own_yeswiki_connector_reads_the_facade(client, catalogue, path):
    """What the importer expects of a wiki, the façade gives: entries keyed by id, each with a title and stamp."""
    from partners.interop.connectors.yeswiki import YesWikiConnector

    entries = _json(client.get(path))
    connector = YesWikiConnector()
    mapping = {"title": "bf_titre", "kind_field": "listeListeTypeRessource", "theme_field": "checkboxListeThemes"}
    if "fields" not in path:
        items = [connector.read(entry, mapping) for entry in entries.values()]
        assert {item.title for item in items} == {"Monter une SCI d'attribution", "Visite d'un hameau léger"}
        assert {tuple(item.theme_keys) for item in items} == {("foncier", "juridique"), ("habitat-leger",)}
    else:
        assert all(value["date_maj_fiche"] for value in entries.values())
