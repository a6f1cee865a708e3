"""Bezwaar and klacht: the objection period after a decision, the term UWV has to answer an
objection or a complaint (a promise in the ledger), the one extension the law allows, and
what the person can do when UWV is late (the route of Awb 4:17). The law's numbers are in
``portal.termijnen``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal import termijnen
from portal.models import Bericht, Betaling, Bezwaar, Brief, Dossier, Toezegging
from portal.services import nieuwsbericht, toezeggingen
from portal.services.geld import op_de_dag
from portal.services.levering import Geweigerd, Veldprobleem, weiger
from portal.services.toezeggingen import Beloften, ToezeggingFout, Verschuiving
from portal.tijd import vandaag

BERICHTSOORT = "zaak"
AFGESLOTEN = ("beslist", "ingetrokken")
LOPEND = ("open", "verlopen")  # promise states whose date is still the one that counts


@dataclass(frozen=True)
class Zaakinvoer:
    """An objection or complaint as the back office delivers it."""

    extern_id: str
    soort: str  # bezwaar | klacht
    ontvangen_op: date
    status: str  # in_behandeling | verdaagd | beslist | ingetrokken
    besluit_op: date | None = None
    adviescommissie: bool = False
    verdaging_reden: str | None = None
    beslist_op: date | None = None


def onderwerp(zaak: Bezwaar) -> str:
    return toezeggingen.onderwerp_van(zaak.soort, zaak.id)


def termijn(zaak: Bezwaar, *, verdaagd: bool | None = None) -> date:
    """The last day for UWV's answer, by the law (with the extension once it was used)."""
    verlengd = zaak.verdaagd_op is not None if verdaagd is None else verdaagd
    if zaak.soort == "bezwaar" and zaak.besluit_op is not None:
        return termijnen.beslissen_op_bezwaar_tot(
            zaak.besluit_op, adviescommissie=zaak.adviescommissie, verdaagd=verlengd
        )
    return termijnen.klacht_afhandelen_tot(
        zaak.ontvangen_op, commissie=zaak.adviescommissie, verdaagd=verlengd
    )


def _controleer(invoer: Zaakinvoer, nu: datetime) -> None:
    vandaag_ = vandaag(nu)
    problemen: list[Veldprobleem] = []
    if invoer.ontvangen_op > vandaag_:
        problemen.append(Veldprobleem("ontvangen_op", "in_toekomst"))
    if invoer.soort == "bezwaar":
        if invoer.besluit_op is None:
            problemen.append(Veldprobleem("besluit_op", "besluit_op_nodig"))
        elif invoer.besluit_op > vandaag_:
            problemen.append(Veldprobleem("besluit_op", "in_toekomst"))
        elif invoer.ontvangen_op < invoer.besluit_op:
            problemen.append(Veldprobleem("ontvangen_op", "voor_besluit"))
    if invoer.status == "verdaagd" and not (invoer.verdaging_reden or "").strip():
        problemen.append(Veldprobleem("verdaging_reden", "reden_nodig"))
    if invoer.status == "beslist":
        if invoer.beslist_op is None:
            problemen.append(Veldprobleem("beslist_op", "verplicht"))
        elif invoer.beslist_op > vandaag_:
            problemen.append(Veldprobleem("beslist_op", "in_toekomst"))
        elif invoer.beslist_op < invoer.ontvangen_op:
            problemen.append(Veldprobleem("beslist_op", "voor_ontvangst"))
    if problemen:
        raise Geweigerd(problemen)


def lever(
    session: Session,
    dossier: Dossier,
    invoer: Zaakinvoer,
    *,
    nu: datetime,
    api_client_id: int | None,
) -> tuple[Bezwaar, bool]:
    """Store or update the objection or complaint ``extern_id``: (it, whether it is new).
    Its answer term is promised; an extension moves the promise with the reason the person
    reads; a decision keeps it. Does not commit; ``Geweigerd`` changes nothing."""
    _controleer(invoer, nu)
    zaak = session.scalar(select(Bezwaar).where(Bezwaar.extern_id == invoer.extern_id))
    nieuw = zaak is None
    if zaak is None:
        zaak = Bezwaar(
            burger_id=dossier.burger_id,
            dossier_id=dossier.id,
            extern_id=invoer.extern_id,
            soort=invoer.soort,
            besluit_op=invoer.besluit_op,
            ontvangen_op=invoer.ontvangen_op,
            adviescommissie=invoer.adviescommissie,
            status="in_behandeling",
            aangemaakt_op=nu,
        )
        session.add(zaak)
        session.flush()
        eerste = termijn(zaak, verdaagd=False)
        toezeggingen.beloof(
            session,
            burger_id=zaak.burger_id,
            dossier_id=dossier.id,
            soort=zaak.soort,
            onderwerp=onderwerp(zaak),
            datum=eerste,
            bron="api" if api_client_id else "import",
            nu=nu,
            api_client_id=api_client_id,
            wettelijke_grens=termijn(zaak, verdaagd=True),
        )
        _vertel(session, zaak, "ontvangen", eerste, nu)
    elif zaak.dossier_id != dossier.id:
        raise weiger("extern_id", "ander_dossier", conflict=True)
    elif zaak.soort != invoer.soort:
        raise weiger("soort", "andere_soort", conflict=True)
    elif (zaak.besluit_op, zaak.ontvangen_op, zaak.adviescommissie) != (
        invoer.besluit_op,
        invoer.ontvangen_op,
        invoer.adviescommissie,
    ):
        # The term was promised from these facts; a correction is a case for a person.
        raise weiger("ontvangen_op", "andere_gegevens", conflict=True)
    if zaak.status in AFGESLOTEN:
        if zaak.status == invoer.status:
            return zaak, False
        raise weiger("status", "afgesloten", conflict=True)
    # The one extension, once; said again, it changes nothing.
    if invoer.status == "verdaagd" and zaak.verdaagd_op is None:
        _verdaag(session, zaak, invoer.verdaging_reden or "", nu, api_client_id)
    if invoer.status == "beslist":
        zaak.status, zaak.beslist_op = "beslist", invoer.beslist_op
        assert invoer.beslist_op is not None  # checked above
        # Kept by the day of the decision, not by the day the back office reports it.
        toezeggingen.kom_na(session, onderwerp(zaak), op_de_dag(invoer.beslist_op, nu))
        _vertel(session, zaak, "beslist", invoer.beslist_op or vandaag(nu), nu)
    elif invoer.status == "ingetrokken":
        zaak.status = "ingetrokken"
        # Withdrawn, the answer is no longer owed: also when its day had already passed.
        belofte = toezeggingen.laatste(session, onderwerp(zaak))
        if belofte is not None and belofte.status in LOPEND and belofte.nagekomen_op is None:
            belofte.status, belofte.afgesloten_op, belofte.reden = "vervallen", nu, "ingetrokken"
            belofte.versie += 1
    return zaak, nieuw


def _verdaag(
    session: Session, zaak: Bezwaar, reden: str, nu: datetime, api_client_id: int | None
) -> None:
    """The one extension (Awb 7:10 lid 3, 9:11 lid 2): only within the term, told with its
    reason."""
    if vandaag(nu) > termijn(zaak, verdaagd=False):
        raise weiger("status", "verdaging_te_laat")
    belofte = toezeggingen.laatste(session, onderwerp(zaak))
    assert belofte is not None
    try:
        toezeggingen.verschuif(
            session,
            belofte,
            Verschuiving(termijn(zaak, verdaagd=True), reden, None),
            nu=nu,
            api_client_id=api_client_id,
        )
    except ToezeggingFout as fout:
        raise weiger("verdaging_reden", "reden_nodig") from fout
    zaak.status, zaak.verdaagd_op, zaak.verdaging_reden = "verdaagd", vandaag(nu), reden.strip()


def _vertel(session: Session, zaak: Bezwaar, gebeurtenis: str, datum: date, nu: datetime) -> None:
    bericht = Bericht(
        burger_id=zaak.burger_id,
        soort=BERICHTSOORT,
        gegevens={
            "zaak_id": zaak.id,
            "soort": zaak.soort,
            "gebeurtenis": gebeurtenis,
            "datum": datum.isoformat(),
        },
        aangemaakt_op=nu,
        belangrijk=gebeurtenis == "beslist",
    )
    nieuwsbericht.plaats(
        session,
        bericht,
        notificatiesoort="statuswijziging",
        sleutel=f"zaak:{zaak.id}:{gebeurtenis}",
        nu=nu,
    )


@dataclass(frozen=True)
class Zaakstand:
    """An objection or complaint as the person's page shows it."""

    zaak: Bezwaar
    termijn: date
    belofte: Toezegging | None
    te_laat: bool  # the term passed without an answer: the route of Awb 4:17 applies
    dagen_over: int


@dataclass(frozen=True)
class Bezwaartermijn:
    """The objection period of a decision letter."""

    brief: Brief
    tot: date
    dagen_over: int  # negative once it passed
    bezwaar_gemaakt: bool


def zaken_van(
    session: Session, burger_id: int, nu: datetime, beloften: Beloften | None = None
) -> list[Zaakstand]:
    """The person's objections and complaints, newest first (``beloften``: their ledger, when
    the caller has read it already)."""
    beloften = beloften or toezeggingen.van_burger(session, burger_id)
    uit: list[Zaakstand] = []
    for zaak in session.scalars(
        select(Bezwaar).where(Bezwaar.burger_id == burger_id).order_by(Bezwaar.ontvangen_op.desc())
    ):
        belofte = beloften.get(onderwerp(zaak))
        # The promised day: the law's term, or the day a casemanager set within it.
        einde = belofte.datum if belofte is not None and belofte.status in LOPEND else termijn(zaak)
        te_laat = zaak.status not in AFGESLOTEN and vandaag(nu) > einde
        uit.append(Zaakstand(zaak, einde, belofte, te_laat, (einde - vandaag(nu)).days))
    return uit


def zaak_van(session: Session, burger_id: int, zaak_id: int, nu: datetime) -> Zaakstand | None:
    for stand in zaken_van(session, burger_id, nu):
        if stand.zaak.id == zaak_id:
            return stand
    return None


def bezwaartermijnen(session: Session, burger_id: int, nu: datetime) -> list[Bezwaartermijn]:
    """Every decision letter with its objection period, newest first."""
    gemaakt = set(
        session.scalars(
            select(Bezwaar.besluit_op).where(
                Bezwaar.burger_id == burger_id, Bezwaar.soort == "bezwaar"
            )
        )
    )
    uit: list[Bezwaartermijn] = []
    for brief in session.scalars(
        select(Brief)
        .where(Brief.burger_id == burger_id, Brief.herkomst == "uwv", Brief.soort == "besluit")
        .order_by(Brief.datum.desc(), Brief.id.desc())
    ):
        assert brief.datum is not None  # UWV's letters always carry their date
        tot = termijnen.bezwaar_tot(brief.datum)
        uit.append(Bezwaartermijn(brief, tot, (tot - vandaag(nu)).days, brief.datum in gemaakt))
    return uit


@dataclass(frozen=True)
class Lopende:
    """What runs for the person about money and objections, for Mijn dossier: objection
    periods still open, payments on their way, objections and complaints in progress."""

    termijnen: list[Bezwaartermijn]
    betalingen: list[Betaling]
    zaken: list[Zaakstand]

    def __bool__(self) -> bool:
        return bool(self.termijnen or self.betalingen or self.zaken)


def lopende(
    session: Session, burger_id: int, nu: datetime, beloften: Beloften | None = None
) -> Lopende:
    return Lopende(
        termijnen=[
            t
            for t in bezwaartermijnen(session, burger_id, nu)
            if t.dagen_over >= 0 and not t.bezwaar_gemaakt
        ],
        betalingen=[
            b
            for b in session.scalars(
                select(Betaling)
                .where(Betaling.burger_id == burger_id, Betaling.status == "aangekondigd")
                .order_by(Betaling.verwacht_op)
            )
        ],
        zaken=[
            z
            for z in zaken_van(session, burger_id, nu, beloften)
            if z.zaak.status not in AFGESLOTEN
        ],
    )
