"""The person's questions: ask one (from Mijn dossier or a message), report a suspected error,
read the thread and add to it."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from portal.auth import burger_vereist, eigen_dossier
from portal.db import get_session
from portal.formulieren import SelectChoice
from portal.models import Vraag, utcnow
from portal.services import berichten, toezeggingen, vragen
from portal.vertalen import gettext as _
from portal.vragen.forms import AanvullingForm, MeldingForm, VraagForm

bp = Blueprint("vragen", __name__)
# What a question is about, in words: also in the contact history.
bp.add_app_template_global(vragen.onderwerpnaam, "vraagonderwerp")


def _eigen(vraag_id: int) -> Vraag:
    vraag = vragen.vraag_van(get_session(), g.burger.id, vraag_id)
    if vraag is None:
        abort(404)
    return vraag


@bp.get("/vragen")
@burger_vereist
def lijst() -> str:
    db = get_session()
    beloften = toezeggingen.van_burger(db, g.burger.id)
    lijst_ = vragen.van_burger(db, g.burger.id)
    return render_template(
        "vragen/lijst.html",
        vragen=[(v, beloften.get(vragen.onderwerp(v))) for v in lijst_],
        onderwerpnaam=vragen.onderwerpnaam,
    )


def _stel(soort: str, form: VraagForm | MeldingForm, sjabloon: str) -> ResponseReturnValue:
    db = get_session()
    dossier = eigen_dossier()
    form.onderwerp.choices = [
        SelectChoice(code, vragen.onderwerpnaam(code)) for code in vragen.onderwerpen(dossier)
    ]
    bericht = None
    bericht_id = request.values.get("bericht", "")
    if isinstance(form, VraagForm) and bericht_id.isdigit():
        bericht = berichten.bericht_van(db, g.burger.id, int(bericht_id))
    if form.onderwerp.data is None:
        form.onderwerp.data = vragen.ALGEMEEN
    if form.validate_on_submit():
        try:
            vraag = vragen.stel(
                db,
                g.burger,
                dossier,
                soort=soort,
                onderwerp_=form.onderwerp.data or "",
                tekst=form.tekst.data,
                nu=utcnow(),
                trace_id=g.trace_id,
                bericht_id=bericht.id if bericht is not None else None,
            )
        except vragen.VraagFout as fout:
            veld = getattr(form, fout.veld)
            veld.errors = [*veld.errors, str(fout.melding)]
        else:
            flash(_("Wij hebben uw vraag ontvangen."), "succes")
            return redirect(url_for(".vraag", vraag_id=vraag.id), code=303)
    return render_template(
        sjabloon,
        form=form,
        bericht=bericht,
        bericht_onderwerp=berichten.tekst(bericht).onderwerp if bericht is not None else None,
    )


@bp.route("/vragen/nieuw", methods=["GET", "POST"])
@burger_vereist
def nieuw() -> ResponseReturnValue:
    return _stel("vraag", VraagForm(), "vragen/nieuw.html")


@bp.route("/uitkering-klopt-niet", methods=["GET", "POST"])
@burger_vereist
def melding() -> ResponseReturnValue:
    return _stel("melding", MeldingForm(), "vragen/melding.html")


@bp.route("/vragen/<int:vraag_id>", methods=["GET", "POST"])
@burger_vereist
def vraag(vraag_id: int) -> ResponseReturnValue:
    db = get_session()
    gevonden = _eigen(vraag_id)
    form = AanvullingForm()
    if form.validate_on_submit():
        try:
            vragen.vul_aan(db, gevonden, form.tekst.data, utcnow())
        except vragen.VraagFout as fout:
            form.tekst.errors = [*form.tekst.errors, str(fout.melding)]
        else:
            flash(_("Wij hebben uw aanvulling ontvangen."), "succes")
            return redirect(url_for(".vraag", vraag_id=gevonden.id), code=303)
    belofte = toezeggingen.laatste(db, vragen.onderwerp(gevonden))
    return render_template(
        "vragen/vraag.html",
        vraag=gevonden,
        belofte=belofte,
        te_laat=belofte is not None and toezeggingen.is_te_laat(belofte, utcnow()),
        form=form,
        onderwerpnaam=vragen.onderwerpnaam,
    )
