"""The `flask` command line: demo content, users, the job worker and the all-in-one server."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.db import db

demo_cli = AppGroup("demo", help="Contenu de démonstration.")
users_cli = AppGroup("users", help="Comptes.")
jobs_cli = AppGroup("jobs", help="File de tâches.")


def add_demo_loader(app: Flask, order: int, loader: Callable[[], list[str]]) -> None:
    """Packages add their demo content; loaders run in `order`, must be idempotent and return report lines."""
    app.extensions.setdefault("terreau_demo_loaders", []).append((order, loader))


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
    from app.accounts import service

    user = service.find_user_by_email(email)
    if user is None:
        user = service.create_user(email, name, password)
    user.is_platform_admin = True
    db.session.commit()
    click.echo(f"{user.email} est administrateur·rice de la plateforme.")


@jobs_cli.command("worker")
@click.option("--workers", "-w", default=2, show_default=True, help="Threads de travail.")
def jobs_worker(workers: int):
    """Consume the job queue until stopped."""
    from app import jobs

    click.echo(f"Worker Terreau ({jobs.queue_name()}), {workers} thread(s).")
    jobs.run_worker(workers=workers, app=current_app._get_current_object())


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=lambda: int(os.environ.get("PORT", 5000)), show_default="PORT ou 5000")
def serve(host: str, port: int):
    """Serve the site with a job worker started alongside (the embedded deployment of `make run`)."""
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app:create_app", "jobs", "worker"])
    try:
        click.echo(f"Terreau sur http://{host}:{port}/ (worker pid {worker.pid})")
        current_app.run(host=host, port=port, threaded=True, use_reloader=False)
    finally:
        worker.terminate()
        worker.wait(timeout=10)


def register(app: Flask) -> None:
    app.cli.add_command(demo_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(serve)
