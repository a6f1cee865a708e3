"""The dagloon figures UWV used: accepting them from the back-office, and explaining them.

The back-office is the source of the figures; this module checks that what it delivers can
be explained to the person (amounts not negative, months inside the reference period, a
number of days to divide by) and turns them into the steps the dagloon page shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from flask_babel import LazyString
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Dagloonberekening, Dossier, Traject
from portal.vertalen import lazy_gettext as _l

CENT = Decimal("0.01")


class DagloonFout(ValueError):
    """The figures cannot be accepted; ``fouten`` maps each field to what is wrong with it."""

    def __init__(self, fouten: dict[str, LazyString]) -> None:
        super().__init__(", ".join(f"{veld}: {tekst}" for veld, tekst in fouten.items()))
        self.fouten = fouten


def _bedrag(waarde: object) -> Decimal | None:
    """A non-negative amount in whole cents, or None when it is not one."""
    if isinstance(waarde, float | bool):
        return None  # floats lose cents; a bool is not an amount
    try:
        bedrag = Decimal(str(waarde).strip())
    except (InvalidOperation, ValueError):
        return None
    if not bedrag.is_finite() or bedrag < 0 or bedrag != bedrag.quantize(CENT):
        return None
    return bedrag.quantize(CENT)


def _maand(waarde: object) -> date | None:
    try:
        return datetime.strptime(str(waarde), "%Y-%m").date()
    except ValueError:
        return None


def _laatste_dag(maand: date) -> date:
    volgende = date(maand.year + maand.month // 12, maand.month % 12 + 1, 1)
    return date.fromordinal(volgende.toordinal() - 1)


def _controleer(
    *,
    van: date,
    tot: date,
    maanden: Iterable[Mapping[str, Any]],
    dagen: object,
    maximum_dagloon: object,
    dagloon: object,
) -> tuple[list[dict[str, str]], Decimal | None, Decimal | None, dict[str, LazyString]]:
    fouten: dict[str, LazyString] = {}
    if van > tot:
        fouten["referteperiode"] = _l("De referteperiode begint na het einde.")
    regels: list[dict[str, str]] = []
    gezien: set[date] = set()
    for regel in maanden:
        maand = _maand(regel.get("maand"))
        loon = _bedrag(regel.get("loon"))
        if maand is None:
            fouten["maanden"] = _l("Een maand is geen geldige maand (jjjj-mm).")
        elif maand in gezien:
            fouten["maanden"] = _l("Een maand staat er twee keer in.")
        elif _laatste_dag(maand) < van or maand > tot:
            fouten["maanden"] = _l("Een maand valt buiten de referteperiode.")
        elif loon is None:
            fouten["maanden"] = _l("Een loon is geen bedrag of is lager dan nul.")
        else:
            gezien.add(maand)
            regels.append({"maand": maand.strftime("%Y-%m"), "loon": str(loon)})
    if not regels and "maanden" not in fouten:
        fouten["maanden"] = _l("Er is geen loon per maand.")
    if isinstance(dagen, bool) or not isinstance(dagen, int) or dagen <= 0:
        fouten["dagen"] = _l("Het aantal dagen moet groter zijn dan nul.")
    maximum = _bedrag(maximum_dagloon)
    if maximum is None or maximum == 0:
        fouten["maximum_dagloon"] = _l("Het maximum dagloon moet een bedrag boven nul zijn.")
    uitkomst = _bedrag(dagloon)
    if uitkomst is None:
        fouten["dagloon"] = _l("Het dagloon is geen bedrag of is lager dan nul.")
    regels.sort(key=lambda r: r["maand"])
    return regels, maximum, uitkomst, fouten


def lever_aan(
    session: Session,
    dossier: Dossier,
    *,
    referteperiode_van: date,
    referteperiode_tot: date,
    maanden: Iterable[Mapping[str, Any]],
    dagen: int,
    maximum_dagloon: Decimal | str,
    dagloon: Decimal | str,
    nu: datetime,
    bron: str = "polisadministratie",
) -> Dagloonberekening:
    """Store the figures the back-office used for this dossier's dagloon, and commit.

    Raises DagloonFout, with nothing saved, when the figures cannot be explained. The
    delivered ``dagloon`` is stored as given: whether it was computed correctly is exactly
    what the herstelactie checks, so it is not recomputed here.
    """
    regels, maximum, uitkomst, fouten = _controleer(
        van=referteperiode_van,
        tot=referteperiode_tot,
        maanden=list(maanden),
        dagen=dagen,
        maximum_dagloon=maximum_dagloon,
        dagloon=dagloon,
    )
    if fouten:
        raise DagloonFout(fouten)
    assert maximum is not None and uitkomst is not None
    berekening = Dagloonberekening(
        dossier_id=dossier.id,
        referteperiode_van=referteperiode_van,
        referteperiode_tot=referteperiode_tot,
        maanden=regels,
        dagen=dagen,
        maximum_dagloon=maximum,
        dagloon=uitkomst,
        bron=bron,
        aangeleverd_op=nu,
    )
    session.add(berekening)
    session.commit()
    return berekening


def laatste_voor(session: Session, dossier_id: int) -> Dagloonberekening | None:
    """The most recently delivered figures for a dossier, or None."""
    return session.scalar(
        select(Dagloonberekening)
        .where(Dagloonberekening.dossier_id == dossier_id)
        .order_by(Dagloonberekening.aangeleverd_op.desc(), Dagloonberekening.id.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class Maandloon:
    maand: date
    loon: Decimal
    deel: Decimal  # share of the highest month, 0..100, for the chart


@dataclass(frozen=True)
class Uitleg:
    """The steps from wages to dagloon, in the order the page tells them."""

    berekening: Dagloonberekening
    maanden: list[Maandloon]
    totaal: Decimal
    per_dag: Decimal  # total wages divided by the days, before the maximum
    maximum: Decimal
    dagloon: Decimal

    @property
    def begrensd(self) -> bool:
        """The wages per day were above the maximum, so the maximum applied."""
        return self.per_dag > self.maximum

    @property
    def wijkt_af(self) -> bool:
        """The delivered dagloon is not what the steps on the page add up to."""
        return self.dagloon != min(self.per_dag, self.maximum)

    def deel(self, bedrag: Decimal) -> Decimal:
        """``bedrag`` as a share of the largest of per_dag, maximum and dagloon (0..100)."""
        hoogste = max(self.per_dag, self.maximum, self.dagloon)
        return _deel(bedrag, hoogste)


def _deel(bedrag: Decimal, hoogste: Decimal) -> Decimal:
    if hoogste <= 0:
        return Decimal(0)
    return (bedrag * 100 / hoogste).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def uitleg(berekening: Dagloonberekening) -> Uitleg:
    lonen = [(_maand(r["maand"]), Decimal(r["loon"])) for r in berekening.maanden]
    hoogste = max((loon for _, loon in lonen), default=Decimal(0))
    totaal = sum((loon for _, loon in lonen), Decimal(0))
    return Uitleg(
        berekening=berekening,
        maanden=[
            Maandloon(maand=maand, loon=loon, deel=_deel(loon, hoogste))
            for maand, loon in lonen
            if maand is not None
        ],
        totaal=totaal,
        per_dag=(totaal / berekening.dagen).quantize(CENT, rounding=ROUND_HALF_UP),
        maximum=Decimal(berekening.maximum_dagloon),
        dagloon=Decimal(berekening.dagloon),
    )


# --- demo figures ---------------------------------------------------------------------------

MAXIMUM_DAGLOON_2024 = Decimal("290.67")
_DEMO_PATROON = (1.0, 1.0, 1.01, 1.0, 1.09, 1.0, 0.52, 1.0, 1.02, 1.0, 1.0, 1.03)  # May: holiday
# allowance; July: a month of unpaid leave


def seed_demo(session: Session, vandaag: date) -> int:
    """Give every demo dossier with a dagloon traject the figures UWV used (caller commits).

    Wages of about € 2.800 to € 3.400 a month with a dip; the fifth dossier earned more, so
    the maximum dagloon applies there and the page shows that case too.
    """
    dossiers = session.scalars(
        select(Dossier)
        .join(Traject)
        .where(Traject.soort == "dagloon")
        .where(~Dossier.id.in_(select(Dagloonberekening.dossier_id)))
        .order_by(Dossier.id)
    ).all()
    jaar = vandaag.year - 2  # the year before the first day of illness
    for nummer, dossier in enumerate(dossiers):
        basis = Decimal(7450) if nummer == 4 else Decimal(2800 + (nummer * 137) % 600)
        maanden = [
            {
                "maand": f"{jaar}-{maand:02d}",
                "loon": str((basis * Decimal(str(factor))).quantize(CENT)),
            }
            for maand, factor in enumerate(_DEMO_PATROON, start=1)
        ]
        totaal = sum((Decimal(m["loon"]) for m in maanden), Decimal(0))
        session.add(
            Dagloonberekening(
                dossier_id=dossier.id,
                referteperiode_van=date(jaar, 1, 1),
                referteperiode_tot=date(jaar, 12, 31),
                maanden=maanden,
                dagen=261,
                maximum_dagloon=MAXIMUM_DAGLOON_2024,
                dagloon=min((totaal / 261).quantize(CENT, ROUND_HALF_UP), MAXIMUM_DAGLOON_2024),
                bron="polisadministratie",
            )
        )
    session.flush()
    return len(dossiers)
