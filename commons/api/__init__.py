"""JSON API of the commons under /api/v1: resources, their revisions, the taxonomy, and the search."""

from commons.api import resources, revisions, search, taxonomy

blueprints = [resources.blp, revisions.blp, taxonomy.blp, search.blp]
