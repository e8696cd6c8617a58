"""Commons pages: catalogue (being written)."""

from commons.views import bp  # noqa: F401
