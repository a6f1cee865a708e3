"""Who may log in: a burger with a dossier, a medewerker with a role."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Burger, Dossier, Medewerker
from portal.services.inlogclaims import MedewerkerClaims


def burger_met_dossier(session: Session, bsn: str) -> Burger | None:
    return session.scalar(select(Burger).join(Dossier).where(Burger.bsn == bsn))


def medewerker_na_login(session: Session, claims: MedewerkerClaims) -> Medewerker:
    """Find or create the medewerker; roles follow the organisation's login every time."""
    medewerker = session.scalar(select(Medewerker).where(Medewerker.oidc_sub == claims.sub))
    if medewerker is None:
        medewerker = Medewerker(oidc_sub=claims.sub, naam=claims.naam)
        session.add(medewerker)
    medewerker.naam = claims.naam
    medewerker.email = claims.email
    medewerker.rollen = ",".join(claims.rollen)
    session.commit()
    return medewerker
