"""When the session ends, and a way to stay logged in (WCAG 2.2.1 Timing Adjustable).

Every page of a logged-in person says when the session ends. With JavaScript
(``static/js/sessietijd.js``) a dialog warns two minutes before and offers to stay logged in;
without it the same form posts and comes back. Staying logged in refreshes a live session
only: an ended one stays ended, whatever the request carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, flash, g, jsonify, redirect, request, session, url_for
from flask.typing import ResponseReturnValue

from portal.auth import sessies
from portal.auth.toegang import SESSIE_SLEUTEL
from portal.auth.views import bp
from portal.datumtekst import tijdstip
from portal.db import get_session
from portal.invoer import veilig_terug
from portal.models import Sessie, utcnow
from portal.vertalen import gettext as _

# Long enough to read the warning and answer with a screen reader or a switch; WCAG 2.2.1
# asks for at least 20 seconds.
WAARSCHUWEN = timedelta(minutes=2)


@dataclass(frozen=True)
class Sessietijd:
    """When the current session ends, seen at ``nu``."""

    einde: datetime
    nu: datetime
    # The absolute limit (SESSIE_MAX_UREN) comes first: activity no longer moves the end.
    vast: bool

    @property
    def seconden(self) -> int:
        return max(0, int((self.einde - self.nu).total_seconds()))

    @property
    def waarschuwen(self) -> int:
        """Seconds before the end at which the dialog opens."""
        return int(WAARSCHUWEN.total_seconds())

    @property
    def tekst(self) -> str:
        tijd = tijdstip(self.einde)
        if self.vast:
            tekst = _(
                "U wordt om %(tijd)s uitgelogd. Na %(uren)s uur moet u altijd opnieuw inloggen.",
                tijd=tijd,
                uren=current_app.config["SESSIE_MAX_UREN"],
            )
        else:
            tekst = _("U wordt om %(tijd)s uitgelogd als u niets doet.", tijd=tijd)
        return str(tekst)

    def als_json(self) -> dict[str, object]:
        # Seconds rather than a moment: the browser's clock may differ from ours.
        return {"seconden": self.seconden, "tekst": self.tekst, "vast": self.vast}


def _huidige_sessie() -> Sessie | None:
    if g.get("zonder_database") or (g.get("burger") is None and g.get("medewerker") is None):
        return None
    if g.get("sessie") is not None:
        sessie: Sessie = g.sessie
        return sessie
    token = session.get(SESSIE_SLEUTEL)
    return sessies.zoek(get_session(), token) if token else None


def _tijd_van(sessie: Sessie, nu: datetime) -> Sessietijd:
    # The same limits as sessies.geldig, which ends the session on the first request after.
    stilte = sessie.laatst_actief_op + timedelta(minutes=current_app.config["SESSIE_IDLE_MINUTEN"])
    uiterlijk = sessie.aangemaakt_op + timedelta(hours=current_app.config["SESSIE_MAX_UREN"])
    return Sessietijd(einde=min(stilte, uiterlijk), nu=nu, vast=uiterlijk <= stilte)


@bp.app_template_global("sessietijd")
def sessietijd() -> Sessietijd | None:
    """For ``_sessietijd.html``: when the session of this request ends; None without one."""
    sessie = _huidige_sessie()
    return _tijd_van(sessie, utcnow()) if sessie is not None else None


@bp.app_template_global("sessietijd_terug")
def terugpad() -> str:
    """Where "Blijf ingelogd" without JavaScript comes back to: this page, when it can be
    asked for again; a page shown after a POST only by its path, if that path answers GET."""
    if request.method in ("GET", "HEAD"):
        return request.full_path.rstrip("?")
    regel = request.url_rule
    if regel is not None and "GET" in (regel.methods or set()):
        return request.path
    return ""


def _wil_json() -> bool:
    beste = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return beste == "application/json"


def _startpagina() -> str:
    return url_for("dossier.zoeken" if g.medewerker else "dossier.mijn_dossier")


def _naar_inloggen(terug: str, *, medewerker: bool) -> ResponseReturnValue:
    if g.get("sessie_verlopen"):
        # The same words as the guard on every page (portal/auth/toegang.py).
        flash(_("U was een tijd niet actief. Log opnieuw in om verder te gaan."), "info")
    endpoint = "auth.medewerker_inloggen" if medewerker else "auth.inloggen"
    return redirect(url_for(endpoint, terug=terug or None), code=303)


@bp.post("/sessie/blijf-ingelogd")
def sessie_verlengen() -> ResponseReturnValue:
    """Stay logged in: the session counts as active now. A fetch gets the new end as JSON;
    a plain form comes back to its page."""
    terug = veilig_terug(request.form.get("terug"), "")
    sessie = _huidige_sessie()
    if sessie is None:
        # Ended already (laad_gebruiker ended it on this very request) or never there.
        if _wil_json():
            return jsonify(verlopen=True), 401
        return _naar_inloggen(terug, medewerker=request.form.get("wie") == "medewerker")
    nu = utcnow()
    sessie.laatst_actief_op = nu
    get_session().commit()
    tijd = _tijd_van(sessie, nu)
    if _wil_json():
        return jsonify(tijd.als_json())
    flash(_("U blijft ingelogd."), "succes")
    return redirect(veilig_terug(terug, _startpagina()), code=303)


@bp.get("/sessie/verlopen")
def sessie_verlopen() -> ResponseReturnValue:
    """Where the page goes when its time is up: the login, saying why, and back afterwards.

    A GET, so it can never end a live session: if the person was active in another tab the
    session still lives, and the page simply opens again.
    """
    terug = veilig_terug(request.args.get("terug"), "")
    if g.burger is not None or g.medewerker is not None:
        return redirect(veilig_terug(terug, _startpagina()), code=303)
    return _naar_inloggen(terug, medewerker=request.args.get("wie") == "medewerker")
