"""Inzage for the casemanager: the queue against the legal term, handling one request, and
the teamleider's view of answers within the term. Every look is written to the verwerkingslog.
"""

from __future__ import annotations

import csv
import io

from flask import (
    Response,
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
from sqlalchemy import select

from portal.auth import medewerker_vereist
from portal.db import get_session
from portal.formulieren import SelectChoice
from portal.invoer import paginanummer
from portal.inzage.forms import (
    AfrondForm,
    DocumentForm,
    NotitieForm,
    PostForm,
    ToewijsForm,
    VerlengForm,
)
from portal.inzage.meldingen import foutmelding
from portal.inzage.views import _stuur, bp, inzagestatus
from portal.models import Burger, Medewerker
from portal.models.inzage import INZAGE_STATUSSEN, Inzageverzoek
from portal.services import inzage as service
from portal.services import inzagedocumenten, inzagewachtrij
from portal.vertalen import gettext as _

ROLLEN = ("casemanager", "teamleider")
PAD = "/medewerker/inzage"


def _verzoek_of_404(verzoek_id: int) -> Inzageverzoek:
    verzoek = service.voor_medewerker(get_session(), verzoek_id)
    if verzoek is None:
        abort(404)
    return verzoek


def _log_bekeken(verzoek: Inzageverzoek, activiteit: str, object: str) -> None:
    service.log_bekeken(
        get_session(),
        verzoek,
        activiteit=activiteit,
        object=object,
        medewerker_id=g.medewerker.id,
        trace_id=g.trace_id,
    )


@bp.get(PAD)
@medewerker_vereist(*ROLLEN)
def wachtrij() -> ResponseReturnValue:
    filter_ = request.args.get("filter", "alle")
    if filter_ not in inzagewachtrij.FILTERS:
        filter_ = "alle"
    status = request.args.get("status") or None
    if status not in INZAGE_STATUSSEN:
        status = None
    pagina = paginanummer(request.args, maximum=100_000)
    db = get_session()
    keuze = {"filter": filter_, "status": status, "medewerker_id": g.medewerker.id}
    per_pagina = inzagewachtrij.PER_PAGINA
    verzoeken = inzagewachtrij.wachtrij(db, **keuze, pagina=pagina, per_pagina=per_pagina)
    aantallen = inzagewachtrij.aantallen(db)
    return render_template(
        "inzage/wachtrij.html",
        # Each row with its deadline and whether it passed, worked out here once: a call
        # from the template costs more than the work itself, fifty rows a page.
        regels=[
            (verzoek, service.uiterlijk(verzoek), service.te_laat(verzoek))
            for verzoek in verzoeken[:per_pagina]
        ],
        statusnamen={code: inzagestatus(code) for code in INZAGE_STATUSSEN},
        totaal=inzagewachtrij.aantal(db, **keuze, aantallen=aantallen),
        pagina=pagina,
        heeft_volgende=len(verzoeken) > per_pagina,
        aantallen=aantallen,
        filter=filter_,
        status=status,
        statussen=INZAGE_STATUSSEN,
    )


def _casemanagers() -> list[SelectChoice]:
    rijen = get_session().scalars(
        select(Medewerker)
        .where(Medewerker.rollen.contains("casemanager"))
        .order_by(Medewerker.naam)
    )
    return [SelectChoice(m.id, m.naam) for m in rijen]


def _pagina(verzoek: Inzageverzoek, **forms: FlaskForm) -> tuple[str, int]:
    toewijs = forms.get("toewijs")
    if not isinstance(toewijs, ToewijsForm):
        toewijs = ToewijsForm(prefix="toewijs")
    toewijs.medewerker_id.choices = _casemanagers()
    if toewijs.medewerker_id.data is None:
        toewijs.medewerker_id.data = verzoek.medewerker_id or g.medewerker.id
    db = get_session()
    return render_template(
        "inzage/behandelen.html",
        verzoek=verzoek,
        burger=db.get(Burger, verzoek.burger_id),
        behandelaar=db.get(Medewerker, verzoek.medewerker_id) if verzoek.medewerker_id else None,
        open=verzoek.status in service.OPEN,
        te_laat=service.te_laat(verzoek),
        uiterste_verlenging=service.uiterste_verlenging(service.ontvangstdag(verzoek)),
        toewijs=toewijs,
        verleng=forms.get("verleng") or VerlengForm(prefix="verleng"),
        afrond=forms.get("afrond") or AfrondForm(prefix="afrond"),
        notitie=forms.get("notitie") or NotitieForm(prefix="notitie"),
        upload=forms.get("upload") or DocumentForm(prefix="upload"),
        post=PostForm(prefix="post"),
        max_mb=current_app.config["DOCUMENT_MAX_MB"],
    ), (400 if forms else 200)


@bp.get(f"{PAD}/<int:verzoek_id>")
@medewerker_vereist(*ROLLEN)
def behandelen(verzoek_id: int) -> ResponseReturnValue:
    verzoek = _verzoek_of_404(verzoek_id)
    _log_bekeken(verzoek, "inzageverzoek-bekijken", f"inzageverzoek:{verzoek.id}")
    return _pagina(verzoek)


def _terug(verzoek: Inzageverzoek, melding: str) -> ResponseReturnValue:
    flash(melding, "succes")
    return redirect(url_for(".behandelen", verzoek_id=verzoek.id), code=303)


@bp.post(f"{PAD}/<int:verzoek_id>/toewijzen")
@medewerker_vereist(*ROLLEN)
def toewijzen(verzoek_id: int) -> ResponseReturnValue:
    verzoek = _verzoek_of_404(verzoek_id)
    form = ToewijsForm(prefix="toewijs")
    form.medewerker_id.choices = _casemanagers()
    if form.validate_on_submit():
        behandelaar = get_session().get_one(Medewerker, form.medewerker_id.data)
        try:
            service.wijs_toe(
                get_session(), verzoek, behandelaar, door=g.medewerker, trace_id=g.trace_id
            )
            return _terug(verzoek, _("Het verzoek is toegewezen."))
        except service.InzageFout as fout:
            form.medewerker_id.errors = [foutmelding(fout)]
    return _pagina(verzoek, toewijs=form)


@bp.post(f"{PAD}/<int:verzoek_id>/verlengen")
@medewerker_vereist(*ROLLEN)
def verlengen(verzoek_id: int) -> ResponseReturnValue:
    verzoek = _verzoek_of_404(verzoek_id)
    form = VerlengForm(prefix="verleng")
    if form.validate_on_submit():
        assert form.tot.data is not None  # Verplicht: a valid form has a date
        try:
            service.verleng(
                get_session(),
                verzoek,
                tot=form.tot.data,
                reden=form.reden.data or "",
                medewerker=g.medewerker,
                trace_id=g.trace_id,
            )
            return _terug(verzoek, _("De termijn is verlengd. De klant krijgt een bericht."))
        except service.InzageFout as fout:
            veld = form.reden if fout.code == "reden_nodig" else form.tot
            veld.errors = [foutmelding(fout)]
    return _pagina(verzoek, verleng=form)


@bp.post(f"{PAD}/<int:verzoek_id>/afronden")
@medewerker_vereist(*ROLLEN)
def afronden(verzoek_id: int) -> ResponseReturnValue:
    verzoek = _verzoek_of_404(verzoek_id)
    form = AfrondForm(prefix="afrond")
    if form.validate_on_submit():
        try:
            service.rond_af(
                get_session(),
                verzoek,
                naar=form.naar.data,
                bericht=form.bericht.data,
                medewerker=g.medewerker,
                trace_id=g.trace_id,
            )
            return _terug(verzoek, _("Het verzoek is afgerond. De klant krijgt een bericht."))
        except service.InzageFout as fout:
            veld = form.bericht if fout.code == "reden_nodig" else form.naar
            veld.errors = [foutmelding(fout)]
    return _pagina(verzoek, afrond=form)


@bp.post(f"{PAD}/<int:verzoek_id>/notitie")
@medewerker_vereist(*ROLLEN)
def notitie(verzoek_id: int) -> ResponseReturnValue:
    verzoek = _verzoek_of_404(verzoek_id)
    form = NotitieForm(prefix="notitie")
    if form.validate_on_submit():
        service.noteer(
            get_session(),
            verzoek,
            form.tekst.data or "",
            medewerker=g.medewerker,
            trace_id=g.trace_id,
        )
        return _terug(verzoek, _("De notitie is opgeslagen."))
    return _pagina(verzoek, notitie=form)


@bp.post(f"{PAD}/<int:verzoek_id>/documenten")
@medewerker_vereist(*ROLLEN)
def upload(verzoek_id: int) -> ResponseReturnValue:
    verzoek = _verzoek_of_404(verzoek_id)
    form = DocumentForm(prefix="upload")
    if form.validate_on_submit():
        bestand = form.bestand.data
        max_bytes = int(current_app.config["DOCUMENT_MAX_MB"] * 1024 * 1024)
        try:
            data = bestand.stream.read(max_bytes + 1)  # never more than one byte over the limit
        finally:
            bestand.close()  # a large upload is spooled to a temporary file
        try:
            inzagedocumenten.voeg_document_toe(
                get_session(),
                verzoek,
                bestandsnaam=bestand.filename or "",
                data=data,
                map_=current_app.config["DOCUMENTEN_MAP"],
                max_bytes=max_bytes,
                medewerker=g.medewerker,
                trace_id=g.trace_id,
            )
            return _terug(verzoek, _("Het document is toegevoegd."))
        except service.InzageFout as fout:
            form.bestand.errors = [foutmelding(fout)]
    return _pagina(verzoek, upload=form)


@bp.post(f"{PAD}/<int:verzoek_id>/per-post")
@medewerker_vereist(*ROLLEN)
def per_post(verzoek_id: int) -> ResponseReturnValue:
    verzoek = _verzoek_of_404(verzoek_id)
    if PostForm(prefix="post").validate_on_submit():
        try:
            service.per_post_verzonden(
                get_session(), verzoek, medewerker=g.medewerker, trace_id=g.trace_id
            )
            return _terug(verzoek, _("Genoteerd: de documenten zijn per post verstuurd."))
        except service.InzageFout as fout:
            flash(foutmelding(fout), "fout")
    return redirect(url_for(".behandelen", verzoek_id=verzoek.id), code=303)


@bp.get(f"{PAD}/<int:verzoek_id>/documenten/<int:document_id>")
@medewerker_vereist(*ROLLEN)
def document_medewerker(verzoek_id: int, document_id: int) -> ResponseReturnValue:
    verzoek = _verzoek_of_404(verzoek_id)
    doc = service.document_van(verzoek, document_id, alleen_verstrekt=False)
    if doc is None:
        abort(404)
    _log_bekeken(verzoek, "inzagedocument-bekijken", f"inzagedocument:{doc.id}")
    return _stuur(doc)


@bp.get(f"{PAD}/team")
@medewerker_vereist("teamleider")
def team() -> ResponseReturnValue:
    return render_template(
        "inzage/team.html", cijfers=inzagewachtrij.binnen_termijn_per_maand(get_session())
    )


@bp.get(f"{PAD}/team.csv")
@medewerker_vereist("teamleider")
def team_csv() -> ResponseReturnValue:
    uit = io.StringIO()
    schrijver = csv.writer(uit)
    schrijver.writerow(["maand", "beantwoord", "binnen_termijn", "percentage"])
    for cijfer in inzagewachtrij.binnen_termijn_per_maand(get_session()):
        schrijver.writerow([cijfer.maand, cijfer.beantwoord, cijfer.op_tijd, cijfer.percentage])
    return Response(
        uit.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=inzage-binnen-termijn.csv"},
    )
