"""API clients: back-office systems, each with a token, scopes, and a way to revoke it."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import ApiClient, utcnow

# One scope per kind of change, so a system that only delivers figures cannot move statuses.
SCOPES = {
    "dossiers:lezen": "Read a dossier's state and the list of recent changes",
    "dossiers:schrijven": "Create or update a burger and dossier",
    "statussen:schrijven": "Move a traject's status",
    "spreekuren:schrijven": "Plan, move or cancel a spreekuur",
    "servicecalls:schrijven": "Plan a service-call",
    "dagloon:schrijven": "Deliver dagloon calculation figures",
    "inzage:lezen": "List inzage requests",
    "inzage:schrijven": "Upload a document for an inzage request",
    "toezeggingen:schrijven": "Set a new date, with a reason, for a promise made to a person",
    "brieven:schrijven": "Put a letter UWV sent in the person's Mijn brieven",
    "betalingen:schrijven": "Deliver a payment decision and its payment",
    "bezwaren:schrijven": "Deliver an objection or complaint and its progress",
    "taken:schrijven": "Ask the person for something (a task with a deadline)",
    "taken:lezen": "Read a task's state and the files sent for it (names, sizes, hashes)",
}
VOORVOEGSEL = "wia_"


class ApiClientFout(ValueError):
    pass


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def maak(
    session: Session, naam: str, scopes: list[str], nu: datetime | None = None
) -> tuple[ApiClient, str]:
    """A new client and its token; the token is returned once and never stored. Commits."""
    naam = naam.strip()
    if not naam or len(naam) > 100:
        raise ApiClientFout("A name of 1 to 100 characters is needed.")
    onbekend = sorted(set(scopes) - set(SCOPES))
    if onbekend or not scopes:
        raise ApiClientFout(f"Unknown or no scopes: {', '.join(onbekend) or '(none)'}")
    if session.scalar(select(ApiClient.id).where(ApiClient.naam == naam)):
        raise ApiClientFout(f"A client named {naam!r} exists already.")
    token = VOORVOEGSEL + secrets.token_urlsafe(32)
    client = ApiClient(
        naam=naam,
        token_hash=token_hash(token),
        token_begin=token[:10],
        scopes=" ".join(sorted(set(scopes))),
        aangemaakt_op=nu or utcnow(),
    )
    session.add(client)
    session.commit()
    return client, token


def bij_token(session: Session, token: str) -> ApiClient | None:
    """The active client this token belongs to, or None (unknown or revoked)."""
    if not token.startswith(VOORVOEGSEL) or len(token) > 200:
        return None
    client = session.scalar(select(ApiClient).where(ApiClient.token_hash == token_hash(token)))
    if client is None or client.ingetrokken_op is not None:
        return None
    return client


def trek_in(session: Session, naam: str, nu: datetime | None = None) -> ApiClient:
    """Revoke at once: the next call with this token answers 401. Commits."""
    client = session.scalar(select(ApiClient).where(ApiClient.naam == naam))
    if client is None:
        raise ApiClientFout(f"No client named {naam!r}.")
    client.ingetrokken_op = client.ingetrokken_op or nu or utcnow()
    session.commit()
    return client


def alle(session: Session) -> list[ApiClient]:
    return list(session.scalars(select(ApiClient).order_by(ApiClient.naam)))
