from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date

from portal.auth import medewerker_vereist
from portal.db import get_session
from portal.invoer import paginanummer
from portal.models import Dossier, Toezegging, utcnow
from portal.services import toezeggingen, toezeggingwachtrij, verwerkingslog
from portal.services.toezeggingen import ToezeggingFout, Verschuiving
from portal.toezeggingen.forms import NieuweDatumForm
from portal.toezeggingen.meldingen import foutmelding
from portal.toezeggingsoorten import TOEZEGGINGSOORTEN, Toezeggingsoort
from portal.vertalen import gettext as _

bp = Blueprint("toezeggingen", __name__, url_prefix="/medewerker/toezeggingen")
ROLLEN = ("casemanager", "teamleider")


@bp.app_template_global("toezeggingsoort")
def toezeggingsoort(code: str) -> Toezeggingsoort:
    return TOEZEGGINGSOORTEN[code]


def onderwerp_url(toezegging: Toezegging, dossier: Dossier) -> str:
    """Where staff handle what the promise is about."""
    soort, _, id_ = toezegging.onderwerp.partition(":")
    if soort == "inzageverzoek":
        return url_for("inzage.behandelen", verzoek_id=int(id_))
    if soort == "terugbelverzoek":
        return url_for("terugbellen.behandelen", verzoek_id=int(id_))
    if soort == "servicecall":
        return url_for("servicecalls.behandelen", servicecall_id=int(id_))
    return url_for("dossier.tonen", kenmerk=dossier.kenmerk)


def _log(toezegging: Toezegging, activiteit: str, handeling: str) -> None:
    verwerkingslog.log(
        get_session(),
        trace_id=g.trace_id,
        medewerker_id=g.medewerker.id,
        burger_id=toezegging.burger_id,
        handeling=handeling,
        activiteit=activiteit,
        object=f"toezegging:{toezegging.id}",
    )


@bp.route("/<int:toezegging_id>", methods=["GET", "POST"])
@medewerker_vereist(*ROLLEN)
def verschuiven(toezegging_id: int) -> ResponseReturnValue:
    db = get_session()
    toezegging = db.get(Toezegging, toezegging_id)
    dossier = (
        db.get(Dossier, toezegging.dossier_id) if toezegging and toezegging.dossier_id else None
    )
    if toezegging is None or dossier is None:
        abort(404)
    form = NieuweDatumForm()
    status = 200
    if form.validate_on_submit():
        try:
            toezeggingen.verschuif(
                db,
                toezegging,
                Verschuiving(form.datum.data, form.reden.data, form.versie.data),
                nu=utcnow(),
                medewerker_id=g.medewerker.id,
            )
        except ToezeggingFout as fout:
            db.rollback()
            veld = getattr(form, fout.veld or "datum")
            veld.errors = [*veld.errors, foutmelding(fout)]
            db.refresh(toezegging)
        else:
            _log(toezegging, "toezegging-verschuiven", "wijzigen")
            db.commit()
            flash(_("De nieuwe datum is opgeslagen. De klant krijgt een bericht."), "succes")
            return redirect(url_for(".verschuiven", toezegging_id=toezegging.id), code=303)
    if request.method == "POST":
        status = 400
    else:
        form.versie.data = toezegging.versie
        _log(toezegging, "toezegging-inzien", "inzien")
        db.commit()
    beloften = toezeggingen.van_burger(db, toezegging.burger_id)
    nieuwste = beloften.get(toezegging.onderwerp)
    return (
        render_template(
            "toezeggingen/verschuiven.html",
            toezegging=toezegging,
            dossier=dossier,
            regel=TOEZEGGINGSOORTEN[toezegging.soort],
            nieuwste=nieuwste,
            eerdere=beloften.eerdere(nieuwste) if nieuwste else [],
            te_laat=toezeggingen.is_te_laat(toezegging, utcnow()),
            form=form,
            onderwerp_url=onderwerp_url(toezegging, dossier),
        ),
        status,
    )


@bp.get("")
@medewerker_vereist("teamleider")
def overzicht() -> str:
    db, nu = get_session(), utcnow()
    pagina = paginanummer(request.args)
    cijfers = toezeggingwachtrij.per_week(db, nu)
    samen = [c for c in cijfers if c.soort is None]
    per_week = {(c.week, c.soort): c for c in cijfers}
    soorten = [code for code in TOEZEGGINGSOORTEN if any(c.soort == code for c in cijfers)]
    return render_template(
        "toezeggingen/overzicht.html",
        weken=[c.week for c in samen],
        per_week=per_week,
        soorten=soorten,
        namen=TOEZEGGINGSOORTEN,
        grafiek=[
            (
                format_date(c.week, "d MMM"),
                c.percentage or 0,
                f"{c.percentage}%" if c.percentage is not None else "-",
            )
            for c in samen
        ],
        te_laat=toezeggingwachtrij.te_laat(db, nu, pagina=pagina),
        aantal_te_laat=toezeggingwachtrij.aantal_te_laat(db, nu),
        pagina=pagina,
        per_pagina=toezeggingwachtrij.PER_PAGINA,
    )


@bp.get("/cijfers.csv")
@medewerker_vereist("teamleider")
def cijfers_csv() -> Response:
    uit = io.StringIO()
    schrijver = csv.writer(uit)
    schrijver.writerow(["week", "soort", "nagekomen", "verschoven", "verlopen", "percentage"])
    for c in toezeggingwachtrij.per_week(get_session(), utcnow()):
        percentage = "" if c.percentage is None else c.percentage
        schrijver.writerow(
            [c.week.isoformat(), c.soort or "alle", c.nagekomen, c.verschoven, c.verlopen,
             percentage]
        )  # fmt: skip
    return Response(
        uit.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=toezeggingen-per-week.csv"},
    )
