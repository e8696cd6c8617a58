"""Account pages: login, logout, account, API tokens, invitations, member administration, partners."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.orm import joinedload

from app.accounts import bp, service
from app.accounts.models import ApiToken, Invitation, Membership, Partner, Role, User
from app.accounts.schemas import (
    LOCALES,
    InvitationCreateSchema,
    InvitedAccountSchema,
    LoginSchema,
    PasswordChangeSchema,
    ProfileSchema,
    RoleChangeSchema,
    TokenCreateSchema,
)
from app.db import db
from app.extensions import limiter
from app.http import load_form, safe_next_url
from app.templating import add_nav_item

__all__ = ["bp"]

HOME = "/"
LOCALE_NAMES = {"fr": "Français", "en": "English"}

bp.record_once(lambda state: add_nav_item(state.app, _l("Partenaires"), "accounts.partners", 50))


def _me() -> User:
    return current_user._get_current_object()


def _role_options() -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in Role]


def _no_store(body, status: int):
    """A page showing a secret (token, invitation link) that no cache may keep."""
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"
    return response


# Login and logout ---------------------------------------------------------------------------------------------

@bp.route("/connexion", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    """Sign in with e-mail and password, then go back to `next` when it points inside the site."""
    next_url = request.values.get("next")
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(safe_next_url(next_url, HOME))
        return render_template("accounts/login.html", next_url=next_url, form={}, errors={})
    data, errors = load_form(LoginSchema())
    user = service.authenticate(data["email"], data["password"]) if data else None
    if user is None:
        return render_template("accounts/login.html", next_url=next_url, form=request.form, errors=errors,
                               failed=not errors), 422
    login_user(user, remember=data["remember"])
    db.session.commit()
    return redirect(safe_next_url(data["next"], HOME))


@bp.post("/deconnexion")
def logout():
    """End the session (POST only, so a link or an image cannot log someone out)."""
    logout_user()
    flash(_("Vous êtes déconnecté·e. À bientôt !"), "info")
    return redirect(HOME)


# The account --------------------------------------------------------------------------------------------------

def _render_account(status: int = 200, **context):
    memberships = sorted(current_user.memberships, key=lambda m: m.partner.name.lower())
    context.setdefault("profile_form", {"name": current_user.name, "locale": current_user.locale})
    return render_template("accounts/account.html", memberships=memberships, locale_names=LOCALE_NAMES,
                           locale_options=[(code, LOCALE_NAMES[code]) for code in LOCALES], **context), status


@bp.get("/compte")
@login_required
def account():
    """Who I am, where I belong, and the forms to change my name, language and password."""
    return _render_account()


@bp.post("/compte/profil")
@login_required
def update_profile():
    """Change my name and interface language."""
    data, errors = load_form(ProfileSchema())
    if errors:
        return _render_account(422, profile_form=request.form, profile_errors=errors)
    service.update_profile(_me(), data["name"], data["locale"])
    db.session.commit()
    session["locale"] = data["locale"]
    flash(_("Vos informations ont été enregistrées."), "success")
    return redirect(url_for(".account"))


@bp.post("/compte/mot-de-passe")
@login_required
def change_password():
    """Change my password; the current one is required and nothing changes when it is wrong."""
    data, errors = load_form(PasswordChangeSchema())
    if data and not service.change_password(_me(), data["current_password"], data["password"]):
        errors = {"current_password": [_("Le mot de passe actuel est incorrect.")]}
    if errors:
        return _render_account(422, password_errors=errors)
    db.session.commit()
    flash(_("Votre mot de passe a été changé."), "success")
    return redirect(url_for(".account"))


# API tokens ---------------------------------------------------------------------------------------------------

def _render_tokens(status: int = 200, form=None, errors=None):
    tokens = db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == current_user.id, ApiToken.is_deleted.is_(False))
        .order_by(ApiToken.created_dt.desc(), ApiToken.id.desc())
    ).all()
    return render_template("accounts/tokens.html", tokens=tokens, form=form or {}, errors=errors or {}), status


@bp.get("/compte/jetons")
@login_required
def tokens():
    """My personal API tokens: what exists, when each was last used, and a form to make one."""
    return _render_tokens()


@bp.post("/compte/jetons")
@login_required
def create_token():
    """Make a token and show it once: only its hash is kept."""
    data, errors = load_form(TokenCreateSchema())
    if errors:
        return _render_tokens(422, form=request.form, errors=errors)
    token, clear = service.create_api_token(_me(), data["name"], data["valid_days"])
    db.session.commit()
    return _no_store(render_template("accounts/token_created.html", token=token, clear_token=clear), 201)


@bp.post("/compte/jetons/<int:token_id>/revoquer")
@login_required
def revoke_token(token_id: int):
    """Revoke one of my tokens; someone else's token is not found (404)."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id or token.is_deleted:
        abort(404)
    service.revoke_api_token(token)
    db.session.commit()
    flash(_("Le jeton « %(name)s » a été révoqué.", name=token.name), "success")
    return redirect(url_for(".tokens"))


# Partners -----------------------------------------------------------------------------------------------------

def _partner_or_404(slug: str) -> Partner:
    """The partner behind a URL; an inactive one exists only for those who manage it."""
    partner = db.session.scalar(sa.select(Partner).where(Partner.slug == slug))
    if partner is None or (not partner.is_active and not partner.can_manage(current_user)):
        abort(404)
    return partner


def _managed_partner(slug: str) -> Partner:
    partner = _partner_or_404(slug)
    if not partner.can_manage(current_user):
        abort(403)
    return partner


@bp.get("/partenaires/")
def partners():
    """The networks pooling their resources, with how many members each has."""
    items = db.session.scalars(sa.select(Partner).where(Partner.is_active).order_by(Partner.name)).all()
    counts = dict(db.session.execute(
        sa.select(Membership.partner_id, sa.func.count()).group_by(Membership.partner_id)).all())
    return render_template("accounts/partners.html", partners=items, member_counts=counts)


@bp.get("/partenaires/<slug>")
def partner(slug: str):
    """A partner's public page, with its resources link and, for its admins, member administration."""
    partner = _partner_or_404(slug)
    member_count = db.session.scalar(
        sa.select(sa.func.count()).select_from(Membership).where(Membership.partner_id == partner.id))
    return render_template("accounts/partner.html", partner=partner, member_count=member_count,
                           can_manage=partner.can_manage(current_user))


# Member administration ----------------------------------------------------------------------------------------

def _render_members(partner: Partner, status: int = 200, form=None, errors=None, problem=None):
    memberships = db.session.scalars(
        sa.select(Membership).join(Membership.user).options(joinedload(Membership.user))
        .where(Membership.partner_id == partner.id).order_by(User.name, User.email)
    ).all()
    invitations = db.session.scalars(
        sa.select(Invitation).where(Invitation.partner_id == partner.id, Invitation.accepted_dt.is_(None),
                                    Invitation.is_revoked.is_(False)).order_by(Invitation.created_dt.desc())
    ).all()
    return render_template("accounts/members.html", partner=partner, memberships=memberships,
                           invitations=invitations, role_options=_role_options(), form=form or {},
                           errors=errors or {}, problem=problem), status


def _membership_or_404(partner: Partner, membership_id: int) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.partner_id != partner.id:
        abort(404)
    return membership


def _last_admin_refusal(partner: Partner):
    message = _("%(partner)s doit garder au moins un·e administrateur·rice : nommez-en un·e autre d'abord.",
                partner=partner.name)
    return _render_members(partner, 409, problem=message)


@bp.get("/partenaires/<slug>/membres")
@login_required
def members(slug: str):
    """Partner admins (and platform admins) see the members, change roles and invite people."""
    return _render_members(_managed_partner(slug))


@bp.post("/partenaires/<slug>/membres/<int:membership_id>/role")
@login_required
def change_member_role(slug: str, membership_id: int):
    """Give a member another role; the last admin keeps theirs (409)."""
    partner = _managed_partner(slug)
    membership = _membership_or_404(partner, membership_id)
    data, errors = load_form(RoleChangeSchema())
    if errors:
        return _render_members(partner, 422, problem=_("Choisissez un rôle dans la liste."))
    try:
        service.change_role(membership, data["role"])
    except service.LastAdminError:
        db.session.rollback()
        return _last_admin_refusal(partner)
    db.session.commit()
    flash(_("%(name)s a désormais le rôle « %(role)s ».", name=membership.user.name,
            role=membership.role.label), "success")
    return redirect(url_for(".members", slug=partner.slug))


@bp.post("/partenaires/<slug>/membres/<int:membership_id>/retirer")
@login_required
def remove_member(slug: str, membership_id: int):
    """Take someone out of the partner (their account stays); the last admin stays (409)."""
    partner = _managed_partner(slug)
    membership = _membership_or_404(partner, membership_id)
    name = membership.user.name
    try:
        service.remove_membership(membership)
    except service.LastAdminError:
        db.session.rollback()
        return _last_admin_refusal(partner)
    db.session.commit()
    flash(_("%(name)s ne fait plus partie de %(partner)s.", name=name, partner=partner.name), "success")
    return redirect(url_for(".members", slug=partner.slug))


@bp.post("/partenaires/<slug>/invitations")
@login_required
def invite(slug: str):
    """Create an invitation and show the signed link to send to the person."""
    partner = _managed_partner(slug)
    data, errors = load_form(InvitationCreateSchema())
    if errors:
        return _render_members(partner, 422, form=request.form, errors=errors)
    invitation, token = service.create_invitation(partner, data["email"], data["role"], _me())
    db.session.commit()
    link = url_for(".accept_invitation", token=token, _external=True)
    body = render_template("accounts/invitation_created.html", partner=partner, invitation=invitation, link=link)
    return _no_store(body, 201)


@bp.post("/partenaires/<slug>/invitations/<int:invitation_id>/annuler")
@login_required
def revoke_invitation(slug: str, invitation_id: int):
    """Cancel a pending invitation so its link stops working."""
    partner = _managed_partner(slug)
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.partner_id != partner.id or not invitation.is_pending:
        abort(404)
    service.revoke_invitation(invitation)
    db.session.commit()
    flash(_("L'invitation de %(email)s a été annulée.", email=invitation.email), "success")
    return redirect(url_for(".members", slug=partner.slug))


# Accepting an invitation --------------------------------------------------------------------------------------

def _render_invitation(invitation: Invitation, mode: str, status: int = 200, **context):
    body = render_template("accounts/invitation.html", invitation=invitation, mode=mode, **context)
    return _no_store(body, status)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    """The link from an invitation: accept it when logged in, else create the account or log in first."""
    try:
        invitation = service.invitation_from_token(token)
    except service.InvitationError as exc:
        return render_template("accounts/invitation_invalid.html", message=str(exc)), exc.status
    if current_user.is_authenticated:
        if current_user.email != invitation.email:  # a forwarded link must not grant its role to someone else
            return render_template("accounts/invitation_invalid.html",
                                   message=service.wrong_account_message(invitation)), 403
        return _join(invitation) if request.method == "POST" else _render_invitation(invitation, "accept")
    if service.find_user_by_email(invitation.email) is not None:
        return _render_invitation(invitation, "login", 409 if request.method == "POST" else 200)
    if request.method == "POST":
        return _register_and_join(invitation)
    return _render_invitation(invitation, "register", form={}, errors={})


def _join(invitation: Invitation):
    try:
        service.accept_invitation(invitation, _me())
    except service.LastAdminError:
        db.session.rollback()
        return _render_invitation(invitation, "accept", 409, problem=_(
            "Vous êtes le ou la seul·e administrateur·rice de ce partenaire : ce rôle ne peut pas être changé."))
    db.session.commit()
    return _welcome(invitation)


def _register_and_join(invitation: Invitation):
    data, errors = load_form(InvitedAccountSchema())
    if errors:
        return _render_invitation(invitation, "register", 422, form=request.form, errors=errors)
    locale = str(get_locale() or "fr")
    user = service.create_user(invitation.email, data["name"], data["password"],
                               locale=locale if locale in LOCALES else "fr")
    service.accept_invitation(invitation, user)
    db.session.commit()
    login_user(user)
    return _welcome(invitation)


def _welcome(invitation: Invitation):
    flash(_("Bienvenue ! Vous avez rejoint %(partner)s en tant que %(role)s.", partner=invitation.partner.name,
            role=invitation.role.label), "success")
    return redirect(url_for(".partner", slug=invitation.partner.slug))
