"""A fixture video host on loopback: a real threading HTTP server that answers like a PeerTube instance (oEmbed
at /services/oembed, REST API at /api/v1/videos/<id>, watch pages with an oEmbed discovery link), and can be told
to answer 404, to answer HTML instead of JSON, or to sleep longer than the consumer's time-out."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

#: a tiny valid PNG (1×1), served as the thumbnail
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d4944415478da63f8cfc0f01f0005000201a5d8d4a10000000049454e44ae426082")
UUID = "9c9de5e8-0a1b-4ba4-a4b4-4c1b4f6c0d5e"


class FixtureHost:
    """What the fixture server does; tests change `mode` (`ok`, `404`, `html`, `slow`, `photo`) and read `hits`."""

    def __init__(self):
        self.mode = "ok"
        self.sleep = 3.0
        self.hits: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"

    def oembed(self) -> dict:
        return {"type": "photo" if self.mode == "photo" else "video", "version": "1.0",
                "title": "Bâtir en paille, le chantier participatif", "author_name": "Collectif La Bourdaine",
                "provider_name": "PeerTube", "provider_url": self.base,
                "html": f'<iframe src="{self.base}/videos/embed/{UUID}" onload="alert(1)"></iframe>'
                        '<script>alert("provider html is never shown")</script>',
                "width": 560, "height": 315, "thumbnail_url": f"{self.base}/lazy-static/previews/{UUID}.png",
                "thumbnail_width": 1, "thumbnail_height": 1}

    def _handler(self):
        host = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output quiet
                pass

            def do_GET(self):
                host.hits.append(self.path)
                parts = urlsplit(self.path)
                if host.mode == "slow":
                    time.sleep(host.sleep)
                if host.mode == "404":
                    return self._send(404, "application/json", b'{"error":"Video not found"}')
                if host.mode == "html":
                    return self._send(200, "text/html", b"<!doctype html><html><body>Maintenance</body></html>")
                if parts.path == "/services/oembed":
                    asked = parse_qs(parts.query).get("url", [""])[0]
                    if "/w/" not in asked and "/videos/watch/" not in asked:
                        return self._send(404, "application/json", b"{}")
                    return self._send(200, "application/json", json.dumps(host.oembed()).encode())
                if parts.path.startswith("/api/v1/videos/"):
                    return self._send(200, "application/json", json.dumps({"uuid": UUID, "duration": 754}).encode())
                if parts.path.startswith("/lazy-static/previews/"):
                    return self._send(200, "image/png", PNG)
                if parts.path.startswith("/videos/embed/"):
                    return self._send(200, "text/html", b"<!doctype html><title>player</title><p>PeerTube player")
                if parts.path.startswith("/c/"):  # a page on other paths, announcing its oEmbed endpoint
                    href = f"{host.base}/services/oembed?url={host.base}/w/abc"
                    link = f'<link rel="alternate" type="application/json+oembed" href="{href}">'
                    return self._send(200, "text/html", f"<html><head>{link}</head></html>".encode())
                return self._send(404, "text/html", b"not found")

            def _send(self, status: int, content_type: str, body: bytes):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the consumer gave up (time-out)
                    pass

        return Handler

    def start(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
