"""Checks on what an OpenID Connect provider tells us about the person who logged in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stdnum.nl import bsn as stdnum_bsn

from portal.models.medewerker import ROLLEN


class InlogGeweigerd(Exception):
    """Login refused; ``reden`` selects the explanation shown to the person."""

    def __init__(self, reden: str) -> None:
        super().__init__(reden)
        self.reden = reden


def _waarden(claim: object) -> list[str]:
    if claim is None:
        return []
    if isinstance(claim, str):
        return [deel for deel in claim.replace(",", " ").split() if deel]
    if isinstance(claim, Sequence):
        return [str(deel) for deel in claim]
    return [str(claim)]


def burger_bsn(
    claims: Mapping[str, object], *, bsn_claim: str, loa_claim: str, loa_waarden: Sequence[str]
) -> str:
    """The BSN from a DigiD login, if the login was strong enough and the BSN is valid."""
    if not claims.get(loa_claim):
        raise InlogGeweigerd("gegevens_ontbreken")
    if not set(_waarden(claims[loa_claim])) & set(loa_waarden):
        raise InlogGeweigerd("niveau_te_laag")
    ruwe_bsn = claims.get(bsn_claim)
    if not ruwe_bsn:
        raise InlogGeweigerd("gegevens_ontbreken")
    if not stdnum_bsn.is_valid(str(ruwe_bsn)):
        raise InlogGeweigerd("bsn_ongeldig")
    return stdnum_bsn.compact(str(ruwe_bsn))


@dataclass(frozen=True)
class MedewerkerClaims:
    sub: str
    naam: str
    email: str | None
    rollen: list[str]


def medewerker(
    claims: Mapping[str, object],
    *,
    rollen_claim: str,
    mfa_vereist: bool,
    mfa_amr: Sequence[str],
) -> MedewerkerClaims:
    """Who the staff member is and which of our roles they hold."""
    sub = claims.get("sub")
    if not sub:
        raise InlogGeweigerd("gegevens_ontbreken")
    if mfa_vereist and not set(_waarden(claims.get("amr"))) & set(mfa_amr):
        raise InlogGeweigerd("mfa_vereist")
    rollen = [rol for rol in _waarden(claims.get(rollen_claim)) if rol in ROLLEN]
    if not rollen:
        raise InlogGeweigerd("geen_rol")
    naam = str(claims.get("name") or claims.get("preferred_username") or sub)
    email = claims.get("email")
    return MedewerkerClaims(
        sub=str(sub), naam=naam, email=str(email) if email else None, rollen=rollen
    )
