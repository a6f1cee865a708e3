"""The casemanager's tasks: ask one from a dossier, the queue by deadline, and a task with
what was sent, to accept or to ask again with a reason."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, flash, g, redirect, render_template, send_file, url_for
from flask.typing import ResponseReturnValue

from portal import statussen
from portal.auth import medewerker_vereist
from portal.db import get_session
from portal.dossier.blueprint import DOSSIER_ROLLEN
from portal.formulieren import SelectChoice
from portal.models import Dossier, Taak, utcnow
from portal.services import bestanden, dossiers, taken, toezeggingen
from portal.taken.forms import ActieForm, OpnieuwForm, TaakForm
from portal.taken.meldingen import foutmelding
from portal.taken.views import bp
from portal.tijd import vandaag
from portal.vertalen import gettext as _

MIMETYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
STANDAARD_DAGEN = 14  # the deadline a casemanager starts from: two weeks


def taakformulier(dossier: Dossier, form: TaakForm | None = None) -> TaakForm:
    """The form to ask a task, for the dossier page and its own page."""
    form = form or TaakForm(prefix="taak")
    form.traject_soort.choices = [
        SelectChoice("", _("Het hele dossier")),
        *(
            SelectChoice(soort, statussen.SOORTEN[soort].naam)
            for soort in dict.fromkeys(t.soort for t in dossier.trajecten)
        ),
    ]
    if form.uiterlijk.data is None and not form.uiterlijk.raw_data:
        form.uiterlijk.data = vandaag() + timedelta(days=STANDAARD_DAGEN)
    return form


# For the staff dossier page (templates/taken/_dossier.html): its tasks and the form.
bp.add_app_template_global(taakformulier, "taakformulier")
bp.add_app_template_global(
    lambda dossier_id: taken.van_dossier(get_session(), dossier_id), "taken_van_dossier"
)


@bp.route("/medewerker/dossiers/<kenmerk>/taken/nieuw", methods=["GET", "POST"])
@medewerker_vereist(*DOSSIER_ROLLEN)
def vragen(kenmerk: str) -> ResponseReturnValue:
    db = get_session()
    dossier = dossiers.dossier_op_kenmerk(db, kenmerk)
    if dossier is None:
        abort(404)
    form = taakformulier(dossier, TaakForm(prefix="taak"))
    if form.validate_on_submit():
        try:
            taken.vraag(
                db,
                dossier,
                taken.Taakinvoer(
                    titel=form.titel.data,
                    uiterlijk=form.uiterlijk.data,
                    toelichting=form.toelichting.data,
                    traject_soort=form.traject_soort.data or None,
                ),
                nu=utcnow(),
                trace_id=g.trace_id,
                medewerker=g.medewerker,
            )
        except taken.TaakFout as fout:
            veld = getattr(form, fout.veld)
            veld.errors = [*veld.errors, foutmelding(fout)]
        else:
            flash(_("De taak staat klaar voor de klant. De klant krijgt een bericht."), "succes")
            return redirect(url_for("dossier.tonen", kenmerk=dossier.kenmerk), code=303)
    return render_template("taken/vragen.html", dossier=dossier, form=form)


@bp.get("/medewerker/taken")
@medewerker_vereist(*DOSSIER_ROLLEN)
def wachtrij() -> str:
    return render_template(
        "taken/wachtrij.html", regels=taken.wachtrij(get_session(), g.medewerker.id, utcnow())
    )


def _taak_of_404(taak_id: int) -> Taak:
    taak = taken.voor_medewerker(get_session(), taak_id)
    if taak is None:
        abort(404)
    return taak


def _behandelpagina(taak: Taak, opnieuw: OpnieuwForm, actie: ActieForm) -> str:
    db = get_session()
    nu = utcnow()
    # Whoever sees the task has looked at the person's data: logged on every view.
    taken.bekijk(db, taak, g.medewerker, nu=nu, trace_id=g.trace_id)
    belofte = toezeggingen.laatste(db, taken.onderwerp(taak))
    if opnieuw.uiterlijk.data is None and not opnieuw.uiterlijk.raw_data:
        opnieuw.uiterlijk.data = vandaag() + timedelta(days=STANDAARD_DAGEN)
    return render_template(
        "taken/behandelen.html",
        taak=taak,
        dossier=db.get(Dossier, taak.dossier_id),
        belofte=belofte if taak.status in ("ingeleverd", "niet_beschikbaar") else None,
        te_laat=belofte is not None and toezeggingen.is_te_laat(belofte, nu),
        verlopen=taken.is_verlopen(taak, nu),
        opnieuw=opnieuw,
        actie=actie,
        rondes=sorted({b.ronde for b in taak.bestanden}, reverse=True),
    )


@bp.get("/medewerker/taken/<int:taak_id>")
@medewerker_vereist(*DOSSIER_ROLLEN)
def behandelen(taak_id: int) -> str:
    return _behandelpagina(
        _taak_of_404(taak_id), OpnieuwForm(prefix="opnieuw"), ActieForm(prefix="actie")
    )


@bp.post("/medewerker/taken/<int:taak_id>/accepteren")
@medewerker_vereist(*DOSSIER_ROLLEN)
def accepteren(taak_id: int) -> ResponseReturnValue:
    taak = _taak_of_404(taak_id)
    actie = ActieForm(prefix="actie")
    if actie.validate_on_submit():
        try:
            taken.accepteer(get_session(), taak, g.medewerker, nu=utcnow(), trace_id=g.trace_id)
        except taken.TaakFout as fout:
            flash(foutmelding(fout), "fout")
        else:
            flash(_("Goedgekeurd. De klant krijgt een bericht."), "succes")
            return redirect(url_for(".wachtrij"), code=303)
    return redirect(url_for(".behandelen", taak_id=taak.id), code=303)


@bp.post("/medewerker/taken/<int:taak_id>/intrekken")
@medewerker_vereist(*DOSSIER_ROLLEN)
def intrekken(taak_id: int) -> ResponseReturnValue:
    taak = _taak_of_404(taak_id)
    if ActieForm(prefix="actie").validate_on_submit():
        try:
            taken.trek_in(get_session(), taak, g.medewerker, nu=utcnow(), trace_id=g.trace_id)
        except taken.TaakFout as fout:
            flash(foutmelding(fout), "fout")
        else:
            flash(_("De taak is ingetrokken. De klant ziet dat niets meer nodig is."), "succes")
            return redirect(url_for(".wachtrij"), code=303)
    return redirect(url_for(".behandelen", taak_id=taak.id), code=303)


@bp.post("/medewerker/taken/<int:taak_id>/opnieuw")
@medewerker_vereist(*DOSSIER_ROLLEN)
def opnieuw(taak_id: int) -> ResponseReturnValue:
    taak = _taak_of_404(taak_id)
    form = OpnieuwForm(prefix="opnieuw")
    if form.validate_on_submit():
        try:
            taken.vraag_opnieuw(
                get_session(),
                taak,
                g.medewerker,
                reden=form.reden.data,
                uiterlijk=form.uiterlijk.data,
                nu=utcnow(),
                trace_id=g.trace_id,
            )
        except taken.TaakFout as fout:
            veld = form.uiterlijk if fout.veld == "uiterlijk" else form.reden
            veld.errors = [*veld.errors, foutmelding(fout)]
        else:
            flash(_("De taak staat weer open voor de klant, met uw reden."), "succes")
            return redirect(url_for(".wachtrij"), code=303)
    return _behandelpagina(taak, form, ActieForm(prefix="actie"))


@bp.get("/medewerker/taken/<int:taak_id>/bestanden/<int:bestand_id>")
@medewerker_vereist(*DOSSIER_ROLLEN)
def bestand(taak_id: int, bestand_id: int) -> ResponseReturnValue:
    taak = _taak_of_404(taak_id)
    gevonden = next((b for b in taak.bestanden if b.id == bestand_id), None)
    if gevonden is None:
        abort(404)
    pad = bestanden.pad(current_app.config["DOCUMENTEN_MAP"], gevonden.sha256)
    if not pad.is_file():
        abort(404)
    db = get_session()
    taken.log(
        db,
        taak,
        "taakbestand-downloaden",
        g.trace_id,
        g.medewerker,
        handeling="downloaden",
        object_=f"taakbestand:{gevonden.id}",
    )
    db.commit()
    # Always a download, never shown in the portal's own origin; its type from its content.
    antwoord = send_file(
        pad,
        mimetype=MIMETYPES[gevonden.soort],
        as_attachment=True,
        download_name=gevonden.bestandsnaam,
    )
    antwoord.headers["X-Content-Type-Options"] = "nosniff"
    antwoord.headers["Cache-Control"] = "no-store"
    return antwoord
