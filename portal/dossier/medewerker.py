"""The casemanager's dossier pages: find a dossier, see it whole, change a traject's status."""

from __future__ import annotations

from flask import (
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from portal import statussen
from portal.auth import medewerker_vereist
from portal.db import get_session
from portal.dossier.blueprint import DOSSIER_ROLLEN, bp
from portal.dossier.forms import StatusForm, ZoekForm
from portal.kantoren import KANTOREN
from portal.models import Dossier, utcnow
from portal.services import (
    berichten,
    dossiers,
    servicecalls,
    spreekuren,
    toezeggingen,
    vertegenwoordiging,
    voorkeuren,
)
from portal.services import statuswijziging as wijzigen
from portal.services.belmomenten import DAGDELEN
from portal.tijd import vandaag
from portal.vertalen import gettext as _


@bp.route("/medewerker/", methods=["GET", "POST"])
@medewerker_vereist(*DOSSIER_ROLLEN)
def zoeken() -> ResponseReturnValue:
    form = ZoekForm()
    if form.validate_on_submit():
        dossier = dossiers.zoek_dossier(
            get_session(),
            kenmerk=form.kenmerk.data,
            bsn=(form.bsn.data or "").strip() or None,
            medewerker_id=g.medewerker.id,
            trace_id=g.trace_id,
        )
        if dossier is not None:
            return redirect(url_for(".tonen", kenmerk=dossier.kenmerk), code=303)
        veld = form.bsn if (form.bsn.data or "").strip() else form.kenmerk
        veld.errors = [*veld.errors, _("Wij vonden geen dossier. Controleer wat u invulde.")]
    return render_template("dossier/zoeken.html", form=form)


def dossier_of_404(kenmerk: str) -> Dossier:
    dossier = dossiers.dossier_op_kenmerk(get_session(), kenmerk)
    if dossier is None:
        abort(404)
    return dossier


@bp.get("/medewerker/dossiers/<kenmerk>")
@medewerker_vereist(*DOSSIER_ROLLEN)
def tonen(kenmerk: str) -> str:
    db = get_session()
    gevonden = dossier_of_404(kenmerk)
    dossiers.log_bekeken(db, gevonden, medewerker_id=g.medewerker.id, trace_id=g.trace_id)
    return render_template(
        "dossier/medewerker.html",
        dossier=gevonden,
        # Every preference the person set, so the casemanager plans with it in view.
        keuzes=voorkeuren.keuzes(db, gevonden.burger_id),
        belvoorkeur=servicecalls.belvoorkeur(db, gevonden.burger_id),
        dagdelen=DAGDELEN,
        spreekuren=spreekuren.komend(db, gevonden.id, utcnow()),
        kantoren=KANTOREN,
        briefonderwerpen=[
            (code, servicecalls.ONDERWERPEN[code]) for code in servicecalls.BRIEFONDERWERPEN
        ],
        overzicht=dossiers.overzicht(
            gevonden, toezeggingen.van_burger(get_session(), gevonden.burger_id)
        ),
        statussen=statussen,
        mislukt=voorkeuren.mislukte_kanalen(get_session(), gevonden.burger_id),
        vertegenwoordigers=vertegenwoordiging.van_burger(db, gevonden.burger_id),
        rechten=vertegenwoordiging.RECHTEN,
    )


@bp.route(
    "/medewerker/dossiers/<kenmerk>/trajecten/<int:traject_id>/status", methods=["GET", "POST"]
)
@medewerker_vereist(*DOSSIER_ROLLEN)
def status(kenmerk: str, traject_id: int) -> ResponseReturnValue:
    db = get_session()
    gevonden = dossier_of_404(kenmerk)
    traject = wijzigen.traject_in_dossier(db, gevonden, traject_id)
    if traject is None:
        abort(404)
    form = StatusForm()
    form.nieuwe_status.choices = [
        (code, statussen.status(traject.soort, code).titel)
        for code in statussen.volgende_statussen(traject.soort, traject.status)
    ]
    if request.method == "GET":
        dossiers.log_bekeken(db, gevonden, medewerker_id=g.medewerker.id, trace_id=g.trace_id)
        form.van_status.data = traject.status

    voorbeeld = None
    if form.validate_on_submit():
        wijziging = wijzigen.Wijziging(
            naar=form.nieuwe_status.data,
            toelichting=(form.toelichting.data or "").strip() or None,
            # Left empty, the person hears more after the new status's usual term.
            volgende_update_op=form.volgende_update_op.data
            or statussen.standaard_volgende_datum(
                traject.soort, form.nieuwe_status.data, vandaag(), traject.dossier.kenmerk
            ),
        )
        try:
            if request.form.get("actie") == "opslaan":
                wijzigen.wijzig_status(
                    db,
                    traject,
                    wijziging,
                    verwacht_van=form.van_status.data or "",
                    medewerker=g.medewerker,
                    trace_id=g.trace_id,
                )
                flash(_("De status is gewijzigd. De klant ziet een nieuw bericht."), "succes")
                return redirect(url_for(".tonen", kenmerk=gevonden.kenmerk), code=303)
            voorbeeld = berichten.tekst(wijzigen.voorbeeld(traject, wijziging))
        except statussen.OngeldigeOvergang:
            form.nieuwe_status.errors = [
                _("Deze stap kan niet vanuit de huidige status. Kies een van de opties.")
            ]
        except wijzigen.GelijktijdigGewijzigd:
            db.refresh(traject)
            form.van_status.data = traject.status
            form.nieuwe_status.errors = [
                _(
                    "Iemand anders heeft de status net gewijzigd. "
                    "Bekijk de nieuwe status en kies opnieuw."
                )
            ]
            form.nieuwe_status.choices = [
                (code, statussen.status(traject.soort, code).titel)
                for code in statussen.volgende_statussen(traject.soort, traject.status)
            ]
    if request.headers.get("HX-Request") and voorbeeld:
        return render_template("dossier/_voorbeeld.html", voorbeeld=voorbeeld)
    pagina = render_template(
        "dossier/status.html",
        dossier=gevonden,
        soortnaam=statussen.SOORTEN[traject.soort].naam,
        traject=traject,
        huidige=statussen.status(traject.soort, traject.status),
        form=form,
        voorbeeld=voorbeeld,
        standaard_datums={
            code: statussen.standaard_volgende_datum(
                traject.soort, code, vandaag(), traject.dossier.kenmerk
            )
            for code, *_ in form.nieuwe_status.choices
        },
    )
    if request.headers.get("HX-Request"):
        # Errors belong beside the fields, so htmx swaps the whole main content instead.
        return pagina, {
            "HX-Retarget": "#inhoud",
            "HX-Reselect": "#inhoud",
            "HX-Reswap": "outerHTML",
        }
    return pagina
