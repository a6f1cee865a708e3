"""Inzage for the person: ask to see one's file, follow the legal term, download the answer.

The casemanager's side lives in ``portal.inzage.behandelen`` on the same blueprint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from portal import datumtekst
from portal.auth import burger_vereist, eigen_dossier
from portal.db import get_session
from portal.inzage.forms import (
    LEVERING_LABELS,
    ONDERWERP_LABELS,
    STATUS_LABELS,
    AanvraagForm,
    IntrekForm,
)
from portal.inzage.meldingen import foutmelding
from portal.models import Medewerker
from portal.models.inzage import Inzagedocument, Inzageverzoek
from portal.services import bestanden, verwerkingslog
from portal.services import inzage as service
from portal.vertalen import gettext as _

bp = Blueprint("inzage", __name__)


@bp.app_template_global("inzagestatus")
def inzagestatus(code: str) -> str:
    """The status in words: only this one translated (the queue asks once per row)."""
    return str(STATUS_LABELS.get(code, code))


@bp.app_template_global("inzage_onderwerp")
def inzage_onderwerp(code: str) -> str:
    return str(ONDERWERP_LABELS.get(code, code))


@bp.app_template_global("inzage_levering")
def inzage_levering(code: str) -> str:
    return str(LEVERING_LABELS.get(code, code))


@bp.app_template_global("inzage_uiterlijk")
def inzage_uiterlijk(verzoek: Inzageverzoek) -> date:
    return service.uiterlijk(verzoek)


@bp.app_template_global("inzage_dagen_over")
def inzage_dagen_over(verzoek: Inzageverzoek) -> int:
    return service.dagen_over(verzoek)


@bp.app_template_global("inzage_afloop")
def inzage_afloop(verzoek: Inzageverzoek, moment: datetime | None = None) -> str:
    """How a finished request ended, in words the person reads as finished.

    ``moment`` is when it ended; without it the answer's date (a withdrawal has none on the
    request itself, only in its history, which the list of requests does not load)."""
    datum = datumtekst.datum(moment or verzoek.afgerond_op)
    if verzoek.status == "ingetrokken":
        if datum:
            return str(
                _(
                    "U hebt dit verzoek op %(datum)s ingetrokken. Wij behandelen het niet meer.",
                    datum=datum,
                )
            )
        return str(_("U hebt dit verzoek ingetrokken. Wij behandelen het niet meer."))
    if not datum:
        return str(_("Dit verzoek is afgerond: %(status)s.", status=inzagestatus(verzoek.status)))
    if verzoek.status == "verstrekt":
        return str(_("Wij hebben uw verzoek op %(datum)s beantwoord.", datum=datum))
    if verzoek.status == "gedeeltelijk_verstrekt":
        return str(
            _(
                "Wij hebben uw verzoek op %(datum)s beantwoord. U krijgt een deel van wat u vroeg.",
                datum=datum,
            )
        )
    return str(
        _("Wij hebben uw verzoek op %(datum)s afgewezen. U krijgt geen inzage.", datum=datum)
    )


def _eigen_verzoek(verzoek_id: int) -> Inzageverzoek:
    verzoek = service.verzoek_van(get_session(), g.burger.id, verzoek_id)
    if verzoek is None:
        abort(404)
    return verzoek


@bp.get("/inzage")
@burger_vereist
def overzicht() -> ResponseReturnValue:
    return render_template(
        "inzage/overzicht.html", verzoeken=service.verzoeken_van(get_session(), g.burger.id)
    )


@bp.route("/inzage/aanvragen", methods=["GET", "POST"])
@burger_vereist
def aanvragen() -> ResponseReturnValue:
    db = get_session()
    dossier = eigen_dossier()
    form = AanvraagForm()
    if form.validate_on_submit():
        onderwerpen = form.onderwerpen.data or []  # Verplicht: at least one
        verzoek = service.vraag_aan(
            db,
            g.burger,
            dossier,
            onderwerpen=onderwerpen,
            anders=(form.anders.data or "").strip() if "anders" in onderwerpen else None,
            levering=form.levering.data,
            toelichting=(form.toelichting.data or "").strip(),
        )
        flash(
            _(
                "Wij hebben uw verzoek ontvangen. Uw kenmerk is %(kenmerk)s.",
                kenmerk=verzoek.kenmerk,
            ),
            "succes",
        )
        return redirect(url_for(".verzoek", verzoek_id=verzoek.id), code=303)
    return render_template("inzage/aanvragen.html", form=form), 400 if form.errors else 200


@bp.get("/inzage/<int:verzoek_id>")
@burger_vereist
def verzoek(verzoek_id: int) -> ResponseReturnValue:
    gevonden = _eigen_verzoek(verzoek_id)
    momenten = _momenten(gevonden)
    return render_template(
        "inzage/verzoek.html",
        verzoek=gevonden,
        open=gevonden.status in service.OPEN,
        form=IntrekForm(),
        stappen=_stappen(gevonden, momenten),
        afgerond_op=gevonden.afgerond_op or momenten.get(gevonden.status),
        bericht=_bericht(gevonden),
        behandelaar_naam=_behandelaar_naam(gevonden),
    )


def _behandelaar_naam(verzoek: Inzageverzoek) -> str | None:
    if verzoek.medewerker_id is None:
        return None
    medewerker = get_session().get(Medewerker, verzoek.medewerker_id)
    return medewerker.naam if medewerker else None


def _momenten(verzoek: Inzageverzoek) -> dict[str, datetime]:
    """When the request first reached each status, from its history."""
    momenten: dict[str, datetime] = {}
    for gebeurtenis in verzoek.gebeurtenissen:
        if gebeurtenis.naar_status:
            momenten.setdefault(gebeurtenis.naar_status, gebeurtenis.op)
    return momenten


def _bericht(verzoek: Inzageverzoek) -> str | None:
    """What the casemanager wrote to the person with the answer; never an internal note.
    A refusal's reason and an extension's reason have their own place on the page."""
    if verzoek.status not in ("verstrekt", "gedeeltelijk_verstrekt"):
        return None
    for gebeurtenis in reversed(verzoek.gebeurtenissen):
        if gebeurtenis.naar_status == verzoek.status and not gebeurtenis.intern:
            return gebeurtenis.tekst
    return None


@dataclass
class Stap:
    """One step of the request's timeline as the person's page shows it."""

    code: str
    naam: str
    toestand: str = "straks"  # klaar, nu or straks: the timeline's classes
    hier: bool = False  # where the request stands: "u bent hier" for a screen reader
    datum: datetime | None = None  # when it happened, for steps that did
    uiterlijk: date | None = None  # the answer's due date, while it is still ahead


def _stappen(verzoek: Inzageverzoek, momenten: dict[str, datetime]) -> list[Stap]:
    """The steps as the request really went: received, in progress, (extended,) the answer.

    A step it skipped is left out (a request withdrawn before anyone took it was never in
    progress). Done steps carry their date; ``hier`` marks where the request stands, which
    for a finished request is its last step, done: never "now busy" once it is over."""
    afgerond = verzoek.status in service.AFGEROND
    stappen = [Stap("ontvangen", inzagestatus("ontvangen"))]
    if verzoek.status in ("ontvangen", "in_behandeling") or "in_behandeling" in momenten:
        stappen.append(Stap("in_behandeling", inzagestatus("in_behandeling")))
    if verzoek.verlengd_tot or "verlengd" in momenten:
        stappen.append(Stap("verlengd", inzagestatus("verlengd")))
    if afgerond:
        stappen.append(Stap(verzoek.status, inzagestatus(verzoek.status)))
    else:
        # A passed due date is never shown as if it were still ahead; the summary says late.
        nog_niet_voorbij = service.dagen_over(verzoek) >= 0
        stappen.append(
            Stap(
                "antwoord",
                _("Antwoord"),
                uiterlijk=service.uiterlijk(verzoek) if nog_niet_voorbij else None,
            )
        )
    hier = len(stappen) - 1 if afgerond else [s.code for s in stappen].index(verzoek.status)
    for nummer, stap in enumerate(stappen):
        stap.hier = nummer == hier
        if nummer < hier or (afgerond and nummer == hier):
            stap.toestand = "klaar"
        elif nummer == hier:
            stap.toestand = "nu"
        if stap.toestand != "straks":
            stap.datum = (
                verzoek.ontvangen_op
                if stap.code == "ontvangen"
                else (verzoek.afgerond_op if afgerond and stap.hier else None)
                or momenten.get(stap.code)
            )
    return stappen


@bp.post("/inzage/<int:verzoek_id>/intrekken")
@burger_vereist
def intrekken(verzoek_id: int) -> ResponseReturnValue:
    gevonden = _eigen_verzoek(verzoek_id)
    form = IntrekForm()
    if form.validate_on_submit():
        try:
            service.trek_in(get_session(), gevonden, trace_id=g.trace_id)
            flash(_("U hebt uw verzoek ingetrokken."), "succes")
        except service.InzageFout as fout:
            flash(foutmelding(fout), "fout")
    return redirect(url_for(".verzoek", verzoek_id=gevonden.id), code=303)


@bp.get("/inzage/<int:verzoek_id>/documenten/<int:document_id>")
@burger_vereist
def document(verzoek_id: int, document_id: int) -> ResponseReturnValue:
    db = get_session()
    gevonden = _eigen_verzoek(verzoek_id)
    doc = service.document_van(gevonden, document_id, alleen_verstrekt=True)
    if doc is None:
        abort(404)
    # The person looked at their own file: logged all the same, as the issue asks.
    verwerkingslog.log(
        db,
        trace_id=g.trace_id,
        medewerker_id=None,
        burger_id=g.burger.id,
        handeling="downloaden",
        activiteit="inzagedocument-downloaden",
        object=f"inzagedocument:{doc.id}",
    )
    db.commit()
    return _stuur(doc)


def _stuur(doc: Inzagedocument) -> Response:
    pad = bestanden.pad(current_app.config["DOCUMENTEN_MAP"], doc.sha256)
    if not pad.is_file():
        abort(404)
    antwoord = send_file(
        pad, mimetype="application/pdf", as_attachment=True, download_name=doc.bestandsnaam
    )
    antwoord.headers["X-Content-Type-Options"] = "nosniff"
    antwoord.headers["Cache-Control"] = "no-store"
    return antwoord
