"""The figures of a pilot's results page and its CSV export: completion per task, time on
task, validation errors, the routes taken, and the SUS per participant with its band. Only
reads; participants appear as numbers in the order they joined, never as a persona."""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Deelnemer, Pilot, Taakpoging
from portal.services import sus
from portal.tijd import AMSTERDAM

AANTAL_ROUTES = 5


@dataclass(frozen=True)
class Spreiding:
    minimum: float
    kwartiel1: float
    mediaan: float
    kwartiel3: float
    maximum: float


def spreiding(waarden: Sequence[float]) -> Spreiding | None:
    """Five-number summary; quartiles by the inclusive method (as spreadsheets compute them)."""
    if not waarden:
        return None
    rij = sorted(waarden)
    if len(rij) == 1:
        return Spreiding(*(rij[0],) * 5)
    q1, mediaan, q3 = statistics.quantiles(rij, n=4, method="inclusive")
    return Spreiding(rij[0], q1, mediaan, q3, rij[-1])


_GETAL = re.compile(r"/\d+(?=/|$)")


def route(paginas: Sequence[str]) -> tuple[str, ...]:
    """The way taken: ids folded (each persona has their own message numbers), a reload or
    a return from the task bar counted once."""
    stappen: list[str] = []
    for pad in paginas:
        pad = _GETAL.sub("/{id}", pad)
        if not stappen or stappen[-1] != pad:
            stappen.append(pad)
    return tuple(stappen)


@dataclass(frozen=True)
class Taakcijfers:
    volgorde: int
    omschrijving: str
    gestart: int
    klaar: int
    opgegeven: int
    tijden: Spreiding | None  # seconds, attempts that ended with "klaar" only
    fouten: int
    routes: list[tuple[tuple[str, ...], int]]

    @property
    def percentage(self) -> float | None:
        return 100 * self.klaar / self.gestart if self.gestart else None


@dataclass(frozen=True)
class Deelnemercijfers:
    nummer: int
    taal: str
    sus_score: float | None
    oordeel: sus.Oordeel | None
    open_antwoord: str | None


@dataclass(frozen=True)
class Resultaten:
    taken: list[Taakcijfers]
    deelnemers: list[Deelnemercijfers]
    sus_gemiddelde: float | None
    sus_oordeel: sus.Oordeel | None


def _seconden(poging: Taakpoging) -> float | None:
    if poging.geeindigd_op is None:
        return None
    return (poging.geeindigd_op - poging.begonnen_op).total_seconds()


def _deelnemers_en_pogingen(
    session: Session, pilot: Pilot
) -> tuple[list[Deelnemer], list[Taakpoging]]:
    deelnemers = list(
        session.scalars(
            select(Deelnemer).where(Deelnemer.pilot_id == pilot.id).order_by(Deelnemer.id)
        )
    )
    pogingen = list(
        session.scalars(
            select(Taakpoging)
            .where(Taakpoging.deelnemer_id.in_([d.id for d in deelnemers]))
            .order_by(Taakpoging.deelnemer_id, Taakpoging.id)
        )
    )
    return deelnemers, pogingen


def resultaten(session: Session, pilot: Pilot) -> Resultaten:
    deelnemers, pogingen = _deelnemers_en_pogingen(session, pilot)
    taken = []
    for taak in pilot.taken:
        eigen = [p for p in pogingen if p.taak_id == taak.id]
        klaar = [p for p in eigen if p.uitkomst == "klaar"]
        routes = Counter(route(p.paginas or []) for p in eigen if p.geeindigd_op and p.paginas)
        taken.append(
            Taakcijfers(
                volgorde=taak.volgorde,
                omschrijving=taak.omschrijving,
                gestart=len(eigen),
                klaar=len(klaar),
                opgegeven=sum(p.uitkomst == "opgegeven" for p in eigen),
                tijden=spreiding([s for p in klaar if (s := _seconden(p)) is not None]),
                fouten=sum(p.fouten or 0 for p in eigen),
                routes=routes.most_common(AANTAL_ROUTES),
            )
        )
    rijen = [
        Deelnemercijfers(
            nummer=nummer,
            taal=d.taal,
            sus_score=d.sus_score,
            oordeel=sus.oordeel(d.sus_score) if d.sus_score is not None else None,
            open_antwoord=d.open_antwoord,
        )
        for nummer, d in enumerate(deelnemers, start=1)
    ]
    scores = [r.sus_score for r in rijen if r.sus_score is not None]
    gemiddelde = statistics.fmean(scores) if scores else None
    return Resultaten(
        taken=taken,
        deelnemers=rijen,
        sus_gemiddelde=gemiddelde,
        sus_oordeel=sus.oordeel(gemiddelde) if gemiddelde is not None else None,
    )


def _cel(waarde: object) -> str:
    """Free text from participants must not become a formula in a spreadsheet."""
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst


def _tijd(moment: datetime | None) -> str:
    return moment.astimezone(AMSTERDAM).isoformat(timespec="seconds") if moment else ""


CSV_KOPPEN = [
    "soort", "deelnemer", "taal", "taak", "omschrijving", "uitkomst", "begonnen_op",
    "geeindigd_op", "seconden", "fouten", "paginas", "sus_score", "sus_oordeel",
    "sus_antwoorden", "open_antwoord",
]  # fmt: skip


def csv_van(session: Session, pilot: Pilot) -> str:
    """One row per task attempt and one per finished questionnaire. Anonymous: participants
    are numbered in the order they joined; the persona used is left out."""
    deelnemers, pogingen = _deelnemers_en_pogingen(session, pilot)
    nummers = {d.id: n for n, d in enumerate(deelnemers, start=1)}
    talen = {d.id: d.taal for d in deelnemers}
    taken = {t.id: t for t in pilot.taken}
    uit = io.StringIO()
    schrijver = csv.writer(uit)
    schrijver.writerow(CSV_KOPPEN)
    for p in pogingen:
        taak = taken.get(p.taak_id)
        seconden = _seconden(p)
        schrijver.writerow(
            _cel(w)
            for w in (
                "taakpoging", nummers[p.deelnemer_id], talen[p.deelnemer_id],
                taak.volgorde if taak else "", taak.omschrijving if taak else "",
                p.uitkomst or "bezig", _tijd(p.begonnen_op), _tijd(p.geeindigd_op),
                f"{seconden:.0f}" if seconden is not None else "", p.fouten or 0,
                " ".join(p.paginas or []), "", "", "", "",
            )
        )  # fmt: skip
    for d in deelnemers:
        if d.sus_score is None:
            continue
        schrijver.writerow(
            _cel(w)
            for w in (
                "sus", nummers[d.id], d.taal, "", "", "", _tijd(d.begonnen_op),
                _tijd(d.afgerond_op), "", "", "", f"{d.sus_score:g}",
                sus.oordeel(d.sus_score).code, " ".join(map(str, d.sus_antwoorden or [])),
                d.open_antwoord,
            )
        )  # fmt: skip
    return uit.getvalue()
