"""Operations on accounts and governance. They flush; the request commits once."""

from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import joinedload

from app import audit
from app.accounts.models import ApiToken, Invitation, Membership, Partner, Role, User
from app.audit.service import user_label
from app.db import db, utcnow

TOKEN_PREFIX = "trr_"  # noqa: S105 - a visible prefix, not a secret
TOKEN_TOUCH_INTERVAL = timedelta(minutes=5)


class InvitationError(Exception):
    """An invitation link that cannot be used; the message says why, in the request's language; `status` is the
    HTTP answer."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


class LastAdminError(Exception):
    """The change would leave a partner without any admin to manage it."""


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    """The active user with that e-mail and password, or None (same answer whichever part is wrong)."""
    user = find_user_by_email(email)
    if user is None or not user.is_active or not user.check_password(password):
        return None
    user.last_login_dt = utcnow()
    return user


def create_user(email: str, name: str, password: str | None = None, locale: str = "fr",
                is_platform_admin: bool = False) -> User:
    user = User(email=email.strip().lower(), name=name.strip(), locale=locale, is_platform_admin=is_platform_admin)
    if password:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def membership_of(user: User, partner: Partner) -> Membership | None:
    """The user's membership in that partner, if any."""
    return db.session.scalar(
        sa.select(Membership).where(Membership.user_id == user.id, Membership.partner_id == partner.id)
    )


def set_membership(user: User, partner: Partner, role: Role) -> Membership:
    """Give `user` exactly `role` in `partner`, creating or changing the membership."""
    membership = membership_of(user, partner)
    if membership is None:
        membership = Membership(user=user, partner=partner, role=role)
        db.session.add(membership)
    else:
        membership.role = role
    db.session.flush()
    return membership


def _ensure_an_admin_remains(membership: Membership | None, new_role: Role | None) -> None:
    """Refuse to demote or remove the partner's last admin (`new_role` None means removal)."""
    if membership is None or membership.role != Role.ADMIN or new_role == Role.ADMIN:
        return
    admins = db.session.scalar(sa.select(sa.func.count()).select_from(Membership).where(
        Membership.partner_id == membership.partner_id, Membership.role == Role.ADMIN))
    if admins <= 1:
        raise LastAdminError(membership.partner.slug)


def change_role(membership: Membership, role: Role) -> None:
    """Give a member another role; raises LastAdminError rather than leave the partner without admin."""
    _ensure_an_admin_remains(membership, role)
    before = membership.role
    membership.role = role
    db.session.flush()
    if before != role:
        audit.record("membership.role_changed", membership, target_label=user_label(membership.user),
                     **audit.changes({"role": before}, {"role": role}))


def remove_membership(membership: Membership) -> None:
    """Take a member out of a partner; raises LastAdminError rather than leave it without admin."""
    _ensure_an_admin_remains(membership, None)
    audit.record("membership.removed", membership, target_label=user_label(membership.user), role=membership.role)
    db.session.delete(membership)
    db.session.flush()


def update_profile(user: User, name: str, locale: str) -> None:
    """Change what people may edit about themselves: name and interface language."""
    user.name = name.strip()
    user.locale = locale
    db.session.flush()


def change_password(user: User, current_password: str, new_password: str) -> bool:
    """Set a new password if `current_password` is right; False (and nothing changed) otherwise."""
    if not user.check_password(current_password):
        return False
    user.set_password(new_password)
    db.session.flush()
    return True


# Invitations --------------------------------------------------------------------------------------------------

def _invitation_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="terreau-invitation")


def create_invitation(partner: Partner, email: str, role: Role, invited_by: User) -> tuple[Invitation, str]:
    """Record the invitation and return it with the signed token; it replaces a pending one for that address."""
    email = email.strip().lower()
    db.session.execute(sa.update(Invitation).where(
        Invitation.partner_id == partner.id, Invitation.email == email, Invitation.accepted_dt.is_(None),
        Invitation.is_revoked.is_(False)).values(is_revoked=True))
    invitation = Invitation(partner=partner, email=email, role=role, invited_by=invited_by)
    db.session.add(invitation)
    db.session.flush()
    token = _invitation_serializer().dumps({"id": invitation.id, "email": invitation.email})
    audit.record("invitation.created", invitation, target_label=email, role=role)
    return invitation, token


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation behind a link, or InvitationError with a message for the person."""
    max_age = int(current_app.config["INVITATION_MAX_AGE"].total_seconds())
    try:
        payload = _invitation_serializer().loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise InvitationError(_("Ce lien d'invitation a expiré. Demandez-en un nouveau."), 410) from exc
    except BadSignature as exc:
        raise InvitationError(_("Ce lien d'invitation n'est pas valide.")) from exc
    invitation = db.session.get(Invitation, payload.get("id"))
    if invitation is None or invitation.email != payload.get("email"):
        raise InvitationError(_("Ce lien d'invitation n'est pas valide."))
    if invitation.is_revoked:
        raise InvitationError(_("Cette invitation a été annulée."), 410)
    if invitation.accepted_dt is not None:
        raise InvitationError(_("Cette invitation a déjà été utilisée."), 410)
    return invitation


def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Use the invitation once: `user`, who must own the invited address, joins the partner with the role."""
    if user.email != invitation.email:
        raise InvitationError(wrong_account_message(invitation), status=403)
    _ensure_an_admin_remains(membership_of(user, invitation.partner), invitation.role)
    invitation.accepted_dt = utcnow()
    invitation.accepted_by_id = user.id
    membership = set_membership(user, invitation.partner, invitation.role)
    audit.record("invitation.accepted", invitation, target_label=invitation.email, actor=user, role=invitation.role)
    return membership


def wrong_account_message(invitation: Invitation) -> str:
    """Why a signed-in person cannot use an invitation meant for another address."""
    return _("Cette invitation est adressée à %(email)s. Connectez-vous avec ce compte, ou déconnectez-vous "
             "pour le créer.", email=invitation.email)


def revoke_invitation(invitation: Invitation) -> None:
    """Cancel an invitation; its link then answers that it was cancelled."""
    invitation.is_revoked = True
    db.session.flush()
    audit.record("invitation.revoked", invitation, target_label=invitation.email, role=invitation.role)


# API tokens ---------------------------------------------------------------------------------------------------

def create_api_token(user: User, name: str, valid_days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token and return it with its clear text, which is never stored."""
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), prefix=clear[:10], token_hash=ApiToken.hash(clear),
                     expires_dt=utcnow() + timedelta(days=valid_days) if valid_days else None)
    db.session.add(token)
    db.session.flush()
    return token, clear


def user_for_api_token(clear: str) -> User | None:
    """The active owner of a valid, unrevoked, unexpired token."""
    token = db.session.scalar(  # with its user in the same query: every API call by token starts here
        sa.select(ApiToken).where(ApiToken.token_hash == ApiToken.hash(clear), ApiToken.is_deleted.is_(False))
        .options(joinedload(ApiToken.user))
    )
    if token is None or token.is_expired or not token.user.is_active:
        return None
    if token.last_used_dt is None or utcnow() - token.last_used_dt > TOKEN_TOUCH_INTERVAL:
        token.last_used_dt = utcnow()  # coarse, so reads do not write on every request
    return token.user


def revoke_api_token(token: ApiToken) -> None:
    token.mark_deleted()
    db.session.flush()
