"""Who is logged in, and the decorators that guard pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from werkzeug.wrappers import Response

from portal.auth import sessies
from portal.db import get_session
from portal.models import Burger, Medewerker, Vertegenwoordiging
from portal.vertalen import gettext as _

F = TypeVar("F", bound=Callable[..., Any])

SESSIE_SLEUTEL = "sessie"
# Where to go after logging in: kept in the session across the provider's round trip.
TERUG_SLEUTEL = "na_inloggen"


def laad_gebruiker() -> None:
    """Before each request: set ``g.burger`` or ``g.medewerker`` from a live session."""
    g.burger = None
    g.medewerker = None
    g.sessie_verlopen = False
    g.sessie = None
    g.vertegenwoordiging = None
    token = session.get(SESSIE_SLEUTEL)
    if not token or request.endpoint == "static":
        return
    db = get_session()
    gevonden = sessies.geldig_met_lopend(
        db,
        token,
        idle=timedelta(minutes=current_app.config["SESSIE_IDLE_MINUTEN"]),
        maximaal=timedelta(hours=current_app.config["SESSIE_MAX_UREN"]),
    )
    if gevonden is None:
        taal = session.get("taal")
        session.clear()
        if taal:
            session["taal"] = taal
        g.sessie_verlopen = True
        return
    sessie, lopend = gevonden
    if lopend is not None:
        g.lopend = lopend  # read with the session: wat_er_loopt() asks nothing more
    g.burger = sessie.burger
    g.medewerker = sessie.medewerker if sessie.burger is None else None
    # Someone acting for the person: g.burger is the person, so every page and query stays
    # theirs; auth/namens.py decides what the representative may do and logs it.
    g.vertegenwoordiging = sessie.vertegenwoordiging if sessie.burger is not None else None
    # The page says when this session ends (auth/sessietijd.py): no second look-up for that.
    g.sessie = sessie


def log_in(
    *,
    burger: Burger | None = None,
    medewerker: Medewerker | None = None,
    vertegenwoordiging: Vertegenwoordiging | None = None,
) -> None:
    """Start a fresh session: nothing from before the login is carried over but the language.

    With ``vertegenwoordiging`` the session is someone acting for ``burger``."""
    taal = session.get("taal")
    session.clear()
    if taal:
        session["taal"] = taal
    session[SESSIE_SLEUTEL] = sessies.start(
        get_session(),
        burger_id=burger.id if burger else None,
        medewerker_id=medewerker.id if medewerker else None,
        vertegenwoordiging_id=vertegenwoordiging.id if vertegenwoordiging else None,
    )
    session.permanent = False


def log_uit() -> None:
    token = session.get(SESSIE_SLEUTEL)
    if token:
        sessies.beeindig(get_session(), token)
    taal = session.get("taal")
    session.clear()
    if taal:
        session["taal"] = taal


def _naar_inloggen(endpoint: str) -> Response:
    if g.get("sessie_verlopen"):
        flash(_("U was een tijd niet actief. Log opnieuw in om verder te gaan."), "info")
    terug = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for(endpoint, terug=terug))


def burger_vereist(view: F) -> F:
    @wraps(view)
    def bewaakt(*args: Any, **kwargs: Any) -> Any:
        if g.get("burger") is None:
            return _naar_inloggen("auth.inloggen")
        return view(*args, **kwargs)

    return cast(F, bewaakt)


def medewerker_vereist(*rollen: str) -> Callable[[F], F]:
    """Only staff with one of ``rollen``; others get 403, anonymous visitors the login."""

    def decorator(view: F) -> F:
        @wraps(view)
        def bewaakt(*args: Any, **kwargs: Any) -> Any:
            medewerker = g.get("medewerker")
            if medewerker is None:
                return _naar_inloggen("auth.medewerker_inloggen")
            if rollen and not medewerker.heeft_rol(*rollen):
                abort(403)
            return view(*args, **kwargs)

        return cast(F, bewaakt)

    return decorator
