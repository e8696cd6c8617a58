"""The example deployment in deploy/ stays in step with the application: nginx serves every static folder the app
has, from the right place, and its internal media location is the one the example settings name."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import click

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


# --- the README and the settings file, read as an administrator would ------------------------------------------

README = PROJECT_ROOT / "README.md"
DEPLOY_TEXTS = [README, *sorted(DEPLOY.iterdir())]
#: named by the README or deploy/ but read by something else than the code: the reader's own shell variable
#: (the API example), and the worker unit's thread count (its ExecStart reads it)
NOT_READ_BY_THE_CODE = {"TERREAU_TOKEN", "TERREAU_WORKER_THREADS"}
#: a value systemd and sh read alike without quotes
PLAIN_VALUE = re.compile(r"[\w.:/@%+=,-]*")


def _code_text() -> str:
    files = [path for path in PROJECT_ROOT.rglob("*.py")
             if not {".venv", "tests", "build"} & set(path.relative_to(PROJECT_ROOT).parts)]
    return "\n".join(path.read_text() for path in [*files, PROJECT_ROOT / "tests" / "conftest.py"])


def test_every_setting_the_documentation_names_is_read_somewhere():
    code = _code_text()
    named = {name for path in DEPLOY_TEXTS
             for name in re.findall(r"\b(TERREAU_[A-Z0-9_]+|DATABASE_URL|REDIS_URL)\b", path.read_text())}
    unknown = sorted(name for name in named - NOT_READ_BY_THE_CODE if name not in code)
    assert not unknown, f"named in README.md or deploy/ but read by no code: {unknown}"
    assert "${TERREAU_WORKER_THREADS}" in (DEPLOY / "terreau-worker@.service").read_text()


def test_every_deployment_setting_is_documented():
    readme = README.read_text()
    for source in ("gunicorn.conf.py", "app/config.py"):
        names = set(re.findall(r"\bTERREAU_[A-Z0-9_]+\b", (PROJECT_ROOT / source).read_text()))
        missing = sorted(name for name in names if f"`{name}`" not in readme)
        assert not missing, f"{source} reads settings README.md does not describe: {missing}"


def test_the_settings_file_reads_the_same_in_systemd_and_in_sh():
    """systemd's EnvironmentFile and the README's `set -a; . terreau.env` see the same values: unquoted values
    hold no shell character (a `<…>` left unquoted is a syntax error for sh), the others are single-quoted."""
    example = DEPLOY / "terreau.env.example"
    expected = {}
    for line in example.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        name, value = line.split("=", 1)
        if value.startswith("'"):
            assert value.endswith("'") and value.count("'") == 2, line
            value = value[1:-1]
        else:
            assert PLAIN_VALUE.fullmatch(value), f"quote this value in single quotes: {line}"
        expected[name] = value
    shell = subprocess.run(["sh", "-c", 'set -a; . "$1"; env -0', "sh", str(example)], capture_output=True,
                           env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, check=True)
    seen = dict(entry.split("=", 1) for entry in shell.stdout.decode().split("\0") if "=" in entry)
    assert {name: seen.get(name) for name in expected} == expected
    assert expected["TERREAU_SEARCH_BACKEND"] == "postgres"  # one index for every process and machine


def _documented_commands() -> list[tuple[str, list[str]]]:
    """(where, words) of each `flask …` / `terreau …` command line shown in README.md and deploy/."""
    pattern = re.compile(r"(?:^|`|/bin/|&& )(?:flask(?: --app app:create_app)?|terreau) ([a-z][^`'#|&;\n]*)",
                         re.MULTILINE)
    found = []
    for path in DEPLOY_TEXTS:
        for match in pattern.finditer(path.read_text()):
            found.append((f"{path.name}: {match.group(0).strip()}", shlex.split(match.group(1))))
    return found


def test_every_command_the_documentation_shows_exists(app):
    commands = _documented_commands()
    assert len(commands) > 30  # the pattern still finds them
    context = click.Context(app.cli)
    for where, words in commands:
        command, rest = app.cli, list(words)
        while isinstance(command, click.Group) and rest and not rest[0].startswith("-"):
            command = command.get_command(context, rest.pop(0))
            assert command is not None, f"no such command: {where}"
        assert not isinstance(command, click.Group), f"a group, not a command: {where}"
        options = {opt for param in command.params for opt in param.opts + param.secondary_opts}
        unknown = [word.split("=", 1)[0] for word in rest
                   if word.startswith("--") and word.split("=", 1)[0] not in options]
        assert not unknown, f"{where}: unknown options {unknown}"
