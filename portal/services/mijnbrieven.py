"""Mijn brieven: every letter for the person, UWV's own (delivered by the back office as a PDF)
and the portal's (the paper update, the fallbacks), newest first, "nieuw" until opened.

Opening and downloading are written to the verwerkingslog, so the person sees their own
downloads beside what staff did with their data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import desc, func, select, update
from sqlalchemy.orm import Session

import notificaties
from portal.models import Bericht, Brief, Burger, Dossier, Ondersteuning, Verwerkingslog
from portal.models.brief import BRIEFSOORTEN
from portal.services import berichten, nieuwsbericht, toezeggingen, verwerkingslog
from portal.services.berichttekst import BerichtTekst
from portal.services.bestanden import bewaar, pdf_probleem, veilige_naam
from portal.services.levering import Geweigerd, Veldprobleem, weiger
from portal.tijd import vandaag
from portal.vertalen import gettext as _
from portal.vertalen import lazy_gettext as _l

BERICHTSOORT = "brief"
SOORTNAMEN = {
    "besluit": _l("Besluit"),
    "informatie": _l("Informatie"),
    "kwartaalupdate": _l("Update over het onderzoek"),
    "uitnodiging": _l("Uitnodiging"),
}
OPENEN, DOWNLOADEN = "brief-openen", "brief-downloaden"


@dataclass(frozen=True)
class Aanlevering:
    """A letter UWV sent, as the back office delivers it."""

    extern_id: str
    soort: str  # one of BRIEFSOORTEN
    datum: date
    titel: str
    traject_soort: str | None
    bestandsnaam: str
    data: bytes


def soort_van(brief: Brief) -> str:
    """The kind the person sees: UWV's letters say it; the portal's own are the update on
    paper, or information (a fallback, a reminder)."""
    if brief.herkomst == "uwv":
        return brief.soort
    return "kwartaalupdate" if brief.soort == "kwartaalupdate" else "informatie"


def datum_van(brief: Brief) -> date:
    return brief.datum or vandaag(brief.aangemaakt_op)


def lever(
    session: Session,
    dossier: Dossier,
    aanlevering: Aanlevering,
    *,
    map_: str,
    max_bytes: int,
    nu: datetime,
    api_client_id: int | None,
    trace_id: str,
) -> tuple[Brief, bool]:
    """Store a letter once per ``extern_id``: (the letter, whether it is new). The same
    letter delivered again is the stored one; another file under that id is refused. Writes
    a message and, where the person switched it on, an SMS/e-mail without content. Does not
    commit."""
    problemen: list[Veldprobleem] = []
    if aanlevering.soort not in BRIEFSOORTEN:  # the API's shape checks it; the import not
        problemen.append(Veldprobleem("soort", "verplicht"))
    if aanlevering.datum > vandaag(nu):
        problemen.append(Veldprobleem("datum", "in_toekomst"))
    probleem = pdf_probleem(aanlevering.data, max_bytes=max_bytes)
    if probleem is not None:
        problemen.append(Veldprobleem("bestand", probleem))
    if problemen:
        raise Geweigerd(problemen)
    sleutel = f"uwv:{aanlevering.extern_id}"
    bestaand = session.scalar(select(Brief).where(Brief.sleutel == sleutel))
    sha256 = hashlib.sha256(aanlevering.data).hexdigest()
    if bestaand is not None:
        if bestaand.burger_id != dossier.burger_id:
            raise weiger("extern_id", "ander_dossier", conflict=True)
        if bestaand.sha256 != sha256:
            raise weiger("extern_id", "anders_bezorgd", conflict=True)
        return bestaand, False
    bewaar(map_, aanlevering.data)  # only now: a refused letter leaves no file behind
    brief = Brief(
        burger_id=dossier.burger_id,
        herkomst="uwv",
        soort=aanlevering.soort,
        sleutel=sleutel,
        datum=aanlevering.datum,
        titel=aanlevering.titel.strip(),
        traject_soort=aanlevering.traject_soort,
        bestandsnaam=veilige_naam(aanlevering.bestandsnaam),
        grootte=len(aanlevering.data),
        sha256=sha256,
        aangemaakt_op=nu,
        gegevens={},
    )
    session.add(brief)
    session.flush()
    nieuwsbericht.plaats(
        session,
        Bericht(
            burger_id=dossier.burger_id,
            soort=BERICHTSOORT,
            gegevens={
                "brief_id": brief.id,
                "soort": brief.soort,
                "titel": brief.titel,
                "datum": aanlevering.datum.isoformat(),
            },
            aangemaakt_op=nu,
            belangrijk=aanlevering.soort == "besluit",
        ),
        notificatiesoort=BERICHTSOORT,
        sleutel=f"brief:{brief.id}",
        nu=nu,
    )
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        medewerker_id=None,
        api_client_id=api_client_id,
        burger_id=dossier.burger_id,
        handeling="wijzigen",
        activiteit="brief-bezorgen",
        object=f"brief:{brief.id}",
    )
    return brief, True


def van_burger(session: Session, burger_id: int) -> list[Brief]:
    """The person's letters, newest first (by the date on the letter)."""
    brieven = session.scalars(select(Brief).where(Brief.burger_id == burger_id)).all()
    # Sorted here, by the date the person reads on each letter: the portal's own letters
    # take the day they were made, and the two databases order a missing date differently.
    return sorted(brieven, key=lambda b: (datum_van(b), b.aangemaakt_op, b.id), reverse=True)


def brief_van(session: Session, burger_id: int, brief_id: int) -> Brief | None:
    """One of the person's own letters; another's answers None (the page says 404)."""
    return session.scalar(select(Brief).where(Brief.id == brief_id, Brief.burger_id == burger_id))


def aantal_nieuw(session: Session, burger_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).where(Brief.burger_id == burger_id, Brief.geopend_op.is_(None))
        )
        or 0
    )


def noteer(session: Session, brief: Brief, handeling: str, *, nu: datetime, trace_id: str) -> None:
    """The person opened (``OPENEN``) or downloaded (``DOWNLOADEN``) the letter: it is no
    longer new, and the verwerkingslog keeps it. Commits."""
    if brief.geopend_op is None:
        session.execute(
            update(Brief)
            .where(Brief.id == brief.id, Brief.geopend_op.is_(None))
            .values(geopend_op=nu)
            .execution_options(synchronize_session=False)
        )
        brief.geopend_op = nu
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        medewerker_id=None,
        burger_id=brief.burger_id,
        handeling="inzien" if handeling == OPENEN else "downloaden",
        activiteit=handeling,
        object=f"brief:{brief.id}",
    )
    session.commit()


def downloads(session: Session, brief: Brief) -> list[datetime]:
    """When the person downloaded this letter, newest first."""
    return list(
        session.scalars(
            select(Verwerkingslog.tijdstip)
            .where(
                Verwerkingslog.burger_id == brief.burger_id,
                Verwerkingslog.object == f"brief:{brief.id}",
                Verwerkingslog.verwerkingsactiviteit == DOWNLOADEN,
            )
            .order_by(desc(Verwerkingslog.tijdstip))
        )
    )


# The message kinds whose news is in a portal message: a fallback letter for one of them
# carries that message.
_MET_BERICHT = ("statuswijziging", "kwartaalupdate", "inzage", "toezegging", "vraag")


def inhoud(session: Session, brief: Brief) -> list[BerichtTekst]:
    """What a letter the portal made says: the same text as the portal message it stands
    for (the update, the news a failed SMS or e-mail was about, the unread messages a nudge
    was about); for a reminder of a call or spreekuur, the reminder's own text."""
    gegevens = brief.gegevens or {}
    if brief.bericht_id is not None:
        ids = [brief.bericht_id]
    elif gegevens.get("bericht_id"):  # a failed SMS or e-mail that named its message
        ids = [int(gegevens["bericht_id"])]
    elif gegevens.get("berichten"):
        ids = [int(i) for i in gegevens["berichten"]]
    elif brief.soort in _MET_BERICHT:
        nieuwste = session.scalar(
            select(Bericht.id)
            .where(
                Bericht.burger_id == brief.burger_id,
                Bericht.soort == brief.soort,
                Bericht.aangemaakt_op <= brief.aangemaakt_op,
            )
            .order_by(desc(Bericht.aangemaakt_op), desc(Bericht.id))
            .limit(1)
        )
        ids = [nieuwste] if nieuwste is not None else []
    else:
        ids = []
    if ids:
        gevonden = session.scalars(
            select(Bericht).where(Bericht.id.in_(ids), Bericht.burger_id == brief.burger_id)
        ).all()
        return [berichten.tekst(b) for b in sorted(gevonden, key=lambda b: b.id)]
    burger = session.get(Burger, brief.burger_id)
    assert burger is not None
    _, tekst, _, _ = notificaties.render(brief.soort, "sms", burger.taal, gegevens)
    return [BerichtTekst(str(titel_van(brief)), [tekst], None)]


def titel_van(brief: Brief) -> str:
    """The letter's title: UWV's own, or what the portal's letter is about."""
    if brief.titel:
        return brief.titel
    if brief.soort == "kwartaalupdate":
        return _("Update over het onderzoek naar uw uitkering")
    if brief.soort == "herinnering_ongelezen":
        return _("Er staat een belangrijk bericht voor u klaar")
    if brief.soort in ("servicecall_herinnering", "spreekuur_herinnering"):
        return _("Herinnering aan uw afspraak met UWV")
    if brief.soort == "taak":
        return _("Wij vragen u iets te sturen")
    return _("Nieuws over uw WIA-uitkering")


def afdrukgegevens(session: Session, brief: Brief) -> dict[str, Any]:
    """What the printed letter shows: to whom, the kenmerk, the date, the text, the next date
    the person hears from UWV, and the form they asked letters in."""
    burger = session.get(Burger, brief.burger_id)
    assert burger is not None
    kenmerk = session.scalar(select(Dossier.kenmerk).where(Dossier.burger_id == burger.id))
    profiel = session.get(Ondersteuning, burger.id)
    datum = datum_van(brief)
    beloften = toezeggingen.van_burger(session, burger.id)
    volgende = min(
        (t.datum for t in beloften.nieuwste.values() if t.status == "open" and t.datum >= datum),
        default=None,
    )
    return {
        "naam": burger.naam,
        "kenmerk": kenmerk,
        "datum": datum,
        "titel": titel_van(brief),
        "teksten": inhoud(session, brief),
        "volgende": volgende,
        "grote_letters": bool(profiel and profiel.grote_letters),
        "eenvoudige_taal": bool(profiel and profiel.eenvoudige_taal),
        "taal": burger.taal,
    }
