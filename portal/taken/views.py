"""The person's tasks: what UWV asks, by when, and the form to send files or to say they do
not have them. Plain multipart forms: they work without JavaScript."""

from __future__ import annotations

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
from werkzeug.datastructures import FileStorage

from portal.auth import burger_vereist
from portal.db import get_session
from portal.models import Taak, utcnow
from portal.services import taakinlevering, taken, toezeggingen
from portal.taken.forms import InleverForm, NietForm
from portal.taken.meldingen import foutmelding
from portal.vertalen import gettext as _

bp = Blueprint("taken", __name__)
# The largest request the upload may be: every file at its limit, and the form around them.
MAX_VERZOEK = taakinlevering.MAX_BESTANDEN * taakinlevering.MAX_BYTES + 256 * 1024


def _eigen(taak_id: int) -> Taak:
    taak = taken.taak_van(get_session(), g.burger.id, taak_id)
    if taak is None:
        abort(404)
    return taak


def _pagina(taak: Taak, inleveren: InleverForm, niet: NietForm) -> str:
    belofte = toezeggingen.laatste(get_session(), taken.onderwerp(taak))
    nu = utcnow()
    return render_template(
        "taken/taak.html",
        taak=taak,
        inleveren=inleveren,
        niet=niet,
        verlopen=taken.is_verlopen(taak, nu),
        belofte=belofte if belofte is not None and belofte.status in ("open", "verlopen") else None,
        belofte_te_laat=belofte is not None and toezeggingen.is_te_laat(belofte, nu),
        rondes=sorted({b.ronde for b in taak.bestanden}, reverse=True),
    )


@bp.get("/taken/<int:taak_id>")
@burger_vereist
def taak(taak_id: int) -> str:
    return _pagina(_eigen(taak_id), InleverForm(prefix="inleveren"), NietForm(prefix="niet"))


def _gelezen(bestand: FileStorage) -> taakinlevering.Bestand:
    try:
        # Never more than one byte over the limit: enough to know it is too large.
        data = bestand.stream.read(taakinlevering.MAX_BYTES + 1)
    finally:
        bestand.close()  # a large upload is spooled to a temporary file
    return taakinlevering.Bestand(bestand.filename or "", data)


@bp.post("/taken/<int:taak_id>/bestanden")
@burger_vereist
def inleveren(taak_id: int) -> ResponseReturnValue:
    request.max_content_length = MAX_VERZOEK
    gevonden = _eigen(taak_id)
    form = InleverForm(prefix="inleveren")
    if form.validate_on_submit():
        # A browser sends one empty part when no file was chosen; text sent under the
        # field's name is no file either.
        gekozen = [
            b for b in form.bestanden.data or [] if isinstance(b, FileStorage) and b.filename
        ]
        try:
            bevestiging = taakinlevering.lever(
                get_session(),
                gevonden,
                [_gelezen(b) for b in gekozen],
                map_=current_app.config["DOCUMENTEN_MAP"],
                nu=utcnow(),
                trace_id=g.trace_id,
            )
        except taken.TaakFout as fout:
            form.bestanden.errors = [*form.bestanden.errors, foutmelding(fout)]
        else:
            flash(_("Wij hebben uw bestanden ontvangen. Hieronder staat uw bevestiging."), "succes")
            return redirect(url_for("berichten.bericht", bericht_id=bevestiging.id), code=303)
    return _pagina(gevonden, form, NietForm(prefix="niet"))


@bp.post("/taken/<int:taak_id>/niet-beschikbaar")
@burger_vereist
def niet_beschikbaar(taak_id: int) -> ResponseReturnValue:
    gevonden = _eigen(taak_id)
    form = NietForm(prefix="niet")
    if form.validate_on_submit():
        try:
            bevestiging = taakinlevering.niet_beschikbaar(
                get_session(), gevonden, form.uitleg.data, nu=utcnow(), trace_id=g.trace_id
            )
        except taken.TaakFout as fout:
            form.uitleg.errors = [*form.uitleg.errors, foutmelding(fout)]
        else:
            flash(_("Wij hebben uw antwoord ontvangen. Hieronder staat uw bevestiging."), "succes")
            return redirect(url_for("berichten.bericht", bericht_id=bevestiging.id), code=303)
    return _pagina(gevonden, InleverForm(prefix="inleveren"), form)
