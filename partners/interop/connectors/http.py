"""Fetching JSON from a remote system, refusing anything that is not clearly the JSON asked for.

A timeout, a refused connection, an HTTP error, an HTML page (a PHP error, a login page), another content type
or malformed JSON each raise `RemoteError` with a message for the sync log; nothing is half-read.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
from urllib.parse import urlsplit

import requests
from flask import current_app

#: content types accepted as JSON (YesWiki answers application/json; SemApps application/ld+json)
JSON_TYPES = {"application/json", "application/ld+json", "application/activity+json", "text/json"}
MAX_BYTES = 20 * 1024 * 1024


class RemoteError(Exception):
    """The remote answer cannot be used; the message says why, in French, for the sync log."""


#: private hosts allowed by default: the demo's fixture servers (`flask interop fixture-server`)
DEMO_PRIVATE_HOSTS = "127.0.0.1:8061,127.0.0.1:8062"


def _private_allowed() -> set[str]:
    configured = current_app.config.get("INTEROP_PRIVATE_HOSTS")
    if configured is None:
        configured = os.environ.get("TERREAU_INTEROP_PRIVATE_HOSTS", DEMO_PRIVATE_HOSTS)
    return {entry.strip().lower() for entry in configured.split(",") if entry.strip()}


def check_url(url: str) -> None:
    """Refuse what a partner admin must not make the server fetch: other schemes, and private or local addresses
    (the server's own network) unless listed in TERREAU_INTEROP_PRIVATE_HOSTS (`host` or `host:port`)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise RemoteError(f"Adresse refusée : {url} n'est pas une adresse http(s).")
    host = parts.hostname.lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    allowed = _private_allowed()
    if host in allowed or f"{host}:{port}" in allowed:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
    except (socket.gaierror, UnicodeError) as exc:
        raise RemoteError(f"Adresse inconnue : {host} ne se résout pas.") from exc
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise RemoteError(f"Adresse refusée : {host} désigne un réseau privé ou local ({ip}) ; "
                              "un·e administrateur·rice du serveur peut l'autoriser (TERREAU_INTEROP_PRIVATE_HOSTS).")


def _timeout() -> float:
    return float(current_app.config.get("INTEROP_TIMEOUT", 10))


def fetch_json(url: str, accept: str = "application/json"):
    """GET `url` and decode its JSON body, or raise RemoteError."""
    check_url(url)
    try:  # redirects are not followed: each hop would need the same address check
        response = requests.get(url, headers={"Accept": accept, "User-Agent": "Terreau-sync"},
                                timeout=_timeout(), stream=True, allow_redirects=False)
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
        if response.is_redirect:
            raise RemoteError(f"{url} redirige vers {response.headers.get('Location')} : enregistrez plutôt "
                              "cette adresse-là.")
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
