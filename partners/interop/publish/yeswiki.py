"""A YesWiki Bazar façade: Terreau's public catalogue answered the way a YesWiki answers another YesWiki.

A wiki lists the catalogue with `{{bazarliste id="https://terreau.example/yeswiki/|1"}}`: YesWiki then asks
`{base}?BazaR/json&demand=forms&id=1` for the form and `{base}?api/forms/1/entries` for the entries
(ExternalBazarService.php), and SemApps' YesWiki importer asks `?api/forms/1/entries/json[&fields=…][/{ids}]`.
Routes live in the query string; the entries are an object keyed by `id_fiche`; an empty answer is `null`.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import Response, abort, redirect, request, url_for

from app.db import db
from app.text import render_markdown
from commons.models import Kind, Phase, Resource, Theme
from partners.interop.publish import bp
from partners.interop.publish.catalogue import PARIS, compact_json, paris_time, public_resources, resource_page

#: Terreau publishes one Bazar form: its resources
FORM_ID = "1"
#: YesWiki list ids (`Liste…` pages) for the taxonomy, and the entry keys they give (type + list id)
KIND_LIST, THEME_LIST, PHASE_LIST = "ListeTypeRessource", "ListeThemes", "ListePhases"
KIND_KEY, THEME_KEY, PHASE_KEY = "liste" + KIND_LIST, "checkbox" + THEME_LIST, "checkbox" + PHASE_LIST
ID_PREFIX = "TerreauRessource"


def id_fiche(resource: Resource) -> str:
    """A WikiName that never changes, even when the title does (YesWiki keeps an entry's id for life)."""
    return f"{ID_PREFIX}{resource.id}"


def _answer(data, status: int = 200) -> Response:
    response = Response(compact_json(data), status=status, mimetype="application/json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


# The form ------------------------------------------------------------------------------------------------------

def _options(model) -> dict[str, str]:
    terms = db.session.scalars(sa.select(model).where(model.is_retired.is_(False)).order_by(model.position))
    return {term.slug: term.label for term in terms}


def _template_line(*cells: str) -> list[str]:
    """One line of `bn_template` split on `***`, padded to YesWiki's 16 cells."""
    return [*cells, *[""] * (16 - len(cells))]


def _field(field_type: str, property_name: str, label: str, required: bool = False, **extra) -> dict:
    """A field as YesWiki's `prepared` array serialises it (BazarField::jsonSerialize)."""
    return {"id": property_name, "propertyname": property_name, "label": label, "type": field_type,
            "required": required, "searchable": field_type in {"select", "checkbox"}, "default": "", "helper": "",
            "readAccess": None, "writeAccess": None, "semanticPredicate": None, **extra}


def _list_field(field_type: str, list_id: str, label: str, options: dict) -> dict:
    """A list field: its entry key is the template type + the list id (`liste` for selects, `checkbox`)."""
    template_type = "liste" if field_type == "select" else field_type
    return _field(field_type, template_type + list_id, label, linkedObjectName=list_id, options=options,
                  name=list_id)


def form_description() -> dict:
    kinds, themes, phases = _options(Kind), _options(Theme), _options(Phase)
    template = [
        _template_line("texte", "bf_titre", "Titre", "60", "300", "", "", "", "1", "0"),
        _template_line("textelong", "bf_chapeau", "Résumé", "", "5", "", "", "text", "0", "0"),
        _template_line("textelong", "bf_description", "Description", "", "10", "", "", "html", "0", "0"),
        _template_line("liste", KIND_LIST, "Type de ressource", "", "", "", "", "", "1", "1"),
        _template_line("checkbox", THEME_LIST, "Thèmes", "", "", "", "", "", "0", "1"),
        _template_line("checkbox", PHASE_LIST, "Phases du projet", "", "", "", "", "", "0", "1"),
        _template_line("texte", "bf_auteurs", "Auteur·rices", "60", "500"),
        _template_line("texte", "bf_source", "Source", "60", "500"),
        _template_line("texte", "bf_langue", "Langue", "5", "5"),
        _template_line("lien_internet", "bf_licence", "Licence"),
        _template_line("texte", "bf_partenaire", "Partenaire", "60", "200"),
    ]
    prepared = [
        _field("text", "bf_titre", "Titre", required=True, maxChars="300"),
        _field("textarea", "bf_chapeau", "Résumé", syntax="text"),
        _field("textarea", "bf_description", "Description", syntax="html"),
        _list_field("select", KIND_LIST, "Type de ressource", kinds) | {"required": True},
        _list_field("checkbox", THEME_LIST, "Thèmes", themes),
        _list_field("checkbox", PHASE_LIST, "Phases du projet", phases),
        _field("text", "bf_auteurs", "Auteur·rices"),
        _field("text", "bf_source", "Source"),
        _field("text", "bf_langue", "Langue"),
        _field("link", "bf_licence", "Licence"),
        _field("text", "bf_partenaire", "Partenaire"),
    ]
    return {
        "bn_id_nature": FORM_ID, "bn_label_nature": "Ressources de Terreau",
        "bn_description": "Le catalogue public des communs pédagogiques de Terreau.",
        "bn_condition": "", "bn_sem_context": "", "bn_sem_type": "", "bn_sem_use_template": "1",
        "bn_template": "\n".join("***".join(line) for line in template), "bn_ce_i18n": "fr-FR",
        "bn_only_one_entry": "N", "bn_only_one_entry_message": None,
        "template": template, "prepared": prepared,
    }


# The entries ---------------------------------------------------------------------------------------------------

def entry(resource: Resource, with_description: bool = True) -> dict:
    """One resource as a Bazar entry: every value a string, lists as keys, checkboxes comma-separated.

    Rendering the Markdown body is most of the cost; a compact listing (`fields=`) without it skips it.
    """
    return {
        "id_fiche": id_fiche(resource), "id_typeannonce": FORM_ID, "bf_titre": resource.title,
        "bf_chapeau": resource.summary,
        "bf_description": str(render_markdown(resource.body)) if with_description else "",
        KIND_KEY: resource.kind.slug, THEME_KEY: ",".join(t.slug for t in resource.themes),
        PHASE_KEY: ",".join(p.slug for p in resource.phases), "bf_auteurs": resource.authors,
        "bf_source": resource.source, "bf_langue": resource.language,
        "bf_licence": (resource.licence.url or "") if resource.licence else "",
        "bf_partenaire": resource.owner_partner.name,
        "date_creation_fiche": paris_time(resource.published_dt or resource.created_dt),
        "date_maj_fiche": paris_time(resource.updated_dt), "statut_fiche": "1",
        "owner": resource.owner_partner.short_name, "user": resource.owner_partner.short_name,
        "url": resource_page(resource),
    }


def _parse_date_min(value: str) -> datetime | None:
    """`dateMin` in the wiki's local time: `Y-m-d` or `Y-m-d H:i:s`."""
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).replace(tzinfo=PARIS)
        except ValueError:
            continue
    return None


def _parse_query(text: str) -> list[tuple[str, set[str]]]:
    """`query=k=v|k2=v1,v2`: every clause must hold, any of its values may match."""
    clauses = []
    for part in text.split("|"):
        key, _sep, values = part.partition("=")
        if key.strip():
            clauses.append((key.strip(), {v.strip() for v in values.split(",") if v.strip()}))
    return clauses


def _matches(item: dict, clauses) -> bool:
    for key, wanted in clauses:
        have = {v for v in str(item.get(key, "")).split(",") if v}
        if not have & wanted:
            return False
    return True


def entries(selected: list[str] | None = None) -> dict | None:
    """The entries asked for by the query string, keyed by `id_fiche`, or None when there are none."""
    query = public_resources()
    if selected is not None:
        ids = [int(s[len(ID_PREFIX):]) for s in selected if s.startswith(ID_PREFIX) and s[len(ID_PREFIX):].isdigit()]
        query = query.where(Resource.id.in_(ids or [-1]))
    date_min = _parse_date_min(request.args.get("dateMin") or request.args.get("minDate") or "")
    if date_min is not None:
        query = query.where(Resource.updated_dt >= date_min)
    names = [n for n in (request.args.get("fields") or "").split(",") if n]
    clauses = _parse_query(request.args.get("query") or request.args.get("queries") or "")
    with_description = not names or "bf_description" in names or any(k == "bf_description" for k, _v in clauses)
    items = [entry(r, with_description) for r in db.session.scalars(query)]
    items = [item for item in items if _matches(item, clauses)]
    field = request.args.get("champ", "bf_titre")
    items.sort(key=lambda item: str(item.get(field, "")).lower(), reverse=request.args.get("ordre") == "desc")
    limit = request.args.get("nb", type=int)
    if limit:
        items = items[:limit]
    keyed = [(item["id_fiche"], item) for item in items]
    if names:
        keyed = [(key, {n: item[n] for n in names if n in item}) for key, item in keyed]
        keyed = [(key, item) for key, item in keyed if item]
    result = dict(keyed)
    return result or None


# Routing: the route is the first key of the query string -------------------------------------------------------

def _route() -> str:
    return next(iter(request.args.keys()), "")


def _api(parts: list[str]) -> Response:
    if parts[:2] != ["api", "forms"]:
        abort(404)
    if len(parts) == 2:
        return _answer({FORM_ID: form_description()})  # FormManager::getAll keys forms by id
    form_id = parts[2]
    if len(parts) == 3:
        if form_id != FORM_ID:
            abort(404)
        return _answer(form_description())
    if parts[3] != "entries" or len(parts) > 6:
        abort(404)
    if form_id != FORM_ID:
        return _answer(None)
    output = parts[4] if len(parts) > 4 else None
    if output == "json-ld" or "application/ld+json" in request.headers.get("Accept", ""):
        return redirect(url_for("interop_publish.ldp_container", container="resources"), 303)
    selected = [s for s in parts[5].split(",") if s] if len(parts) > 5 else None
    return _answer(entries(selected))


@bp.get("/yeswiki/")
def yeswiki():
    """`?api/forms…`, legacy `?{Page}/json&demand=forms&id=1`, and `?{id_fiche}` (an entry's page)."""
    route = _route()
    parts = [p for p in route.split("/") if p]
    if not parts:
        return redirect(url_for("commons.catalogue"))
    if parts[0] == "api":
        return _api(parts)
    if len(parts) == 2 and parts[1] == "json":
        if request.args.get("demand") != "forms":
            return _answer(None)
        wanted = request.args.get("id", "")
        return _answer([form_description()] if wanted in {"", FORM_ID} else None)
    if len(parts) == 1 and parts[0].startswith(ID_PREFIX) and parts[0][len(ID_PREFIX):].isdigit():
        resource = db.session.get(Resource, int(parts[0][len(ID_PREFIX):]))
        if resource is not None and resource.can_view(None):
            return redirect(resource_page(resource))
    abort(404)
