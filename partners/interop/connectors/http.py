"""Fetching JSON from a remote system, refusing anything that is not clearly the JSON asked for.

A timeout, a refused connection, an HTTP error, an HTML page (a PHP error, a login page), another content type
or malformed JSON each raise `RemoteError` with a message for the sync log; nothing is half-read.
"""

from __future__ import annotations

import json

import requests
from flask import current_app

#: content types accepted as JSON (YesWiki answers application/json; SemApps application/ld+json)
JSON_TYPES = {"application/json", "application/ld+json", "application/activity+json", "text/json"}
MAX_BYTES = 20 * 1024 * 1024


class RemoteError(Exception):
    """The remote answer cannot be used; the message says why, in French, for the sync log."""


def _timeout() -> float:
    return float(current_app.config.get("INTEROP_TIMEOUT", 10))


def fetch_json(url: str, accept: str = "application/json"):
    """GET `url` and decode its JSON body, or raise RemoteError."""
    try:
        response = requests.get(url, headers={"Accept": accept, "User-Agent": "Terreau-sync"},
                                timeout=_timeout(), stream=True, allow_redirects=True)
    except requests.Timeout as exc:
        raise RemoteError(f"Délai dépassé : {url} n'a pas répondu en {_timeout():g} s.") from exc
    except requests.RequestException as exc:
        raise RemoteError(f"Connexion impossible à {url} ({type(exc).__name__}).") from exc
    with response:
        try:
            body = response.raw.read(MAX_BYTES + 1, decode_content=True)
        except (requests.RequestException, OSError) as exc:
            raise RemoteError(f"Réponse interrompue de {url} ({type(exc).__name__}).") from exc
        if len(body) > MAX_BYTES:
            raise RemoteError(f"Réponse trop volumineuse de {url} (plus de {MAX_BYTES // 1024 // 1024} Mo).")
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if response.status_code != 200:
            raise RemoteError(f"{url} a répondu HTTP {response.status_code}.")
    head = body.lstrip()[:200].lower()
    if content_type in {"text/html", "application/xhtml+xml"} or head.startswith((b"<!doctype", b"<html")):
        raise RemoteError(f"{url} a renvoyé une page HTML au lieu de JSON (erreur du site distant ?).")
    if content_type not in JSON_TYPES:
        raise RemoteError(f"{url} a renvoyé le type « {content_type or 'aucun'} » au lieu de JSON.")
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise RemoteError(f"JSON mal formé reçu de {url} : {exc}.") from exc
