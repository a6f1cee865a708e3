"""Login and logout pages."""

from __future__ import annotations

import logging
from typing import Any

from authlib.integrations.base_client.errors import OAuthError
from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from requests import RequestException
from requests.exceptions import ConnectionError as GeenVerbinding
from requests.exceptions import Timeout
from werkzeug.wrappers import Response

from portal.auth.toegang import TERUG_SLEUTEL, log_in, log_uit
from portal.db import get_session
from portal.invoer import veilig_terug
from portal.services import accounts, inlogclaims
from portal.web import limiter

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)


def _limiet() -> str:
    return str(current_app.config["RATELIMIT_INLOGGEN"])


def _client(naam: str) -> Any:
    oauth = current_app.extensions["authlib.integrations.flask_client"]
    client = oauth.create_client(naam)
    if client is None:
        abort(404)
    return client


def _inlogpagina(
    template: str, *, ingelogd: bool, startpagina: str, issuer_sleutel: str
) -> ResponseReturnValue:
    """The page with the login button; remembers where to go back to afterwards."""
    if ingelogd:
        return redirect(url_for(startpagina))
    session[TERUG_SLEUTEL] = veilig_terug(request.args.get("terug"), "")
    return render_template(
        template,
        oidc=bool(current_app.config[issuer_sleutel]),
        demo=current_app.config["PORTAL_DEMO"],
    )


@bp.get("/inloggen")
def inloggen() -> ResponseReturnValue:
    from portal.auth import begeleider  # imports this module: only at call time

    begeleider.vergeet_begeleider()
    return _inlogpagina(
        "auth/inloggen.html",
        ingelogd=g.burger is not None,
        startpagina="dossier.mijn_dossier",
        issuer_sleutel="BURGER_OIDC_ISSUER",
    )


def _niet_bereikbaar(*, medewerker: bool = False) -> ResponseReturnValue:
    """The login provider does not answer: say so, in the person's language, with a way on.

    Logged once, without the stack trace: the request id ties it to the request's own line.
    """
    log.warning("Login provider unreachable (%s)", "staff" if medewerker else "DigiD")
    opnieuw = url_for("auth.medewerker_inloggen" if medewerker else "auth.inloggen")
    return (
        render_template("auth/niet_bereikbaar.html", medewerker=medewerker, opnieuw=opnieuw),
        503,
        {"Retry-After": "300"},
    )


def _naar_provider(naam: str, terug_endpoint: str) -> ResponseReturnValue:
    try:
        naar: Response = _client(naam).authorize_redirect(url_for(terug_endpoint, _external=True))
        return naar
    except (RequestException, OAuthError, ValueError):
        # The provider's metadata could not be fetched (down, slow, or answering nonsense).
        # Nothing was stored: the state only lands in the session once the redirect exists.
        return _niet_bereikbaar(medewerker=naam == "medewerker")


@bp.get("/inloggen/digid")
@limiter.limit(_limiet)
def digid_start() -> ResponseReturnValue:
    return _naar_provider("burger", "auth.digid_terug")


def _tokens(naam: str) -> dict[str, object]:
    """Finish the code flow; the claims from the ID token, completed by the userinfo endpoint."""
    client = _client(naam)
    token = client.authorize_access_token()
    gegevens = dict(token.get("userinfo") or {})
    if client.load_server_metadata().get("userinfo_endpoint"):
        extra = dict(client.userinfo(token=token))
        # OIDC Core 5.3.2: userinfo about another subject must not be trusted.
        if extra.get("sub") != gegevens.get("sub"):
            raise inlogclaims.InlogGeweigerd("gegevens_ontbreken")
        gegevens = {**extra, **gegevens}
    return gegevens


def _weiger(reden: str, status: int = 403, *, medewerker: bool = False) -> ResponseReturnValue:
    log.info("Login refused: %s", reden)  # the reason only: never a BSN or a name
    opnieuw = url_for("auth.medewerker_inloggen" if medewerker else "auth.inloggen")
    return render_template("auth/geweigerd.html", reden=reden, opnieuw=opnieuw), status


@bp.get("/inloggen/digid/terug")
@limiter.limit(_limiet)
def digid_terug() -> ResponseReturnValue:
    from portal.auth import begeleider  # imports this module: only at call time

    doel = session.pop(begeleider.INLOGDOEL, None)
    try:
        gegevens = _tokens("burger")
        namens = begeleider.machtiging(gegevens)
        if namens is not None:
            return namens
        bsn = inlogclaims.burger_bsn(
            gegevens,
            bsn_claim=current_app.config["BURGER_BSN_CLAIM"],
            loa_claim=current_app.config["BURGER_LOA_CLAIM"],
            loa_waarden=current_app.config["BURGER_LOA_WAARDEN"],
        )
    except inlogclaims.InlogGeweigerd as weigering:
        return _weiger(weigering.reden)
    except (GeenVerbinding, Timeout):
        return _niet_bereikbaar()
    except (OAuthError, RequestException, ValueError, KeyError):
        log.warning("DigiD login failed", exc_info=True)
        return _weiger("mislukt", 400)
    if doel == "begeleider":
        return begeleider.na_digid(bsn)
    burger = accounts.burger_met_dossier(get_session(), bsn)
    if burger is None:
        return _weiger("geen_dossier")
    terug = session.get(TERUG_SLEUTEL)
    log_in(burger=burger)
    return redirect(veilig_terug(terug, url_for("dossier.mijn_dossier")))


@bp.get("/medewerker/inloggen")
def medewerker_inloggen() -> ResponseReturnValue:
    return _inlogpagina(
        "auth/medewerker_inloggen.html",
        ingelogd=g.medewerker is not None,
        startpagina="dossier.zoeken",
        issuer_sleutel="MEDEWERKER_OIDC_ISSUER",
    )


@bp.get("/medewerker/inloggen/start")
@limiter.limit(_limiet)
def medewerker_start() -> ResponseReturnValue:
    return _naar_provider("medewerker", "auth.medewerker_terug")


@bp.get("/medewerker/inloggen/terug")
@limiter.limit(_limiet)
def medewerker_terug() -> ResponseReturnValue:
    try:
        gegevens = inlogclaims.medewerker(
            _tokens("medewerker"),
            rollen_claim=current_app.config["MEDEWERKER_ROLLEN_CLAIM"],
            mfa_vereist=current_app.config["MEDEWERKER_MFA_VEREIST"],
            mfa_amr=current_app.config["MEDEWERKER_MFA_AMR"],
        )
    except inlogclaims.InlogGeweigerd as weigering:
        return _weiger(weigering.reden, medewerker=True)
    except (GeenVerbinding, Timeout):
        return _niet_bereikbaar(medewerker=True)
    except (OAuthError, RequestException, ValueError, KeyError):
        log.warning("Staff login failed", exc_info=True)
        return _weiger("mislukt", 400, medewerker=True)
    terug = session.get(TERUG_SLEUTEL)
    log_in(medewerker=accounts.medewerker_na_login(get_session(), gegevens))
    return redirect(veilig_terug(terug, url_for("dossier.zoeken")))


@bp.post("/uitloggen")
def uitloggen() -> ResponseReturnValue:
    was_medewerker = g.medewerker is not None
    log_uit()
    return redirect(
        url_for("auth.medewerker_inloggen" if was_medewerker else "auth.uitgelogd"), code=303
    )


@bp.get("/uitgelogd")
def uitgelogd() -> ResponseReturnValue:
    return render_template("auth/uitgelogd.html")
