"""RFC 9457 problem details: every API error as ``application/problem+json``.

``type`` is a stable URI per kind of problem, so a client can branch on it; ``title`` and
``detail`` are for people and follow the request's language; ``fouten`` names each field.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from flask import Response, json, request
from flask_babel import LazyString
from werkzeug.exceptions import HTTPException

from portal.vertalen import lazy_gettext as _l

MEDIA_TYPE = "application/problem+json"
TYPE_BASIS = "https://wia-portaal.uwv.nl/api/problemen/"

TITELS: dict[str, LazyString] = {
    "ongeldige-json": _l("De inhoud is geen geldige JSON."),
    "ongeldig-verzoek": _l("Dit verzoek kunnen wij niet lezen."),
    "ongeldige-invoer": _l("Niet alle gegevens zijn goed."),
    "ongeldige-overgang": _l("Deze statuswijziging mag niet."),
    "niet-ingelogd": _l("Geen geldig API-token."),
    "geen-toegang": _l("Dit token mag dit niet."),
    "niet-gevonden": _l("Dit bestaat niet."),
    "niet-toegestaan": _l("Deze methode kan hier niet."),
    "conflict": _l("Iemand anders heeft dit intussen gewijzigd."),
    "afspraak-overlapt": _l("Op dit moment staat al een afspraak gepland."),
    "idempotency-key-ontbreekt": _l("De header Idempotency-Key ontbreekt."),
    "idempotency-key-hergebruikt": _l(
        "Deze Idempotency-Key is al gebruikt voor een ander verzoek."
    ),
    "idempotency-key-bezig": _l("Een verzoek met deze Idempotency-Key is nog bezig."),
    "verkeerd-mediatype": _l("Dit soort inhoud kan hier niet."),
    "te-groot": _l("Het verzoek is te groot."),
    "te-veel-verzoeken": _l("Te veel verzoeken. Wacht even en probeer het opnieuw."),
    "serverfout": _l("Er ging iets mis aan onze kant."),
}
STATUS_TYPES = {
    400: "ongeldig-verzoek",  # e.g. a NUL character in the path or the query string
    401: "niet-ingelogd",
    403: "geen-toegang",
    404: "niet-gevonden",
    405: "niet-toegestaan",
    409: "conflict",
    413: "te-groot",
    415: "verkeerd-mediatype",
    422: "ongeldige-invoer",
    429: "te-veel-verzoeken",
}


@dataclass(frozen=True)
class Veldfout:
    veld: str  # a JSON pointer into the request body or the parameter's name
    code: str
    melding: str


@dataclass
class Probleem(Exception):
    status: int
    type: str
    detail: str | None = None
    fouten: list[Veldfout] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)  # RFC 9457 extension members


def antwoord(probleem: Probleem) -> Response:
    lichaam: dict[str, object] = {
        "type": TYPE_BASIS + probleem.type,
        "title": str(TITELS.get(probleem.type, TITELS["serverfout"])),
        "status": probleem.status,
        "instance": request.path,
    }
    if probleem.detail:
        lichaam["detail"] = probleem.detail
    if probleem.fouten:
        lichaam["fouten"] = [
            {"veld": f.veld, "code": f.code, "melding": f.melding} for f in probleem.fouten
        ]
    lichaam.update(probleem.extra)
    response = Response(json.dumps(lichaam), status=probleem.status, mimetype=MEDIA_TYPE)
    response.headers.update(probleem.headers)
    return response


def van_http_fout(fout: HTTPException) -> Response:
    """Werkzeug's errors (404 for an unknown path, 405, 413, 429 from the limiter) as problems."""
    status = fout.code or 500
    probleem = Probleem(status, STATUS_TYPES.get(status, "serverfout"))
    response = antwoord(probleem)
    for naam in ("Retry-After", "Allow"):
        if fout.get_response().headers.get(naam):
            response.headers[naam] = fout.get_response().headers[naam]
    if status == 429 and "Retry-After" not in response.headers:
        from portal.web import limiter

        grens = limiter.current_limit
        wacht = int(grens.reset_at - time.time()) if grens is not None else 60
        response.headers["Retry-After"] = str(max(1, wacht))
    return response


def serverfout() -> Response:
    return antwoord(Probleem(500, "serverfout"))
