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


def claim(claims: Mapping[str, object], naam: str) -> object:
    """A claim by name; a dotted name is also looked up as a path (``aanvrager.bsn`` as a
    key, or as ``{"aanvrager": {"bsn": ...}}``): brokers pass mandate claims either way."""
    if naam in claims:
        return claims[naam]
    waarde: object = claims
    for deel in naam.split("."):
        if not isinstance(waarde, Mapping) or deel not in waarde:
            return None
        waarde = waarde[deel]
    return waarde


def _niveau(claims: Mapping[str, object], loa_claim: str, loa_waarden: Sequence[str]) -> None:
    if not claims.get(loa_claim):
        raise InlogGeweigerd("gegevens_ontbreken")
    if not set(_waarden(claims[loa_claim])) & set(loa_waarden):
        raise InlogGeweigerd("niveau_te_laag")


def _bsn(ruwe_bsn: object) -> str:
    if not ruwe_bsn:
        raise InlogGeweigerd("gegevens_ontbreken")
    if not stdnum_bsn.is_valid(str(ruwe_bsn)):
        raise InlogGeweigerd("bsn_ongeldig")
    return stdnum_bsn.compact(str(ruwe_bsn))


def burger_bsn(
    claims: Mapping[str, object], *, bsn_claim: str, loa_claim: str, loa_waarden: Sequence[str]
) -> str:
    """The BSN from a DigiD login, if the login was strong enough and the BSN is valid."""
    _niveau(claims, loa_claim, loa_waarden)
    return _bsn(claims.get(bsn_claim))


# The kinds of legal representation DigiD Machtigen passes on; anything else is a mandate.
WETTELIJKE_SOORTEN = ("bewindvoering", "curatele", "mentorschap")


@dataclass(frozen=True)
class MachtigingClaims:
    """A DigiD Machtigen login: who sits at the keys, for whom, for which service."""

    vertegenwoordiger_bsn: str
    vertegenwoordigde_bsn: str
    dienst: str
    soort: str  # "machtiging", or one of WETTELIJKE_SOORTEN
    naam: str | None


def machtiging(
    claims: Mapping[str, object],
    *,
    vertegenwoordigde_claim: str,
    vertegenwoordiger_claim: str,
    dienst_claim: str,
    diensten: Sequence[str],
    soort_claim: str,
    loa_claim: str,
    loa_waarden: Sequence[str],
) -> MachtigingClaims | None:
    """The mandate of a DigiD Machtigen login; None for a login for oneself."""
    vertegenwoordigde = claim(claims, vertegenwoordigde_claim)
    if vertegenwoordigde is None:
        return None
    _niveau(claims, loa_claim, loa_waarden)
    vertegenwoordigde_bsn = _bsn(vertegenwoordigde)
    vertegenwoordiger_bsn = _bsn(claim(claims, vertegenwoordiger_claim))
    if vertegenwoordiger_bsn == vertegenwoordigde_bsn:
        raise InlogGeweigerd("gegevens_ontbreken")
    # A mandate is for one service: one given for the tax return does not open the benefit.
    dienst = claim(claims, dienst_claim)
    if not isinstance(dienst, str) or dienst not in diensten:
        raise InlogGeweigerd("andere_dienst")
    soort = claim(claims, soort_claim)
    naam = claim(claims, "name")
    return MachtigingClaims(
        vertegenwoordiger_bsn=vertegenwoordiger_bsn,
        vertegenwoordigde_bsn=vertegenwoordigde_bsn,
        dienst=dienst,
        soort=soort if isinstance(soort, str) and soort in WETTELIJKE_SOORTEN else "machtiging",
        naam=naam[:200] if isinstance(naam, str) and naam.strip() else None,
    )


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
