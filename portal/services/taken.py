"""Taken: UWV asks the person for something (wage slips, a statement) by a deadline. The
person sends files or says they do not have them (``portal.services.taakinlevering``);
the casemanager accepts, or asks again with a reason the person reads.

The deadline is the person's, not a promise of UWV's; what UWV promises is to look at what
was sent within five working days (a promise ``taak:<id>`` in the ledger, kept by the
judgement). Every step is in the verwerkingslog. The person hears of each step in the
portal, and by SMS or e-mail where switched on, or on paper when they have neither; the
SMS or e-mail never carries the task's title. Every change commits here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

import notificaties
from portal.kalender import werkdagen_verder
from portal.models import Bericht, Burger, Dossier, Medewerker, Taak, Toezegging
from portal.models.taak import AFGESLOTEN, TE_BEOORDELEN
from portal.services import nieuwsbericht, toezeggingen, verwerkingslog
from portal.tijd import vandaag

BERICHTSOORT = "taak"  # the portal message, and the SMS or e-mail that says it is there
MAX_TITEL, MAX_TEKST, MIN_REDEN = 120, 2000, 5
MAX_DAGEN_VOORUIT = 366
BEOORDELEN_WERKDAGEN = 5  # UWV looks at what was sent within this many working days
GEEN_KANAAL = "taak voor de klant, geen sms of e-mail"


class TaakFout(ValueError):
    """A refused step; ``veld`` is the form field, ``code`` the reason (texts in
    ``portal.taken.meldingen``), ``details`` fill the text in."""

    def __init__(self, veld: str, code: str, **details: object) -> None:
        super().__init__(f"{veld}: {code}")
        self.veld, self.code, self.details = veld, code, details


@dataclass(frozen=True)
class Taakinvoer:
    titel: str | None
    uiterlijk: date | None
    toelichting: str | None = None
    traject_soort: str | None = None


def tekst(waarde: str | None, veld: str, *, nodig: int = 0, max_: int = MAX_TEKST) -> str | None:
    """Trimmed text, or None when empty and allowed; refused when too short, too long or
    holding a NUL (PostgreSQL stores none)."""
    schoon = (waarde or "").strip()
    if "\x00" in schoon:
        raise TaakFout(veld, "geen_tekens")
    if nodig and len(schoon) < nodig:
        raise TaakFout(veld, "leeg" if not schoon else "te_kort", min=nodig)
    if len(schoon) > max_:
        raise TaakFout(veld, "te_lang", max=max_)
    return schoon or None


def controleer_uiterlijk(uiterlijk: date | None, nu: datetime) -> date:
    if uiterlijk is None:
        raise TaakFout("uiterlijk", "datum_nodig")
    if uiterlijk <= vandaag(nu):
        raise TaakFout("uiterlijk", "niet_na_vandaag")
    if uiterlijk > vandaag(nu) + timedelta(days=MAX_DAGEN_VOORUIT):
        raise TaakFout("uiterlijk", "te_ver")
    return uiterlijk


def onderwerp(taak: Taak) -> str:
    """The subject of UWV's promise to judge what was sent."""
    return toezeggingen.onderwerp_van("taak", taak.id)


def beoordeeld_uiterlijk(moment: datetime) -> date:
    return werkdagen_verder(vandaag(moment), BEOORDELEN_WERKDAGEN)


def vraag(
    session: Session,
    dossier: Dossier,
    invoer: Taakinvoer,
    *,
    nu: datetime,
    trace_id: str,
    medewerker: Medewerker | None = None,
    api_client_id: int | None = None,
) -> Taak:
    """Ask the person for something by ``uiterlijk``. Commits; ``TaakFout`` stores nothing."""
    titel = tekst(invoer.titel, "titel", nodig=1, max_=MAX_TITEL)
    toelichting = tekst(invoer.toelichting, "toelichting")
    uiterlijk = controleer_uiterlijk(invoer.uiterlijk, nu)
    if invoer.traject_soort is not None and invoer.traject_soort not in {
        t.soort for t in dossier.trajecten
    }:
        raise TaakFout("traject_soort", "onbekend_onderdeel")  # a part of this dossier
    assert titel is not None
    taak = Taak(
        burger_id=dossier.burger_id,
        dossier_id=dossier.id,
        titel=titel,
        toelichting=toelichting,
        traject_soort=invoer.traject_soort,
        uiterlijk=uiterlijk,
        status="open",
        ronde=1,
        casemanager_id=dossier.casemanager_id or (medewerker.id if medewerker else None),
        medewerker_id=medewerker.id if medewerker else None,
        api_client_id=api_client_id,
        gevraagd_op=nu,
    )
    session.add(taak)
    session.flush()
    vertel(session, taak, "gevraagd", nu, toelichting=toelichting)
    log(session, taak, "taak-vragen", trace_id, medewerker, api_client_id=api_client_id)
    session.commit()
    return taak


def vertel(
    session: Session, taak: Taak, gebeurtenis: str, nu: datetime, *, toelichting: str | None
) -> Bericht:
    """The person's message about this step, and the SMS or e-mail (or, for a task asked,
    without either, a paper letter) that says there is one."""
    bericht = Bericht(
        burger_id=taak.burger_id,
        soort=BERICHTSOORT,
        gegevens={
            "gebeurtenis": gebeurtenis,
            "taak_id": taak.id,
            "titel": taak.titel,
            "uiterlijk": taak.uiterlijk.isoformat(),
        },
        toelichting=toelichting,
        aangemaakt_op=nu,
    )
    if gebeurtenis == "ingetrokken":  # nothing to do any more: no need to call them over
        session.add(bericht)
        return bericht
    return nieuwsbericht.plaats(
        session,
        bericht,
        notificatiesoort=BERICHTSOORT,
        sleutel=f"taak:{taak.id}:{taak.ronde}:{gebeurtenis}",
        nu=nu,
        brief_zonder_kanaal=GEEN_KANAAL if gebeurtenis in ("gevraagd", "opnieuw") else None,
    )


def log(
    session: Session,
    taak: Taak,
    activiteit: str,
    trace_id: str,
    medewerker: Medewerker | None = None,
    *,
    handeling: str = "wijzigen",
    api_client_id: int | None = None,
    object_: str | None = None,
) -> None:
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        medewerker_id=medewerker.id if medewerker else None,
        api_client_id=api_client_id,
        burger_id=taak.burger_id,
        handeling=handeling,
        activiteit=activiteit,
        object=object_ or f"taak:{taak.id}",
    )


def annuleer_herinneringen(session: Session, taak: Taak) -> None:
    """The person answered, or nothing is needed any more: a reminder still waiting
    (held back by the quiet hours) does not go."""
    notificaties.annuleer_wachtend(session, taak.burger_id, f"taak:{taak.id}:")


def bekijk(
    session: Session, taak: Taak, medewerker: Medewerker, *, nu: datetime, trace_id: str
) -> None:
    """A staff member opened the task: logged on every view."""
    if taak.bekeken_op is None and taak.status in TE_BEOORDELEN:
        taak.bekeken_op = nu
    log(session, taak, "taak-bekijken", trace_id, medewerker, handeling="inzien")
    session.commit()


def _te_beoordelen(taak: Taak, veld: str = "actie") -> None:
    if taak.status not in TE_BEOORDELEN:
        raise TaakFout(veld, "gesloten" if taak.status in AFGESLOTEN else "niets_ontvangen")


def accepteer(
    session: Session, taak: Taak, medewerker: Medewerker, *, nu: datetime, trace_id: str
) -> None:
    """What was sent is enough (or the person does not have it, and that is fine): the task
    is done, UWV's promise to judge it kept. Commits."""
    _te_beoordelen(taak)
    taak.status, taak.afgerond_op = "geaccepteerd", nu
    toezeggingen.kom_na(session, onderwerp(taak), nu)
    vertel(session, taak, "geaccepteerd", nu, toelichting=None)
    log(session, taak, "taak-accepteren", trace_id, medewerker)
    session.commit()


def vraag_opnieuw(
    session: Session,
    taak: Taak,
    medewerker: Medewerker,
    *,
    reden: str | None,
    uiterlijk: date | None,
    nu: datetime,
    trace_id: str,
) -> None:
    """Not enough, or not what was needed: the task opens again (the next round) with the
    reason the person reads and a new deadline. Commits."""
    if taak.status in AFGESLOTEN:
        raise TaakFout("reden", "gesloten")
    schoon = tekst(reden, "reden", nodig=MIN_REDEN)
    nieuwe_datum = controleer_uiterlijk(uiterlijk, nu)
    if taak.status in TE_BEOORDELEN:
        toezeggingen.kom_na(session, onderwerp(taak), nu)
    annuleer_herinneringen(session, taak)
    taak.ronde += 1
    taak.status, taak.reden, taak.uiterlijk = "open", schoon, nieuwe_datum
    taak.ingeleverd_op = taak.bekeken_op = taak.herinnerd_op = None
    vertel(session, taak, "opnieuw", nu, toelichting=schoon)
    log(session, taak, "taak-opnieuw-vragen", trace_id, medewerker)
    session.commit()


def trek_in(
    session: Session, taak: Taak, medewerker: Medewerker, *, nu: datetime, trace_id: str
) -> None:
    """Nothing is needed any more: the person is told, the promise ends. Commits."""
    if taak.status in AFGESLOTEN:
        raise TaakFout("actie", "gesloten")
    taak.status, taak.afgerond_op = "ingetrokken", nu
    toezeggingen.laat_vervallen(session, onderwerp(taak), nu, "taak ingetrokken")
    annuleer_herinneringen(session, taak)
    vertel(session, taak, "ingetrokken", nu, toelichting=None)
    log(session, taak, "taak-intrekken", trace_id, medewerker)
    session.commit()


# --- what each side sees ---------------------------------------------------------------------

_MET_BESTANDEN = selectinload(Taak.bestanden)


def taak_van(session: Session, burger_id: int, taak_id: int) -> Taak | None:
    """One of the person's own tasks; another's answers None (the page says 404)."""
    return session.scalar(
        select(Taak).where(Taak.id == taak_id, Taak.burger_id == burger_id).options(_MET_BESTANDEN)
    )


def open_van_burger(session: Session, burger_id: int) -> list[Taak]:
    """What the person must still do, the nearest deadline first."""
    return list(
        session.scalars(
            select(Taak)
            .where(Taak.burger_id == burger_id, Taak.status == "open")
            .order_by(Taak.uiterlijk, Taak.id)
        )
    )


def van_dossier(session: Session, dossier_id: int) -> list[Taak]:
    return list(
        session.scalars(
            select(Taak).where(Taak.dossier_id == dossier_id).order_by(Taak.gevraagd_op.desc())
        )
    )


def voor_medewerker(session: Session, taak_id: int) -> Taak | None:
    return session.scalar(select(Taak).where(Taak.id == taak_id).options(_MET_BESTANDEN))


def is_verlopen(taak: Taak, nu: datetime) -> bool:
    """The person's deadline passed with nothing sent."""
    return taak.status == "open" and taak.uiterlijk < vandaag(nu)


@dataclass(frozen=True)
class Regel:
    taak: Taak
    kenmerk: str
    naam: str
    belofte: Toezegging | None  # UWV's date to judge what was sent
    verlopen: bool  # the person's deadline passed with nothing sent
    te_laat: bool  # UWV's date to judge it passed

    @property
    def te_beoordelen(self) -> bool:
        return self.taak.status in TE_BEOORDELEN


def wachtrij(session: Session, medewerker_id: int, nu: datetime) -> list[Regel]:
    """Tasks not closed for this casemanager, and the team's (none assigned): the nearest
    deadline first, those past it at the top."""
    rijen = session.execute(
        select(Taak, Dossier.kenmerk, Burger)
        .join(Dossier, Dossier.id == Taak.dossier_id)
        .join(Burger, Burger.id == Taak.burger_id)
        .where(
            Taak.status.not_in(AFGESLOTEN),
            or_(Taak.casemanager_id == medewerker_id, Taak.casemanager_id.is_(None)),
        )
        .order_by(Taak.uiterlijk, Taak.id)
    ).all()
    beloften = {
        t.onderwerp: t
        for t in session.scalars(
            select(Toezegging).where(
                Toezegging.onderwerp.in_([onderwerp(t) for t, _, _ in rijen]),
                Toezegging.status.in_(("open", "verlopen")),
            )
        )
    }
    regels = []
    for taak, kenmerk, burger in rijen:
        belofte = beloften.get(onderwerp(taak)) if taak.status in TE_BEOORDELEN else None
        te_laat = belofte is not None and toezeggingen.is_te_laat(belofte, nu)
        regels.append(Regel(taak, kenmerk, burger.naam, belofte, is_verlopen(taak, nu), te_laat))
    return regels
