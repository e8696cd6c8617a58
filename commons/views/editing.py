"""Commons pages: editing (being written)."""

from commons.views import bp  # noqa: F401
