"""Gebeld worden: the person's calls, belcode and belvoorkeuren; the casemanager's queue."""

from __future__ import annotations

from datetime import datetime

from flask import (
    Blueprint,
    abort,
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

from portal.auth import burger_vereist, medewerker_vereist, wat_er_loopt
from portal.db import get_session
from portal.i18n import telefoon_leesbaar
from portal.models import Servicecall, utcnow
from portal.servicecalls.forms import (
    UITKOMST_LABELS,
    AnderMomentForm,
    AnnuleerForm,
    BelvoorkeurForm,
    BriefbelForm,
    PlanForm,
    UitkomstForm,
)
from portal.servicecalls.meldingen import foutmelding
from portal.services import dossiers, servicecallwachtrij
from portal.services import servicecalls as calls
from portal.services.belmomenten import (
    DAGDELEN,
    Belmoment,
    ServicecallFout,
    belmoment,
    herinneringen_van,
    lokaal,
)
from portal.vertalen import gettext as _

bp = Blueprint("servicecalls", __name__)
PAD = "/gebeld-worden"
ROLLEN = ("casemanager", "teamleider")


@bp.app_template_global("belmoment")
def _belmoment(van: datetime | str | None, tot: datetime | str | None) -> Belmoment | None:
    """The window in words, for pages and for the reminder texts (ISO strings there)."""
    return belmoment(van, tot)


@bp.app_template_global("onderwerp_van")
def _onderwerp_van(servicecall: Servicecall) -> str:
    return str(calls.ONDERWERPEN.get(servicecall.onderwerp, servicecall.onderwerp))


@bp.app_template_global("mijn_belmomenten")
def _mijn_belmomenten() -> list[Servicecall]:
    """The logged-in person's open calls, for the small section on Mijn dossier."""
    if g.get("burger") is None or not wat_er_loopt().servicecalls:
        return []
    return [s for s in calls.van_burger(get_session(), g.burger.id) if s.status in calls.OPEN]


def _zet_fout(form: FlaskForm, fout: ServicecallFout, standaardveld: str) -> None:
    veld = getattr(form, fout.veld or standaardveld, None) or getattr(form, standaardveld)
    veld.errors = [*veld.errors, foutmelding(fout)]


# --- the person -------------------------------------------------------------------------


def _eigen_call(servicecall_id: int) -> Servicecall:
    gevonden = calls.van_burger_op_id(get_session(), g.burger.id, servicecall_id)
    if gevonden is None:
        abort(404)
    return gevonden


@bp.get(PAD)
@burger_vereist
def overzicht() -> ResponseReturnValue:
    db = get_session()
    lijst = calls.van_burger(db, g.burger.id)
    return render_template(
        "servicecalls/overzicht.html",
        open_calls=[s for s in lijst if s.status in calls.OPEN],
        eerder=[s for s in lijst if s.status not in calls.OPEN],
        voorkeur=calls.belvoorkeur(db, g.burger.id),
        dagdelen=DAGDELEN,
        onderwerpen=calls.ONDERWERPEN,
    )


@bp.route(f"{PAD}/voorkeuren", methods=["GET", "POST"])
@burger_vereist
def voorkeuren() -> ResponseReturnValue:
    db = get_session()
    huidig = calls.belvoorkeur(db, g.burger.id)
    form = BelvoorkeurForm()
    if request.method == "GET":
        form.dagdelen.data = huidig.dagdelen if huidig else []
        form.telefoon.data = telefoon_leesbaar(huidig.telefoon if huidig else g.burger.telefoon)
    elif form.validate_on_submit():
        try:
            calls.zet_belvoorkeur(db, g.burger, form.dagdelen.data, form.telefoon.data, utcnow())
        except ServicecallFout as fout:
            _zet_fout(form, fout, "dagdelen")
        else:
            flash(_("Uw belvoorkeuren zijn opgeslagen."), "succes")
            return redirect(url_for(".overzicht"), code=303)
    status = 400 if form.errors else 200
    return render_template("servicecalls/voorkeuren.html", form=form), status


@bp.get(f"{PAD}/<int:servicecall_id>")
@burger_vereist
def gesprek(servicecall_id: int) -> ResponseReturnValue:
    servicecall = _eigen_call(servicecall_id)
    return render_template(
        "servicecalls/gesprek.html",
        call=servicecall,
        onderwerp=calls.ONDERWERPEN.get(servicecall.onderwerp, servicecall.onderwerp),
        nu=utcnow(),
        dagdelen=DAGDELEN,
    )


@bp.route(f"{PAD}/<int:servicecall_id>/ander-moment", methods=["GET", "POST"])
@burger_vereist
def ander_moment(servicecall_id: int) -> ResponseReturnValue:
    db = get_session()
    servicecall = _eigen_call(servicecall_id)
    form = AnderMomentForm()
    if form.validate_on_submit():
        try:
            calls.vraag_ander_moment(
                db, g.burger, servicecall, form.dagdelen.data, form.toelichting.data, utcnow()
            )
        except ServicecallFout as fout:
            if fout.reden in ("niet_gepland", "al_begonnen"):
                flash(foutmelding(fout), "fout")
                return redirect(url_for(".gesprek", servicecall_id=servicecall.id), code=303)
            _zet_fout(form, fout, "dagdelen")
        else:
            flash(
                _(
                    "Wij hebben uw vraag ontvangen. Wij plannen een nieuw moment "
                    "en sturen u daarover een bericht."
                ),
                "succes",
            )
            return redirect(url_for(".gesprek", servicecall_id=servicecall.id), code=303)
    elif request.method == "GET" and servicecall.status != "gepland":
        return redirect(url_for(".gesprek", servicecall_id=servicecall.id), code=303)
    status = 400 if form.errors else 200
    return render_template("servicecalls/ander_moment.html", form=form, call=servicecall), status


# --- the casemanager ----------------------------------------------------------------------


@bp.get("/medewerker/servicecalls")
@medewerker_vereist(*ROLLEN)
def wachtrij() -> ResponseReturnValue:
    db = get_session()
    kenmerk = (request.args.get("kenmerk") or "").strip()
    dossier = dossiers.dossier_op_kenmerk(db, kenmerk) if kenmerk else None
    if kenmerk and dossier is None:
        abort(404)
    # A casemanager starts with their own dossiers; a teamleider with everyone's.
    alle = request.args.get("alle") == "1" or not g.medewerker.heeft_rol("casemanager")
    gesprekken = servicecallwachtrij.wachtrij(
        db,
        utcnow(),
        casemanager_id=None if (alle or dossier) else g.medewerker.id,
        dossier_id=dossier.id if dossier else None,
    )
    calls.log_bekeken(db, gesprekken.alle, medewerker=g.medewerker, trace_id=g.trace_id)
    return render_template(
        "servicecalls/wachtrij.html",
        wachtrij=gesprekken,
        dossier=dossier,
        alle=alle,
        onderwerpen=calls.ONDERWERPEN,
        dagdelen=DAGDELEN,
        voorkeuren=calls.belvoorkeuren(db, {s.dossier.burger_id for s in gesprekken.alle}),
    )


def _call_of_404(servicecall_id: int) -> Servicecall:
    gevonden = calls.op_id(get_session(), servicecall_id)
    if gevonden is None:
        abort(404)
    return gevonden


def _behandel(servicecall: Servicecall, status: int = 200, **forms: FlaskForm) -> tuple[str, int]:
    db = get_session()
    burger = servicecall.dossier.burger
    voorkeur = calls.belvoorkeur(db, burger.id)
    plan_form = forms.get("plan_form")
    if plan_form is None:
        plan_form = PlanForm(formdata=None)
        plan_form.versie.data = servicecall.versie
        plan_form.telefoon.data = telefoon_leesbaar(
            servicecall.telefoon or (voorkeur.telefoon if voorkeur else None) or burger.telefoon
        )
    return (
        render_template(
            "servicecalls/behandelen.html",
            call=servicecall,
            burger=burger,
            voorkeur=voorkeur,
            onderwerp=calls.ONDERWERPEN.get(servicecall.onderwerp, servicecall.onderwerp),
            dagdelen=DAGDELEN,
            uitkomsten=UITKOMST_LABELS,
            herinneringen=herinneringen_van(db, servicecall),
            plan_form=plan_form,
            uitkomst_form=forms.get("uitkomst_form") or UitkomstForm(formdata=None),
            annuleer_form=forms.get("annuleer_form") or AnnuleerForm(formdata=None),
            nu=utcnow(),
        ),
        status,
    )


@bp.get("/medewerker/servicecalls/<int:servicecall_id>")
@medewerker_vereist(*ROLLEN)
def behandelen(servicecall_id: int) -> ResponseReturnValue:
    servicecall = _call_of_404(servicecall_id)
    calls.log_bekeken(get_session(), [servicecall], medewerker=g.medewerker, trace_id=g.trace_id)
    return _behandel(servicecall)


def _klaar(servicecall: Servicecall, melding: str) -> ResponseReturnValue:
    flash(melding, "succes")
    return redirect(url_for(".behandelen", servicecall_id=servicecall.id), code=303)


@bp.post("/medewerker/servicecalls/<int:servicecall_id>/plannen")
@medewerker_vereist(*ROLLEN)
def plannen(servicecall_id: int) -> ResponseReturnValue:
    servicecall = _call_of_404(servicecall_id)
    form = PlanForm()
    if form.validate_on_submit():
        datum, van, tot = form.datum.data, form.van.data, form.tot.data
        # Verplicht: a valid form has all three.
        assert datum is not None and van is not None and tot is not None
        try:
            calls.plan(
                get_session(),
                servicecall,
                van=lokaal(datum, van),
                tot=lokaal(datum, tot),
                telefoon=form.telefoon.data or "",
                belnummer=current_app.config["KCC_TELEFOON"],
                medewerker=g.medewerker,
                nu=utcnow(),
                trace_id=g.trace_id,
                verwacht_versie=form.versie.data,
                buiten_voorkeur_reden=form.buiten_voorkeur_reden.data,
            )
        except ServicecallFout as fout:
            if fout.reden == "intussen_gewijzigd":
                get_session().refresh(servicecall)
                form.versie.data = servicecall.versie
            _zet_fout(form, fout, "datum")
        else:
            return _klaar(
                servicecall,
                _("Het gesprek is gepland. De klant krijgt een bericht en herinneringen."),
            )
    return _behandel(servicecall, 400, plan_form=form)


@bp.post("/medewerker/servicecalls/<int:servicecall_id>/uitkomst")
@medewerker_vereist(*ROLLEN)
def uitkomst(servicecall_id: int) -> ResponseReturnValue:
    servicecall = _call_of_404(servicecall_id)
    form = UitkomstForm()
    if form.validate_on_submit():
        try:
            calls.leg_uitkomst_vast(
                get_session(),
                servicecall,
                form.uitkomst.data,
                toelichting=form.toelichting.data,
                medewerker=g.medewerker,
                nu=utcnow(),
                trace_id=g.trace_id,
            )
        except ServicecallFout as fout:
            _zet_fout(form, fout, "uitkomst")
        else:
            return _klaar(servicecall, _("De uitkomst is vastgelegd."))
    return _behandel(servicecall, 400, uitkomst_form=form)


@bp.post("/medewerker/dossiers/<kenmerk>/belafspraak")
@medewerker_vereist(*ROLLEN)
def nieuwe_belafspraak(kenmerk: str) -> ResponseReturnValue:
    """A call about a letter that is coming, started from the dossier; then plan it."""
    db = get_session()
    dossier = dossiers.dossier_op_kenmerk(db, kenmerk)
    if dossier is None:
        abort(404)
    form = BriefbelForm()
    if not form.validate_on_submit():
        flash(_("Kies waar het gesprek over gaat."), "fout")
        return redirect(url_for("dossier.tonen", kenmerk=dossier.kenmerk))
    taak = calls.taak_voor(db, dossier, form.onderwerp.data, utcnow())
    db.commit()
    return redirect(url_for("servicecalls.behandelen", servicecall_id=taak.id))


@bp.post("/medewerker/servicecalls/<int:servicecall_id>/annuleren")
@medewerker_vereist(*ROLLEN)
def annuleren(servicecall_id: int) -> ResponseReturnValue:
    servicecall = _call_of_404(servicecall_id)
    form = AnnuleerForm()
    if form.validate_on_submit():
        try:
            calls.annuleer(
                get_session(),
                servicecall,
                medewerker=g.medewerker,
                nu=utcnow(),
                trace_id=g.trace_id,
                toelichting=form.reden.data,
            )
        except ServicecallFout as fout:
            _zet_fout(form, fout, "reden")
        else:
            return _klaar(
                servicecall, _("Het gesprek gaat niet door. De herinneringen zijn gestopt.")
            )
    return _behandel(servicecall, 400, annuleer_form=form)
