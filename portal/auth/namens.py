"""Acting for someone else: what a begeleider or representative may do, and the log of all
they do, which the person reads in "Wie heeft mijn dossier bekeken".

One guard before every request instead of a check in every view: a page added later is
covered without anyone remembering it. Reading is allowed (the person's own pages show
their own data, g.burger is the person); every other action needs its right.
"""

from __future__ import annotations

from flask import Flask, g, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from portal.db import get_session
from portal.services import vertegenwoordiging as service
from portal.services import verwerkingslog

# The right a POST needs, per blueprint; any other blueprint needs "wijzigen", which only a
# representative through DigiD Machtigen has.
RECHT_VAN_BLUEPRINT = {"vragen": "vragen", "taken": "uploaden"}
# The visitor's own, not the person's: logging in and out, staying logged in, the language
# of this session (not the person's), anonymous page feedback, the demo's persona picker.
ALTIJD = frozenset(
    {
        "auth.uitloggen",
        "auth.sessie_verlengen",
        "auth.begeleider",
        "auth.begeleider_kies",
        "taal.wissel_taal",
        "feedback.antwoord",
        "feedback.opmerking",
        "demo.kies",
    }
)
# Only the person: who may act for them, and who looked at their data (which would show
# the others acting for them, a bewindvoering for one).
ALLEEN_ZELF = frozenset({"begeleiders", "bekeken"})
# Not the person's data: not in their log.
NIET_LOGGEN = frozenset({"static", "auth", "taal", "feedback", "demo"})
LEZEN = ("GET", "HEAD")

BEKIJKEN, DOEN, GEWEIGERD = "namens-bekijken", "namens-doen", "namens-geweigerd"


def _mag() -> bool:
    vertegenwoordiging = g.vertegenwoordiging
    blueprint = request.blueprint or ""
    if blueprint in ALLEEN_ZELF:
        return False
    if request.method in LEZEN or request.endpoint in ALTIJD:
        return service.mag(vertegenwoordiging, service.LEZEN)
    return service.mag(vertegenwoordiging, RECHT_VAN_BLUEPRINT.get(blueprint, service.WIJZIGEN))


def _object() -> str:
    """What was seen or done: the page, and which one ("berichten.bericht:12")."""
    ids = [str(waarde) for waarde in (request.view_args or {}).values()]
    return ":".join([request.endpoint or "", *ids])[:80]


def _log(activiteit: str, *, resultaat: str = "gelukt") -> None:
    db = get_session()
    verwerkingslog.log(
        db,
        trace_id=g.trace_id,
        medewerker_id=None,
        burger_id=g.burger.id,
        handeling="inzien" if activiteit == BEKIJKEN else "wijzigen",
        activiteit=activiteit,
        object=_object(),
        resultaat=resultaat,
        vertegenwoordiging_id=g.vertegenwoordiging.id,
    )
    db.commit()


def zelf_gelezen() -> bool:
    """Does opening a message or letter now count as the person having read it? Not when a
    begeleider looks: the person keeps their "Nieuw". A legal representative or gemachtigde
    handles the person's post, so for them it counts. (Their look is in the log as theirs,
    not as the person's own: see ``bewaak``.)"""
    vertegenwoordiging = g.get("vertegenwoordiging")
    return vertegenwoordiging is None or vertegenwoordiging.soort != "begeleider"


def bewaak() -> ResponseReturnValue | None:
    """Before each request: refuse what this representative was not given, and log it."""
    if g.get("vertegenwoordiging") is None or request.endpoint in (None, "static"):
        return None
    # The services write their own log rows (a question asked, a file sent): they carry who
    # acted through the database session, as services know no request.
    get_session().info[verwerkingslog.NAMENS] = g.vertegenwoordiging.id
    if _mag():
        return None
    _log(GEWEIGERD, resultaat="geweigerd")
    g.namens_geweigerd = True
    return (
        render_template("namens/geweigerd.html", alleen_zelf=request.blueprint in ALLEEN_ZELF),
        403,
    )


def log_namens(response: Response) -> Response:
    """After each request: what the representative saw or did, for the person to read."""
    if (
        g.get("vertegenwoordiging") is None
        or g.get("namens_geweigerd")
        or request.endpoint is None
        or (request.blueprint or "static") in NIET_LOGGEN
        or response.status_code >= 400
    ):
        return response
    # A form shown again with its errors did nothing: only a POST that goes on did something.
    gedaan = request.method not in LEZEN and 300 <= response.status_code < 400
    _log(DOEN if gedaan else BEKIJKEN)
    return response


def init_app(app: Flask) -> None:
    app.before_request(bewaak)
    app.after_request(log_namens)
