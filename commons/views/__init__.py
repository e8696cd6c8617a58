"""HTML pages of the commons (French first): catalogue, resource pages, editing, history, trash, taxonomy."""

from flask import Blueprint

bp = Blueprint("commons", __name__, template_folder="../templates")
