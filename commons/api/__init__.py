"""JSON API of the commons under /api/v1: resources, their revisions, and the taxonomy."""

from commons.api import resources, revisions, taxonomy

blueprints = [resources.blp, revisions.blp, taxonomy.blp]
