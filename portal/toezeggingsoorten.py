"""The kinds of promise (toezegging) and what keeps each: one table in code, as the status
machine is for statuses.

A promise is kept (``nagekomen``) when the event named here happens before ``uiterlijk``; the
services that make those events happen call ``toezeggingen.kom_na`` in the same transaction.
When ``uiterlijk`` passes first, the planner marks the promise ``verlopen`` (or, for a kind
whose promise is the moment itself, ``nagekomen``: a spreekuur that is still planned when it
begins took place).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from flask_babel import LazyString

from portal.tijd import AMSTERDAM
from portal.vertalen import lazy_gettext as _l


@dataclass(frozen=True)
class Toezeggingsoort:
    code: str
    naam: LazyString  # for staff pages and the teamleider's chart
    nagekomen_door: LazyString  # what keeps it, in the words staff use
    met_tijd: bool  # a moment or window (van/tot), not only a day
    bij_verstrijken: str  # what the planner makes of it once ``uiterlijk`` passes
    speling: timedelta = timedelta(0)  # after the window, before it counts as late
    verschuifbaar: bool = False  # a casemanager may set a new date with a reason
    voorkeur: str = "kwartaalupdate"  # the person's switch for news about it


TOEZEGGINGSOORTEN: dict[str, Toezeggingsoort] = {
    s.code: s
    for s in [
        Toezeggingsoort(
            "kwartaalupdate",
            _l("Volgende update"),
            _l("het bericht met de update, of eerder nieuws over de status"),
            met_tijd=False,
            bij_verstrijken="verlopen",
            verschuifbaar=True,
        ),
        Toezeggingsoort(
            "beslistermijn",
            _l("Volgende stap"),
            _l("de volgende stap in het onderzoek of de beoordeling (een nieuwe status)"),
            met_tijd=False,
            bij_verstrijken="verlopen",
            verschuifbaar=True,
        ),
        Toezeggingsoort(
            "inzagetermijn",
            _l("Antwoord op inzageverzoek"),
            _l("het antwoord op het verzoek (verstrekt of afgewezen)"),
            met_tijd=False,
            bij_verstrijken="verlopen",
            verschuifbaar=True,  # within the law's limit, wettelijke_grens
            voorkeur="inzage",
        ),
        Toezeggingsoort(
            "terugbellen",
            _l("Terugbellen"),
            _l("de uitkomst van het gesprek, vastgelegd door de casemanager"),
            met_tijd=True,
            bij_verstrijken="verlopen",
            voorkeur="servicecall",
        ),
        Toezeggingsoort(
            "belafspraak",
            _l("Belafspraak"),
            _l("het gesprek: de uitkomst vastgelegd binnen een dag na het belmoment"),
            met_tijd=True,
            bij_verstrijken="verlopen",
            speling=timedelta(days=1),
            voorkeur="servicecall",
        ),
        Toezeggingsoort(
            "spreekuur",
            _l("Spreekuur"),
            _l("het spreekuur zelf: het gaat door op het geplande moment"),
            met_tijd=True,
            bij_verstrijken="nagekomen",
            voorkeur="spreekuur",
        ),
        Toezeggingsoort(
            "betaling",
            _l("Betaling"),
            _l("de betaling zelf: de status betaald, vastgelegd door de backoffice"),
            met_tijd=False,
            bij_verstrijken="verlopen",
            verschuifbaar=True,
        ),
        Toezeggingsoort(
            "vraag",
            _l("Antwoord op vraag"),
            _l("het antwoord op de vraag, geschreven of in een telefoongesprek"),
            met_tijd=False,
            bij_verstrijken="verlopen",
            verschuifbaar=True,
        ),
        # What the person sent for a task (or their word that they do not have it): UWV
        # looks at it within five working days. The task's deadline is the person's, no
        # promise of UWV's.
        Toezeggingsoort(
            "taak",
            _l("Beoordeling van ingestuurde stukken"),
            _l("het oordeel over wat de klant stuurde: goedgekeurd, of opnieuw gevraagd"),
            met_tijd=False,
            bij_verstrijken="verlopen",
            verschuifbaar=True,
        ),
        # The law's terms: a new date only by the one extension the law allows
        # (``wettelijke_grens``), with the reason the person reads.
        Toezeggingsoort(
            "bezwaar",
            _l("Beslissing op bezwaar"),
            _l("de beslissing op het bezwaar (Awb 7:10)"),
            met_tijd=False,
            bij_verstrijken="verlopen",
            verschuifbaar=True,
        ),
        Toezeggingsoort(
            "klacht",
            _l("Antwoord op klacht"),
            _l("het antwoord op de klacht (Awb 9:11)"),
            met_tijd=False,
            bij_verstrijken="verlopen",
            verschuifbaar=True,
        ),
    ]
}
SOORTCODES = tuple(TOEZEGGINGSOORTEN)


def soort(code: str) -> Toezeggingsoort:
    return TOEZEGGINGSOORTEN[code]


def voor_traject(status: str) -> str:
    """The kind of a traject's date: the three-monthly update while it is investigated,
    otherwise the term within which the next step comes."""
    return "kwartaalupdate" if status == "in_onderzoek" else "beslistermijn"


@lru_cache(maxsize=2048)  # the planner asks it for tens of thousands of promises at once
def einde_van_dag(dag: date) -> datetime:
    """The first moment after ``dag`` in Amsterdam: a promise "uiterlijk 27 februari" is
    kept by anything that happens on 27 February, Dutch time."""
    return datetime.combine(dag + timedelta(days=1), time(0), AMSTERDAM)


def uiterlijk_van(code: str, datum: date, van: datetime | None, tot: datetime | None) -> datetime:
    """The moment after which a promise of this kind is late."""
    regel = soort(code)
    moment = tot or van
    if regel.met_tijd and moment is not None:
        return moment + regel.speling
    return einde_van_dag(datum)
