"""One way through for every API call: token, scope, rate limit, body, idempotency, log.

Each endpoint is declared once with ``@operatie``; the same declaration registers the
Flask route and describes the operation in the OpenAPI document, so the two cannot drift.
A view receives validated input and returns ``(status, model)``; everything else — the
problem bodies, replays of an Idempotency-Key, the verwerkingslog row — happens here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from hashlib import sha256
from typing import Any

from flask import Blueprint, Response, current_app, g, json, request
from flask_babel import LazyString
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import HTTPException

from portal.api import idempotentie
from portal.api.problemen import Probleem, Veldfout, antwoord, serverfout, van_http_fout
from portal.db import get_session
from portal.invoer import MAX_ID
from portal.models import ApiClient, utcnow
from portal.services import apiclients, verwerkingslog
from portal.vertalen import gettext as _
from portal.vertalen import lazy_gettext as _l
from portal.web import limiter

log = logging.getLogger(__name__)

bp = Blueprint("api", __name__, url_prefix="/api/v1")

MAX_JSON_BYTES = 1024 * 1024
PADPARAMETERS: dict[str, dict[str, Any]] = {
    "kenmerk": {"type": "string", "pattern": "^WIA-[0-9]{7,10}$", "examples": ["WIA-1000001"]},
    "traject_id": {"type": "integer", "minimum": 1, "maximum": MAX_ID, "examples": [1]},
    "spreekuur_id": {"type": "integer", "minimum": 1, "maximum": MAX_ID, "examples": [1]},
    "verzoek_id": {"type": "integer", "minimum": 1, "maximum": MAX_ID, "examples": [1]},
    "toezegging_id": {"type": "integer", "minimum": 1, "maximum": MAX_ID, "examples": [1]},
    "taak_id": {"type": "integer", "minimum": 1, "maximum": MAX_ID, "examples": [1]},
}

PADPATRONEN = {
    naam: re.compile(schema["pattern"].strip("^$"))
    for naam, schema in PADPARAMETERS.items()
    if "pattern" in schema
}


@dataclass
class Operatie:
    methode: str
    pad: str  # OpenAPI style: /dossiers/{kenmerk}
    naam: str  # operationId, also the verwerkingslog activity
    scope: str
    samenvatting: str
    antwoorden: dict[int, type[BaseModel]]
    lichaam: type[BaseModel] | None = None
    multipart: dict[str, Any] | None = None  # JSON schema of a multipart/form-data body
    query: type[BaseModel] | None = None
    locatie: bool = False  # whether the answer carries a Location header
    tag: str = "dossiers"
    functie: Callable[..., Any] | None = field(default=None, repr=False)


OPERATIES: list[Operatie] = []


@dataclass(frozen=True)
class Resultaat:
    status: int
    model: BaseModel
    locatie: str | None = None
    burger_id: int | None = None  # whose data this call touched, for the verwerkingslog


def _token_sleutel() -> str:
    """Rate limits per token (hashed: the limiter's storage never sees the token)."""
    kop = request.headers.get("Authorization", "")
    if kop.startswith("Bearer "):
        return "api:" + apiclients.token_hash(kop.removeprefix("Bearer ").strip())[:32]
    return "api-anoniem:" + (request.remote_addr or "")


def _limiet() -> str:
    return str(current_app.config["RATELIMIT_API"])


def _client(session: Session, scope: str) -> ApiClient:
    kop = request.headers.get("Authorization", "")
    token = kop.removeprefix("Bearer ").strip() if kop.startswith("Bearer ") else ""
    client = apiclients.bij_token(session, token) if token else None
    if client is None:
        raise Probleem(401, "niet-ingelogd", headers={"WWW-Authenticate": 'Bearer realm="api"'})
    if scope not in client.scopelijst:
        raise Probleem(403, "geen-toegang", detail=_("Nodig: scope %(scope)s.", scope=scope))
    return client


# pydantic's own messages are English; these say the same in the request's language.
MELDINGEN: dict[str, LazyString] = {
    "missing": _l("Vul dit veld in."),
    "string_too_short": _l("Vul dit veld in."),
    "extra_forbidden": _l("Dit veld kennen wij niet. Haal het weg."),
    "string_type": _l("Dit moet tekst zijn."),
    "string_too_long": _l("Deze tekst is te lang."),
    "string_pattern_mismatch": _l("Dit heeft niet de juiste vorm."),
    "literal_error": _l("Kies een van de toegestane waarden."),
    "int_type": _l("Dit moet een heel getal zijn."),
    "int_parsing": _l("Dit moet een heel getal zijn."),
    "greater_than_equal": _l("Dit getal is te klein."),
    "less_than_equal": _l("Dit getal is te groot."),
    "list_type": _l("Dit moet een lijst zijn."),
    "too_short": _l("Deze lijst is te kort."),
    "too_long": _l("Deze lijst is te lang."),
    "model_type": _l("Dit moet een object zijn."),
    "dict_type": _l("Dit moet een object zijn."),
    "timezone_aware": _l("Geef een tijdstip met tijdzone, bijvoorbeeld +01:00."),
}
ONBEKEND = _l("Deze waarde is niet goed.")
DATUM = _l("Dit is geen geldige datum (JJJJ-MM-DD).")
TIJDSTIP = _l("Dit is geen geldig tijdstip (JJJJ-MM-DDTuu:mm:ss+01:00).")


def _melding(soort: str) -> str:
    if soort in MELDINGEN:
        return str(MELDINGEN[soort])
    if soort.startswith("datetime") or soort.startswith("timezone"):
        return str(TIJDSTIP)
    if soort.startswith("date"):
        return str(DATUM)
    return str(ONBEKEND)


def pydantic_fouten(fout: ValidationError) -> list[Veldfout]:
    return [
        Veldfout(
            "/".join(str(deel) for deel in regel["loc"]), regel["type"], _melding(regel["type"])
        )
        for regel in fout.errors(include_url=False, include_input=False)
    ]


def _json_lichaam(model: type[BaseModel]) -> BaseModel:
    if request.mimetype != "application/json":
        raise Probleem(415, "verkeerd-mediatype", detail=_("Stuur application/json."))
    ruw = request.get_data(cache=True) or b"null"
    try:
        json.loads(ruw)
    except ValueError as fout:
        raise Probleem(400, "ongeldige-json") from fout
    if b"\\u0000" in ruw:  # no text may hold a NUL character (PostgreSQL cannot store one)
        raise Probleem(422, "ongeldige-invoer", detail=_("Een tekst bevat een NUL-teken."))
    try:
        # Parsed by pydantic itself: strict mode accepts JSON's own spelling of dates then.
        return model.model_validate_json(ruw)
    except ValidationError as fout:
        raise Probleem(422, "ongeldige-invoer", fouten=pydantic_fouten(fout)) from fout


def _query(model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as fout:
        raise Probleem(422, "ongeldige-invoer", fouten=pydantic_fouten(fout)) from fout


def _inhoud() -> bytes:
    """What a retry must repeat: the body, or for an upload its fields and files (a client may
    build the multipart boundary anew on a retry)."""
    if request.mimetype != "multipart/form-data":
        return request.get_data(cache=True)
    delen = [f"{naam}={waarde}".encode() for naam, waarde in sorted(request.form.items(multi=True))]
    for naam, bestand in sorted(request.files.items(multi=True), key=lambda paar: paar[0]):
        delen.append(f"{naam}:{bestand.filename}:".encode() + sha256(bestand.read()).digest())
        bestand.seek(0)
    return b"\n".join(delen)


def geupload_bestand() -> FileStorage:
    """The file of a multipart upload, in the field ``bestand``; a problem body otherwise."""
    if request.mimetype != "multipart/form-data":
        raise Probleem(415, "verkeerd-mediatype", detail=_("Stuur multipart/form-data."))
    bestand = request.files.get("bestand")
    if bestand is None:
        melding = _("Stuur het bestand in het veld 'bestand'.")
        raise Probleem(422, "ongeldige-invoer", fouten=[Veldfout("bestand", "verplicht", melding)])
    return bestand


def _als_response(status: int, lichaam: dict[str, Any] | None, locatie: str | None) -> Response:
    response = Response(json.dumps(lichaam), status=status, mimetype="application/json")
    if locatie:
        response.headers["Location"] = locatie
    return response


def _log(
    session: Session,
    operatie: Operatie,
    client: ApiClient,
    burger_id: int | None,
    resultaat: str,
) -> None:
    """One row per call, unless the service already wrote this request's row."""
    if resultaat == "gelukt" and g.trace_id in session.info.get("verwerkingslog_traces", ()):
        return
    verwerkingslog.log(
        session,
        trace_id=g.trace_id,
        medewerker_id=None,
        api_client_id=client.id,
        burger_id=burger_id,
        handeling="inzien" if operatie.methode == "GET" else "wijzigen",
        activiteit=f"api-{operatie.naam}",
        resultaat=resultaat,
    )
    session.commit()


def _past(naam: str, waarde: Any) -> bool:
    """Whether a path value fits its declaration: a kenmerk of another shape, or an id no
    PostgreSQL integer holds, names nothing that exists."""
    if isinstance(waarde, int):
        return 1 <= waarde <= MAX_ID
    patroon = PADPATRONEN.get(naam)
    return patroon is None or patroon.fullmatch(waarde) is not None


def _voer_uit(operatie: Operatie, padwaarden: dict[str, Any]) -> Response:
    session = get_session()
    client = _client(session, operatie.scope)
    g.api_client = client
    for naam, waarde in padwaarden.items():
        if not _past(naam, waarde):
            raise Probleem(404, "niet-gevonden")
    sleutel = None
    if operatie.methode == "POST":
        kop = request.headers.get("Idempotency-Key")
        sleutel = idempotentie.sleutel_van(client.id, kop, "POST", request.path, _inhoud())
    invoer: dict[str, Any] = dict(padwaarden)
    if operatie.lichaam is not None:
        invoer["lichaam"] = _json_lichaam(operatie.lichaam)
    if operatie.query is not None:
        invoer["query"] = _query(operatie.query)
    nu = utcnow()
    if sleutel is not None:
        herhaling = sleutel.claim_of_herhaling(session, nu)
        if herhaling is not None:
            response = _als_response(herhaling.status_code, herhaling.antwoord, herhaling.locatie)
            if herhaling.status_code >= 400:
                response.mimetype = "application/problem+json"
            response.headers["Idempotent-Replayed"] = "true"
            _log(session, operatie, client, None, "herhaald")
            return response
    assert operatie.functie is not None
    try:
        resultaat: Resultaat = operatie.functie(client=client, nu=nu, **invoer)
    except Probleem as probleem:
        session.rollback()
        response = antwoord(probleem)
        if sleutel is not None and probleem.status != 409:
            sleutel.bewaar(session, probleem.status, response.get_json(), None, nu)
        _log(session, operatie, client, g.get("api_burger_id"), "geweigerd")
        return response
    lichaam = resultaat.model.model_dump(mode="json")
    if sleutel is not None:
        sleutel.bewaar(session, resultaat.status, lichaam, resultaat.locatie, nu)
    _log(session, operatie, client, resultaat.burger_id, "gelukt")
    return _als_response(resultaat.status, lichaam, resultaat.locatie)


def _flask_pad(pad: str) -> str:
    def vervang(match: re.Match[str]) -> str:
        naam = match[1]
        soort = "int" if PADPARAMETERS[naam]["type"] == "integer" else "string"
        return f"<{soort}:{naam}>"

    return re.sub(r"{(\w+)}", vervang, pad)


def operatie(methode: str, pad: str, **kenmerken: Any) -> Callable[[Callable[..., Resultaat]], Any]:
    """Declare an endpoint: route, OpenAPI description and the call's handling in one."""

    def registreer(functie: Callable[..., Resultaat]) -> Callable[..., Resultaat]:
        beschrijving = Operatie(methode, pad, functie=functie, **kenmerken)
        OPERATIES.append(beschrijving)

        def view(**padwaarden: Any) -> Response:
            request.max_content_length = (
                int(current_app.config["DOCUMENT_MAX_MB"] * 1024 * 1024) + 64 * 1024
                if beschrijving.multipart
                else MAX_JSON_BYTES
            )
            try:
                return _voer_uit(beschrijving, padwaarden)
            except Probleem as probleem:
                return antwoord(probleem)
            except HTTPException as fout:  # e.g. 413 while reading a body that is too large
                get_session().rollback()
                return van_http_fout(fout)
            except Exception:
                log.exception("API call failed: %s", beschrijving.naam)
                get_session().rollback()
                return serverfout()

        view.__name__ = beschrijving.naam
        # One budget per token for the whole API, not one per endpoint.
        begrensd = limiter.shared_limit(_limiet, scope="api", key_func=_token_sleutel)(view)
        bp.add_url_rule(
            _flask_pad(pad), endpoint=beschrijving.naam, view_func=begrensd, methods=[methode]
        )
        return functie

    return registreer
