"""Accounts and governance: who someone is (users, API tokens) and what they may do (partners, roles)."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, template_folder="templates")
