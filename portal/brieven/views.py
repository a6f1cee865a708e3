"""The beheerder downloads print batches of paper letters for the letter street."""

from __future__ import annotations

import tempfile
import zipfile

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from portal.auth import medewerker_vereist
from portal.brieven.afdruk import afdruk
from portal.db import get_session
from portal.services import brieven
from portal.vertalen import gettext as _

bp = Blueprint("brieven", __name__, url_prefix="/medewerker/brieven")


@bp.get("")
@medewerker_vereist("beheerder")
def overzicht() -> str:
    db = get_session()
    return render_template(
        "brieven/overzicht.html",
        open_=brieven.aantal_open(db),
        batches=brieven.batches(db),
    )


@bp.post("")
@medewerker_vereist("beheerder")
def batch_maken() -> ResponseReturnValue:
    if FlaskForm().validate_on_submit():
        batch = brieven.maak_batch(get_session())
        if batch is None:
            flash(_("Er zijn geen brieven om af te drukken."), "info")
        else:
            flash(_("Printbestand %(batch)s is klaar om te downloaden.", batch=batch), "succes")
    return redirect(url_for(".overzicht"), code=303)


@bp.get("/<batch>.csv")
@medewerker_vereist("beheerder")
def csv(batch: str) -> Response:
    inhoud = brieven.csv_van(
        get_session(), batch, medewerker_id=g.medewerker.id, trace_id=g.trace_id
    )
    if inhoud is None:
        abort(404)
    return Response(
        inhoud,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="brieven-{batch}.csv"'},
    )


@bp.get("/<batch>.zip")
@medewerker_vereist("beheerder")
def zip_(batch: str) -> Response:
    """The batch ready for the letter street: the CSV, and each letter as a PDF in the
    person's own language (large print where they asked for it)."""
    db = get_session()
    inhoud = brieven.csv_van(db, batch, medewerker_id=g.medewerker.id, trace_id=g.trace_id)
    if inhoud is None:
        abort(404)
    bestand = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    with zipfile.ZipFile(bestand, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr(f"brieven-{batch}.csv", inhoud)
        for brief, kenmerk, taal in brieven.in_batch(db, batch):
            archief.writestr(brieven.pdf_naam(kenmerk, brief), afdruk(db, brief, taal=taal))
    bestand.seek(0)
    return send_file(
        bestand,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"brieven-{batch}.zip",
    )
