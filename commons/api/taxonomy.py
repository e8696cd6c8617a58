"""JSON API of the taxonomy: kinds, themes, project phases and licences, read by all, kept by platform admins.

The operations are those of commons.taxonomy, shared with the admin pages. Terms are never deleted: resources
keep referring to them. Retiring one (`is_retired`) takes it out of what new resources are offered.
"""

from __future__ import annotations

from flask import abort

from app.api import problem_responses, requires
from app.db import db
from commons import taxonomy
from commons.api.common import WRITE_SECURITY, blueprint, is_platform_admin
from commons.schemas import TaxonomyArgsSchema, TaxonomyOutputSchema, TermOutputSchema
from commons.taxonomy_schemas import TermInputSchema, TermUpdateSchema

VOCABULARY = "<any(" + ", ".join(taxonomy.VOCABULARIES) + "):vocabulary>"

blp = blueprint(
    "taxonomy_api", __name__, "/taxonomy",
    "Taxonomie du commun : types, thèmes, phases de projet et licences. Lecture publique ; création et "
    "modification par les administrateur·rices de la plateforme. Un terme n'est jamais supprimé : on le "
    "retire (`is_retired`).")


@blp.route("/", methods=["GET"])
@blp.arguments(TaxonomyArgsSchema, location="query")
@problem_responses(blp, 400)
@blp.response(200, TaxonomyOutputSchema)
def get_taxonomy(args):
    """Every vocabulary, terms in display order."""
    return {name: taxonomy.terms(vocabulary, include_retired=args["include_retired"])
            for name, vocabulary in taxonomy.VOCABULARIES.items()}


@blp.route(f"/{VOCABULARY}", methods=["GET"])
@blp.arguments(TaxonomyArgsSchema, location="query")
@problem_responses(blp, 400, 404)
@blp.response(200, TermOutputSchema(many=True))
def get_vocabulary(args, vocabulary):
    """The terms of one vocabulary, in display order."""
    return taxonomy.terms(taxonomy.VOCABULARIES[vocabulary], include_retired=args["include_retired"])


@blp.route(f"/{VOCABULARY}", methods=["POST"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 409, 413, 422)
@blp.response(201, TermOutputSchema)
@requires(is_platform_admin)
@blp.arguments(TermInputSchema)
def create_term(data, vocabulary):
    """Add a term; its slug (`^[a-z0-9-]+$`, plus a version number for licences: `cc-by-4.0`) is unique in the
    vocabulary and never changes."""
    term = taxonomy.create_term(taxonomy.VOCABULARIES[vocabulary], data)
    db.session.commit()
    return term


@blp.route(f"/{VOCABULARY}/<int:term_id>", methods=["PATCH"])
@blp.doc(security=WRITE_SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 413, 422)
@blp.response(200, TermOutputSchema)
@requires(is_platform_admin)
@blp.arguments(TermUpdateSchema)
def update_term(data, vocabulary, term_id):
    """Change the fields sent; `{"is_retired": true}` retires the term, `false` brings it back."""
    vocab = taxonomy.VOCABULARIES[vocabulary]
    term = taxonomy.get_term(vocab, term_id)
    if term is None:
        abort(404)
    taxonomy.update_term(vocab, term, data)
    db.session.commit()
    return term
