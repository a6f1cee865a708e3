"""Hoe ging het gesprek?: the question on the page of a call, a spreekuur or a callback.

The pages include templates/feedback/_contact.html (or _spreekuren.html); the answer comes
here. Which contact it is about travels as two plain hidden fields, not in the address, so
a web server's access log does not hold the contact's id next to the answer's time.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale

from portal.auth import burger_vereist
from portal.db import get_session
from portal.feedback.forms import GesprekForm, gesprek_prefix
from portal.feedback.views import _begrensd, bp
from portal.invoer import als_id
from portal.models import utcnow
from portal.services import contactfeedback as service
from portal.services.contactfeedback import Contact
from portal.services.feedback import MAX_OPMERKING, FeedbackFout
from portal.tijd import vandaag
from portal.vertalen import gettext as _


@dataclass(frozen=True)
class GesprekVraag:
    soort: str
    contact_id: int
    id: str  # the section's id and the form's prefix
    toestand: str  # service.VRAAG or service.KLAAR
    form: GesprekForm | None = None


def _geheim() -> str:
    return str(current_app.config["SECRET_KEY"])


@bp.app_template_global("gesprek_vraag")
def gesprek_vraag(soort: str, contact: Contact) -> GesprekVraag | None:
    """What the contact's page asks; None while there is nothing to ask about."""
    if g.get("burger") is None:
        return None
    toestand = service.toestand(get_session(), soort, contact, nu=utcnow(), geheim=_geheim())
    if toestand is None:
        return None
    prefix = gesprek_prefix(soort, contact.id)
    form = GesprekForm(formdata=None, prefix=prefix) if toestand == service.VRAAG else None
    return GesprekVraag(soort, contact.id, prefix, toestand, form)


def _pagina(soort: str, contact_id: int) -> str:
    """The contact's own page, where the question was asked."""
    if soort == service.SERVICECALL:
        return url_for("servicecalls.gesprek", servicecall_id=contact_id)
    if soort == service.TERUGBELLEN:
        return url_for("terugbellen.verzoek", verzoek_id=contact_id)
    return url_for("spreekuur.gepland")


def foutmelding(fout: FeedbackFout) -> str:
    teksten = {
        "al_beantwoord": _("U hebt ons al verteld hoe dit gesprek ging. Dank u wel."),
        "te_lang_geleden": _(
            "Dit gesprek is te lang geleden. U kunt er geen antwoord meer over geven."
        ),
        "te_lang": _("Gebruik ten hoogste %(max)d tekens.", max=MAX_OPMERKING),
    }
    return str(teksten.get(fout.reden, _("Dit kan niet. Probeer het opnieuw.")))


@bp.post("/feedback/gesprek")
@burger_vereist
@_begrensd
def gesprek() -> ResponseReturnValue:
    db = get_session()
    soort = request.form.get("soort", "")
    contact = service.zoek(db, soort, als_id(request.form.get("contact")), g.burger.id)
    if contact is None:
        abort(404)  # another person's contact, or no contact at all
    nu, geheim = utcnow(), _geheim()
    prefix = gesprek_prefix(soort, contact.id)
    doel = f"{_pagina(soort, contact.id)}#{prefix}"
    try:
        service.controleer(db, soort, contact, nu=nu, geheim=geheim)
    except FeedbackFout as fout:
        if fout.reden == "niet_gehouden":
            abort(404)  # nothing to ask about yet: the page does not ask either
        flash(foutmelding(fout), "info")  # sent twice, or the page stood open too long
        return redirect(doel, code=303)
    form = GesprekForm(prefix=prefix)
    if form.validate_on_submit():
        try:
            service.bewaar(
                db,
                soort,
                contact,
                oordeel=form.oordeel.data,
                opmerking=form.opmerking.data,
                taal=str(get_locale() or "nl"),
                dag=vandaag(nu),
                nu=nu,
                geheim=geheim,
            )
        except FeedbackFout as fout:
            if fout.reden not in ("te_lang", "onbekend_oordeel"):
                flash(foutmelding(fout), "info")
                return redirect(doel, code=303)
            veld = form.opmerking if fout.reden == "te_lang" else form.oordeel
            veld.errors = [*veld.errors, foutmelding(fout)]
        else:
            flash(_("Dank u voor uw antwoord."), "succes")
            return redirect(doel, code=303)
    # Without JavaScript the contact's page cannot be drawn here: a small page of its own,
    # with the answer and the text as they were sent.
    vraag = GesprekVraag(soort, contact.id, prefix, service.VRAAG, form)
    return render_template("feedback/gesprek.html", vraag=vraag, terug=doel), 400
