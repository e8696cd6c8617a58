"""YesWiki Bazar: a form and its entries, read as another YesWiki or SemApps' importer reads them.

Routes are in the query string of the wiki's base URL. The entries answer is an object keyed by `id_fiche` (or
`null` when empty); list values are option keys, checkbox values comma-separated keys; `date_maj_fiche` is the
wiki's local time as `Y-m-d H:i:s`. Later runs ask the compact list (`fields=id_fiche,date_maj_fiche`) and fetch
in full only the entries whose `date_maj_fiche` changed.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from partners.interop.connectors.base import Connector, FieldChoice, Listing, RemoteItem
from partners.interop.connectors.http import RemoteError, fetch_json
from partners.interop.connectors.text import html_to_text

#: entries fetched in full per request
BATCH = 40
LIST_TYPES = {"select", "checkbox", "radio", "liste", "listedatedeb", "enumlist"}
WIKINAME = re.compile(r"^[A-Za-z0-9_\-]+$")


def base_url(url: str) -> str:
    """What stands before `/?` or `/wakka.php`, ending with `/` (as ExternalBazarService does)."""
    url = url.strip()
    for marker in ("/wakka.php", "/?", "?"):
        if marker in url:
            url = url.split(marker, 1)[0]
            break
    return url.rstrip("/") + "/"


def _options(raw) -> dict[str, str]:
    if isinstance(raw, dict):
        return {str(k): str(v) for k, v in raw.items()}
    if isinstance(raw, list):
        return {str(v): str(v) for v in raw}
    return {}


class YesWikiConnector(Connector):
    key = "yeswiki"
    label = "YesWiki (Bazar)"

    def _api(self, source, path: str) -> str:
        return f"{base_url(source.url)}?api/forms/{quote(source.form_id, safe='')}{path}"

    def fields(self, source) -> list[FieldChoice]:
        form = fetch_json(self._api(source, ""))
        if not isinstance(form, dict) or not isinstance(form.get("prepared"), list):
            raise RemoteError(f"Le formulaire {source.form_id} est introuvable ou sans champs sur ce wiki.")
        choices = []
        for field in form["prepared"]:
            if isinstance(field, dict) and field.get("propertyname"):
                options = _options(field.get("options")) if field.get("type") in LIST_TYPES else {}
                choices.append(FieldChoice(str(field["propertyname"]), str(field.get("label") or ""), options))
        return choices

    def default_mapping(self, fields: list[FieldChoice]) -> dict:
        keys = {f.key for f in fields}

        def first(*candidates, among=keys):
            return next((c for c in candidates if c in among), "")

        lists = [f.key for f in fields if f.options]

        def guess(*words):
            return next((key for key in lists if any(w in key.lower() for w in words)), "")

        return {"title": first("bf_titre"), "summary": first("bf_chapeau", "bf_resume", "bf_soustitre"),
                "body": first("bf_description", "bf_contenu", "bf_texte"), "source": first("bf_site", "bf_url"),
                "authors": first("bf_auteur", "bf_auteurs"), "kind_field": guess("type", "nature"),
                "theme_field": guess("theme", "thematique", "sujet"), "phase_field": guess("phase", "etape")}

    def _entries(self, url: str) -> dict[str, dict]:
        data = fetch_json(url)
        if data is None or data == []:
            return {}  # YesWiki answers `null` when nothing matches
        if not isinstance(data, dict):
            raise RemoteError(f"Réponse inattendue de {url} : un objet indexé par id_fiche était attendu.")
        entries = {}
        for key, value in data.items():
            if not isinstance(value, dict):
                raise RemoteError(f"Entrée « {key} » illisible dans la réponse de {url}.")
            entry_id = str(value.get("id_fiche") or key)
            if not WIKINAME.match(entry_id):
                raise RemoteError(f"Identifiant d'entrée invalide « {entry_id} » dans la réponse de {url}.")
            entries[entry_id] = value
        return entries

    def read(self, entry: dict, mapping: dict) -> RemoteItem:
        def value(name):
            return str(entry.get(mapping.get(name) or "", "") or "").strip()

        def keys(name):
            return [k.strip() for k in value(name).split(",") if k.strip()]

        item = RemoteItem(
            external_id=str(entry["id_fiche"]), updated=str(entry.get("date_maj_fiche") or ""),
            title=html_to_text(value("title")), summary=html_to_text(value("summary")),
            body=html_to_text(value("body")), source=value("source"), authors=value("authors"),
            kind_key=value("kind_field"), theme_keys=keys("theme_field"), phase_keys=keys("phase_field"),
            is_published=str(entry.get("statut_fiche", "1")) == "1")
        if not item.title:
            raise RemoteError(f"L'entrée {item.external_id} n'a pas de titre (champ « {mapping.get('title')} »).")
        return item

    def listing(self, source, known: dict[str, str]) -> Listing:
        compact = self._entries(self._api(source, "/entries/json&fields=id_fiche,date_maj_fiche"))
        stamps = {entry_id: str(entry.get("date_maj_fiche") or "") for entry_id, entry in compact.items()}
        wanted = [entry_id for entry_id, stamp in stamps.items() if known.get(entry_id) != stamp or not stamp]
        items = {}
        for start in range(0, len(wanted), BATCH):
            chunk = wanted[start:start + BATCH]
            full = self._entries(self._api(source, "/entries/json/" + ",".join(chunk)))
            for entry_id in chunk:
                if entry_id not in full:
                    raise RemoteError(f"Réponse partielle : l'entrée {entry_id} manque dans la réponse du wiki.")
                full[entry_id]["id_fiche"] = entry_id
                items[entry_id] = self.read(full[entry_id], source.mapping or {})
        return Listing(stamps=stamps, items=items)

    def preview(self, source, limit: int = 5) -> list[RemoteItem]:
        entries = self._entries(self._api(source, "/entries/json") + f"&nb={limit}")
        result = []
        for entry_id, entry in list(entries.items())[:limit]:
            entry["id_fiche"] = entry_id
            result.append(self.read(entry, source.mapping or {}))
        return result
