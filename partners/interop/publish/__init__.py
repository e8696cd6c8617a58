"""Publishing the catalogue to other systems: YesWiki Bazar façade, LDP/JSON-LD/ActivityPub, OAI-PMH, schema.org.

Every publisher shows only what an anonymous visitor may read: public, published, not deleted resources.
"""

from flask import Blueprint

bp = Blueprint("interop_publish", __name__)
