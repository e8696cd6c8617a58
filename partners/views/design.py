"""Design and integration settings of a partner, for its admins: colours (checked for contrast), typeface,
logo, header and footer links with a live preview; portal host name, search scope, sites allowed to frame the
embeds, and the embedding statistics."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from app.db import db
from app.http import load_form
from partners import service
from partners.design import COLOUR_PAIRS, TYPEFACES, contrast_ratio
from partners.models import PartnerDesign, SearchScope
from partners.permissions import can_edit_design
from partners.schemas import DesignSchema, IntegrationSchema
from partners.views import bp, design_style, me, partner_or_404


def managed_design(slug: str) -> PartnerDesign:
    partner = partner_or_404(slug)
    if not can_edit_design(me(), partner):
        abort(403)
    return service.design_for(partner)


def links_text(links) -> str:
    return "\n".join(f"{link['label']} | {link['url']}" for link in links or [])


def _form_of(design: PartnerDesign) -> dict:
    return {**design.colours, "typeface": design.typeface, "tagline": design.tagline,
            "header_links": links_text(design.header_links), "footer_links": links_text(design.footer_links)}


def contrast_report(colours: dict) -> list[dict]:
    """Each colour pair with its ratio and whether it passes, for the preview."""
    report = []
    for pair in COLOUR_PAIRS:
        try:
            ratio = contrast_ratio(colours[pair.foreground], colours[pair.background])
        except (KeyError, ValueError, TypeError, IndexError):
            continue
        report.append({"pair": pair, "ratio": ratio, "ok": ratio >= pair.minimum})
    return report


def render_design_form(design: PartnerDesign, form: dict, errors: dict, status: int = 200, preview=None):
    shown = preview or design
    return render_template("partners/design_form.html", partner=design.partner, design=design, form=form,
                           errors=errors, typefaces=TYPEFACES, preview_style=design_style(shown),
                           report=contrast_report(shown.colours), preview=shown), status


@bp.get("/p/<slug>/apparence")
@login_required
def edit_design(slug: str):
    """The design form with its live preview."""
    design = managed_design(slug)
    return render_design_form(design, _form_of(design), {})


@bp.post("/p/<slug>/apparence")
@login_required
def save_design(slug: str):
    """Save the design (or only preview it); colour pairs failing WCAG AA are refused with their ratio."""
    design = managed_design(slug)
    data, errors = load_form(DesignSchema())
    if errors:
        return render_design_form(design, request.form, errors, 422)
    if data.get("preview"):
        preview = PartnerDesign(**{key: data[key] for key in (*design.colours, "typeface", "tagline")},
                                header_links=data["header_links"], footer_links=data["footer_links"])
        return render_design_form(design, request.form, {}, preview=preview)
    design = service.editable_design(design.partner)
    service.save_design(design, data)
    upload = request.files.get("logo")
    if upload is not None and upload.filename:
        try:
            service.set_logo(design, upload)
        except service.LogoRejected as exc:
            db.session.rollback()
            return render_design_form(service.design_for(design.partner), request.form, {"logo": [str(exc)]},
                                      exc.status)
    elif data["remove_logo"]:
        service.remove_logo(design)
    db.session.commit()
    flash(_("L'apparence de %(partner)s est enregistrée.", partner=design.partner.name), "success")
    return redirect(url_for(".edit_design", slug=slug))


def render_integrations(design: PartnerDesign, form: dict, errors: dict, status: int = 200):
    return render_template("partners/integrations.html", partner=design.partner, design=design, form=form,
                           errors=errors, scopes=SearchScope, stats=service.embed_statistics(design.partner)), status


@bp.get("/p/<slug>/integrations")
@login_required
def integrations(slug: str):
    """Portal host name, search scope, sites allowed to frame the embeds, and embed loads per site."""
    design = managed_design(slug)
    form = {"host_name": design.host_name or "", "search_scope": design.search_scope.value,
            "frame_origins": "\n".join(design.frame_origins or [])}
    return render_integrations(design, form, {})


@bp.post("/p/<slug>/integrations")
@login_required
def save_integrations(slug: str):
    design = managed_design(slug)
    data, errors = load_form(IntegrationSchema())
    if errors:
        return render_integrations(design, request.form, errors, 422)
    design = service.editable_design(design.partner)
    try:
        service.save_integrations(design, data)
    except service.HostNameTaken:
        db.session.rollback()
        return render_integrations(service.design_for(design.partner), request.form, {"host_name": [
            _("Ce nom d'hôte sert déjà le portail d'un autre partenaire.")]}, 409)
    db.session.commit()
    flash(_("Les réglages d'intégration sont enregistrés."), "success")
    return redirect(url_for(".integrations", slug=slug))
