"""Was dit duidelijk?: the question under every page of a burger, and the overview for staff
(which also shows the answers to "Hoe ging het gesprek?", see portal/feedback/gesprek.py).

Which answer may still get a comment, and which pages were answered, is remembered in the
person's own (signed) session cookie only. The database never learns who answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
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
from jinja2 import Template
from werkzeug.exceptions import HTTPException

from portal.auth import burger_vereist, medewerker_vereist
from portal.db import get_session
from portal.feedback import namen
from portal.feedback.forms import AntwoordForm, FilterForm, OpmerkingForm
from portal.invoer import paginanummer, veilig_terug
from portal.services import contactfeedback
from portal.services import feedback as service
from portal.talen import TALEN
from portal.tijd import vandaag
from portal.vertalen import gettext as _
from portal.web import limiter

bp = Blueprint("feedback", __name__)
ROLLEN = ("beheerder", "pilotleider")
OPEN = "feedback_open"  # {"id": the answer's row, "plek": where it was given}
KLAAR = "feedback_klaar"  # the places answered in this session, newest last
MAX_KLAAR = 20  # the cookie stays small; an old page may simply ask again
# Pages that are not pages to read: machine endpoints and this feature's own handlers.
NIET_TE_BEOORDELEN = ("api.", "webhooks.", "feedback.", "static")
GESPREK_PAGINA = "gesprekken"  # the page number of the overview's second list of comments


def _limiet() -> str:
    return str(current_app.config["RATELIMIT_FEEDBACK"])


# One budget for answers and comments together: both write a row.
_begrensd = limiter.shared_limit(_limiet, scope="feedback")


# --- the question under the page ------------------------------------------------------------


@dataclass(frozen=True)
class Vraag:
    soort: str
    onderwerp: str
    terug: str
    toestand: str  # "vraag", "opmerking" (answered; a comment may follow) or "klaar"
    form: OpmerkingForm | None = None


def _plek(soort: str, onderwerp: str, pad: str) -> str:
    return f"{soort}:{onderwerp}:{urlsplit(pad).path}"


def _pad_van(plek: str) -> str:
    return plek.split(":", 2)[-1]


def _terug_van_deze_pagina() -> str:
    """Where the answer sends the person back to: this page, if a GET can reach it."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    try:
        current_app.url_map.bind("").match(request.path, method="GET")
    except HTTPException:  # a POST-only address: back to the dossier instead
        return url_for("dossier.mijn_dossier")
    return request.path


@bp.app_template_global("feedback_vraag")
def feedback_vraag(soort: str | None = None, onderwerp: str | None = None) -> Vraag | None:
    """What the box under the page shows; None where no question belongs (error pages)."""
    soort = soort or service.PAGINA
    onderwerp = onderwerp or request.endpoint
    if g.get("feedback_uit") or not onderwerp or onderwerp.startswith(NIET_TE_BEOORDELEN):
        return None
    terug = _terug_van_deze_pagina()
    plek = _plek(soort, onderwerp, terug)
    open_ = session.get(OPEN)
    if open_ and open_.get("plek") == plek:
        return Vraag(
            soort, onderwerp, terug, "opmerking", OpmerkingForm(formdata=None, terug=terug)
        )
    if plek in session.get(KLAAR, []):
        return Vraag(soort, onderwerp, terug, "klaar")
    return Vraag(soort, onderwerp, terug, "vraag")


def geen_vraag_op_foutpagina(
    _app: Flask, template: Template, context: dict[str, Any], **_extra: object
) -> None:
    # An answer on "page not found" would be counted for the page that failed.
    if template.name and template.name.startswith("fouten/"):
        g.feedback_uit = True


def bekende_paginas() -> set[str]:
    return {e for e in current_app.view_functions if not e.startswith(NIET_TE_BEOORDELEN)}


def _naar(terug: str | None) -> str:
    doel = veilig_terug(terug, url_for("dossier.mijn_dossier"))
    if "\\" in doel:  # browsers read /\host as //host: another site
        doel = url_for("dossier.mijn_dossier")
    return urlsplit(doel)._replace(fragment="").geturl() + "#feedback"


def _onthoud_klaar(plek: str) -> None:
    klaar = [p for p in session.get(KLAAR, []) if p != plek]
    session[KLAAR] = [*klaar, plek][-MAX_KLAAR:]


@bp.post("/feedback")
@burger_vereist
@_begrensd
def antwoord() -> ResponseReturnValue:
    form = AntwoordForm()
    if not form.validate_on_submit():
        abort(400)
    taal = str(get_locale() or "nl")
    try:
        rij = service.bewaar_antwoord(
            get_session(),
            # Verplicht above: never empty here, and the service refuses an empty one anyway.
            soort=form.soort.data or "",
            onderwerp=form.onderwerp.data or "",
            duidelijk=form.duidelijk.data == "ja",
            taal=taal,
            dag=vandaag(),
            bekende_paginas=bekende_paginas(),
        )
    except service.FeedbackFout:
        abort(400)
    doel = _naar(form.terug.data)
    plek = _plek(rij.soort, rij.onderwerp, doel)
    session[OPEN] = {"id": rij.id, "plek": plek}
    _onthoud_klaar(plek)
    return redirect(doel, code=303)


@bp.post("/feedback/opmerking")
@burger_vereist
@_begrensd
def opmerking() -> ResponseReturnValue:
    form = OpmerkingForm()
    doel = _naar(form.terug.data)
    open_ = session.get(OPEN)
    if not open_ or _pad_van(open_.get("plek", "")) != urlsplit(doel).path:
        # Sent twice, a new session, or an answer given on another page meanwhile.
        flash(_("Wij hebben uw opmerking niet bewaard. Geef eerst antwoord op de vraag."), "info")
        return redirect(doel, code=303)
    if form.validate_on_submit():
        try:
            service.voeg_opmerking_toe(get_session(), str(open_["id"]), form.opmerking.data)
        except service.FeedbackFout as fout:
            if fout.reden != "te_lang":
                session.pop(OPEN, None)
                return redirect(doel, code=303)
            form.opmerking.errors = [*form.opmerking.errors, foutmelding(fout)]
        else:
            session.pop(OPEN, None)
            return redirect(doel, code=303)
    # No JavaScript and the page it came from cannot be drawn here: a small page of its own.
    return render_template("feedback/opmerking.html", form=form, terug=doel), 400


def foutmelding(fout: service.FeedbackFout) -> str:
    if fout.reden == "te_lang":
        return str(_("Gebruik ten hoogste %(max)d tekens.", max=service.MAX_OPMERKING))
    return str(_("Dit kan niet. Probeer het opnieuw."))


# --- the overview for staff -----------------------------------------------------------------
# Only counts and masked comments, nobody's data: so no verwerkingslog row, unlike the pages
# that show a person's dossier.


def _filter() -> tuple[FilterForm, service.Filter, bool]:
    form = FilterForm(request.args)
    goed = form.validate()
    taal = form.taal.data if form.taal.data in TALEN else None
    onderwerp = (form.onderwerp.data or "").strip()[: service.MAX_ONDERWERP] or None
    if not goed:
        # A wrong date is shown next to its field; the figures ignore the dates meanwhile.
        return form, service.Filter(taal=taal, onderwerp=onderwerp), False
    return form, service.Filter(form.van.data, form.tot.data, taal, onderwerp), True


def _filter_args(filter: service.Filter) -> dict[str, str]:
    args = {
        "van": filter.van.isoformat() if filter.van else "",
        "tot": filter.tot.isoformat() if filter.tot else "",
        "taal": filter.taal or "",
        "onderwerp": filter.onderwerp or "",
    }
    return {k: v for k, v in args.items() if v}


@bp.get("/medewerker/feedback")
@medewerker_vereist(*ROLLEN)
def overzicht() -> ResponseReturnValue:
    db = get_session()
    form, filter, goed = _filter()
    nummer = paginanummer(request.args)
    alle = service.tellingen(db, service.Filter(filter.van, filter.tot, filter.taal))
    form.onderwerp.choices = [("", _("Alles"))] + [
        (t.onderwerp, namen.naam(t.soort, t.onderwerp)) for t in alle
    ]
    tellingen = [t for t in alle if not filter.onderwerp or t.onderwerp == filter.onderwerp]
    lijst, heeft_volgende = service.opmerkingen(db, filter, nummer)
    gesprek_nummer = paginanummer(request.args, GESPREK_PAGINA)
    gesprek_lijst, gesprek_volgende = contactfeedback.opmerkingen(db, filter, gesprek_nummer)
    return render_template(
        "feedback/overzicht.html",
        form=form,
        paginas=[t for t in tellingen if t.soort == service.PAGINA],
        berichten=[t for t in tellingen if t.soort == service.BERICHT],
        trend=service.trend(db, filter, vandaag()),
        opmerkingen=lijst,
        nummer=nummer,
        heeft_volgende=heeft_volgende,
        args=_filter_args(filter),
        naam=namen.naam,
        gesprekken=contactfeedback.tellingen(db, filter),
        gesprek_opmerkingen=gesprek_lijst,
        gesprek_nummer=gesprek_nummer,
        gesprek_volgende=gesprek_volgende,
        contactnaam=namen.contactnaam,
        oordeelnaam=namen.oordeelnaam,
    ), (200 if goed else 400)


@bp.get("/medewerker/feedback.csv")
@medewerker_vereist(*ROLLEN)
def csv() -> Response:
    _form, filter, _goed = _filter()
    db = get_session()
    return Response(
        service.csv_van(db, filter, extra=contactfeedback.csv_rijen(db, filter)),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="feedback.csv"'},
    )
