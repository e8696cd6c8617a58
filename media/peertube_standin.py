"""A stand-in PeerTube instance for the offline demo: `flask media peertube-standin --port 8063`, started by
`flask serve --demo` as a demo companion (like the interop wikis), answers on loopback as a PeerTube does for one
video — watch page with its oEmbed discovery link, `/services/oembed`, `/api/v1/videos/<id>` (with the length),
the thumbnail, and a player page at `/videos/embed/<uuid>`.

The demo loader (commons.media_policy) links that video to a demo resource through the real oEmbed consumer, so
the demo shows exactly what a partner editor gets by pasting a PeerTube address. Loopback is allowed for that call
only (MEDIA_EXTERNAL_ALLOW_LOOPBACK stays off for the site: paste http://127.0.0.1:8063/w/… in the editor form
with TERREAU_MEDIA_EXTERNAL_ALLOW_LOOPBACK=1 to try it by hand).
"""

from __future__ import annotations

import json
import struct
import threading
import zlib
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

PORT = 8063
SHORT_ID = "pQ3ndW7d2FzZoVYf1Gx9aR"
UUID = "b7c1e3f0-4d5a-4e3b-9a51-6f2d8c0e7a14"
TITLE = "La décision par consentement, en huit minutes"
AUTHOR = "Coopérative Oasis (instance PeerTube de démonstration)"
SECONDS = 478


def page_url(port: int = PORT) -> str:
    return f"http://127.0.0.1:{port}/w/{SHORT_ID}"


def thumbnail_png(width: int = 320, height: int = 180) -> bytes:
    """A straw-coloured gradient, as a PNG made by hand (no image library needed)."""
    rows = b"".join(b"\x00" + bytes((200 - y // 3, 170 - y // 4, 90) * width) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


class StandInHandler(BaseHTTPRequestHandler):
    """The few PeerTube routes the consumer and the player use."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        base = f"http://{self.headers.get('Host', f'127.0.0.1:{PORT}')}"
        path = urlsplit(self.path).path
        if path in (f"/w/{SHORT_ID}", f"/videos/watch/{UUID}"):
            href = f"{base}/services/oembed?url={base}/w/{SHORT_ID}"
            link = f'<link rel="alternate" type="application/json+oembed" href="{href}">'
            head = f"{link}<title>{escape(TITLE)}</title>"
            return self._send(200, "text/html", f"<!doctype html><html><head>{head}</head></html>")
        if path == "/services/oembed":
            return self._send(200, "application/json", json.dumps({
                "type": "video", "version": "1.0", "title": TITLE, "author_name": AUTHOR, "provider_name": "PeerTube",
                "provider_url": base, "width": 560, "height": 315,
                "html": f'<iframe src="{base}/videos/embed/{UUID}" allowfullscreen></iframe>',
                "thumbnail_url": f"{base}/lazy-static/previews/{UUID}.png", "thumbnail_width": 320,
                "thumbnail_height": 180}))
        if path in (f"/api/v1/videos/{SHORT_ID}", f"/api/v1/videos/{UUID}"):
            return self._send(200, "application/json", json.dumps({"uuid": UUID, "shortUUID": SHORT_ID,
                                                                   "name": TITLE, "duration": SECONDS}))
        if path == f"/lazy-static/previews/{UUID}.png":
            return self._send(200, "image/png", thumbnail_png())
        if path == f"/videos/embed/{UUID}":
            return self._send(200, "text/html", _player_page())
        return self._send(404, "application/json", json.dumps({"error": "Video not found"}))

    def _send(self, status: int, content_type: str, body):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text") else ""))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _player_page() -> str:
    return ("<!doctype html><html lang='fr'><meta charset='utf-8'><title>PeerTube</title>"
            "<body style='margin:0;display:grid;place-items:center;height:100vh;font-family:sans-serif;color:#fff;"
            "background:linear-gradient(135deg,#c8aa5a,#6b5a2a)'><div style='text-align:center'>"
            "<div style='font-size:4rem'>▶</div>"
            f"<p><strong>{escape(TITLE)}</strong></p><p>Lecteur PeerTube de démonstration · "
            f"{SECONDS // 60}:{SECONDS % 60:02d}</p></div></body></html>")


def make_server(port: int = PORT) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), StandInHandler)
    server.daemon_threads = True
    return server


def running_in_thread(port: int = PORT) -> ThreadingHTTPServer | None:
    """Start the stand-in in a thread of this process (the demo loader), or None if the port is taken (the
    companion already runs)."""
    try:
        server = make_server(port)
    except OSError:
        return None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
