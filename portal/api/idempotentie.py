"""Idempotency-Key: a retried POST gets the first answer and changes nothing more.

The key is claimed by adding a row to the request's own transaction *before* the service
runs; the service's commit then stores the change and the claim together. So a stored
key always means the change happened, and two concurrent requests with one key cannot
both change something: the second one's insert fails on the unique constraint and rolls
back its whole transaction.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.api.problemen import Probleem
from portal.models import ApiIdempotentie, utcnow

SLEUTEL = re.compile(r"[\x21-\x7e]{1,255}")  # visible ASCII, as header values should be
BEWAARTERMIJN = timedelta(days=7)
WACHT_OP_ANDER = 2.0  # seconds to wait for a concurrent request with the same key


@dataclass(frozen=True)
class Herhaling:
    status_code: int
    antwoord: dict[str, Any] | None
    locatie: str | None


def vingerafdruk(methode: str, pad: str, lichaam: bytes) -> str:
    return hashlib.sha256(methode.encode() + b" " + pad.encode() + b"\n" + lichaam).hexdigest()


def sleutel_van(client_id: int, kop: str | None, methode: str, pad: str, inhoud: bytes) -> Sleutel:
    if kop is None or not SLEUTEL.fullmatch(kop):
        raise Probleem(400, "idempotency-key-ontbreekt")
    return Sleutel(client_id, kop, vingerafdruk(methode, pad, inhoud))


def _eerder(session: Session, client_id: int, sleutel: str) -> ApiIdempotentie | None:
    return session.scalar(
        select(ApiIdempotentie).where(
            ApiIdempotentie.client_id == client_id, ApiIdempotentie.sleutel == sleutel
        )
    )


def _herhaling(rij: ApiIdempotentie, afdruk: str) -> Herhaling:
    if rij.vingerafdruk != afdruk:
        raise Probleem(422, "idempotency-key-hergebruikt")
    if rij.status_code is None:
        raise Probleem(409, "idempotency-key-bezig", headers={"Retry-After": "1"})
    return Herhaling(rij.status_code, rij.antwoord, rij.locatie)


@dataclass
class Sleutel:
    """One POST's Idempotency-Key, from claim to stored answer."""

    client_id: int
    waarde: str
    afdruk: str
    claim: ApiIdempotentie | None = None

    def claim_of_herhaling(self, session: Session, nu: datetime) -> Herhaling | None:
        """Claim the key in this transaction, or return the first request's answer."""
        eerder = _eerder(session, self.client_id, self.waarde)
        if eerder is not None:
            return _herhaling(eerder, self.afdruk)
        self.claim = ApiIdempotentie(
            client_id=self.client_id,
            sleutel=self.waarde,
            vingerafdruk=self.afdruk,
            aangemaakt_op=nu,
        )
        session.add(self.claim)
        try:
            session.flush()  # on PostgreSQL this waits for a concurrent claim to finish
        except IntegrityError:
            session.rollback()
            return self._na_botsing(session)
        return None

    def _na_botsing(self, session: Session) -> Herhaling:
        """Another request with this key won; wait briefly for its answer."""
        einde = time.monotonic() + WACHT_OP_ANDER
        while True:
            session.expire_all()
            eerder = _eerder(session, self.client_id, self.waarde)
            klaar = eerder is not None and eerder.status_code is not None
            if eerder is not None and (klaar or time.monotonic() > einde):
                return _herhaling(eerder, self.afdruk)
            if eerder is None and time.monotonic() > einde:
                raise Probleem(409, "idempotency-key-bezig", headers={"Retry-After": "1"})
            time.sleep(0.05)

    def bewaar(
        self,
        session: Session,
        status_code: int,
        antwoord: dict[str, Any] | None,
        locatie: str | None,
        nu: datetime,
    ) -> None:
        """Store the answer; after a refusal the claim was rolled back, so add it again."""
        if self.claim is not None and self.claim in session:
            self.claim.status_code, self.claim.antwoord = status_code, antwoord
            self.claim.locatie = locatie
        else:
            session.add(
                ApiIdempotentie(
                    client_id=self.client_id,
                    sleutel=self.waarde,
                    vingerafdruk=self.afdruk,
                    status_code=status_code,
                    antwoord=antwoord,
                    locatie=locatie,
                    aangemaakt_op=nu,
                )
            )
        try:
            session.commit()
        except IntegrityError:
            # A concurrent retry stored its answer first; theirs and ours are the same refusal.
            session.rollback()


def ruim_op(session: Session, nu: datetime | None = None) -> int:
    """Forget keys older than a week: retries come within minutes, not weeks. Commits."""
    grens = (nu or utcnow()) - BEWAARTERMIJN
    verwijderd = session.execute(
        delete(ApiIdempotentie).where(ApiIdempotentie.aangemaakt_op < grens)
    )
    aantal = cast(CursorResult[Any], verwijderd).rowcount
    session.commit()
    return int(aantal or 0)
