"""The example deployment in deploy/ stays in step with the application: nginx serves every static folder the app
has, from the right place, and its internal media location is the one the example settings name."""

from __future__ import annotations

import re
from pathlib import Path

from app.config import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
CODE = "/opt/terreau/"


def nginx_aliases() -> dict[str, str]:
    """location prefix -> alias, from deploy/nginx.conf."""
    text = (DEPLOY / "nginx.conf").read_text()
    return dict(re.findall(r"location (/\S*) \{[^}]*?alias (\S+);", text))


def example_settings() -> dict[str, str]:
    lines = (DEPLOY / "terreau.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_nginx_serves_every_static_folder_of_the_app(app):
    aliases = nginx_aliases()
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static" and not rule.endpoint.endswith(".static"):
            continue
        blueprint = rule.endpoint.rpartition(".")[0]
        folder = Path(app.blueprints[blueprint].static_folder if blueprint else app.static_folder).resolve()
        prefix = rule.rule.removesuffix("<path:filename>")
        assert prefix in aliases, f"deploy/nginx.conf has no location for {prefix}"
        assert aliases[prefix] == CODE + str(folder.relative_to(PROJECT_ROOT)) + "/", prefix


def test_the_internal_media_location_matches_the_example_settings():
    settings = example_settings()
    prefix = settings["TERREAU_MEDIA_ACCEL_REDIRECT"]
    assert re.search(rf"location {re.escape(prefix)} \{{\s*internal;", (DEPLOY / "nginx.conf").read_text())
    assert nginx_aliases()[prefix] == settings["TERREAU_INSTANCE_PATH"] + "/media/"
    assert settings["TERREAU_PROXY_FIX"] == "1"


def test_the_units_start_what_exists():
    web = (DEPLOY / "terreau-web.service").read_text()
    worker = (DEPLOY / "terreau-worker@.service").read_text()
    assert f"ExecStart={CODE}.venv/bin/gunicorn -c {CODE}gunicorn.conf.py" in web
    assert (PROJECT_ROOT / "gunicorn.conf.py").is_file() and (PROJECT_ROOT / "wsgi.py").is_file()
    assert "flask --app app:create_app jobs worker --workers ${TERREAU_WORKER_THREADS}" in worker
    for unit in (web, worker):
        assert "EnvironmentFile=/etc/terreau/terreau.env" in unit
        assert "ReadWritePaths=" + example_settings()["TERREAU_INSTANCE_PATH"] in unit
