"""Marshmallow schemas of discussions: the forms, and the JSON API's input and output."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from app.api import id_field

TITLE = validate.Length(min=3, max=200, error="Le titre compte de 3 à 200 caractères.")
BODY = validate.Length(min=1, max=20_000, error="Le message compte de 1 à 20 000 caractères.")
REASON = validate.Length(min=3, max=500, error="Indiquez la raison (3 à 500 caractères).")


class ThreadInSchema(Schema):
    """A new thread: on the whole session, or on a step (`step_id`)."""

    class Meta:
        unknown = RAISE

    title = fields.String(required=True, validate=TITLE)
    body = fields.String(required=True, validate=BODY, metadata={"description": "Markdown (assaini à l'affichage)"})
    is_question = fields.Boolean(load_default=False,
                                 metadata={"description": "Une question peut recevoir une réponse acceptée"})
    step_id = id_field(allow_none=True, metadata={"description": "Étape du cours de la session ; vide : "
                                                                      "la session entière"})


class ThreadFormSchema(ThreadInSchema):
    #: where the form came from (the step page or the forum), to go back there
    next = fields.String(validate=validate.Length(max=300))


class PostFormSchema(Schema):
    class Meta:
        unknown = RAISE

    body = fields.String(required=True, validate=BODY, metadata={"description": "Markdown (assaini à l'affichage)"})


class EditFormSchema(PostFormSchema):
    title = fields.String(validate=TITLE, metadata={"description": "Pour le premier message : le titre du fil"})


class ReasonSchema(Schema):
    """Why a post is reported, hidden or restored (the form's and the API's body)."""

    class Meta:
        unknown = RAISE

    reason = fields.String(required=True, validate=REASON, metadata={"description": "3 à 500 caractères"})


class ThreadModerationSchema(Schema):
    """What those who moderate change on a thread; a field left out keeps its value."""

    class Meta:
        unknown = RAISE

    is_pinned = fields.Boolean(metadata={"description": "Épinglé : en tête de la liste des fils"})
    is_closed = fields.Boolean(metadata={"description": "Fermé : n'accepte plus de réponse"})


class DigestSchema(Schema):
    email_digest = fields.Boolean(load_default=False)


# API output ---------------------------------------------------------------------------------------------------

class PostOutSchema(Schema):
    id = fields.Integer()
    thread_id = fields.Integer()
    author = fields.Function(lambda post: post.author.name if post.author else None)
    body = fields.String(metadata={"description": "Le Markdown tel qu'écrit"})
    body_html = fields.Function(lambda post: str(_render(post)), metadata={"description": "HTML assaini"})
    is_opening = fields.Boolean()
    is_accepted = fields.Boolean()
    is_hidden = fields.Boolean(metadata={"description": "Visible des seul·es animateur·rices"})
    created_dt = fields.AwareDateTime()
    edited_dt = fields.AwareDateTime(allow_none=True)


def _render(post):
    from paths.discussions.notifications import render_post

    return render_post(post.body, post.thread.session)


class ThreadOutSchema(Schema):
    id = fields.Integer()
    session_id = fields.Integer()
    step_id = fields.Integer(allow_none=True)
    title = fields.String()
    author = fields.Function(lambda thread: thread.author.name if thread.author else None)
    is_question = fields.Boolean()
    is_pinned = fields.Boolean()
    is_closed = fields.Boolean()
    is_answered = fields.Function(lambda thread: thread.accepted is not None,
                                  metadata={"description": "Une réponse est acceptée"})
    created_dt = fields.AwareDateTime()
    last_post_dt = fields.AwareDateTime()


class ThreadDetailSchema(ThreadOutSchema):
    #: the posts the caller may see (hidden ones for moderators only), set by the API on the thread
    posts = fields.List(fields.Nested(PostOutSchema), attribute="visible_posts")


class ThreadListSchema(Schema):
    items = fields.List(fields.Nested(ThreadOutSchema))


class ReportOutSchema(Schema):
    """A reported post, for its reporter and for the moderators' queue."""

    id = fields.Integer()
    post = fields.Nested(PostOutSchema)
    thread_title = fields.Function(lambda report: report.post.thread.title)
    reporter = fields.Function(lambda report: report.reporter.name if report.reporter else None)
    reason = fields.String()
    created_dt = fields.AwareDateTime()
    resolved_dt = fields.AwareDateTime(allow_none=True, metadata={"description": "Vide : à traiter"})


class ReportListSchema(Schema):
    items = fields.List(fields.Nested(ReportOutSchema))


class ThreadArgsSchema(Schema):
    step_id = id_field(metadata={"description": "Seulement les fils de cette étape"})
