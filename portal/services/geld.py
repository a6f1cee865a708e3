"""Uw geld: the nabetaling and compensatie a decision brings, with the specification per
period, and the payment date as a promise that is watched like every other.

The back office delivers the payment decision (API or import) and later its payment; one
``extern_id`` is one payment, delivered again as it changes (aangekondigd, then betaald).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.models import Bericht, Betaling, Betalingsperiode, Dossier
from portal.services import nieuwsbericht, toezeggingen
from portal.services.levering import Geweigerd, Veldprobleem, weiger
from portal.services.toezeggingen import MAX_JAREN_VOORUIT, ToezeggingFout, Verschuiving
from portal.tijd import vandaag
from portal.toezeggingsoorten import einde_van_dag

BERICHTSOORT = "betaling"


@dataclass(frozen=True)
class Periode:
    van: date
    tot: date
    dagloon_oud: Decimal
    dagloon_nieuw: Decimal
    bedrag: Decimal


@dataclass(frozen=True)
class Betaalbesluit:
    """A payment decision as the back office delivers it."""

    extern_id: str
    traject_soort: str
    besluit_op: date
    nabetaling: Decimal
    compensatie: Decimal
    verwacht_op: date
    status: str  # aangekondigd | betaald
    perioden: tuple[Periode, ...]
    betaald_op: date | None = None
    reden: str | None = None  # why the payment date changes, when it does


def op_de_dag(dag: date, nu: datetime) -> datetime:
    """When something that happened on ``dag`` (Amsterdam) happened at the latest: what a
    promise is judged by when the back office reports it later."""
    return min(nu, einde_van_dag(dag) - timedelta(seconds=1))


def onderwerp(betaling: Betaling) -> str:
    return toezeggingen.onderwerp_van("betaling", betaling.id)


def controleer(besluit: Betaalbesluit, nu: datetime) -> None:
    """Every rule at once; raises ``Geweigerd`` naming each field that breaks one."""
    vandaag_ = vandaag(nu)
    problemen: list[Veldprobleem] = []
    if besluit.besluit_op > vandaag_:
        problemen.append(Veldprobleem("besluit_op", "in_toekomst"))
    if besluit.verwacht_op < besluit.besluit_op:
        problemen.append(Veldprobleem("verwacht_op", "voor_besluit"))
    elif besluit.verwacht_op.year > vandaag_.year + MAX_JAREN_VOORUIT:
        problemen.append(Veldprobleem("verwacht_op", "te_ver"))
    if not besluit.perioden:
        problemen.append(Veldprobleem("perioden", "geen_perioden"))
    vorige: Periode | None = None
    for i, periode in enumerate(besluit.perioden):
        if periode.tot < periode.van:
            problemen.append(Veldprobleem(f"perioden/{i}/tot", "periode_achterstevoren"))
        if vorige is not None and periode.van <= vorige.tot:
            problemen.append(Veldprobleem(f"perioden/{i}/van", "periode_overlapt"))
        if periode.tot > vandaag_:
            problemen.append(Veldprobleem(f"perioden/{i}/tot", "in_toekomst"))
        vorige = periode
    if besluit.perioden and sum(p.bedrag for p in besluit.perioden) != besluit.nabetaling:
        problemen.append(Veldprobleem("nabetaling", "som_klopt_niet"))
    if besluit.status == "betaald":
        if besluit.betaald_op is None:
            problemen.append(Veldprobleem("betaald_op", "betaald_op_nodig"))
        elif besluit.betaald_op > vandaag_:
            problemen.append(Veldprobleem("betaald_op", "in_toekomst"))
    elif besluit.betaald_op is not None:
        problemen.append(Veldprobleem("betaald_op", "betaald_op_te_vroeg"))
    if problemen:
        raise Geweigerd(problemen)


def lever(
    session: Session,
    dossier: Dossier,
    besluit: Betaalbesluit,
    *,
    nu: datetime,
    api_client_id: int | None,
) -> tuple[Betaling, bool]:
    """Store or update the payment ``extern_id``: (the payment, whether it is new). Promises
    the payment date, keeps that promise once paid, and tells the person. Does not commit;
    raises ``Geweigerd`` and changes nothing when a rule is broken."""
    controleer(besluit, nu)
    betaling = session.scalar(
        select(Betaling)
        .where(Betaling.extern_id == besluit.extern_id)
        .options(selectinload(Betaling.perioden))
    )
    nieuw = betaling is None
    if betaling is None:
        betaling = Betaling(
            burger_id=dossier.burger_id,
            dossier_id=dossier.id,
            extern_id=besluit.extern_id,
            aangemaakt_op=nu,
            status="aangekondigd",
            verwacht_op=besluit.verwacht_op,
        )
    elif betaling.dossier_id != dossier.id:
        raise weiger("extern_id", "ander_dossier", conflict=True)
    elif betaling.status == "betaald":
        if _zelfde(betaling, besluit):
            return betaling, False
        raise weiger("status", "al_betaald", conflict=True)
    datum_anders = not nieuw and besluit.verwacht_op != betaling.verwacht_op
    if datum_anders and besluit.status != "betaald" and not (besluit.reden or "").strip():
        raise weiger("reden", "reden_nodig")
    was_status = None if nieuw else betaling.status
    was_totaal = None if nieuw else betaling.totaal
    betaling.traject_soort = besluit.traject_soort
    betaling.besluit_op = besluit.besluit_op
    betaling.nabetaling = besluit.nabetaling
    betaling.compensatie = besluit.compensatie
    betaling.status = besluit.status
    betaling.betaald_op = besluit.betaald_op
    betaling.gewijzigd_op = nu
    betaling.perioden = [
        Betalingsperiode(
            van=p.van, tot=p.tot, dagloon_oud=p.dagloon_oud, dagloon_nieuw=p.dagloon_nieuw,
            bedrag=p.bedrag,
        )
        for p in besluit.perioden
    ]  # fmt: skip
    session.add(betaling)
    session.flush()
    if nieuw:
        toezeggingen.beloof(
            session,
            burger_id=betaling.burger_id,
            dossier_id=dossier.id,
            soort="betaling",
            onderwerp=onderwerp(betaling),
            datum=besluit.verwacht_op,
            bron="api" if api_client_id else "import",
            nu=nu,
            api_client_id=api_client_id,
        )
    elif datum_anders and besluit.status != "betaald":
        _verschuif(session, betaling, besluit, nu, api_client_id)
    betaling.verwacht_op = (
        besluit.verwacht_op if besluit.status != "betaald" else betaling.verwacht_op
    )
    if besluit.status == "betaald" and was_status != "betaald":
        # Kept by the day it was paid, not by the day the back office says so.
        assert besluit.betaald_op is not None
        toezeggingen.kom_na(session, onderwerp(betaling), op_de_dag(besluit.betaald_op, nu))
        _vertel(session, betaling, "betaald", nu)
    elif nieuw or betaling.totaal != was_totaal:
        _vertel(session, betaling, "aangekondigd", nu)  # a new amount is news too
    return betaling, nieuw


def _zelfde(betaling: Betaling, besluit: Betaalbesluit) -> bool:
    """Whether a paid payment is delivered again unchanged (a changed one is refused)."""
    perioden = [(p.van, p.tot, p.dagloon_oud, p.dagloon_nieuw, p.bedrag) for p in betaling.perioden]
    return (
        betaling.nabetaling, betaling.compensatie, betaling.betaald_op, betaling.besluit_op,
        betaling.traject_soort, perioden,
    ) == (
        besluit.nabetaling, besluit.compensatie, besluit.betaald_op, besluit.besluit_op,
        besluit.traject_soort,
        [(p.van, p.tot, p.dagloon_oud, p.dagloon_nieuw, p.bedrag) for p in besluit.perioden],
    )  # fmt: skip


def _verschuif(
    session: Session,
    betaling: Betaling,
    besluit: Betaalbesluit,
    nu: datetime,
    api_client_id: int | None,
) -> None:
    belofte = toezeggingen.laatste(session, onderwerp(betaling))
    if belofte is None:
        return
    try:
        toezeggingen.verschuif(
            session,
            belofte,
            Verschuiving(besluit.verwacht_op, besluit.reden, None),
            nu=nu,
            api_client_id=api_client_id,
        )
    except ToezeggingFout as fout:
        raise weiger("verwacht_op" if fout.veld != "reden" else "reden", _code(fout)) from fout


def _code(fout: ToezeggingFout) -> str:
    return {"in_verleden": "voor_besluit", "reden_nodig": "reden_nodig"}.get(
        fout.reden, "verplicht"
    )


def _vertel(session: Session, betaling: Betaling, gebeurtenis: str, nu: datetime) -> None:
    """The amount and date are in the portal message only; the SMS or e-mail says that there
    is news, never how much."""
    bericht = Bericht(
        burger_id=betaling.burger_id,
        soort=BERICHTSOORT,
        gegevens={
            "betaling_id": betaling.id,
            "gebeurtenis": gebeurtenis,
            "totaal": str(betaling.totaal),
            "datum": (betaling.betaald_op or betaling.verwacht_op).isoformat(),
        },
        aangemaakt_op=nu,
        belangrijk=gebeurtenis == "aangekondigd",
    )
    # No amount in the SMS or e-mail: only that there is news.
    nieuwsbericht.plaats(
        session,
        bericht,
        notificatiesoort="statuswijziging",
        sleutel=f"betaling:{betaling.id}:{gebeurtenis}:{betaling.totaal}",
        nu=nu,
    )


def van_burger(session: Session, burger_id: int) -> list[Betaling]:
    """The person's payments, newest decision first, with their periods."""
    return list(
        session.scalars(
            select(Betaling)
            .where(Betaling.burger_id == burger_id)
            .options(selectinload(Betaling.perioden))
            .order_by(Betaling.besluit_op.desc(), Betaling.id.desc())
        )
    )


def betaling_van(session: Session, burger_id: int, betaling_id: int) -> Betaling | None:
    return session.scalar(
        select(Betaling)
        .where(Betaling.id == betaling_id, Betaling.burger_id == burger_id)
        .options(selectinload(Betaling.perioden))
    )
