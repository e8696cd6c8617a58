"""Commons pages: taxonomy (being written)."""

from commons.views import bp  # noqa: F401
