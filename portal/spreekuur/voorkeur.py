"""The person's spreekuurvoorkeur and accommodation profile (Ondersteuning), and the template
helpers that show both on the casemanager's pages."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue

from portal.auth import burger_vereist
from portal.db import get_session
from portal.kantoren import KANTOREN, Kantoor
from portal.models import utcnow
from portal.models.spreekuur import Ondersteuning, Spreekuurvoorkeur
from portal.services import spreekuurvoorkeur as voorkeuren
from portal.services.spreekuurvoorkeur import BEHOEFTEN, DAGDELEN, MAX_TEKST, SpreekuurvoorkeurFout
from portal.spreekuur import bp
from portal.spreekuur.forms import VORM_LABELS, VORM_UITLEG, OndersteuningForm, VoorkeurForm
from portal.vertalen import gettext as _


@bp.app_template_global("spreekuurvoorkeur_van")
def _spreekuurvoorkeur_van(burger_id: int) -> Spreekuurvoorkeur | None:
    return voorkeuren.huidige_voorkeur(get_session(), burger_id)


@bp.app_template_global("ondersteuning_van")
def _ondersteuning_van(burger_id: int) -> Ondersteuning | None:
    return voorkeuren.ondersteuning(get_session(), burger_id)


@bp.record_once
def _teksten_voor_templates(state: BlueprintSetupState) -> None:
    """Globals, not a context processor: the macros in ``_voorkeur.html`` and
    ``_ondersteuning.html`` are imported without context and still need them."""
    state.app.jinja_env.globals.update(
        spreekuur_vormen=VORM_LABELS,
        spreekuur_dagdelen=DAGDELEN,
        spreekuur_kantoren=KANTOREN,
        ondersteuning_behoeften=voorkeuren.behoeften_van,
    )


def foutmelding(fout: SpreekuurvoorkeurFout) -> str:
    teksten = {
        "geen_vorm": _("Kies hoe u het gesprek wilt."),
        "geen_kantoor": _(
            "Kies een kantoor. Voor een gesprek op kantoor of met video is dat nodig."
        ),
        "onbekend_kantoor": _("Dit kantoor kennen wij niet. Kies een kantoor uit de lijst."),
        "geen_dagdeel": _("Kies ten minste één dagdeel."),
        "te_lange_tekst": _("Gebruik ten hoogste %(max)d tekens.", max=MAX_TEKST),
        "geen_taal": _("Schrijf op welke taal de tolk moet spreken."),
    }
    if fout.reden == "te_lange_tekst" and fout.veld == "tolk_taal":
        return str(_("Gebruik ten hoogste %(max)d tekens.", max=voorkeuren.MAX_TAAL))
    return str(teksten.get(fout.reden, _("Dit kan niet. Probeer het opnieuw.")))


def _zet_fout(form: VoorkeurForm | OndersteuningForm, fout: SpreekuurvoorkeurFout) -> None:
    veld = getattr(form, fout.veld)
    veld.errors = [*veld.errors, foutmelding(fout)]


def kantoorhint(kantoor: Kantoor) -> str:
    """Address and accessibility facts in one line, beside the office's radio button."""
    adres = f"{kantoor.adres}, {kantoor.postcode} {kantoor.plaats}."
    return " ".join([adres, *(f"{feit}." for feit in kantoor.toegankelijkheid)])


@bp.route("/spreekuur/voorkeur", methods=["GET", "POST"])
@burger_vereist
def voorkeur() -> ResponseReturnValue:
    db = get_session()
    huidig = voorkeuren.huidige_voorkeur(db, g.burger.id)
    wijzigen = request.method == "POST" or request.args.get("wijzig") == "1" or huidig is None
    form = VoorkeurForm()
    if request.method == "GET" and huidig is not None:
        form.vorm.data, form.kantoor.data = huidig.vorm, huidig.kantoor
        form.dagdelen.data, form.toelichting.data = huidig.dagdelen, huidig.toelichting
    elif form.validate_on_submit():
        try:
            voorkeuren.zet_voorkeur(
                db,
                g.burger.id,
                vorm=form.vorm.data,
                kantoor=form.kantoor.data,
                dagdelen=form.dagdelen.data,
                toelichting=form.toelichting.data,
                nu=utcnow(),
            )
        except SpreekuurvoorkeurFout as fout:
            _zet_fout(form, fout)
        else:
            flash(_("Uw voorkeur voor het spreekuur is opgeslagen."), "succes")
            return redirect(url_for(".voorkeur"), code=303)
    return render_template(
        "spreekuur/voorkeur.html",
        form=form,
        huidig=huidig,
        # Earlier preferences stay as rows; the newest is the current one.
        eerdere=voorkeuren.geschiedenis(db, g.burger.id)[1:],
        wijzigen=wijzigen,
        vorm_uitleg=VORM_UITLEG,
        kantoorhints={k.code: kantoorhint(k) for k in KANTOREN.values()},
    ), (400 if form.errors else 200)


@bp.route("/spreekuur/ondersteuning", methods=["GET", "POST"])
@burger_vereist
def ondersteuning() -> ResponseReturnValue:
    db = get_session()
    profiel = voorkeuren.ondersteuning(db, g.burger.id)
    form = OndersteuningForm()
    if request.method == "GET" and profiel is not None:
        form.behoeften.data = [naam for naam in BEHOEFTEN if getattr(profiel, naam)]
        form.tolk_taal.data, form.toelichting.data = profiel.tolk_taal, profiel.toelichting
    elif form.validate_on_submit():
        try:
            voorkeuren.zet_ondersteuning(
                db,
                g.burger.id,
                behoeften=form.behoeften.data or [],
                tolk_taal=form.tolk_taal.data,
                toelichting=form.toelichting.data,
                nu=utcnow(),
            )
        except SpreekuurvoorkeurFout as fout:
            _zet_fout(form, fout)
        else:
            flash(_("Wat u nodig heeft, is opgeslagen."), "succes")
            return redirect(url_for(".ondersteuning"), code=303)
    return render_template("spreekuur/ondersteuning.html", form=form, profiel=profiel), (
        400 if form.errors else 200
    )
