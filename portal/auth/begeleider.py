"""Logging in as a begeleider, and as a representative through DigiD Machtigen.

A begeleider logs in with their own DigiD through the same broker as the person. The first
time they bring the invitation's code; the portal answers with a short code for the person
to confirm. Later logins find what the begeleider may do by their BSN alone.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import (
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from wtforms import StringField

from portal.auth.toegang import TERUG_SLEUTEL, log_in
from portal.auth.views import _limiet, _weiger, bp
from portal.db import get_session
from portal.invoer import als_id, veilig_terug
from portal.models import Vertegenwoordiging, utcnow
from portal.services import accounts, inlogclaims
from portal.services import vertegenwoordiging as service
from portal.vertalen import lazy_gettext as _l
from portal.web import CSP, limiter

INLOGDOEL = "inlogdoel"
CODE = "begeleider_code"
KEUZES = "begeleider_keuzes"
KIEZEN_BINNEN = timedelta(minutes=5)


class BegeleiderForm(FlaskForm):
    code = StringField(
        _l("Uitnodigingscode (alleen de eerste keer)"),
        description=_l(
            "De code staat in de e-mail met de uitnodiging. Bijvoorbeeld: K7QX-M2PD-9RTA."
        ),
    )


class KiesForm(FlaskForm):
    pass


@bp.route("/begeleider", methods=["GET", "POST"])
@limiter.limit(_limiet, methods=["POST"])
def begeleider() -> ResponseReturnValue:
    form = BegeleiderForm()
    if form.validate_on_submit():
        code = service.normaliseer_code(form.code.data)
        if code and len(code) != service.CODE_LENGTE:
            form.code.errors = [*form.code.errors, str(service.MELDINGEN["code_onbekend"])]
        else:
            session[INLOGDOEL] = "begeleider"
            session[CODE] = code
            return redirect(url_for("auth.digid_start"), code=303)
    antwoord = make_response(
        render_template(
            "auth/begeleider.html", form=form, oidc=bool(current_app.config["BURGER_OIDC_ISSUER"])
        )
    )
    issuer = urlsplit(str(current_app.config["BURGER_OIDC_ISSUER"]))
    if issuer.scheme and issuer.netloc:
        # This form's redirect goes on to DigiD: browsers hold the whole chain of a form
        # submission to form-action, so the broker is allowed here, and only here.
        antwoord.headers["Content-Security-Policy"] = CSP.replace(
            "form-action 'self'", f"form-action 'self' {issuer.scheme}://{issuer.netloc}"
        )
    return antwoord


def na_digid(bsn: str) -> ResponseReturnValue:
    """The begeleider's DigiD login came back: accept the invitation, or act for someone."""
    db = get_session()
    code = session.pop(CODE, "")
    if code:
        try:
            _uitnodiging, bevestiging = service.neem_aan(db, code=code, bsn=bsn, nu=utcnow())
        except service.BegeleiderFout as fout:
            form = BegeleiderForm(data={"code": service.leesbaar(code)})
            form.code.errors = [str(fout.melding)]
            return render_template("auth/begeleider.html", form=form, oidc=True), 400
        return render_template("auth/begeleider_bevestigen.html", bevestiging=bevestiging)
    mogelijk = service.actief_voor(db, bsn)
    if not mogelijk:
        return _weiger("geen_begeleiding")
    if len(mogelijk) == 1:
        return _als(mogelijk[0])
    # Only for a few minutes, and only in this browser: not a way in without DigiD later.
    session[KEUZES] = {
        "ids": [v.id for v in mogelijk],
        "tot": (utcnow() + KIEZEN_BINNEN).isoformat(),
    }
    return redirect(url_for("auth.begeleider_kies"), code=303)


def _als(vertegenwoordiging: Vertegenwoordiging) -> ResponseReturnValue:
    terug = session.get(TERUG_SLEUTEL)
    service.gebruikt(get_session(), vertegenwoordiging, utcnow())
    log_in(burger=vertegenwoordiging.burger, vertegenwoordiging=vertegenwoordiging)
    return redirect(veilig_terug(terug, url_for("dossier.mijn_dossier")), code=303)


@bp.route("/begeleider/kies", methods=["GET", "POST"])
def begeleider_kies() -> ResponseReturnValue:
    """Begeleider for more than one person: choose whom to help now."""
    keuzes = _keuzes()
    db = get_session()
    mogelijk = [
        v
        for v in (db.get(Vertegenwoordiging, id_) for id_ in keuzes)
        if v is not None and v.status == "actief"
    ]
    if g.burger is not None or not mogelijk:
        return redirect(url_for("auth.begeleider"), code=303)
    form = KiesForm()
    if form.validate_on_submit():
        gekozen = als_id(request.form.get("voor"))
        for vertegenwoordiging in mogelijk:
            if vertegenwoordiging.id == gekozen:
                session.pop(KEUZES, None)
                return _als(vertegenwoordiging)
    return render_template("auth/begeleider_kies.html", form=form, mogelijk=mogelijk)


def _keuzes() -> list[int]:
    bewaard = session.get(KEUZES)
    if not isinstance(bewaard, dict):
        return []
    try:
        tot = datetime.fromisoformat(str(bewaard.get("tot")))
    except ValueError:
        return []
    if tot <= utcnow():
        session.pop(KEUZES, None)
        return []
    return [id_ for id_ in bewaard.get("ids", []) if isinstance(id_, int)]


def vergeet_begeleider() -> None:
    """A normal login starts clean: a begeleider's login left halfway is forgotten."""
    for sleutel in (INLOGDOEL, CODE, KEUZES):
        session.pop(sleutel, None)


def machtiging(gegevens: dict[str, object]) -> ResponseReturnValue | None:
    """A DigiD Machtigen login: act for the represented person; None for a login for
    oneself. Raises InlogGeweigerd for a mandate we cannot accept."""
    config = current_app.config
    mandaat = inlogclaims.machtiging(
        gegevens,
        vertegenwoordigde_claim=config["BURGER_MACHTIGING_VERTEGENWOORDIGDE_CLAIM"],
        vertegenwoordiger_claim=config["BURGER_MACHTIGING_VERTEGENWOORDIGER_CLAIM"],
        dienst_claim=config["BURGER_MACHTIGING_DIENST_CLAIM"],
        diensten=config["BURGER_MACHTIGING_DIENSTEN"],
        soort_claim=config["BURGER_MACHTIGING_SOORT_CLAIM"],
        loa_claim=config["BURGER_LOA_CLAIM"],
        loa_waarden=config["BURGER_LOA_WAARDEN"],
    )
    if mandaat is None:
        return None
    db = get_session()
    burger = accounts.burger_met_dossier(db, mandaat.vertegenwoordigde_bsn)
    if burger is None:
        return _weiger("geen_dossier_namens")
    vertegenwoordiging = service.machtiging(
        db,
        burger,
        bsn=mandaat.vertegenwoordiger_bsn,
        soort=mandaat.soort,
        dienst=mandaat.dienst,
        naam=mandaat.naam,
        nu=utcnow(),
    )
    return _als(vertegenwoordiging)
