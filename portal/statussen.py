"""The status machine: every traject kind, its statuses, their B1 texts and legal transitions.

This module is the one table in code that DESIGN.md asks for. Services ask it whether a
transition is allowed; pages ask it what a status means for the person.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from flask_babel import LazyString

from portal import kalender
from portal.vertalen import lazy_gettext as _l

HERSTELOPERATIE = "hersteloperatie"
# The statuses whose parts get the update every three months (notificaties/kwartaalupdate.py
# selects the same; "met_spoed" is handled by a person at once instead).
MET_KWARTAALUPDATE = frozenset({"in_onderzoek"})
BEOORDELING = "beoordeling"


@dataclass(frozen=True)
class Soort:
    code: str
    groep: str  # HERSTELOPERATIE or BEOORDELING
    naam: LazyString


@dataclass(frozen=True)
class Status:
    code: str
    titel: LazyString
    betekenis: LazyString  # "Wat betekent dit?"
    wat_nu: LazyString  # "Wat gebeurt er nu?"
    wanneer_meer: LazyString  # "Wanneer hoort u meer?" when there is no date
    termijn: relativedelta | None  # default time until the person hears more
    volgende: tuple[str, ...]  # legal next statuses


@dataclass(frozen=True)
class Stap:
    naam: LazyString
    toestand: str  # "klaar", "nu" or "straks"
    op: date | None = None  # when the traject reached this step, where known


class OngeldigeOvergang(ValueError):
    """A status change the status machine does not allow."""


SOORTEN: dict[str, Soort] = {
    s.code: s
    for s in [
        Soort("dagloon", HERSTELOPERATIE, _l("Kwaliteit WIA-dagloon")),
        Soort("loonloze_tijdvakken", HERSTELOPERATIE, _l("Loonloze tijdvakken")),
        Soort("indexatie", HERSTELOPERATIE, _l("Indexatie")),
        Soort("opting_in", HERSTELOPERATIE, _l("Opting-in")),
        Soort("ao_pensioen", HERSTELOPERATIE, _l("AO-pensioen")),
        Soort("ewt", BEOORDELING, _l("WIA-beoordeling einde wachttijd")),
        Soort("aba", BEOORDELING, _l("Beoordeling op aanvraag (ABA)")),
        Soort("herbeoordeling", BEOORDELING, _l("Herbeoordeling")),
    ]
}

_BEZWAAR = Status(
    "bezwaar",
    _l("Bezwaar"),
    _l("U heeft bezwaar gemaakt tegen onze beslissing. Wij kijken opnieuw naar uw situatie."),
    _l("Een medewerker die niet bij de eerste beslissing betrokken was, bekijkt uw bezwaar."),
    _l("U krijgt een brief met onze beslissing op uw bezwaar."),
    relativedelta(weeks=12),
    (),  # filled per group below
)
_BEROEP = Status(
    "beroep",
    _l("Beroep bij de rechter"),
    _l("U bent in beroep gegaan bij de rechtbank."),
    _l("De rechtbank behandelt uw zaak. Wij sturen de rechtbank de stukken."),
    _l("De rechtbank laat u weten wanneer uw zaak wordt behandeld."),
    None,
    (),
)
_AFGEROND = Status(
    "afgerond",
    _l("Afgerond"),
    _l("Dit onderdeel is klaar."),
    _l("U hoeft niets meer te doen."),
    _l("U hoort hierover niets meer van ons. Heeft u nog vragen? Neem dan contact met ons op."),
    None,
    (),
)


def _met(status: Status, volgende: tuple[str, ...]) -> Status:
    return Status(
        status.code,
        status.titel,
        status.betekenis,
        status.wat_nu,
        status.wanneer_meer,
        status.termijn,
        volgende,
    )


_UITKOMST_BRIEF = _l("U krijgt binnen twee weken een brief met onze beslissing.")

STATUSSEN: dict[str, dict[str, Status]] = {
    HERSTELOPERATIE: {
        s.code: s
        for s in [
            Status(
                "niet_geinformeerd",
                _l("Nog geen brief"),
                _l("Wij hebben u nog geen brief gestuurd over dit onderwerp."),
                _l("Wij kijken of er bij uw uitkering iets fout kan zijn gegaan."),
                _l("U krijgt een brief van ons."),
                relativedelta(months=3),
                ("geen_aanwijzingen", "in_onderzoek", "met_spoed"),
            ),
            Status(
                "geen_aanwijzingen",
                _l("Geen fouten gevonden"),
                _l("Wij hebben geen aanwijzingen gevonden dat er iets fout is gegaan."),
                _l("Uw uitkering blijft zoals hij is. U hoeft niets te doen."),
                _l("U hoort hierover niets meer van ons."),
                None,
                ("afgerond", "in_onderzoek"),
            ),
            Status(
                "in_onderzoek",
                _l("Uw uitkering wordt onderzocht"),
                _l("Wij onderzoeken of wij uw uitkering goed hebben berekend."),
                _l(
                    "Wij zoeken uit welke gegevens wij hebben gebruikt. "
                    "Elke drie maanden sturen wij u een bericht over hoe het gaat."
                ),
                _l("U krijgt elke drie maanden een bericht."),
                relativedelta(months=3),
                ("onderzoek_afgerond", "met_spoed"),
            ),
            Status(
                "met_spoed",
                _l("Met spoed"),
                _l("Wij behandelen uw situatie met voorrang."),
                _l("Wij rekenen uw uitkering zo snel mogelijk opnieuw uit."),
                _l("Wij nemen zo snel mogelijk contact met u op."),
                relativedelta(weeks=4),
                ("onderzoek_afgerond", "geen_wijziging", "dagloon_te_hoog", "dagloon_te_laag"),
            ),
            Status(
                "onderzoek_afgerond",
                _l("Onderzoek klaar"),
                _l("Wij zijn klaar met het onderzoek naar uw uitkering."),
                _l("Wij bellen u om uw situatie te bespreken."),
                _l("Wij bellen u binnen twee weken."),
                relativedelta(weeks=2),
                ("geen_wijziging", "dagloon_te_hoog", "dagloon_te_laag"),
            ),
            Status(
                "geen_wijziging",
                _l("Uw uitkering klopt"),
                _l("Uw uitkering was goed berekend. Er verandert niets."),
                _l("U hoeft niets te doen."),
                _UITKOMST_BRIEF,
                relativedelta(weeks=2),
                ("afgerond", "bezwaar"),
            ),
            Status(
                "dagloon_te_hoog",
                _l("Uw uitkering was te hoog"),
                _l(
                    "Wij hebben uw uitkering te hoog berekend. Dat was onze fout. "
                    "U hoeft niets terug te betalen. Uw uitkering verandert ook niet "
                    "voor de tijd die al voorbij is."
                ),
                _l("U hoeft niets te doen. Wij vragen geen geld terug."),
                _UITKOMST_BRIEF,
                relativedelta(weeks=2),
                ("afgerond", "bezwaar"),
            ),
            Status(
                "dagloon_te_laag",
                _l("Uw uitkering was te laag"),
                _l("Wij hebben uw uitkering te laag berekend. U krijgt geld van ons."),
                _l("Wij rekenen uit hoeveel geld u krijgt en wanneer."),
                _UITKOMST_BRIEF,
                relativedelta(weeks=4),
                ("herstel_gepland", "bezwaar"),
            ),
            Status(
                "herstel_gepland",
                _l("Wij passen uw uitkering aan"),
                _l("Wij hebben uitgerekend hoeveel geld u krijgt."),
                _l("Wij passen uw uitkering aan en maken het geld aan u over."),
                _l("U krijgt een brief voordat wij het geld betalen."),
                relativedelta(weeks=8),
                ("nabetaling",),
            ),
            Status(
                "nabetaling",
                _l("Nabetaling"),
                _l("Wij betalen het geld dat u nog van ons krijgt."),
                _l("Het geld staat binnen vier weken op uw rekening."),
                _l("U krijgt een brief met de bedragen."),
                relativedelta(weeks=4),
                ("afgerond", "bezwaar"),
            ),
            _met(_BEZWAAR, ("beroep", "herstel_gepland", "afgerond")),
            _met(_BEROEP, ("herstel_gepland", "afgerond")),
            _AFGEROND,
        ]
    },
    BEOORDELING: {
        s.code: s
        for s in [
            Status(
                "aanvraag_ontvangen",
                _l("Aanvraag ontvangen"),
                _l("Wij hebben uw aanvraag ontvangen."),
                _l("Wij kijken of wij alle gegevens hebben."),
                _l("U krijgt binnen twee weken een brief van ons."),
                relativedelta(weeks=2),
                ("wacht_op_beoordeling",),
            ),
            Status(
                "wacht_op_beoordeling",
                _l("Wacht op beoordeling"),
                _l("Uw aanvraag is compleet. U wacht op een afspraak met de arts."),
                _l("Wij plannen een spreekuur met de verzekeringsarts."),
                _l("U krijgt een uitnodiging voor het spreekuur."),
                relativedelta(weeks=4),
                ("spreekuur_gepland",),
            ),
            Status(
                "spreekuur_gepland",
                _l("Spreekuur gepland"),
                _l("U heeft een afspraak met de verzekeringsarts."),
                _l("De arts bespreekt met u wat u nog kunt."),
                _l("Na het spreekuur krijgt u een brief met onze beslissing."),
                relativedelta(weeks=4),
                ("beslissing", "wacht_op_beoordeling"),
            ),
            Status(
                "beslissing",
                _l("Beslissing genomen"),
                _l("Wij hebben een beslissing genomen over uw uitkering."),
                _l("U krijgt een brief met de beslissing en de uitleg."),
                _UITKOMST_BRIEF,
                relativedelta(weeks=2),
                ("afgerond", "bezwaar"),
            ),
            _met(_BEZWAAR, ("beroep", "beslissing", "afgerond")),
            _met(_BEROEP, ("beslissing", "afgerond")),
            _AFGEROND,
        ]
    },
}

BEGINSTATUS = {HERSTELOPERATIE: "niet_geinformeerd", BEOORDELING: "aanvraag_ontvangen"}

# The steps of the timeline, each covering the statuses that belong to it.
_STAPPEN: dict[str, list[tuple[LazyString, frozenset[str]]]] = {
    HERSTELOPERATIE: [
        (_l("Brief over het onderzoek"), frozenset({"niet_geinformeerd"})),
        (_l("Geen fouten gevonden"), frozenset({"geen_aanwijzingen"})),
        (_l("Onderzoek"), frozenset({"in_onderzoek", "met_spoed"})),
        (_l("Gesprek over de uitkomst"), frozenset({"onderzoek_afgerond"})),
        (
            _l("Beslissing"),
            frozenset(
                {"geen_wijziging", "dagloon_te_hoog", "dagloon_te_laag", "bezwaar", "beroep"}
            ),
        ),
        (_l("Aanpassing en betaling"), frozenset({"herstel_gepland", "nabetaling"})),
        (_l("Afgerond"), frozenset({"afgerond"})),
    ],
    BEOORDELING: [
        (_l("Aanvraag"), frozenset({"aanvraag_ontvangen"})),
        (_l("Wachten op beoordeling"), frozenset({"wacht_op_beoordeling"})),
        (_l("Spreekuur"), frozenset({"spreekuur_gepland"})),
        (_l("Beslissing"), frozenset({"beslissing", "bezwaar", "beroep"})),
        (_l("Afgerond"), frozenset({"afgerond"})),
    ],
}


def groep(soort: str) -> str:
    return SOORTEN[soort].groep


def status(soort: str, code: str) -> Status:
    return STATUSSEN[groep(soort)][code]


def volgende_statussen(soort: str, huidig: str) -> tuple[str, ...]:
    return status(soort, huidig).volgende


def controleer_overgang(soort: str, van: str, naar: str) -> None:
    """Raise ``OngeldigeOvergang`` unless ``van`` → ``naar`` is in the table."""
    if soort not in SOORTEN:
        raise OngeldigeOvergang(f"unknown traject kind {soort!r}")
    statussen = STATUSSEN[groep(soort)]
    if van not in statussen or naar not in statussen:
        raise OngeldigeOvergang(f"unknown status for {soort}: {van!r} → {naar!r}")
    if naar not in statussen[van].volgende:
        raise OngeldigeOvergang(f"{soort}: {van} → {naar} is not allowed")


def standaard_volgende_datum(
    soort: str, code: str, vandaag: date, spreiding: str | None = None
) -> date | None:
    """The default date the person hears more, for a traject that just reached ``code``.

    With ``spreiding`` (the dossier's kenmerk), the first update of an investigation is
    spread over the quarter: see ``eerste_update``."""
    gevonden = STATUSSEN[groep(soort)].get(code)
    if gevonden is None or gevonden.termijn is None:
        return None
    if code == "in_onderzoek" and spreiding is not None:
        return eerste_update(vandaag, spreiding)
    return vandaag + gevonden.termijn


SPREIDING_VANAF = timedelta(days=14)  # the letter has just arrived: no update before this


def eerste_update(vandaag: date, sleutel: str) -> date:
    """The first update of an investigation that starts ``vandaag``: a working day between
    two weeks from now and the letter's promise of three months, chosen by ``sleutel``.

    When thousands of dossiers enter the investigation on one day (an import, the API), their
    updates would otherwise all fall on one day every quarter, forever. Spread by a hash of
    the kenmerk, the same dossier always gets the same day, every person still hears within
    the three months, and the daily volume levels out over the quarter.
    """
    dagen = _updatedagen(vandaag)
    if not dagen:
        return kalender.laatste_werkdag_tot(vandaag + relativedelta(months=3))
    index = int.from_bytes(hashlib.sha256(sleutel.encode()).digest()[:8], "big") % len(dagen)
    return dagen[index]


@lru_cache(maxsize=8)
def _updatedagen(vandaag: date) -> tuple[date, ...]:
    return tuple(kalender.werkdagen(vandaag + SPREIDING_VANAF, vandaag + relativedelta(months=3)))


def tijdlijn(
    soort: str, huidig: str, bezocht: Iterable[str], data: Mapping[str, date] | None = None
) -> list[Stap]:
    """The steps to show, with the current one marked; ``data`` says when each status was
    first reached, so a step that is done shows its date.

    Only the route this traject takes is shown: a person without indications of errors does
    not see an investigation, and nobody sees a payment step unless money is coming.
    """
    gezien = set(bezocht) | {huidig}
    stappen = _STAPPEN[groep(soort)]
    if groep(soort) == HERSTELOPERATIE:
        if gezien & {"geen_aanwijzingen"} and not gezien & {"in_onderzoek", "met_spoed"}:
            toon = {"niet_geinformeerd", "geen_aanwijzingen", "afgerond"}
        else:
            toon = set(STATUSSEN[HERSTELOPERATIE]) - {"geen_aanwijzingen"}
            uitkomst_zonder_geld = gezien & {"geen_wijziging", "dagloon_te_hoog"}
            if uitkomst_zonder_geld and not gezien & {"herstel_gepland", "nabetaling"}:
                toon -= {"herstel_gepland", "nabetaling"}
        stappen = [(naam, codes) for naam, codes in stappen if codes & toon]

    resultaat: list[Stap] = []
    huidige_index = next(i for i, (_, codes) in enumerate(stappen) if huidig in codes)
    for index, (naam, codes) in enumerate(stappen):
        if index < huidige_index or (index == huidige_index and huidig == "afgerond"):
            toestand = "klaar"
        elif index == huidige_index:
            toestand = "nu"
        else:
            toestand = "straks"
        bereikt = [d for code, d in (data or {}).items() if code in codes]
        op = min(bereikt) if bereikt and toestand != "straks" else None
        resultaat.append(Stap(naam, toestand, op))
    return resultaat
