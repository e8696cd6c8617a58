"""Binary assets: resumable upload (tus), storage, probing, transcoding (ffmpeg), streaming, captions, playback.

Media sits below commons in the layers (app, media, commons, …), so it never imports commons. An asset holds a
generic owner reference (`owner_type`, `owner_id`, e.g. `resource:12`) rather than a foreign key to resources;
the package that owns such things registers an `OwnerPolicy` for its type (`media.owners.register_owner`, done by
commons for resources in its own `register`), and every media route asks that policy who may see or edit the
asset. An asset therefore follows its resource's visibility without media knowing what a resource is, and an
owner type nobody registered is refused. Commons reads an owner's assets through `media.service.assets_of` and
its `Resource.media` relationship, and shows the player by including `media/_player.html`.

Settings: TERREAU_MEDIA_MAX_BYTES (4 GiB); TERREAU_FFMPEG_BINARY (`imageio`, the default: imageio-ffmpeg's static
build; `system`: the ffmpeg on PATH; or a path; see media.probe); TERREAU_FFPROBE (default: the one on PATH;
`none` forces the `ffmpeg -i` probe); TERREAU_MEDIA_JOB_LEASE_SECONDS (120: a running job silent this long is
taken over); TERREAU_MEDIA_SIGNED_URL_SECONDS (6 h); TERREAU_MEDIA_EXTERNAL_TIMEOUT (5 s: how long a video
host may take to answer oEmbed); TERREAU_MEDIA_EXTERNAL_ALLOW_LOOPBACK (0; 1 lets the oEmbed consumer call
loopback addresses, for tests and the offline demo's stand-in PeerTube — never in production);
TERREAU_MEDIA_ACCEL_REDIRECT (unset: the app sends files itself; `/_media/` behind nginx: files are answered
with `X-Accel-Redirect: /_media/<key>` once access is checked, and nginx sends them from an internal location).
"""

import os

from flask import Flask

#: settings of this package: config key -> (environment variable, default)
SETTINGS = {
    "MEDIA_MAX_BYTES": ("TERREAU_MEDIA_MAX_BYTES", 4 * 1024**3),
    "MEDIA_JOB_LEASE_SECONDS": ("TERREAU_MEDIA_JOB_LEASE_SECONDS", 120),
    "MEDIA_SIGNED_URL_SECONDS": ("TERREAU_MEDIA_SIGNED_URL_SECONDS", 6 * 3600),
    "MEDIA_FFMPEG": ("TERREAU_FFMPEG_BINARY", None),
    "MEDIA_FFPROBE": ("TERREAU_FFPROBE", None),
    "MEDIA_EXTERNAL_TIMEOUT": ("TERREAU_MEDIA_EXTERNAL_TIMEOUT", 5),
    "MEDIA_EXTERNAL_ALLOW_LOOPBACK": ("TERREAU_MEDIA_EXTERNAL_ALLOW_LOOPBACK", False),
    "MEDIA_ACCEL_REDIRECT": ("TERREAU_MEDIA_ACCEL_REDIRECT", None),
}

#: earlier names of settings, still read
RENAMED = {"TERREAU_FFMPEG_BINARY": "TERREAU_FFMPEG"}


def _configure(app: Flask) -> None:
    """Fill the media settings from the environment, unless the app's config (tests) already set them."""
    for key, (variable, default) in SETTINGS.items():
        if key in app.config:
            continue
        value = os.environ.get(variable) or os.environ.get(RENAMED.get(variable, ""))
        app.config[key] = (int(value) if isinstance(default, int) else value) if value else default


def register(app: Flask) -> None:
    _configure(app)
    from app.api import api
    from app.cli import add_demo_companion
    from media import api as media_api
    from media import cli, external_views, models, service, tasks, tus  # noqa: F401 - tables and jobs declared on import
    from media.uploads import max_bytes
    from media.views import bp

    app.register_blueprint(bp)
    api.register_blueprint(tus.blp)
    api.register_blueprint(media_api.blp)
    app.cli.add_command(cli.media_cli)
    add_demo_companion(app, "peertube", ["media", "peertube-standin", "--port", "8063"])
    app.add_template_global(service.assets_of, "media_assets_of")
    app.add_template_global(service.main_video, "media_main_video")
    app.add_template_global(service.file_url, "media_file_url")
    app.add_template_global(service.caption_url, "media_caption_url")
    app.add_template_global(max_bytes, "media_max_bytes")
    app.add_template_global(service.external_video_of, "media_external_video_of")
    app.add_template_global(external_views.allow_player_frame, "media_allow_player_frame")
