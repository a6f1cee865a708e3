"""Demo personas: together they cover every traject kind and every status."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from itertools import count

from sqlalchemy import select
from sqlalchemy.orm import Session

import notificaties
from portal import statussen
from portal.demo import begeleiders as demobegeleiders
from portal.demo import brieven
from portal.demo import taken as demotaken
from portal.demo import vragen as demovragen
from portal.models import Burger, Dossier, Medewerker, Statuswijziging, Traject
from portal.services import berichten, dagloon, spreekuren, toezeggingen
from portal.services.servicecalls import maak_taak
from portal.tijd import AMSTERDAM

# (sub, naam, telefoon, rollen)
MEDEWERKERS = [
    ("demo-esther", "Esther Mulder", "+31881234501", "casemanager"),
    ("demo-rob", "Rob de Graaf", "+31881234502", "casemanager"),
    ("demo-yvonne", "Yvonne Smit", None, "teamleider"),
    ("demo-bas", "Bas Hendriks", None, "beheerder"),
    ("demo-lieke", "Lieke Janssen", None, "pilotleider"),
]

# One promise the demo shows broken: Mohamed Yilmaz was promised a call about the outcome of
# the investigation within two weeks, and nobody planned it. His page says UWV is late; his
# casemanager finds it at the top of her overview and sets a new date.
TE_LAAT = ("Yilmaz", "ao_pensioen")
# (voornamen, tussenvoegsel, achternaam, taal, casemanager, {soort: route of statuses})
PERSONAS: list[tuple[str, str, str, str, int, dict[str, list[str]]]] = [
    ("Jan", "de", "Vries", "nl", 0, {"dagloon": ["in_onderzoek"], "indexatie": ["in_onderzoek"]}),
    (
        "Fatima",
        "el",
        "Amrani",
        "nl",
        0,
        {"dagloon": ["in_onderzoek", "onderzoek_afgerond", "dagloon_te_hoog"]},
    ),
    (
        "Pieter",
        "van den",
        "Berg",
        "nl",
        1,
        {
            "dagloon": ["in_onderzoek", "onderzoek_afgerond", "dagloon_te_laag", "herstel_gepland"],
            "loonloze_tijdvakken": [
                "in_onderzoek",
                "onderzoek_afgerond",
                "dagloon_te_laag",
                "herstel_gepland",
                "nabetaling",
            ],
        },
    ),
    (
        "Anneke",
        "van der",
        "Meer",
        "nl",
        1,
        {"opting_in": ["geen_aanwijzingen"], "ewt": ["wacht_op_beoordeling", "spreekuur_gepland"]},
    ),
    (
        "Mohamed",
        "",
        "Yilmaz",
        "en",
        0,
        {
            "ao_pensioen": ["in_onderzoek", "onderzoek_afgerond"],
            "herbeoordeling": ["wacht_op_beoordeling"],
        },
    ),
    (
        "Sanne",
        "de",
        "Jong",
        "nl",
        0,
        {
            "dagloon": ["met_spoed"],
            "loonloze_tijdvakken": ["in_onderzoek", "onderzoek_afgerond", "dagloon_te_laag"],
        },
    ),
    (
        "Kees",
        "van",
        "Dijk",
        "nl",
        1,
        {
            "dagloon": ["in_onderzoek", "onderzoek_afgerond", "geen_wijziging", "bezwaar"],
            "indexatie": ["geen_aanwijzingen", "afgerond"],
        },
    ),
    (
        "Ingrid",
        "",
        "Bakker",
        "nl",
        0,
        {
            "loonloze_tijdvakken": [
                "in_onderzoek",
                "onderzoek_afgerond",
                "geen_wijziging",
                "bezwaar",
                "beroep",
            ],
            "herbeoordeling": ["wacht_op_beoordeling", "spreekuur_gepland", "beslissing"],
        },
    ),
    ("Wilma", "ter", "Horst", "nl", 1, {"dagloon": [], "aba": []}),
    (
        "Joost",
        "van 't",
        "Hof",
        "nl",
        0,
        {
            "ewt": ["wacht_op_beoordeling", "spreekuur_gepland", "beslissing", "bezwaar"],
            "aba": ["wacht_op_beoordeling", "spreekuur_gepland", "beslissing", "afgerond"],
        },
    ),
    (
        "Lotte",
        "",
        "Visser",
        "en",
        1,
        {
            "dagloon": ["in_onderzoek", "onderzoek_afgerond", "geen_wijziging"],
            "herbeoordeling": [
                "wacht_op_beoordeling",
                "spreekuur_gepland",
                "beslissing",
                "bezwaar",
                "beroep",
            ],
        },
    ),
]


def test_bsns(start: int = 999990000) -> Iterator[str]:
    """Endless valid test BSNs (they pass the 11-proef) from the 9999 test range."""
    for getal in count(start):
        cijfers = f"{getal:09d}"
        som = sum(int(c) * w for c, w in zip(cijfers[:8], range(9, 1, -1), strict=True))
        if (som - int(cijfers[8])) % 11 == 0:
            yield cijfers


def _moment(dag: date) -> datetime:
    return datetime.combine(dag, time(10, 0), AMSTERDAM)


def seed(session: Session, vandaag: date, documenten_map: str | None = None) -> bool:
    """Add personas and staff; False when they were already there. With ``documenten_map``
    (where PDFs are kept) the demo letters, payment and objections are added too."""
    if session.scalar(select(Dossier).where(Dossier.kenmerk == "WIA-1000001")):
        return False
    medewerkers = [
        Medewerker(
            oidc_sub=sub,
            naam=naam,
            email=f"{sub.removeprefix('demo-')}@uwv.example",  # the digest lands in the dev inbox
            telefoon=tel,
            rollen=rollen,
        )
        for sub, naam, tel, rollen in MEDEWERKERS
    ]
    session.add_all(medewerkers)
    bsns = test_bsns()
    for nummer, (voornaam, tv, achternaam, taal, cm, trajecten) in enumerate(PERSONAS, start=1):
        burger = Burger(
            bsn=next(bsns),
            voornamen=voornaam,
            tussenvoegsel=tv,
            achternaam=achternaam,
            telefoon=f"+3161234{nummer:04d}",
            email=f"{voornaam.lower()}.{achternaam.lower()}@example.nl",
            taal=taal,
        )
        dossier = Dossier(
            kenmerk=f"WIA-{1000000 + nummer}", burger=burger, casemanager=medewerkers[cm]
        )
        session.add_all([burger, dossier])
        session.flush()
        for soort, route in trajecten.items():
            te_laat = (achternaam, soort) == TE_LAAT
            traject = _traject(session, dossier, soort, route, vandaag, medewerkers[cm], te_laat)
            if traject.status == "onderzoek_afgerond":
                # As a status change would: the promised call waits to be planned.
                session.flush()
                maak_taak(session, traject, _moment(vandaag))
    dagloon.seed_demo(session, vandaag)
    spreekuren.seed_demo(session, vandaag)
    if documenten_map is not None:
        brieven.seed_demo(session, vandaag, documenten_map)
    session.commit()
    demovragen.seed_demo(session)  # commits
    demobegeleiders.seed_demo(session)  # commits
    demotaken.seed_demo(session, vandaag)  # commits
    # As the planner would find it on its first run: the broken promise is marked and told.
    notificaties.verloop_toezeggingen(session, _moment(vandaag))
    return True


def _stap(soort: str, status: str) -> int:
    """Days until the next status: two days before the term ran out, five weeks at most."""
    termijn = statussen.standaard_volgende_datum(soort, status, date(2027, 1, 1))
    return min(35, (termijn - date(2027, 1, 1)).days - 2) if termijn else 35


def _traject(
    session: Session,
    dossier: Dossier,
    soort: str,
    route: list[str],
    vandaag: date,
    casemanager: Medewerker,
    te_laat: bool = False,
) -> Traject:
    """The traject walks its route, each step a status change with its message and its
    promise of when the person hears more; each step keeps (or was late for) the one before."""
    begin = statussen.BEGINSTATUS[statussen.groep(soort)]
    # Each step came within the term its status promised (five weeks at most), as UWV mostly
    # manages; the last one happened about ten days ago.
    stappen = [_stap(soort, status) for status in (begin, *route[:-1])]
    dag = vandaag - timedelta(days=sum(stappen) + 10)
    traject = Traject(
        dossier=dossier, soort=soort, status=begin, gestart_op=dag, status_sinds=_moment(dag)
    )
    session.add(traject)
    session.add(Statuswijziging(traject=traject, naar_status=begin, gewijzigd_op=_moment(dag)))
    session.flush()
    onderwerp = toezeggingen.onderwerp_van("traject", traject.id)
    if route:
        toezeggingen.beloof_trajectdatum(
            session,
            traject,
            statussen.standaard_volgende_datum(soort, begin, dag),
            bron="import",
            nu=_moment(dag),
        )
    vorige = begin
    for stap, naar in enumerate(route, start=1):
        statussen.controleer_overgang(soort, vorige, naar)
        dag += timedelta(days=stappen[stap - 1])
        if te_laat and stap == len(route):
            dag = vandaag - timedelta(days=17)  # its two weeks ended three days ago
        toezeggingen.kom_na(session, onderwerp, _moment(dag))
        session.add(
            Statuswijziging(
                traject=traject,
                van_status=vorige,
                naar_status=naar,
                medewerker=casemanager,
                gewijzigd_op=_moment(dag),
            )
        )
        volgende = statussen.standaard_volgende_datum(soort, naar, dag)
        laatste_stap = stap == len(route)
        if laatste_stap and not te_laat and volgende is not None and volgende < vandaag:
            volgende = vandaag + timedelta(days=7 + traject.id % 60)
        traject.status, traject.status_sinds, traject.volgende_update_op = (
            naar,
            _moment(dag),
            volgende,
        )
        traject.afgerond_op = dag if naar == "afgerond" else None
        bericht = berichten.statusbericht(
            traject, naar, toelichting=None, volgende_update_op=volgende
        )
        bericht.aangemaakt_op = _moment(dag)
        session.add(bericht)
        session.flush()
        toezeggingen.beloof_trajectdatum(
            session,
            traject,
            volgende,
            bron="medewerker",
            nu=_moment(dag),
            medewerker_id=casemanager.id,
        )
        vorige = naar
    if not route:
        traject.volgende_update_op = statussen.standaard_volgende_datum(soort, begin, vandaag)
        toezeggingen.beloof_trajectdatum(
            session, traject, traject.volgende_update_op, bron="import", nu=_moment(vandaag)
        )
    return traject
