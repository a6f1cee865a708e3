"""Usability pilots of the cliëntenraad: the pilot and its tasks, anonymous participants on
a demo persona, what happened per task, and the SUS. The figures of the results page are in
``portal.pilot.uitslag``.

Pilots run on demo data only (the pilot blueprint exists only in demo mode). A participant
has no name and no account: a random token in their browser session, its hash here.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Protocol, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.invoer import MAX_ID
from portal.models import Burger, Deelnemer, Dossier, Pilot, Pilottaak, Taakpoging
from portal.services import feedback, sus

# No 0/O, 1/I: a code read aloud or from a projector must not be mistyped.
ALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTE = 6
MAX_CODE = 12  # the column's size; a longer text is no code at all
MAX_NAAM = 200
MAX_TAKEN = 10
MAX_TAAK = 300
MAX_OPEN_VRAAG = 500
MAX_OPEN_ANTWOORD = 2000
MAX_PAGINAS = 200  # per attempt: a participant clicking around for an hour stays bounded
AANTAL_PERSONAS = 20  # the persona picker's first 20 dossiers
STANDAARD_OPEN_VRAAG = "Wat zou u willen verbeteren?"  # shown translated when unchanged
UITKOMSTEN = ("klaar", "opgegeven")
GELDIGE_ANTWOORDEN = {str(waarde) for waarde in range(sus.LAAGSTE, sus.HOOGSTE + 1)}

_T = TypeVar("_T")


class Kiezer(Protocol):
    """Picks one of the choices, as ``secrets.choice`` does; a test passes a predictable one."""

    def __call__(self, keuzes: Sequence[_T], /) -> _T: ...


class PilotFout(Exception):
    """Input that cannot be accepted: a reason code per field, nothing saved."""

    def __init__(self, fouten: dict[str, str], **details: object) -> None:
        super().__init__(", ".join(f"{veld}: {reden}" for veld, reden in fouten.items()))
        self.fouten = fouten
        self.details = details  # what the message needs, such as the first day of a pilot


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normaliseer_code(tekst: str | None) -> str:
    """People type codes in any case and with spaces ("k7p 2qx")."""
    return "".join((tekst or "").split()).upper()


def nieuwe_code(session: Session, *, kies: Kiezer = secrets.choice) -> str:
    """A code no other pilot has; 32^6 codes make a second try rare."""
    for _ in range(50):
        code = "".join(str(kies(ALFABET)) for _ in range(CODE_LENGTE))
        if session.scalar(select(Pilot.id).where(Pilot.code == code)) is None:
            return code
    raise RuntimeError("No free pilot code found")


def lees_taken(tekst: str | None) -> list[str]:
    """One task per line; empty lines and surrounding spaces do not count."""
    return [regel.strip() for regel in (tekst or "").splitlines() if regel.strip()]


def persona_keuzes(session: Session) -> list[tuple[int, str]]:
    """The demo burgers a pilot can use: the same ones the persona picker offers."""
    rijen = session.execute(
        select(Burger, Dossier.kenmerk)
        .join(Dossier, Dossier.burger_id == Burger.id)
        .order_by(Dossier.id)
        .limit(AANTAL_PERSONAS)
    ).all()
    return [(burger.id, f"{burger.naam} ({kenmerk})") for burger, kenmerk in rijen]


def controleer_pilot(
    session: Session,
    *,
    naam: str | None,
    begint_op: date | None,
    eindigt_op: date | None,
    taken: Sequence[str],
    personas: Sequence[int],
    open_vraag: str | None,
    vandaag: date,
) -> dict[str, str]:
    """Every problem at once, as a reason code per field; an empty dict when all is well."""
    fouten: dict[str, str] = {}
    naam = (naam or "").strip()
    if not naam:
        fouten["naam"] = "leeg"
    elif len(naam) > MAX_NAAM:
        fouten["naam"] = "te_lang"
    if begint_op is None:
        fouten["begint_op"] = "leeg"
    if eindigt_op is None:
        fouten["eindigt_op"] = "leeg"
    elif begint_op is not None and eindigt_op < begint_op:
        fouten["eindigt_op"] = "voor_begin"
    elif eindigt_op < vandaag:
        fouten["eindigt_op"] = "voorbij"
    taken = [t.strip() for t in taken if t and t.strip()]
    if not taken:
        fouten["taken"] = "leeg"
    elif len(taken) > MAX_TAKEN:
        fouten["taken"] = "te_veel"
    elif any(len(t) > MAX_TAAK for t in taken):
        fouten["taken"] = "te_lang"
    gekozen = list(dict.fromkeys(personas))
    geldig = [p for p in gekozen if 0 < p <= MAX_ID]
    bestaand = set(session.scalars(select(Burger.id).where(Burger.id.in_(geldig))))
    if not gekozen:
        fouten["personas"] = "leeg"
    elif bestaand != set(gekozen):
        fouten["personas"] = "onbekend"
    open_vraag = (open_vraag or "").strip() or None
    if open_vraag and len(open_vraag) > MAX_OPEN_VRAAG:
        fouten["open_vraag"] = "te_lang"
    return fouten


def maak_pilot(
    session: Session,
    *,
    naam: str | None,
    begint_op: date | None,
    eindigt_op: date | None,
    taken: Sequence[str],
    personas: Sequence[int],
    open_vraag: str | None,
    medewerker_id: int | None,
    vandaag: date,
    kies: Kiezer = secrets.choice,
) -> Pilot:
    """The pilot, its tasks and a fresh code in one transaction, or nothing at all."""
    fouten = controleer_pilot(
        session,
        naam=naam,
        begint_op=begint_op,
        eindigt_op=eindigt_op,
        taken=taken,
        personas=personas,
        open_vraag=open_vraag,
        vandaag=vandaag,
    )
    if fouten:
        raise PilotFout(fouten)
    assert begint_op is not None and eindigt_op is not None
    pilot = Pilot(
        naam=(naam or "").strip(),
        code=nieuwe_code(session, kies=kies),
        begint_op=begint_op,
        eindigt_op=eindigt_op,
        personas=list(dict.fromkeys(personas)),
        open_vraag=(open_vraag or "").strip() or None,
        medewerker_id=medewerker_id,
    )
    taken = [t.strip() for t in taken if t and t.strip()]
    pilot.taken = [
        Pilottaak(volgorde=volgorde, omschrijving=omschrijving)
        for volgorde, omschrijving in enumerate(taken, start=1)
    ]
    session.add(pilot)
    session.commit()
    return pilot


@dataclass(frozen=True)
class Pilotregel:
    pilot: Pilot
    deelnemers: int
    afgerond: int


def overzicht(session: Session) -> list[Pilotregel]:
    """Every pilot, newest first, with how many joined and how many finished."""
    tellingen = {
        pilot_id: (totaal, afgerond)
        for pilot_id, totaal, afgerond in session.execute(
            select(
                Deelnemer.pilot_id,
                func.count(Deelnemer.id),
                func.count(Deelnemer.afgerond_op),
            ).group_by(Deelnemer.pilot_id)
        )
    }
    pilots = session.scalars(select(Pilot).order_by(Pilot.begint_op.desc(), Pilot.id.desc()))
    return [Pilotregel(p, *tellingen.get(p.id, (0, 0))) for p in pilots]


def doe_mee(
    session: Session,
    code: str | None,
    *,
    taal: str,
    vandaag: date,
    nu: datetime,
    kies: Kiezer = secrets.choice,
) -> tuple[Deelnemer, str]:
    """A new participant on a random persona of the pilot, with the first task running.
    Returns the participant and the token for the browser session (only its hash is kept)."""
    code = normaliseer_code(code)
    if not code:
        raise PilotFout({"code": "leeg"})
    pilot = None
    if len(code) <= MAX_CODE:
        pilot = session.scalar(select(Pilot).where(Pilot.code == code))
    if pilot is None:
        raise PilotFout({"code": "onbekend"})
    if vandaag < pilot.begint_op:
        raise PilotFout({"code": "nog_niet"}, datum=pilot.begint_op)
    if vandaag > pilot.eindigt_op:
        raise PilotFout({"code": "voorbij"}, datum=pilot.eindigt_op)
    personas = list(session.scalars(select(Burger.id).where(Burger.id.in_(pilot.personas or []))))
    if not personas or not pilot.taken:
        raise PilotFout({"code": "niet_klaar"})
    token = secrets.token_urlsafe(32)
    deelnemer = Deelnemer(
        pilot_id=pilot.id,
        token_hash=_hash(token),
        burger_id=int(kies(sorted(personas))),
        taal=taal,
        begonnen_op=nu,
    )
    session.add(deelnemer)
    session.flush()
    session.add(Taakpoging(deelnemer_id=deelnemer.id, taak_id=pilot.taken[0].id, begonnen_op=nu))
    session.commit()
    return deelnemer, token


@dataclass(frozen=True)
class Stand:
    """Where a participant is: the running task, or all tasks done (then: the SUS)."""

    deelnemer_id: int
    burger_id: int
    open_vraag: str | None
    nummer: int
    totaal: int
    taak_id: int | None = None
    omschrijving: str | None = None
    poging_id: int | None = None

    @property
    def taken_klaar(self) -> bool:
        return self.taak_id is None


def stand(session: Session, token: str) -> Stand | None:
    """The participant behind a session token, while their participation runs."""
    deelnemer = session.scalar(
        select(Deelnemer).where(
            Deelnemer.token_hash == _hash(token), Deelnemer.afgerond_op.is_(None)
        )
    )
    if deelnemer is None:
        return None
    pilot = session.get(Pilot, deelnemer.pilot_id)
    assert pilot is not None
    poging = session.scalar(
        select(Taakpoging)
        .where(Taakpoging.deelnemer_id == deelnemer.id, Taakpoging.geeindigd_op.is_(None))
        .order_by(Taakpoging.id.desc())
        .limit(1)
    )
    klaar = Stand(
        deelnemer_id=deelnemer.id,
        burger_id=deelnemer.burger_id,
        open_vraag=pilot.open_vraag,
        nummer=len(pilot.taken),
        totaal=len(pilot.taken),
    )
    taak = next((t for t in pilot.taken if poging and t.id == poging.taak_id), None)
    if poging is None or taak is None:
        return klaar
    return replace(
        klaar,
        nummer=pilot.taken.index(taak) + 1,
        taak_id=taak.id,
        omschrijving=taak.omschrijving,
        poging_id=poging.id,
    )


def eindig_taak(
    session: Session, deelnemer_id: int, taak_id: int, uitkomst: str, *, nu: datetime
) -> None:
    """End the running attempt and start the next task. A second click on the same button
    (the task already ended) changes nothing: ``taak_id`` names the task the person saw."""
    if uitkomst not in UITKOMSTEN:
        raise PilotFout({"uitkomst": "onbekend"})
    poging = session.scalar(
        select(Taakpoging).where(
            Taakpoging.deelnemer_id == deelnemer_id, Taakpoging.geeindigd_op.is_(None)
        )
    )
    if poging is None or poging.taak_id != taak_id:
        return
    poging.geeindigd_op, poging.uitkomst = nu, uitkomst
    taak = session.get(Pilottaak, taak_id)
    assert taak is not None
    volgende = session.scalar(
        select(Pilottaak)
        .where(Pilottaak.pilot_id == taak.pilot_id, Pilottaak.volgorde > taak.volgorde)
        .order_by(Pilottaak.volgorde)
        .limit(1)
    )
    if volgende is not None:
        session.add(Taakpoging(deelnemer_id=deelnemer_id, taak_id=volgende.id, begonnen_op=nu))
    session.commit()


def noteer(session: Session, poging_id: int, *, pad: str | None = None, fout: bool = False) -> None:
    """Add a page visited or a validation error met to a running attempt."""
    poging = session.get(Taakpoging, poging_id)
    if poging is None or poging.geeindigd_op is not None:
        return
    if pad and len(poging.paginas or []) < MAX_PAGINAS:
        poging.paginas = [*(poging.paginas or []), pad]  # a new list: JSON is not tracked
    if fout:
        poging.fouten = (poging.fouten or 0) + 1
    session.commit()


def sla_sus_op(
    session: Session,
    deelnemer_id: int,
    antwoorden: Sequence[str | int | None],
    open_antwoord: str | None,
    *,
    nu: datetime,
) -> float:
    """Store the questionnaire and end the participation; every missing answer is named."""
    fouten: dict[str, str] = {}
    getallen: list[int] = []
    for nummer in range(1, sus.AANTAL + 1):
        antwoord = antwoorden[nummer - 1] if nummer <= len(antwoorden) else None
        tekst = str(antwoord).strip() if antwoord is not None else ""
        if tekst in GELDIGE_ANTWOORDEN:
            getallen.append(int(tekst))
        else:
            fouten[f"v{nummer}"] = "leeg"
    open_antwoord = (open_antwoord or "").strip() or None
    if open_antwoord and len(open_antwoord) > MAX_OPEN_ANTWOORD:
        fouten["open_antwoord"] = "te_lang"
    if fouten:
        raise PilotFout(fouten)
    deelnemer = session.get(Deelnemer, deelnemer_id)
    assert deelnemer is not None
    deelnemer.sus_antwoorden = getallen
    deelnemer.sus_score = sus.score(getallen)
    # Masked before it is stored, as page feedback is: a phone number, e-mail address or
    # BSN typed here must not reach the results page or the CSV.
    deelnemer.open_antwoord = feedback.maskeer(open_antwoord) if open_antwoord else None
    deelnemer.afgerond_op = nu
    session.commit()
    return deelnemer.sus_score
