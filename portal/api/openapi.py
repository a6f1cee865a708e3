"""The OpenAPI 3.1 document, built from the same declarations that register the routes."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, JsonSchemaValue, models_json_schema

from portal.api.operaties import OPERATIES, PADPARAMETERS, Operatie
from portal.api.problemen import MEDIA_TYPE
from portal.services.apiclients import SCOPES

REF = "#/components/schemas/{model}"
FOUTEN_PER_METHODE = {
    "GET": (400, 401, 403, 404, 422, 429),
    "POST": (400, 401, 403, 404, 409, 413, 415, 422, 429),
}
FOUTOMSCHRIJVING = {
    400: "Malformed JSON, a NUL character in the path or query string, or a missing "
    "Idempotency-Key header",
    401: "No valid token",
    403: "The token lacks the scope this operation needs",
    404: "Not found",
    409: "Conflict: changed in the meantime, the same key is still being processed, or the "
    "person already has an appointment then ('afspraak' names it)",
    413: "The request is too large",
    415: "Wrong content type",
    422: "Invalid input; 'fouten' names each field",
    429: "Too many requests for this token; see Retry-After",
}
# Where one operation has a refusal of its own, its description replaces the general one.
FOUTOMSCHRIJVING_PER_OPERATIE: dict[str, dict[int, str]] = {
    naam: {
        409: FOUTOMSCHRIJVING[409] + ", or (type tegen-voorkeur) the form or office is not the "
        "one the person prefers: 'voorkeur' names the preference and 'afwijkingen' what "
        "differs. Send the reason in ?negeer_voorkeur= to plan it anyway; this refusal is not "
        "kept under the Idempotency-Key, so the retry may use the same key.",
        422: FOUTOMSCHRIJVING[422] + " (a moment outside office hours, 08.00-17.00 on a "
        "working day that is no public holiday, has code weekend, feestdag or "
        "buiten_kantoortijd)",
    }
    for naam in ("spreekuur-plannen", "spreekuur-verplaatsen")
}
FOUTOMSCHRIJVING_PER_OPERATIE["servicecall-plannen"] = {
    409: FOUTOMSCHRIJVING[409] + ", or (type tegen-voorkeur, code buiten_voorkeur) the window "
    "lies outside the day parts the person prefers to be called. Send the reason in "
    "?negeer_voorkeur= to plan it anyway; the person sees the reason.",
}
PROBLEEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "afspraak": {
            "type": "object",
            "description": "With type afspraak-overlapt: the appointment already planned then.",
            "required": ["soort", "id", "begin", "eind"],
            "properties": {
                "soort": {"enum": ["spreekuur", "servicecall"]},
                "id": {"type": "integer"},
                "begin": {"type": "string", "format": "date-time"},
                "eind": {"type": "string", "format": "date-time"},
            },
        },
        "voorkeur": {
            "type": "object",
            "description": "With type tegen-voorkeur: the person's current spreekuur preference.",
            "required": ["vorm", "kantoor", "dagdelen", "gewijzigd_op"],
            "properties": {
                "vorm": {"enum": ["fysiek", "telefonisch", "video"]},
                "kantoor": {"type": ["string", "null"]},
                "dagdelen": {"type": "array", "items": {"enum": ["ochtend", "middag"]}},
                "gewijzigd_op": {"type": "string", "format": "date-time"},
            },
        },
        "afwijkingen": {
            "type": "array",
            "description": "With type tegen-voorkeur: what differs from the preference.",
            "items": {"enum": ["vorm", "kantoor"]},
        },
        "fouten": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["veld", "code", "melding"],
                "properties": {
                    "veld": {"type": "string", "description": "JSON pointer without '/'"},
                    "code": {"type": "string"},
                    "melding": {"type": "string"},
                },
            },
        },
    },
}


# Where an answer leads next, so tools (and people) can follow a dossier through the API.
LINKS: dict[str, dict[str, dict[str, str]]] = {
    "DossierUit": {
        "dossier-lezen": {"kenmerk": "$response.body#/kenmerk"},
        "status-wijzigen": {"traject_id": "$response.body#/trajecten/0/id"},
        "spreekuur-plannen": {"kenmerk": "$response.body#/kenmerk"},
        "servicecall-plannen": {"kenmerk": "$response.body#/kenmerk"},
        "dagloon-aanleveren": {"kenmerk": "$response.body#/kenmerk"},
    },
    "SpreekuurUit": {
        "spreekuur-verplaatsen": {"spreekuur_id": "$response.body#/id"},
        "spreekuur-annuleren": {"spreekuur_id": "$response.body#/id"},
        "dossier-lezen": {"kenmerk": "$response.body#/kenmerk"},
    },
    "StatuswijzigingUit": {"status-wijzigen": {"traject_id": "$response.body#/traject_id"}},
}


def _modellen() -> list[tuple[type[BaseModel], JsonSchemaMode]]:
    modellen: list[tuple[type[BaseModel], JsonSchemaMode]] = []
    for operatie in OPERATIES:
        if operatie.lichaam is not None:
            modellen.append((operatie.lichaam, "validation"))
        modellen += [(model, "serialization") for model in operatie.antwoorden.values()]
    return list(dict.fromkeys(modellen))


def _parameters(operatie: Operatie, schemas: dict[str, Any]) -> list[dict[str, Any]]:
    parameters: list[dict[str, Any]] = [
        {"name": naam, "in": "path", "required": True, "schema": PADPARAMETERS[naam]}
        for naam in PADPARAMETERS
        if "{" + naam + "}" in operatie.pad
    ]
    if operatie.query is not None:
        query = operatie.query.model_json_schema()
        for naam, schema in query.get("properties", {}).items():
            parameters.append({"name": naam, "in": "query", "required": False, "schema": schema})
    if operatie.methode == "POST":
        parameters.append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": True,
                "description": "Unique per change; a retry with the same key and body gets "
                "the first answer and changes nothing more. Kept for 7 days.",
                "schema": {"type": "string", "pattern": "^[!-~]{1,255}$"},
            }
        )
    return parameters


def _operatie(
    operatie: Operatie, refs: Mapping[tuple[type[Any], JsonSchemaMode], JsonSchemaValue]
) -> dict[str, Any]:
    antwoorden: dict[str, Any] = {}
    for status, model in operatie.antwoorden.items():
        antwoord: dict[str, Any] = {
            "description": "Created" if status == 201 else "OK",
            "content": {"application/json": {"schema": refs[(model, "serialization")]}},
        }
        if operatie.locatie:
            antwoord["headers"] = {"Location": {"schema": {"type": "string"}}}
        if model.__name__ in LINKS:
            antwoord["links"] = {
                naam: {"operationId": naam, "parameters": parameters}
                for naam, parameters in LINKS[model.__name__].items()
            }
        antwoorden[str(status)] = antwoord
    for status in FOUTEN_PER_METHODE[operatie.methode]:
        antwoorden[str(status)] = {
            "description": FOUTOMSCHRIJVING_PER_OPERATIE.get(operatie.naam, {}).get(
                status, FOUTOMSCHRIJVING[status]
            ),
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Probleem"}}},
        }
    beschrijving: dict[str, Any] = {
        "operationId": operatie.naam,
        "summary": operatie.samenvatting,
        "tags": [operatie.tag],
        "security": [{"token": [operatie.scope]}],
        "parameters": _parameters(operatie, {}),
        "responses": antwoorden,
    }
    if operatie.lichaam is not None:
        beschrijving["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": refs[(operatie.lichaam, "validation")]}},
        }
    elif operatie.multipart is not None:
        beschrijving["requestBody"] = {
            "required": True,
            "content": {"multipart/form-data": {"schema": operatie.multipart}},
        }
    return beschrijving


@cache
def document() -> dict[str, Any]:
    refs, definities = models_json_schema(_modellen(), ref_template=REF)
    schemas = dict(definities.get("$defs", {}))
    schemas["Probleem"] = PROBLEEM
    paden: dict[str, dict[str, Any]] = {}
    for operatie in OPERATIES:
        paden.setdefault(operatie.pad, {})[operatie.methode.lower()] = _operatie(operatie, refs)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "WIA-cliëntportaal back-office API",
            "version": "1.0.0",
            "description": "For UWV's case systems: dossiers, statuses, spreekuren, "
            "service-calls, dagloon figures and inzage documents. Every call needs a bearer "
            "token with the operation's scope; every POST an Idempotency-Key. Errors are "
            "RFC 9457 problem details.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paden,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Scopes: "
                    + "; ".join(f"{naam}: {tekst}" for naam, tekst in SCOPES.items()),
                }
            },
        },
    }
