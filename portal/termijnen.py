"""The legal terms around a decision, each with its source in the law, in one place.

- Bezwaar (objection): six weeks (Awb 6:7), from the day after the decision was made known
  (Awb 6:8 lid 1): a letter of 1 March can be objected to up to and including 12 April.
- Beslistermijn op bezwaar (Awb 7:10): six weeks, twelve with an advisory committee, counted
  from the day after the objection period ended (lid 1); one extension of six weeks, told to
  the person (lid 3).
- Klacht (Awb 9:11): six weeks after receipt, ten with a complaints committee (9:11 lid 1);
  one extension of four weeks, told in writing (9:11 lid 2).
- A term that ends on a Saturday, Sunday or generally recognised holiday ends on the next day
  that is none of those (Algemene termijnenwet art. 1 lid 1; the holidays of art. 3 lid 1).
- Dwangsom bij niet tijdig beslissen (Awb 4:17): after a written notice of default
  (ingebrekestelling) UWV has two more weeks; then it owes a penalty per day, for at most 42
  days, with the amounts of 4:17 lid 2 (``DWANGSOM``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from dateutil.easter import easter

BEZWAARTERMIJN = timedelta(weeks=6)  # Awb 6:7
BESLISTERMIJN_BEZWAAR = timedelta(weeks=6)  # Awb 7:10 lid 1
BESLISTERMIJN_BEZWAAR_COMMISSIE = timedelta(weeks=12)  # Awb 7:10 lid 1, with a committee
VERDAGING_BEZWAAR = timedelta(weeks=6)  # Awb 7:10 lid 3
KLACHTTERMIJN = timedelta(weeks=6)  # Awb 9:11 lid 1
KLACHTTERMIJN_COMMISSIE = timedelta(weeks=10)  # Awb 9:11 lid 1 with 9:14
VERDAGING_KLACHT = timedelta(weeks=4)  # Awb 9:11 lid 2
INGEBREKESTELLING_WACHTTIJD = timedelta(weeks=2)  # Awb 4:17 lid 3


@dataclass(frozen=True)
class Dwangsomtrap:
    dagen: int
    per_dag: Decimal


# Awb 4:17 lid 2: €23 a day for the first 14 days, €35 for the next 14, €45 for the rest;
# lid 1: at most 42 days. So at most 14×23 + 14×35 + 14×45 = €1,442.
DWANGSOM: tuple[Dwangsomtrap, ...] = (
    Dwangsomtrap(14, Decimal(23)),
    Dwangsomtrap(14, Decimal(35)),
    Dwangsomtrap(14, Decimal(45)),
)
DWANGSOM_MAX_DAGEN = sum(trap.dagen for trap in DWANGSOM)  # 42
DWANGSOM_MAXIMUM = sum((trap.dagen * trap.per_dag for trap in DWANGSOM), Decimal(0))  # 1442


def dwangsom_na(dagen: int) -> Decimal:
    """What UWV owes after ``dagen`` days of penalty (the days after the two weeks)."""
    totaal = Decimal(0)
    rest = max(0, dagen)
    for trap in DWANGSOM:
        deel = min(rest, trap.dagen)
        totaal += deel * trap.per_dag
        rest -= deel
    return totaal


@lru_cache(maxsize=16)
def feestdagen_atw(jaar: int) -> frozenset[date]:
    """The generally recognised holidays of the Algemene termijnenwet, art. 3 lid 1:
    New Year's Day, Easter Monday, Ascension Day, Whit Monday, both Christmas days, the
    King's birthday as celebrated (26 April when the 27th is a Sunday) and 5 May."""
    pasen = easter(jaar)
    koningsdag = date(jaar, 4, 27)
    if koningsdag.weekday() == 6:
        koningsdag = date(jaar, 4, 26)
    return frozenset(
        {
            date(jaar, 1, 1),
            pasen + timedelta(days=1),
            pasen + timedelta(days=39),
            pasen + timedelta(days=50),
            date(jaar, 12, 25),
            date(jaar, 12, 26),
            koningsdag,
            date(jaar, 5, 5),
        }
    )


def atw(einde: date) -> date:
    """A term's last day, moved past a Saturday, Sunday or Atw holiday (Atw art. 1 lid 1)."""
    while einde.weekday() >= 5 or einde in feestdagen_atw(einde.year):
        einde += timedelta(days=1)
    return einde


def bezwaar_tot(besluit_op: date) -> date:
    """The last day to object to a decision dated ``besluit_op`` (Awb 6:7, 6:8; Atw)."""
    return atw(besluit_op + BEZWAARTERMIJN)


def beslissen_op_bezwaar_tot(
    besluit_op: date, *, adviescommissie: bool, verdaagd: bool = False
) -> date:
    """The last day for the decision on an objection (Awb 7:10; Atw).

    Counted from the end of the objection period, not from the day the objection arrived:
    an objection sent early does not shorten UWV's term.
    """
    termijn = BESLISTERMIJN_BEZWAAR_COMMISSIE if adviescommissie else BESLISTERMIJN_BEZWAAR
    einde = bezwaar_tot(besluit_op) + termijn
    if verdaagd:
        einde += VERDAGING_BEZWAAR
    return atw(einde)


def klacht_afhandelen_tot(ontvangen_op: date, *, commissie: bool, verdaagd: bool = False) -> date:
    """The last day to deal with a complaint received on ``ontvangen_op`` (Awb 9:11; Atw)."""
    einde = ontvangen_op + (KLACHTTERMIJN_COMMISSIE if commissie else KLACHTTERMIJN)
    if verdaagd:
        einde += VERDAGING_KLACHT
    return atw(einde)


def dwangsom_vanaf(ingebrekestelling_ontvangen_op: date) -> date:
    """The first day a penalty runs: two weeks after UWV received the notice (Awb 4:17 lid 3)."""
    return ingebrekestelling_ontvangen_op + INGEBREKESTELLING_WACHTTIJD + timedelta(days=1)
