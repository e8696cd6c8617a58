"""The `flask` command line: demo content, users, the job worker, the all-in-one server, backup and restore."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from huey.exceptions import HueyException, TaskException
from werkzeug.serving import run_simple

from app.db import db

demo_cli = AppGroup("demo", help="Contenu de démonstration.")
users_cli = AppGroup("users", help="Comptes.")
jobs_cli = AppGroup("jobs", help="File de tâches.")


def add_demo_loader(app: Flask, order: int, loader: Callable[[], list[str]]) -> None:
    """Packages add their demo content; loaders run in `order`, must be idempotent and return report lines."""
    app.extensions.setdefault("terreau_demo_loaders", []).append((order, loader))


def add_demo_companion(app: Flask, name: str, flask_args: list[str]) -> None:
    """A process the demo content relies on (a stand-in for a partner's wiki, say), which `flask serve --demo`
    starts beside the site: `flask_args` follow `flask --app app:create_app`."""
    app.extensions.setdefault("terreau_demo_companions", []).append((name, flask_args))


@demo_cli.command("load")
def demo_load():
    """Load the demo partners, users and resources (idempotent)."""
    loaders = sorted(current_app.extensions.get("terreau_demo_loaders", []), key=lambda pair: pair[0])
    for _order, loader in loaders:
        for line in loader():
            click.echo(line)
        db.session.commit()
    click.echo("Contenu de démonstration chargé.")


@users_cli.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt="Nom")
@click.password_option()
def create_admin(email: str, name: str, password: str):
    """Create a platform administrator, or promote an existing account."""
    from app import audit
    from app.accounts import service

    user = service.find_user_by_email(email)
    if user is None:
        user = service.create_user(email, name, password)
    if not user.is_platform_admin:
        user.is_platform_admin = True
        audit.record("user.platform_admin_granted", user, target_label=f"{user.name} <{user.email}>")
    db.session.commit()
    click.echo(f"{user.email} est administrateur·rice de la plateforme.")


@jobs_cli.command("worker")
@click.option("--workers", "-w", default=2, show_default=True, help="Threads de travail.")
def jobs_worker(workers: int):
    """Consume the job queue until stopped."""
    import logging

    from app import jobs

    if not logging.getLogger().handlers:  # the journal (systemd) or the terminal shows each job run
        logging.basicConfig(level=logging.INFO, format="%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s")
    click.echo(f"Worker Terreau ({jobs.queue_name()}), {workers} thread(s).")
    jobs.run_worker(workers=workers, app=current_app._get_current_object())


@jobs_cli.command("ping")
@click.option("--timeout", default=10.0, show_default=True, help="Secondes d'attente de la réponse.")
def jobs_ping(timeout: float):
    """Check that a worker consumes the queue: enqueue a ping and wait for its answer (exit 1 if none)."""
    from app import jobs

    result = jobs.ping(time.time())
    try:
        answer = result.get(blocking=True, timeout=timeout)
    except HueyException as exc:  # ResultTimeout: nobody consumes the queue
        result.revoke()  # a worker started later skips it rather than answering nobody
        raise click.ClickException(f"aucun worker n'a répondu sur la file {jobs.queue_name()} en {timeout:g} s "
                                   f"({type(exc).__name__}).") from exc
    except TaskException as exc:
        raise click.ClickException(f"le worker a échoué : {exc.metadata.get('error')}") from exc
    delay_ms = (time.time() - answer["sent_at"]) * 1000
    click.echo(f"pong de {answer['host']} (pid {answer['pid']}, base {answer['database']}) "
               f"via la file {jobs.queue_name()} en {delay_ms:.0f} ms")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", 5000)), show_default="PORT ou 5000")
@click.option("--demo", is_flag=True, help="Démarrer aussi les services de démonstration (wikis simulés, etc.).")
def serve(host: str, port: int, demo: bool):
    """Serve the site with a job worker started alongside (the embedded deployment of `make run`)."""
    flask = [sys.executable, "-m", "flask", "--app", "app:create_app"]
    children = {"worker": subprocess.Popen([*flask, "jobs", "worker"])}
    if demo:
        for name, flask_args in current_app.extensions.get("terreau_demo_companions", []):
            children[name] = subprocess.Popen([*flask, *flask_args])
    # a stop by SIGTERM (kill, systemd, a supervisor) unwinds like Ctrl-C, so the children stop too
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        click.echo(f"Terreau sur http://{host}:{port}/ (" + ", ".join(
            f"{name} pid {child.pid}" for name, child in children.items()) + ")")
        # run_simple, not app.run: Flask ignores app.run() inside a `flask` command
        run_simple(host, port, current_app._get_current_object(), threaded=True, use_reloader=False)
    finally:
        for child in children.values():
            child.terminate()
        for child in children.values():
            child.wait(timeout=10)


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)


def register(app: Flask) -> None:
    from app.accounts.demo import load_demo_accounts
    from app.backup import cli as backup_cli

    add_demo_loader(app, 10, load_demo_accounts)
    app.cli.add_command(demo_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(serve)
    backup_cli.register(app)
