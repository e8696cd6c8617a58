"""JSON API of the commons (being written)."""

blueprints = []
