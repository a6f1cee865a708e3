"""The pilot lead's pages: the pilots, a new pilot, and the results with a CSV export."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TypedDict

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from portal.auth import medewerker_vereist
from portal.db import get_session
from portal.formulieren import SelectChoice
from portal.invoer import MAX_ID
from portal.models import Burger, Pilot
from portal.pilot import bp, uitslag
from portal.pilot.forms import PilotForm
from portal.pilot.teksten import open_vraag_tekst, zet_fouten
from portal.services import pilots, sus
from portal.services.pilots import PilotFout
from portal.tijd import vandaag
from portal.vertalen import gettext as _

MAKEN = ("pilotleider",)
BEKIJKEN = ("pilotleider", "beheerder")  # beheerders may look at results, not start pilots
DUUR_STANDAARD = timedelta(days=14)


class _Velden(TypedDict):
    """What the form hands to both ``pilots.controleer_pilot`` and ``pilots.maak_pilot``."""

    naam: str | None
    begint_op: date | None
    eindigt_op: date | None
    taken: Sequence[str]
    personas: Sequence[int]
    open_vraag: str | None
    vandaag: date


@bp.route("/medewerker/pilots", methods=["GET", "POST"])
@medewerker_vereist(*BEKIJKEN)
def overzicht() -> ResponseReturnValue:
    db = get_session()
    mag_maken = g.medewerker.heeft_rol(*MAKEN)
    if request.method == "POST" and not mag_maken:
        abort(403)
    form = PilotForm()
    form.personas.choices = [SelectChoice(i, naam) for i, naam in pilots.persona_keuzes(db)]
    if request.method == "GET":
        form.begint_op.data = vandaag()
        form.eindigt_op.data = vandaag() + DUUR_STANDAARD
    else:
        # The form checks the dates' format; the service every rule. Both run, so the lead
        # sees every problem at once; the pilot is only made when neither found one.
        formaat_goed = form.validate()
        velden: _Velden = {
            "naam": form.naam.data,
            "begint_op": form.begint_op.data,
            "eindigt_op": form.eindigt_op.data,
            "taken": pilots.lees_taken(form.taken.data),
            "personas": form.personas.data or [],
            "open_vraag": form.open_vraag.data,
            "vandaag": vandaag(),
        }
        try:
            if not formaat_goed:
                fouten = pilots.controleer_pilot(db, **velden)
                if fouten:
                    raise PilotFout(fouten)
            else:
                pilot = pilots.maak_pilot(db, medewerker_id=g.medewerker.id, **velden)
                flash(
                    _(
                        "De pilot is aangemaakt. Geef de deelnemers de code %(code)s.",
                        code=pilot.code,
                    ),
                    "succes",
                )
                return redirect(url_for(".resultaten", pilot_id=pilot.id), code=303)
        except PilotFout as fout:
            zet_fouten(form, fout)
    return render_template(
        "pilot/overzicht.html",
        regels=pilots.overzicht(db),
        form=form,
        mag_maken=mag_maken,
        max_taken=pilots.MAX_TAKEN,
    ), (400 if form.errors else 200)


def _pilot(pilot_id: int) -> Pilot:
    # An id beyond PostgreSQL's integer range would be a database error, not a 404.
    pilot = get_session().get(Pilot, pilot_id) if pilot_id <= MAX_ID else None
    if pilot is None:
        abort(404)
    return pilot


@bp.get("/medewerker/pilots/<int:pilot_id>")
@medewerker_vereist(*BEKIJKEN)
def resultaten(pilot_id: int) -> str:
    db = get_session()
    pilot = _pilot(pilot_id)
    namen = db.scalars(select(Burger).where(Burger.id.in_(pilot.personas or []))).all()
    return render_template(
        "pilot/resultaten.html",
        pilot=pilot,
        uitslag=uitslag.resultaten(db, pilot),
        personas=sorted(b.naam for b in namen),
        open_vraag=open_vraag_tekst(pilot.open_vraag),
        meedoen_url=url_for("pilot.meedoen", _external=True),
        grenzen=sus.GRENZEN,
        vandaag=vandaag(),
    )


@bp.get("/medewerker/pilots/<int:pilot_id>.csv")
@medewerker_vereist(*BEKIJKEN)
def csv(pilot_id: int) -> Response:
    pilot = _pilot(pilot_id)
    return Response(
        uitslag.csv_van(get_session(), pilot),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="pilot-{pilot.code}.csv"'},
    )
