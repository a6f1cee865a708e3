"""The casemanager's questions: the queue by answer term, and a question with its answer."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from portal.auth import medewerker_vereist
from portal.db import get_session
from portal.dossier.blueprint import DOSSIER_ROLLEN
from portal.models import Dossier, utcnow
from portal.services import toezeggingen, vragen
from portal.vertalen import gettext as _
from portal.vragen.forms import AntwoordForm
from portal.vragen.views import bp


@bp.get("/medewerker/vragen")
@medewerker_vereist(*DOSSIER_ROLLEN)
def wachtrij() -> str:
    return render_template(
        "vragen/wachtrij.html",
        regels=vragen.wachtrij(get_session(), g.medewerker.id, utcnow()),
        onderwerpnaam=vragen.onderwerpnaam,
    )


@bp.route("/medewerker/vragen/<int:vraag_id>", methods=["GET", "POST"])
@medewerker_vereist(*DOSSIER_ROLLEN)
def behandelen(vraag_id: int) -> ResponseReturnValue:
    db = get_session()
    vraag = vragen.voor_medewerker(db, vraag_id)
    if vraag is None:
        abort(404)
    form = AntwoordForm()
    nu = utcnow()
    # Whoever sees the question has looked at the person's data: logged on every view,
    # also when an answer is refused and the page shows the thread again.
    vragen.lees(db, vraag, g.medewerker, nu=nu, trace_id=g.trace_id)
    if form.validate_on_submit():
        try:
            vragen.beantwoord(
                db,
                vraag,
                g.medewerker,
                tekst=form.tekst.data,
                gebeld=bool(form.gebeld.data),
                nu=nu,
                trace_id=g.trace_id,
            )
        except vragen.VraagFout as fout:
            form.tekst.errors = [*form.tekst.errors, str(fout.melding)]
        else:
            flash(_("Het antwoord is verstuurd. De klant krijgt een bericht."), "succes")
            return redirect(url_for(".wachtrij"), code=303)
    belofte = toezeggingen.laatste(db, vragen.onderwerp(vraag))
    return render_template(
        "vragen/behandelen.html",
        vraag=vraag,
        dossier=db.get(Dossier, vraag.dossier_id),
        belofte=belofte,
        te_laat=belofte is not None and toezeggingen.is_te_laat(belofte, nu),
        form=form,
        onderwerpnaam=vragen.onderwerpnaam,
    )
