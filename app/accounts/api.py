"""JSON API for partners and the current account."""

from app.api import make_api_blueprint

blp = make_api_blueprint("partners_api", __name__, "/partners", "Partenaires du commun")
