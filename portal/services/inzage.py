"""Inzageverzoeken (GDPR art. 15): the legal term, the status table, the queue and storage.

Every change is one transaction: the request, its history, the person's message, the
SMS/e-mail (through ``notificaties.meld``) and the verwerkingslog. A refused change raises
``InzageFout`` before anything is written.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Protocol

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

import notificaties
from portal.models import Bericht, Burger, Dossier, Medewerker, utcnow
from portal.models.inzage import OPEN as OPEN  # re-exported: the views ask it of this service
from portal.models.inzage import Inzagedocument, Inzagegebeurtenis, Inzageverzoek
from portal.services import ontvangst, toezeggingen, verwerkingslog
from portal.tijd import vandaag

MAX_TOELICHTING = 1000
BERICHT = "inzage"
AFGEROND = ("verstrekt", "gedeeltelijk_verstrekt", "afgewezen", "ingetrokken")
BEANTWOORD = ("verstrekt", "gedeeltelijk_verstrekt", "afgewezen")
_ANTWOORDEN = {"verstrekt", "gedeeltelijk_verstrekt", "afgewezen"}
# The one table of legal steps. "verlengd" is only reached through ``verleng`` (its own
# rules), "ingetrokken" only by the person (``trek_in``).
OVERGANGEN: dict[str, frozenset[str]] = {
    "ontvangen": frozenset({"in_behandeling", "verlengd", "ingetrokken"} | _ANTWOORDEN),
    "in_behandeling": frozenset({"verlengd", "ingetrokken"} | _ANTWOORDEN),
    "verlengd": frozenset({"ingetrokken"} | _ANTWOORDEN),
    **{status: frozenset() for status in AFGEROND},
}


class InzageFout(ValueError):
    """A refused change; ``code`` names the reason, the views turn it into B1 words."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# --- the legal term ---------------------------------------------------------------------------


def termijn(ontvangen: date) -> date:
    """One month after receipt; 31 January gives the end of February (relativedelta clips)."""
    return ontvangen + relativedelta(months=1)


def uiterste_verlenging(ontvangen: date) -> date:
    """An extension ends at most three months after receipt (one month plus two)."""
    return ontvangen + relativedelta(months=3)


def ontvangstdag(verzoek: Inzageverzoek) -> date:
    return vandaag(verzoek.ontvangen_op)


class MetTermijn(Protocol):
    """What the term rules read of a request: a whole one, or a row of the queue."""

    @property
    def status(self) -> str: ...
    @property
    def termijn_op(self) -> date: ...
    @property
    def verlengd_tot(self) -> date | None: ...


def uiterlijk(verzoek: MetTermijn) -> date:
    """The date by which UWV must answer: the term, or the extended term."""
    return verzoek.verlengd_tot or verzoek.termijn_op


def dagen_over(verzoek: MetTermijn, nu: datetime | None = None) -> int:
    """Calendar days left until the answer is due (negative: overdue)."""
    return (uiterlijk(verzoek) - vandaag(nu)).days


def te_laat(verzoek: MetTermijn, nu: datetime | None = None) -> bool:
    return verzoek.status in OPEN and dagen_over(verzoek, nu) < 0


# --- the person -------------------------------------------------------------------------------


def vraag_aan(
    session: Session,
    burger: Burger,
    dossier: Dossier,
    *,
    onderwerpen: list[str],
    anders: str | None,
    levering: str,
    toelichting: str | None,
    nu: datetime | None = None,
) -> Inzageverzoek:
    nu = nu or utcnow()
    verzoek = Inzageverzoek(
        kenmerk=uuid.uuid4().hex[:20],  # replaced below, once the id is known
        burger_id=burger.id,
        dossier_id=dossier.id,
        onderwerpen=list(onderwerpen),
        anders=anders or None,
        levering=levering,
        toelichting=toelichting or None,
        status="ontvangen",
        ontvangen_op=nu,
        termijn_op=termijn(vandaag(nu)),
    )
    session.add(verzoek)
    session.flush()
    verzoek.kenmerk = f"INZ-{vandaag(nu).year}-{verzoek.id:06d}"
    session.add(Inzagegebeurtenis(verzoek_id=verzoek.id, naar_status="ontvangen", op=nu))
    # The law's month: without a timely extension it is also the limit.
    _beloof(session, verzoek, verzoek.termijn_op, grens=verzoek.termijn_op, nu=nu, bron="burger")
    kopie = [
        ("onderwerpen", ",".join(onderwerpen)),
        ("anders", anders or ""),
        ("levering", levering),
    ]
    kopie.append(("toelichting", toelichting or ""))
    ontvangst.bevestig(
        session,
        burger.id,
        wat="inzage",
        kopie=[(veld, waarde) for veld, waarde in kopie if waarde],
        volgende_op=verzoek.termijn_op,
        nu=nu,
    )
    session.commit()
    return verzoek


def verzoeken_van(session: Session, burger_id: int) -> list[Inzageverzoek]:
    return list(
        session.scalars(
            select(Inzageverzoek)
            .where(Inzageverzoek.burger_id == burger_id)
            .order_by(Inzageverzoek.ontvangen_op.desc(), Inzageverzoek.id.desc())
        )
    )


def verzoek_van(session: Session, burger_id: int, verzoek_id: int) -> Inzageverzoek | None:
    """The request, only when it is this person's (a foreign id answers None)."""
    return session.scalar(
        select(Inzageverzoek).where(
            Inzageverzoek.id == verzoek_id, Inzageverzoek.burger_id == burger_id
        )
    )


def document_van(
    verzoek: Inzageverzoek, document_id: int, *, alleen_verstrekt: bool
) -> Inzagedocument | None:
    """A document of this request; the person only sees them once the request is answered."""
    if alleen_verstrekt and verzoek.status not in ("verstrekt", "gedeeltelijk_verstrekt"):
        return None
    return next((d for d in verzoek.documenten if d.id == document_id), None)


def trek_in(
    session: Session, verzoek: Inzageverzoek, *, trace_id: str, nu: datetime | None = None
) -> None:
    if verzoek.status not in OPEN:
        raise InzageFout("niet_open")
    nu = nu or utcnow()
    _naar(session, verzoek, "ingetrokken", medewerker=None, nu=nu)
    onderwerp = toezeggingen.onderwerp_van("inzageverzoek", verzoek.id)
    toezeggingen.laat_vervallen(session, onderwerp, nu, "ingetrokken")
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        medewerker_id=None,
        burger_id=verzoek.burger_id,
        handeling="wijzigen",
        activiteit="inzageverzoek-intrekken",
        object=f"inzageverzoek:{verzoek.id}",
    )
    session.commit()


# --- the casemanager --------------------------------------------------------------------------


def voor_medewerker(session: Session, verzoek_id: int) -> Inzageverzoek | None:
    return session.scalar(
        select(Inzageverzoek)
        .where(Inzageverzoek.id == verzoek_id)
        .options(selectinload(Inzageverzoek.gebeurtenissen), selectinload(Inzageverzoek.documenten))
    )


def over_zichzelf(medewerker: Medewerker, burger: Burger) -> bool:
    """Whether the request may be about this employee's own file.

    Honest limit: staff have no BSN in the portal, so this compares contact details only.
    Real identity matching needs the BSN claim from the staff identity provider.
    """
    zelfde_mail = bool(
        medewerker.email
        and burger.email
        and medewerker.email.strip().lower() == burger.email.strip().lower()
    )
    zelfde_telefoon = bool(medewerker.telefoon) and medewerker.telefoon == burger.telefoon
    return zelfde_mail or zelfde_telefoon


def mag_behandelen(session: Session, verzoek: Inzageverzoek, medewerker: Medewerker) -> None:
    if verzoek.status not in OPEN:
        raise InzageFout("niet_open")
    if over_zichzelf(medewerker, session.get_one(Burger, verzoek.burger_id)):
        raise InzageFout("eigen_verzoek")


def wijs_toe(
    session: Session,
    verzoek: Inzageverzoek,
    behandelaar: Medewerker,
    *,
    door: Medewerker,
    trace_id: str,
    nu: datetime | None = None,
) -> None:
    """Take (``behandelaar`` is ``door``) or assign; a received request moves to in behandeling."""
    mag_behandelen(session, verzoek, behandelaar)
    nu = nu or utcnow()
    verzoek.medewerker_id = behandelaar.id
    if verzoek.status == "ontvangen":
        _naar(session, verzoek, "in_behandeling", medewerker=door, nu=nu)
    log_handeling(session, verzoek, door, trace_id, "wijzigen", "inzageverzoek-toewijzen")
    session.commit()


def verleng(
    session: Session,
    verzoek: Inzageverzoek,
    *,
    tot: date,
    reden: str,
    medewerker: Medewerker,
    trace_id: str,
    nu: datetime | None = None,
) -> None:
    """Extend once, within the first month, to at most three months after receipt, with a
    reason that the person is told (message and notification)."""
    nu = nu or utcnow()
    mag_behandelen(session, verzoek, medewerker)
    if verzoek.verlengd_tot is not None:
        raise InzageFout("al_verlengd")
    if not (reden or "").strip():
        raise InzageFout("reden_nodig")
    if vandaag(nu) > verzoek.termijn_op:
        raise InzageFout("te_laat_voor_verlenging")
    if tot <= verzoek.termijn_op:
        raise InzageFout("verlenging_te_kort")
    if tot > uiterste_verlenging(ontvangstdag(verzoek)):
        raise InzageFout("verlenging_te_lang")
    verzoek.verlengd_tot = tot
    verzoek.verlenging_reden = reden.strip()
    _beloof(
        session,
        verzoek,
        tot,
        grens=uiterste_verlenging(ontvangstdag(verzoek)),
        nu=nu,
        bron="medewerker",
        medewerker_id=medewerker.id,
        reden=reden.strip(),
    )
    _naar(session, verzoek, "verlengd", medewerker=medewerker, nu=nu, tekst=reden.strip())
    _vertel(session, verzoek, "verlengd", toelichting=reden.strip(), nu=nu)
    log_handeling(session, verzoek, medewerker, trace_id, "wijzigen", "inzageverzoek-verlengen")
    session.commit()


def rond_af(
    session: Session,
    verzoek: Inzageverzoek,
    *,
    naar: str,
    bericht: str | None,
    medewerker: Medewerker,
    trace_id: str,
    nu: datetime | None = None,
) -> None:
    """Answer the request: provided (in part) or refused, with a message to the person."""
    nu = nu or utcnow()
    if naar not in OVERGANGEN.get(verzoek.status, ()) or naar not in _ANTWOORDEN:
        raise InzageFout("ongeldige_overgang")
    mag_behandelen(session, verzoek, medewerker)
    tekst = (bericht or "").strip() or None
    if naar == "afgewezen" and not tekst:
        raise InzageFout("reden_nodig")
    if naar != "afgewezen" and not (verzoek.documenten or verzoek.per_post_verzonden_op):
        raise InzageFout("niets_verstrekt")
    if naar == "afgewezen":
        verzoek.afwijzing_reden = tekst
    verzoek.afgerond_op = nu
    if verzoek.medewerker_id is None:
        verzoek.medewerker_id = medewerker.id
    _naar(session, verzoek, naar, medewerker=medewerker, nu=nu, tekst=tekst)
    toezeggingen.kom_na(session, toezeggingen.onderwerp_van("inzageverzoek", verzoek.id), nu)
    _vertel(session, verzoek, naar, toelichting=tekst, nu=nu)
    handeling = "wijzigen" if naar == "afgewezen" else "verstrekken"
    log_handeling(session, verzoek, medewerker, trace_id, handeling, "inzageverzoek-afronden")
    session.commit()


def noteer(
    session: Session,
    verzoek: Inzageverzoek,
    tekst: str,
    *,
    medewerker: Medewerker,
    trace_id: str,
    nu: datetime | None = None,
) -> None:
    """An internal note: staff only, never shown to the person."""
    session.add(
        Inzagegebeurtenis(
            verzoek_id=verzoek.id,
            tekst=tekst.strip(),
            intern=True,
            medewerker_id=medewerker.id,
            op=nu or utcnow(),
        )
    )
    log_handeling(session, verzoek, medewerker, trace_id, "wijzigen", "inzageverzoek-notitie")
    session.commit()


def per_post_verzonden(
    session: Session,
    verzoek: Inzageverzoek,
    *,
    medewerker: Medewerker,
    trace_id: str,
    nu: datetime | None = None,
) -> None:
    mag_behandelen(session, verzoek, medewerker)
    verzoek.per_post_verzonden_op = nu or utcnow()
    log_handeling(session, verzoek, medewerker, trace_id, "verstrekken", "inzageverzoek-per-post")
    session.commit()


def _beloof(
    session: Session,
    verzoek: Inzageverzoek,
    datum: date,
    *,
    grens: date,
    nu: datetime,
    bron: str,
    medewerker_id: int | None = None,
    reden: str | None = None,
) -> None:
    toezeggingen.beloof(
        session,
        burger_id=verzoek.burger_id,
        dossier_id=verzoek.dossier_id,
        soort="inzagetermijn",
        onderwerp=toezeggingen.onderwerp_van("inzageverzoek", verzoek.id),
        datum=datum,
        bron=bron,
        nu=nu,
        medewerker_id=medewerker_id,
        wettelijke_grens=grens,
        reden=reden,
    )


def _naar(
    session: Session,
    verzoek: Inzageverzoek,
    naar: str,
    *,
    medewerker: Medewerker | None,
    nu: datetime,
    tekst: str | None = None,
) -> None:
    if naar not in OVERGANGEN[verzoek.status]:
        raise InzageFout("ongeldige_overgang")
    session.add(
        Inzagegebeurtenis(
            verzoek_id=verzoek.id,
            van_status=verzoek.status,
            naar_status=naar,
            tekst=tekst,
            medewerker_id=medewerker.id if medewerker else None,
            op=nu,
        )
    )
    verzoek.status = naar


def _vertel(
    session: Session,
    verzoek: Inzageverzoek,
    gebeurtenis: str,
    *,
    toelichting: str | None,
    nu: datetime,
) -> None:
    """A message in the portal (the content) and SMS/e-mail that there is news (no content)."""
    session.add(
        Bericht(
            burger_id=verzoek.burger_id,
            soort=BERICHT,
            gegevens={
                "kenmerk": verzoek.kenmerk,
                "verzoek_id": verzoek.id,
                "gebeurtenis": gebeurtenis,
                "uiterlijk": uiterlijk(verzoek).isoformat(),
            },
            toelichting=toelichting,
            aangemaakt_op=nu,
            # An answer is ready (or refused): the person must not miss it.
            belangrijk=gebeurtenis in BEANTWOORD,
        )
    )
    notificaties.meld(
        session,
        session.get_one(Burger, verzoek.burger_id),
        soort="inzage",
        sleutel=f"inzage:{verzoek.id}:{gebeurtenis}",
        nu=nu,
    )


def log_bekeken(
    session: Session,
    verzoek: Inzageverzoek,
    *,
    activiteit: str,
    object: str,
    medewerker_id: int,
    trace_id: str,
) -> None:
    """Record that a staff member looked at this request or one of its documents."""
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        medewerker_id=medewerker_id,
        burger_id=verzoek.burger_id,
        handeling="inzien",
        activiteit=activiteit,
        object=object,
    )
    session.commit()


def log_handeling(
    session: Session,
    verzoek: Inzageverzoek,
    medewerker: Medewerker | None,
    trace_id: str,
    handeling: str,
    activiteit: str,
    api_client_id: int | None = None,
) -> None:
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        medewerker_id=medewerker.id if medewerker else None,
        api_client_id=api_client_id,
        burger_id=verzoek.burger_id,
        handeling=handeling,
        activiteit=activiteit,
        object=f"inzageverzoek:{verzoek.id}",
    )
