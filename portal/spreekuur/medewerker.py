"""The casemanager plans, moves and cancels a spreekuur, with the person's preference and
support needs in view. The rules are the service's (``portal.services.spreekuren``), the
same ones the API follows; this module only turns the form into a call and a refusal into
an error beside its field."""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from portal.auth import medewerker_vereist
from portal.db import get_session
from portal.i18n import telefoon_leesbaar
from portal.kantoren import KANTOREN
from portal.models import Dossier, Spreekuur, utcnow
from portal.services import dossiers, spreekuren
from portal.services import spreekuurvoorkeur as voorkeuren
from portal.services.belmomenten import lokaal
from portal.spreekuur import bp
from portal.spreekuur.forms import AfzegForm, PlanForm, VerplaatsForm
from portal.spreekuur.meldingen import spreekuur_melding, tegen_voorkeur_zin
from portal.spreekuur.voorkeur import kantoorhint
from portal.tijd import AMSTERDAM, vandaag
from portal.vertalen import gettext as _

ROLLEN = ("casemanager", "teamleider")
PAD = "/medewerker/spreekuurplanning"


def _dossier_of_404(kenmerk: str) -> Dossier:
    dossier = dossiers.dossier_op_kenmerk(get_session(), kenmerk)
    if dossier is None:
        abort(404)
    return dossier


def _spreekuur_of_404(spreekuur_id: int) -> Spreekuur:
    spreekuur = get_session().get(Spreekuur, spreekuur_id)
    if spreekuur is None:
        abort(404)
    return spreekuur


def _moment(form: VerplaatsForm) -> tuple[datetime, datetime]:
    datum, van, tot = form.datum.data, form.van.data, form.tot.data
    assert datum is not None and van is not None and tot is not None  # Verplicht, validated
    return lokaal(datum, van), lokaal(datum, tot)


def _veld(fout: spreekuren.SpreekuurFout, form: VerplaatsForm) -> str:
    """The form field a refusal belongs beside."""
    if fout.reden in ("weekend", "feestdag"):
        return "datum"
    datum = form.datum.data  # validated (Verplicht) before the service could refuse
    if fout.reden == "in_verleden" and datum is not None and datum < vandaag(utcnow()):
        return "datum"
    veld = fout.veld
    if veld == "eind":
        return "tot"
    if veld is None or veld == "begin":
        return "van"
    return veld if hasattr(form, veld) else "datum"


def _zet_fout(form: VerplaatsForm, fout: spreekuren.SpreekuurFout) -> None:
    get_session().rollback()  # nothing was written; make sure nothing half is kept either
    veld = getattr(form, _veld(fout, form))
    veld.errors = [*veld.errors, spreekuur_melding(fout)]


def _vul_in(form: VerplaatsForm, dossier: Dossier, spreekuur: Spreekuur | None) -> None:
    """A new spreekuur starts as the person would like it; a move starts as it is now."""
    if spreekuur is not None:
        begin, eind = spreekuur.begin.astimezone(AMSTERDAM), spreekuur.eind.astimezone(AMSTERDAM)
        form.datum.data, form.van.data, form.tot.data = begin.date(), begin.time(), eind.time()
        form.vorm.data, form.kantoor.data = spreekuur.vorm, spreekuur.kantoor
        form.telefoon.data = telefoon_leesbaar(spreekuur.telefoon or dossier.burger.telefoon)
        form.tegen_voorkeur_reden.data = spreekuur.tegen_voorkeur_reden
        return
    voorkeur = voorkeuren.huidige_voorkeur(get_session(), dossier.burger_id)
    form.vorm.data = voorkeur.vorm if voorkeur else "fysiek"
    form.kantoor.data = voorkeur.kantoor if voorkeur else None
    form.telefoon.data = telefoon_leesbaar(dossier.burger.telefoon)
    if isinstance(form, PlanForm):
        form.rol.data = "verzekeringsarts"


def _context(dossier: Dossier) -> dict[str, object]:
    db = get_session()
    return {
        "dossier": dossier,
        "burger": dossier.burger,
        "komend": spreekuren.komend(db, dossier.id, utcnow()),
        "kantoren": KANTOREN,
        "kantoorhints": {k.code: kantoorhint(k) for k in KANTOREN.values()},
        "vormen": spreekuren.VORM_LABELS,
        "rollen": spreekuren.ROLLEN,
        "tegen_voorkeur_zin": tegen_voorkeur_zin,
        "planlink": False,  # the wishes section needs no link to the page it is on
    }


@bp.route(f"{PAD}/<kenmerk>", methods=["GET", "POST"])
@medewerker_vereist(*ROLLEN)
def plannen(kenmerk: str) -> ResponseReturnValue:
    db = get_session()
    dossier = _dossier_of_404(kenmerk)
    form = PlanForm()
    if not form.is_submitted():
        dossiers.log_bekeken(db, dossier, medewerker_id=g.medewerker.id, trace_id=g.trace_id)
        _vul_in(form, dossier, None)
    elif form.validate():
        begin, eind = _moment(form)
        try:
            spreekuren.plan(
                db,
                dossier,
                begin=begin,
                eind=eind,
                vorm=form.vorm.data,
                kantoor=form.kantoor.data,
                telefoon=form.telefoon.data,
                rol=form.rol.data or "",
                meenemen=form.meenemen.data,
                nu=utcnow(),
                bron="medewerker",
                tegen_voorkeur_reden=form.tegen_voorkeur_reden.data,
                medewerker_id=g.medewerker.id,
                trace_id=g.trace_id,
            )
        except spreekuren.SpreekuurFout as fout:
            _zet_fout(form, fout)
        else:
            flash(
                _(
                    "Het spreekuur is gepland. De klant krijgt een bericht, "
                    "en herinneringen als de klant die wil."
                ),
                "succes",
            )
            return redirect(url_for(".plannen", kenmerk=dossier.kenmerk), code=303)
    return render_template("spreekuur/plannen.html", form=form, **_context(dossier)), (
        400 if form.errors else 200
    )


def _naar_plannen(spreekuur: Spreekuur, melding: str, soort: str) -> Response:
    flash(melding, soort)
    return redirect(url_for(".plannen", kenmerk=spreekuur.dossier.kenmerk), code=303)


@bp.route(f"{PAD}/spreekuren/<int:spreekuur_id>", methods=["GET", "POST"])
@medewerker_vereist(*ROLLEN)
def verplaatsen(spreekuur_id: int) -> ResponseReturnValue:
    db = get_session()
    spreekuur = _spreekuur_of_404(spreekuur_id)
    dossier = spreekuur.dossier
    if spreekuur.status != "gepland":
        return _naar_plannen(spreekuur, _("Dit spreekuur is al afgezegd."), "fout")
    form = VerplaatsForm()
    if not form.is_submitted():
        dossiers.log_bekeken(db, dossier, medewerker_id=g.medewerker.id, trace_id=g.trace_id)
        _vul_in(form, dossier, spreekuur)
    elif form.validate():
        begin, eind = _moment(form)
        try:
            spreekuren.verplaats(
                db,
                spreekuur,
                begin=begin,
                eind=eind,
                nu=utcnow(),
                vorm=form.vorm.data,
                kantoor=form.kantoor.data,
                telefoon=form.telefoon.data,
                bron="medewerker",
                tegen_voorkeur_reden=form.tegen_voorkeur_reden.data,
                medewerker_id=g.medewerker.id,
                trace_id=g.trace_id,
            )
        except spreekuren.SpreekuurFout as fout:
            if fout.reden == "niet_gepland":
                return _naar_plannen(spreekuur, spreekuur_melding(fout), "fout")
            _zet_fout(form, fout)
        else:
            return _naar_plannen(
                spreekuur,
                _(
                    "Het spreekuur is verplaatst. "
                    "De klant krijgt een bericht en een nieuw agendabestand."
                ),
                "succes",
            )
    return render_template(
        "spreekuur/verplaatsen.html",
        form=form,
        spreekuur=spreekuur,
        **_context(dossier),
    ), (400 if form.errors else 200)


@bp.post(f"{PAD}/spreekuren/<int:spreekuur_id>/afzeggen")
@medewerker_vereist(*ROLLEN)
def afzeggen(spreekuur_id: int) -> ResponseReturnValue:
    spreekuur = _spreekuur_of_404(spreekuur_id)
    if not AfzegForm().validate_on_submit():
        abort(400)
    try:
        spreekuren.annuleer(
            get_session(),
            spreekuur,
            nu=utcnow(),
            medewerker_id=g.medewerker.id,
            trace_id=g.trace_id,
        )
    except spreekuren.SpreekuurFout as fout:
        get_session().rollback()
        return _naar_plannen(spreekuur, spreekuur_melding(fout), "fout")
    return _naar_plannen(
        spreekuur,
        _(
            "Het spreekuur gaat niet door. De klant krijgt een bericht. "
            "De herinneringen zijn gestopt."
        ),
        "succes",
    )
