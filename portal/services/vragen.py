"""Vragen: the person asks a question about their dossier (or reports that they think their
benefit is wrong); it lands in their casemanager's queue (or the team's), with an answer term
that is a promise in the ledger; the casemanager answers in writing or by phone.

Every change commits here; views only parse and render. The answer's text is in the portal
only: the SMS or e-mail says that there is an answer, never what it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import LazyString
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from portal import statussen
from portal.kalender import werkdagen_verder
from portal.models import Bericht, Burger, Dossier, Medewerker, Toezegging, Vraag, Vraagbericht
from portal.services import nieuwsbericht, ontvangst, toezeggingen, verwerkingslog
from portal.tijd import vandaag
from portal.vertalen import lazy_gettext as _l

BERICHTSOORT = "vraag"
MIN_TEKST, MAX_TEKST = 5, 2000
# Working days to answer: a question five; a suspected error, which the checking team looks
# into first, ten.
TERMIJN = {"vraag": 5, "melding": 10}
ALGEMEEN = "algemeen"

MELDINGEN: dict[str, LazyString] = {
    "te_kort": _l("Schrijf uw vraag op. Gebruik minstens 5 tekens."),
    "te_lang": _l("Uw tekst is te lang. Gebruik ten hoogste 2000 tekens."),
    "onbekend_onderwerp": _l("Kies waar uw vraag over gaat."),
    "al_beantwoord": _l(
        "Deze vraag is al beantwoord. Stel een nieuwe vraag als u nog iets wilt weten."
    ),
    "geen_tekens": _l("Deze tekst bevat tekens die wij niet kunnen opslaan."),
}


class VraagFout(ValueError):
    """A refused question or answer; ``veld`` is the form field, ``code`` the reason."""

    def __init__(self, veld: str, code: str) -> None:
        super().__init__(f"{veld}: {code}")
        self.veld, self.code = veld, code

    @property
    def melding(self) -> LazyString:
        return MELDINGEN[self.code]


def _tekst(tekst: str | None, veld: str = "tekst") -> str:
    schoon = (tekst or "").strip()
    if "\x00" in schoon:
        raise VraagFout(veld, "geen_tekens")
    if len(schoon) < MIN_TEKST:
        raise VraagFout(veld, "te_kort")
    if len(schoon) > MAX_TEKST:
        raise VraagFout(veld, "te_lang")
    return schoon


def onderwerpen(dossier: Dossier) -> list[str]:
    """What a question can be about: in general, or one part of the dossier."""
    return [ALGEMEEN, *dict.fromkeys(t.soort for t in dossier.trajecten)]


def onderwerp(vraag: Vraag) -> str:
    return toezeggingen.onderwerp_van("vraag", vraag.id)


def antwoord_uiterlijk(soort: str, gesteld: datetime) -> date:
    return werkdagen_verder(vandaag(gesteld), TERMIJN[soort])


def stel(
    session: Session,
    burger: Burger,
    dossier: Dossier,
    *,
    soort: str,
    onderwerp_: str,
    tekst: str | None,
    nu: datetime,
    trace_id: str,
    bericht_id: int | None = None,
) -> Vraag:
    """A new question in the casemanager's queue (a suspected error: the team's), its answer
    term promised. Commits; ``VraagFout`` stores nothing."""
    assert soort in TERMIJN
    if onderwerp_ not in onderwerpen(dossier):
        raise VraagFout("onderwerp", "onbekend_onderwerp")
    schoon = _tekst(tekst)
    vraag = Vraag(
        burger_id=burger.id,
        dossier_id=dossier.id,
        soort=soort,
        onderwerp=onderwerp_,
        bericht_id=bericht_id,
        casemanager_id=dossier.casemanager_id if soort == "vraag" else None,
        status="open",
        gesteld_op=nu,
        berichten=[Vraagbericht(tekst=schoon, op=nu)],
    )
    session.add(vraag)
    session.flush()
    toezeggingen.beloof(
        session,
        burger_id=burger.id,
        dossier_id=dossier.id,
        soort="vraag",
        onderwerp=onderwerp(vraag),
        datum=antwoord_uiterlijk(soort, nu),
        bron="burger",
        nu=nu,
    )
    ontvangst.bevestig(
        session,
        burger.id,
        wat=soort,
        kopie=[("onderwerp", onderwerp_), ("tekst", schoon)],
        volgende_op=antwoord_uiterlijk(soort, nu),
        nu=nu,
    )
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        medewerker_id=None,
        burger_id=burger.id,
        handeling="wijzigen",
        activiteit="vraag-stellen",
        object=f"vraag:{vraag.id}",
    )
    session.commit()
    return vraag


def vul_aan(session: Session, vraag: Vraag, tekst: str | None, nu: datetime) -> None:
    """The person adds to a question that is not answered yet."""
    if vraag.status == "beantwoord":
        raise VraagFout("tekst", "al_beantwoord")
    vraag.berichten.append(Vraagbericht(tekst=_tekst(tekst), op=nu))
    session.commit()


_MET_BERICHTEN = selectinload(Vraag.berichten)


def van_burger(session: Session, burger_id: int) -> list[Vraag]:
    return list(
        session.scalars(
            select(Vraag).where(Vraag.burger_id == burger_id).order_by(Vraag.gesteld_op.desc())
        )
    )


def vraag_van(session: Session, burger_id: int, vraag_id: int) -> Vraag | None:
    """One of the person's own questions; another's answers None (the page says 404)."""
    return session.scalar(
        select(Vraag)
        .where(Vraag.id == vraag_id, Vraag.burger_id == burger_id)
        .options(_MET_BERICHTEN)
    )


@dataclass(frozen=True)
class Regel:
    vraag: Vraag
    kenmerk: str
    belofte: Toezegging | None
    te_laat: bool


def wachtrij(session: Session, medewerker_id: int, nu: datetime) -> list[Regel]:
    """Questions not answered yet for this casemanager, and the team's (none assigned): the
    earliest term first, the late ones with it."""
    rijen = session.execute(
        select(Vraag, Dossier.kenmerk)
        .join(Dossier, Dossier.id == Vraag.dossier_id)
        .where(
            Vraag.status != "beantwoord",
            or_(Vraag.casemanager_id == medewerker_id, Vraag.casemanager_id.is_(None)),
        )
    ).all()
    beloften = {
        t.onderwerp: t
        for t in session.scalars(
            select(Toezegging).where(
                Toezegging.onderwerp.in_([onderwerp(v) for v, _ in rijen]),
                Toezegging.status.in_(("open", "verlopen")),
            )
        )
    }
    regels = [
        Regel(
            vraag,
            kenmerk,
            beloften.get(onderwerp(vraag)),
            (b := beloften.get(onderwerp(vraag))) is not None and toezeggingen.is_te_laat(b, nu),
        )
        for vraag, kenmerk in rijen
    ]
    return sorted(regels, key=lambda r: (r.belofte.datum if r.belofte else date.max, r.vraag.id))


def voor_medewerker(session: Session, vraag_id: int) -> Vraag | None:
    return session.scalar(select(Vraag).where(Vraag.id == vraag_id).options(_MET_BERICHTEN))


def lees(
    session: Session, vraag: Vraag, medewerker: Medewerker, *, nu: datetime, trace_id: str
) -> None:
    """A staff member opened the question: the person sees when it was first read."""
    if vraag.gelezen_op is None:
        vraag.gelezen_op = nu
        if vraag.status == "open":
            vraag.status = "gelezen"
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        medewerker_id=medewerker.id,
        burger_id=vraag.burger_id,
        handeling="inzien",
        activiteit="vraag-lezen",
        object=f"vraag:{vraag.id}",
    )
    session.commit()


def beantwoord(
    session: Session,
    vraag: Vraag,
    medewerker: Medewerker,
    *,
    tekst: str | None,
    gebeld: bool,
    nu: datetime,
    trace_id: str,
) -> None:
    """The answer, in writing or as the note of a call made instead: the term is kept, the
    person gets a message with the answer and, where switched on, an SMS or e-mail that
    there is one. Commits."""
    if vraag.status == "beantwoord":
        raise VraagFout("tekst", "al_beantwoord")
    schoon = _tekst(tekst)
    vraag.berichten.append(
        Vraagbericht(tekst=schoon, medewerker_id=medewerker.id, gebeld=gebeld, op=nu)
    )
    vraag.status, vraag.beantwoord_op = "beantwoord", nu
    vraag.gelezen_op = vraag.gelezen_op or nu
    toezeggingen.kom_na(session, onderwerp(vraag), nu)
    nieuwsbericht.plaats(
        session,
        Bericht(
            burger_id=vraag.burger_id,
            soort=BERICHTSOORT,
            gegevens={"vraag_id": vraag.id, "gebeld": gebeld, "datum": vandaag(nu).isoformat()},
            toelichting=schoon,
            aangemaakt_op=nu,
        ),
        notificatiesoort=BERICHTSOORT,
        sleutel=f"vraag:{vraag.id}:antwoord",
        nu=nu,
    )
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        medewerker_id=medewerker.id,
        burger_id=vraag.burger_id,
        handeling="wijzigen",
        activiteit="vraag-beantwoorden",
        object=f"vraag:{vraag.id}",
    )
    session.commit()


def onderwerpnaam(code: str) -> str:
    """What a question is about, in words."""
    if code == ALGEMEEN:
        return str(_l("Iets anders of algemeen"))
    return str(statussen.SOORTEN[code].naam)
