"""Berichten en herinneringen: the person's numbers, addresses and switches."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

import notificaties
from portal.auth import burger_vereist
from portal.db import get_session
from portal.services import voorkeuren
from portal.services.voorkeuren import NotificatievoorkeurFout
from portal.vertalen import gettext as _
from portal.vertalen import ngettext
from portal.voorkeuren.forms import SOORT_LABELS, CodeForm, EmailForm, KeuzesForm, TelefoonForm
from portal.web import csrf, limiter

bp = Blueprint("voorkeuren", __name__)
# The page's own title. "Berichten" is the portal's inbox only, so the old address (which
# said "berichten-en-herinneringen" for SMS and e-mail) moved; it still leads here.
PAD = "/sms-en-e-mail"
OUD_PAD = "/berichten-en-herinneringen"


def _geheim() -> str:
    return str(current_app.config["SECRET_KEY"])


def foutmelding(fout: NotificatievoorkeurFout, kanaal: str = "sms") -> str:
    """The refusal in the person's language, in B1 words."""
    if fout.reden == "ongeldig" and kanaal == "email":
        return str(
            _("Dit e-mailadres klopt niet. Een e-mailadres ziet eruit als naam@voorbeeld.nl.")
        )
    if fout.reden == "verlopen" and kanaal == "email":
        fout = NotificatievoorkeurFout("ongeldige_link")  # an old e-mail link, not an SMS code
    if fout.reden == "te_veel_codes" and kanaal == "email":
        return str(_("U heeft al 3 keer een e-mail gevraagd. Probeer het over een uur opnieuw."))
    over = fout.details.get("over", 0)
    if not isinstance(over, int):  # the service sets a count with "foute_code" only
        over = 0
    teksten_ = {
        "ongeldig": _("Dit nummer klopt niet. Controleer het nummer, bijvoorbeeld 06 12345678."),
        "vast_nummer": _("Dit is een vast nummer. Een sms kan alleen naar een mobiel nummer."),
        "te_veel_codes": _(
            "U heeft al 3 keer een code gevraagd. Probeer het over een uur opnieuw."
        ),
        "verlopen": _("De code is verlopen. Vraag een nieuwe code aan."),
        "foute_code": ngettext(
            "De code klopt niet. U kunt het nog %(num)d keer proberen.",
            "De code klopt niet. U kunt het nog %(num)d keer proberen.",
            over,
        ),
        "te_veel_pogingen": _(
            "U heeft de code te vaak verkeerd ingevuld. Vraag een nieuwe code aan."
        ),
        "ongeldige_link": _("Deze link werkt niet (meer). Vraag een nieuwe e-mail aan."),
        "niet_geverifieerd": _("Bevestig eerst uw mobiele nummer.")
        if fout.details.get("kanaal") == "sms"
        else _("Bevestig eerst uw e-mailadres."),
    }
    return str(teksten_[fout.reden])


def _overzicht(
    telefoon_form: TelefoonForm | None = None,
    email_form: EmailForm | None = None,
    keuzes_form: KeuzesForm | None = None,
    status: int = 200,
) -> tuple[str, int]:
    db = get_session()
    burger = g.burger
    huidig = voorkeuren.keuzes(db, burger.id)
    if keuzes_form is None:
        aan = {k: sorted(huidig.aan.get(k, set())) for k in ("sms", "email")}
        if burger.sms_gestopt_op:
            # After STOP no SMS goes out: show the boxes off, so that saving the form
            # undoes the STOP only when the person ticks an SMS box themselves.
            aan["sms"] = []
        keuzes_form = KeuzesForm(prefix="keuze", formdata=None, data=aan)
    if telefoon_form is None:
        telefoon_form = TelefoonForm(prefix="nieuw", formdata=None)
    if email_form is None:
        email_form = EmailForm(prefix="nieuw", formdata=None)
    return (
        render_template(
            "voorkeuren/overzicht.html",
            burger=burger,
            telefoon_form=telefoon_form,
            email_form=email_form,
            keuzes_form=keuzes_form,
            soort_labels=SOORT_LABELS,
            code_open=voorkeuren.open_verificatie(db, burger.id, "sms") is not None,
            email_open=voorkeuren.open_verificatie(db, burger.id, "email"),
            mislukt=voorkeuren.mislukte_kanalen(db, burger.id),
        ),
        status,
    )


@bp.get(PAD)
@burger_vereist
def overzicht() -> tuple[str, int]:
    return _overzicht()


@bp.get(OUD_PAD)
def oud_adres() -> ResponseReturnValue:
    """Bookmarks and e-mails from before the move; the new address asks for the login."""
    return redirect(url_for(".overzicht"), code=301)


@bp.post(f"{PAD}/telefoon")
@burger_vereist
@limiter.limit("10 per minute")
def telefoon() -> ResponseReturnValue:
    form = TelefoonForm(prefix="nieuw")
    if form.validate_on_submit():
        try:
            # Verplicht: never None here.
            nummer = form.telefoon.data or ""
            voorkeuren.vraag_sms_code(get_session(), g.burger, nummer, geheim=_geheim())
        except NotificatievoorkeurFout as fout:
            form.telefoon.errors = [foutmelding(fout)]
        else:
            flash(_("Wij hebben een sms met een code gestuurd."), "succes")
            return redirect(url_for(".code"), code=303)
    return _overzicht(telefoon_form=form, status=400)


@bp.route(f"{PAD}/telefoon/code", methods=["GET", "POST"])
@burger_vereist
@limiter.limit("20 per minute", methods=["POST"])
def code() -> ResponseReturnValue:
    db = get_session()
    verificatie = voorkeuren.open_verificatie(db, g.burger.id, "sms")
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            # Verplicht: never None here.
            voorkeuren.controleer_sms_code(db, g.burger, form.code.data or "", geheim=_geheim())
        except NotificatievoorkeurFout as fout:
            form.code.errors = [foutmelding(fout)]
        else:
            flash(
                _("Uw mobiele nummer is bevestigd. Kies hieronder welke sms'jes u wilt."), "succes"
            )
            return redirect(url_for(".overzicht", _anchor="keuzes"), code=303)
    if form.errors:
        status = 400
    return render_template("voorkeuren/code.html", form=form, verificatie=verificatie), status


@bp.post(f"{PAD}/email")
@burger_vereist
@limiter.limit("10 per minute")
def email() -> ResponseReturnValue:
    form = EmailForm(prefix="nieuw")
    if form.validate_on_submit():
        try:
            voorkeuren.vraag_email_bevestiging(
                get_session(),
                g.burger,
                form.email.data or "",  # Verplicht: never None here
                geheim=_geheim(),
            )
        except NotificatievoorkeurFout as fout:
            form.email.errors = [foutmelding(fout, "email")]
        else:
            flash(
                _("Wij hebben een e-mail gestuurd. Open de link in die e-mail binnen 24 uur."),
                "succes",
            )
            return redirect(url_for(".overzicht"), code=303)
    return _overzicht(email_form=form, status=400)


@bp.get("/e-mail-bevestigen/<token>")
def email_bevestigen(token: str) -> ResponseReturnValue:
    # No login needed: the signed link itself proves the mailbox is the person's.
    try:
        voorkeuren.bevestig_email(get_session(), token, geheim=_geheim())
    except NotificatievoorkeurFout as fout:
        return render_template(
            "voorkeuren/email_bevestigd.html", fout=foutmelding(fout, "email")
        ), 400
    return render_template("voorkeuren/email_bevestigd.html", fout=None)


@bp.post(f"{PAD}/keuzes")
@burger_vereist
def keuzes() -> ResponseReturnValue:
    form = KeuzesForm(prefix="keuze")
    if form.validate_on_submit():
        gekozen = {"sms": set(form.sms.data or []), "email": set(form.email.data or [])}
        try:
            voorkeuren.zet_keuzes(get_session(), g.burger, gekozen)
        except NotificatievoorkeurFout as fout:
            veld = form.sms if fout.details.get("kanaal") == "sms" else form.email
            veld.errors = [foutmelding(fout)]
        else:
            flash(_("Uw keuzes zijn opgeslagen."), "succes")
            return redirect(url_for(".overzicht"), code=303)
    return _overzicht(keuzes_form=form, status=400)


@bp.post(f"{PAD}/<any(sms, email):kanaal>/verwijderen")
@burger_vereist
def verwijderen(kanaal: str) -> ResponseReturnValue:
    if FlaskForm().validate_on_submit():
        voorkeuren.verwijder_kanaal(get_session(), g.burger, kanaal)
        if kanaal == "sms":
            flash(_("U krijgt geen sms'jes meer van ons."), "succes")
        else:
            flash(_("U krijgt geen e-mails meer van ons."), "succes")
    return redirect(url_for(".overzicht"), code=303)


@bp.route("/afmelden/<token>", methods=["GET", "POST"])
@csrf.exempt
def afmelden(token: str) -> ResponseReturnValue:
    """One-click unsubscribe (RFC 8058): a mail program POSTs here without a CSRF token;
    the signed token is the proof. A GET only shows the button, so link scanners that
    open every link do not unsubscribe anyone."""
    burger_id = notificaties.burger_van_afmeldtoken(token)
    if burger_id is None:
        return render_template("voorkeuren/afmelden.html", geldig=False, klaar=False), 404
    if request.method == "POST":
        voorkeuren.meld_af_email(get_session(), burger_id)
        return render_template("voorkeuren/afmelden.html", geldig=True, klaar=True)
    return render_template("voorkeuren/afmelden.html", geldig=True, klaar=False, token=token)
