"""Rows of media: files, captions, upload page, editors' actions, tus uploads, asset API."""

from __future__ import annotations

import io

from tests.app.authorization.table import (
    Row,
    S,
    everyone,
    json,
)

# Media bodies and world ---------------------------------------------------------------------------------------
TUS_HEADERS = {"Tus-Resumable": "1.0.0"}
VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nBonjour\n"


def vtt_upload() -> dict:
    return {"data": {"language": "fr", "file": (io.BytesIO(VTT), "fr.vtt")}, "content_type": "multipart/form-data"}


def not_a_video_upload() -> dict:
    """The upload page's form with a file that is no video: whoever may send gets past access to the sniffing
    (415), and nothing is left on disk."""
    return {"data": {"file": (io.BytesIO(b"MZ" + b"\x00" * 9000), "film.mp4")}, "content_type": "multipart/form-data"}


def tus_creation(resource_id: int) -> dict:
    import base64

    owner = base64.b64encode(f"resource:{resource_id}".encode()).decode()
    return {"headers": {**TUS_HEADERS, "Upload-Length": "10", "Upload-Metadata": f"owner {owner}"}}


def tus_chunk() -> dict:
    return {"data": b"\x00" * 4, "headers": {**TUS_HEADERS, "Upload-Offset": "0",
                                             "Content-Type": "application/offset+octet-stream"}}


ROWS: list[Row] = [
    # S(anon, learner, facil, editor, other_ed, p_admin, admin); LOGIN: 302 to /connexion
    # Media: files, captions, upload page, editors' actions, tus uploads, asset API ---------------------------
    # w.media: a transcoded asset of w.pub (with French captions); w.upload: a tus upload the hls editor started
    Row("GET", "/medias/<int:asset_id>/<revision>/<path:name>",
        lambda w, r: f"/medias/{w.media.asset}/{w.media.revision}/360p.mp4", S(404, 200, 200, 200, 404, 200, 200)),
    Row("GET", "/medias/integration/<token>/<path:name>",
        lambda w, r: f"/medias/integration/{w.media.token}/hls/master.m3u8", everyone(200)),
    Row("GET", "/medias/<int:asset_id>/sous-titres/<language>.vtt",
        lambda w, r: f"/medias/{w.media.asset}/sous-titres/fr.vtt", S(404, 200, 200, 200, 404, 200, 200)),
    Row("GET", "/medias/integration/<token>/sous-titres/<language>.vtt",
        lambda w, r: f"/medias/integration/{w.media.token}/sous-titres/fr.vtt", everyone(200)),
    Row("GET", "/medias/deposer/<owner_type>/<int:owner_id>", lambda w, r: f"/medias/deposer/resource/{w.pub}",
        S(404, 403, 403, 200, 404, 200, 200)),
    Row("POST", "/medias/deposer/<owner_type>/<int:owner_id>", lambda w, r: f"/medias/deposer/resource/{w.pub}",
        S(404, 403, 403, 415, 404, 415, 415), body=lambda w, r: not_a_video_upload()),
    Row("POST", "/medias/<int:asset_id>/relancer", lambda w, r: f"/medias/{w.media.asset}/relancer",
        S(404, 403, 403, 302, 404, 302, 302)),
    Row("POST", "/medias/<int:asset_id>/retirer", lambda w, r: f"/medias/{w.media.asset}/retirer",
        S(404, 403, 403, 302, 404, 302, 302)),
    Row("POST", "/medias/<int:asset_id>/sous-titres", lambda w, r: f"/medias/{w.media.asset}/sous-titres",
        S(404, 403, 403, 302, 404, 302, 302), body=lambda w, r: vtt_upload()),
    Row("POST", "/medias/<int:asset_id>/sous-titres/<language>/retirer",
        lambda w, r: f"/medias/{w.media.asset}/sous-titres/fr/retirer", S(404, 403, 403, 302, 404, 302, 302)),
    Row("POST", "/api/v1/media/uploads", lambda w, r: "/api/v1/media/uploads",
        S(401, 403, 403, 201, 404, 201, 201), body=lambda w, r: tus_creation(w.pub)),
    Row("PATCH", "/api/v1/media/uploads/<upload_id>", lambda w, r: f"/api/v1/media/uploads/{w.media.upload}",
        S(401, 404, 404, 204, 404, 404, 404), body=lambda w, r: tus_chunk()),
    Row("DELETE", "/api/v1/media/uploads/<upload_id>", lambda w, r: f"/api/v1/media/uploads/{w.media.upload}",
        S(401, 404, 404, 204, 404, 404, 404), body=lambda w, r: {"headers": dict(TUS_HEADERS)}),
    Row("GET", "/api/v1/media/<int:asset_id>", lambda w, r: f"/api/v1/media/{w.media.asset}",
        S(404, 200, 200, 200, 404, 200, 200)),
    Row("POST", "/api/v1/media/<int:asset_id>/requeue", lambda w, r: f"/api/v1/media/{w.media.asset}/requeue",
        S(401, 403, 403, 202, 404, 202, 202)),
    Row("GET", "/api/v1/media/<int:asset_id>/position", lambda w, r: f"/api/v1/media/{w.media.asset}/position",
        S(401, 200, 200, 200, 404, 200, 200)),
    Row("PUT", "/api/v1/media/<int:asset_id>/position", lambda w, r: f"/api/v1/media/{w.media.asset}/position",
        S(401, 200, 200, 200, 404, 200, 200), body=json(position=12.5)),
    Row("GET", "/api/v1/media/<int:asset_id>/signed-urls",
        lambda w, r: f"/api/v1/media/{w.media.asset}/signed-urls", S(401, 403, 403, 200, 404, 200, 200)),
]
