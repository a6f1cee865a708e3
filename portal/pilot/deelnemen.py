"""Taking part: join with a code as a demo persona, do the tasks with the task bar, fill in
the SUS, and leave. Also the app-wide hooks that record what happens during a task."""

from __future__ import annotations

import logging

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from sqlalchemy.exc import SQLAlchemyError

from portal.auth.toegang import log_in, log_uit
from portal.db import get_session
from portal.invoer import als_id, veilig_terug
from portal.models import Burger, utcnow
from portal.pilot import bp
from portal.pilot.forms import MeedoenForm, VragenlijstForm, sus_velden
from portal.pilot.teksten import open_vraag_tekst, zet_fouten
from portal.services import pilots
from portal.services.pilots import PilotFout
from portal.tijd import vandaag
from portal.vertalen import gettext as _
from portal.web import limiter

log = logging.getLogger(__name__)

SLEUTEL = "pilotdeelnemer"  # the participant's random token in the Flask session
# What templates/macros/componenten.html writes when a form comes back with errors. Looking
# for it in the response works for every form in the portal, whatever status it answers
# with (most answer 400, some 200) and also for htmx fragments, without touching any view.
FOUTOVERZICHT = b'class="foutoverzicht"'


def _limiet() -> str:
    return str(current_app.config["RATELIMIT_INLOGGEN"])


@bp.before_app_request
def _laad_deelnemer() -> None:
    """Set ``g.pilotdeelnemer`` (for the task bar) while this browser takes part."""
    g.pilotdeelnemer = None
    token = session.get(SLEUTEL)
    if not token or request.endpoint == "static":
        return
    burger = g.get("burger")
    stand = pilots.stand(get_session(), token) if burger is not None else None
    if stand is None or burger is None or stand.burger_id != burger.id:
        # Logged out, timed out, or finished: the participation ended with the session.
        session.pop(SLEUTEL, None)
        return
    g.pilotdeelnemer = stand


def _is_fragment() -> bool:
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-Boosted")


@bp.after_app_request
def _noteer(response: Response) -> Response:
    """Pages visited (GET, HTML, 200, path without query string) and validation errors met
    (any HTML response showing the error summary) count for the running task."""
    stand = g.get("pilotdeelnemer")
    if stand is None or stand.poging_id is None or request.blueprint == "pilot":
        return response
    if response.mimetype != "text/html" or response.direct_passthrough or response.is_streamed:
        return response
    pad = None
    if request.method == "GET" and response.status_code == 200 and not _is_fragment():
        pad = request.path
    fout = FOUTOVERZICHT in response.get_data()
    if pad or fout:
        # Its own session: the request's may hold a failed transaction, and a note for the
        # research must never break the page the participant is looking at.
        try:
            with current_app.extensions["portal.sessionmaker"]() as db:
                pilots.noteer(db, stand.poging_id, pad=pad, fout=fout)
        except SQLAlchemyError:
            log.warning("Could not record a pilot page visit", exc_info=True)
    return response


@bp.route("/pilot", methods=["GET", "POST"])
@limiter.limit(_limiet, methods=["POST"])
def meedoen() -> ResponseReturnValue:
    form = MeedoenForm()
    if form.validate_on_submit():
        db = get_session()
        taal = str(get_locale() or "nl")
        try:
            deelnemer, token = pilots.doe_mee(
                db, form.code.data, taal=taal, vandaag=vandaag(), nu=utcnow()
            )
        except PilotFout as fout:
            zet_fouten(form, fout)
        else:
            persona = db.get(Burger, deelnemer.burger_id)
            # Kept through the login: the persona's own language must not take over.
            session["taal"] = taal
            log_in(burger=persona)
            session[SLEUTEL] = token
            flash(
                _(
                    "U doet mee. U bent nu %(naam)s, een voorbeeldpersoon. "
                    "Bovenaan de pagina staat uw eerste taak.",
                    naam=persona.naam if persona else "",
                ),
                "info",
            )
            return redirect(url_for("dossier.mijn_dossier"), code=303)
    return render_template("pilot/meedoen.html", form=form), (400 if form.errors else 200)


@bp.post("/pilot/taak")
def taak() -> ResponseReturnValue:
    stand = g.get("pilotdeelnemer")
    if stand is None:
        return redirect(url_for(".meedoen"), code=303)
    taak_id = als_id(request.form.get("taak"))
    uitkomst = request.form.get("uitkomst", "")
    if taak_id is None or uitkomst not in pilots.UITKOMSTEN:
        abort(400)
    db = get_session()
    pilots.eindig_taak(db, stand.deelnemer_id, taak_id, uitkomst, nu=utcnow())
    nieuw = pilots.stand(db, session[SLEUTEL])
    if nieuw is None or nieuw.taken_klaar:
        return redirect(url_for(".vragenlijst"), code=303)
    if nieuw.nummer != stand.nummer:
        if uitkomst == "klaar":
            flash(
                _(
                    "Taak %(nummer)d is klaar. Bovenaan staat nu de volgende taak.",
                    nummer=stand.nummer,
                ),
                "info",
            )
        else:
            flash(
                _(
                    "U heeft taak %(nummer)d opgegeven. Dat is niet erg. "
                    "Bovenaan staat nu de volgende taak.",
                    nummer=stand.nummer,
                ),
                "info",
            )
    return redirect(veilig_terug(request.form.get("terug"), url_for("dossier.mijn_dossier")), 303)


@bp.route("/pilot/vragenlijst", methods=["GET", "POST"])
def vragenlijst() -> ResponseReturnValue:
    stand = g.get("pilotdeelnemer")
    if stand is None:
        return redirect(url_for(".meedoen"), code=303)
    if not stand.taken_klaar:
        return redirect(url_for("dossier.mijn_dossier"), code=303)
    form = VragenlijstForm()
    vraag = open_vraag_tekst(stand.open_vraag)
    form.open_antwoord.label.text = vraag or ""
    if form.validate_on_submit():
        try:
            pilots.sla_sus_op(
                get_session(),
                stand.deelnemer_id,
                [veld.data for veld in sus_velden(form)],
                form.open_antwoord.data if vraag else None,
                nu=utcnow(),
            )
        except PilotFout as fout:
            zet_fouten(form, fout)
        else:
            log_uit()  # the end of the persona's session, and so of the participation
            return redirect(url_for(".bedankt"), code=303)
    return render_template(
        "pilot/vragenlijst.html", form=form, velden=sus_velden(form), open_vraag=vraag
    ), (400 if form.errors else 200)


@bp.get("/pilot/bedankt")
def bedankt() -> str:
    return render_template("pilot/bedankt.html")
