"""Local stand-ins for a YesWiki and a SemApps instance, answering in their shapes from files under fixtures/.

`flask interop fixture-server yeswiki|semapps --port N` serves them for the demo; tests run the same WSGI apps
on loopback and change `entries`/`documents` or `fault` to play edits, deletions and broken answers.

YesWiki (ApiController.php): routes in the query string, entries an object keyed by id_fiche or `null`, PHP's
json_encode escaping (`\\/`, `\\u00e9`), `fields=`, `query=`, `dateMin=`, selected ids, legacy
`?BazaR/json&demand=forms&id=`. SemApps: an LDP container whose `@context` is the instance's
/.well-known/context.jsonld, items embedded (or given only by IRI), each item also at its own IRI.
"""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path

from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Request, Response

FIXTURES = Path(__file__).parent / "fixtures"
#: what a broken remote does, for tests: ok, malformed, html, wrong_type, slow, partial, server_error
FAULTS = ("ok", "malformed", "html", "wrong_type", "slow", "partial", "server_error")
HTML_ERROR = ("<!DOCTYPE html><html><head><title>Erreur</title></head><body><h1>Fatal error</h1>"
              "<p>Uncaught Exception in tools/bazar/services/EntryManager.php:412</p></body></html>")


def php_json(data) -> str:
    """json_encode's default output: compact, non-ASCII as \\uXXXX, slashes escaped."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")


class FixtureApp:
    """Shared by both systems: fault injection, the request counter tests look at."""

    content_type = "application/json"

    def __init__(self):
        self.fault = "ok"
        self.slow_seconds = 3.0
        self.requests: list[str] = []

    def __call__(self, environ, start_response):
        request = Request(environ)
        self.requests.append(request.full_path)
        try:
            response = self._faulty(request) or self.respond(request)
        except NotFound as error:
            response = error.get_response(environ)
        return response(environ, start_response)

    def _faulty(self, request) -> Response | None:
        if self.fault == "slow":
            time.sleep(self.slow_seconds)
        elif self.fault == "html":
            return Response(HTML_ERROR, status=200, mimetype="text/html")
        elif self.fault == "server_error":
            return Response(HTML_ERROR, status=500, mimetype="text/html")
        return None

    def answer(self, text: str, status: int = 200) -> Response:
        if self.fault == "malformed":
            text = text[: max(1, len(text) // 2)]  # cut in the middle, as a dropped connection leaves it
        mimetype = "text/plain" if self.fault == "wrong_type" else self.content_type
        return Response(text, status=status, mimetype=mimetype, headers={"Access-Control-Allow-Origin": "*"})


class YesWikiFixture(FixtureApp):
    def __init__(self):
        super().__init__()
        self.form = json.loads((FIXTURES / "yeswiki" / "form.json").read_text())
        self.entries: dict[str, dict] = json.loads((FIXTURES / "yeswiki" / "entries.json").read_text())

    def _visible(self) -> dict[str, dict]:
        """What an anonymous reader gets: validated entries only."""
        return {k: copy.deepcopy(v) for k, v in self.entries.items() if v.get("statut_fiche") == "1"}

    def _entries(self, request, selected: str | None) -> dict | None:
        entries = self._visible()
        if selected:
            wanted = selected.split(",")
            entries = {k: v for k, v in entries.items() if k in wanted}
            if self.fault == "partial" and entries:
                entries.pop(next(iter(entries)))
        date_min = request.args.get("dateMin")
        if date_min:
            entries = {k: v for k, v in entries.items() if v["date_maj_fiche"] >= date_min}
        for clause in filter(None, (request.args.get("query") or "").split("|")):
            key, _sep, values = clause.partition("=")
            wanted = set(values.split(","))
            entries = {k: v for k, v in entries.items() if set(str(v.get(key, "")).split(",")) & wanted}
        if request.args.get("fields"):
            names = request.args["fields"].split(",")
            entries = {k: {n: v[n] for n in names if n in v} for k, v in entries.items()}
        return entries or None

    def respond(self, request) -> Response:
        route = next(iter(request.args.keys()), "")
        parts = [p for p in route.split("/") if p]
        if parts[:2] == ["api", "forms"]:
            if len(parts) == 2:
                return self.answer(php_json({self.form["bn_id_nature"]: self.form}))
            if parts[2] != self.form["bn_id_nature"]:
                raise NotFound()
            if len(parts) == 3:
                return self.answer(php_json(self.form))
            if parts[3] == "entries":
                selected = parts[5] if len(parts) > 5 else None
                return self.answer(php_json(self._entries(request, selected)))
        if len(parts) == 2 and parts[1] == "json" and request.args.get("demand") == "forms":
            return self.answer(php_json([self.form]))
        raise NotFound()


class SemAppsFixture(FixtureApp):
    content_type = "application/ld+json"

    def __init__(self):
        super().__init__()
        self.context = json.loads((FIXTURES / "semapps" / "context.jsonld").read_text())
        self.documents: list[dict] = json.loads((FIXTURES / "semapps" / "documents.json").read_text())
        #: "embedded" (SemApps' default) or "iris" (only the items' IRIs in ldp:contains)
        self.containment = "embedded"

    def _expand_base(self, value, base: str):
        if isinstance(value, str):
            return value.replace("{base}", base)
        if isinstance(value, list):
            return [self._expand_base(v, base) for v in value]
        if isinstance(value, dict):
            return {k: self._expand_base(v, base) for k, v in value.items()}
        return value

    def respond(self, request) -> Response:
        base = request.host_url.rstrip("/")
        context_url = f"{base}/.well-known/context.jsonld"
        documents = self._expand_base(self.documents, base)
        if request.path == "/.well-known/context.jsonld":
            return self.answer(json.dumps(self.context))
        if request.path == "/documents":
            contains = documents if self.containment == "embedded" else [d["id"] for d in documents]
            if self.fault == "partial" and contains:
                contains = [{"id": documents[0]["id"]}] + contains[1:] if self.containment == "embedded" else contains
            body = {"@context": context_url, "id": f"{base}/documents",
                    "type": ["ldp:Container", "ldp:BasicContainer"], "ldp:contains": contains}
            return self.answer(json.dumps(body, ensure_ascii=False))
        for document in documents:
            if document["id"] == base + request.path:
                if self.fault == "partial":
                    raise NotFound()
                return self.answer(json.dumps({"@context": context_url, **document}, ensure_ascii=False))
        raise NotFound()


SYSTEMS = {"yeswiki": YesWikiFixture, "semapps": SemAppsFixture}


def make_app(system: str) -> FixtureApp:
    return SYSTEMS[system]()
