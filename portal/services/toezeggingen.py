"""The ledger of promises (toezeggingen): every date a person is told, and what became of it.

Services that set a date a person sees call ``beloof`` in the same transaction; services
that make the promised event happen call ``kom_na``; a withdrawn request or a cancelled
appointment calls ``laat_vervallen``. A casemanager (or the back office) sets a new date for
an overdue promise with ``verschuif``, which needs a reason and keeps to the law's limit.
The planner marks promises that passed unkept (``notificaties.toezeggingen``). None of these
commit: the caller's domain change and the promise become real together, or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, bindparam, select, update
from sqlalchemy.orm import Session

import notificaties
from portal.models import Bericht, Betaling, Bezwaar, Burger, Inzageverzoek, Traject
from portal.models.toezegging import Toezegging
from portal.tijd import vandaag
from portal.toezeggingsoorten import TOEZEGGINGSOORTEN, uiterlijk_van, voor_traject
from portal.toezeggingsoorten import soort as soortregel

MAX_REDEN = 1000
MAX_JAREN_VOORUIT = 3
LAATSTE = ("open", "verlopen")
# Objections and complaints: terms of the law, extended once and only within the term.
WETTELIJKE_ZAKEN = ("bezwaar", "klacht")
BERICHTSOORT = "toezegging"  # states of the newest promise of a subject that still matter


class ToezeggingFout(ValueError):
    """A refused change; ``reden`` says why, ``veld`` which field it belongs to."""

    def __init__(self, reden: str, veld: str | None = None, **details: object) -> None:
        super().__init__(reden)
        self.reden = reden
        self.veld = veld
        self.details = details


def onderwerp_van(soort: str, id_: int) -> str:
    """The subject key: ``traject:12``, ``inzageverzoek:5``, ``spreekuur:3``, …"""
    return f"{soort}:{id_}"


def laatste(session: Session, onderwerp: str) -> Toezegging | None:
    """The newest promise about this subject, whatever its state."""
    return session.scalar(
        select(Toezegging)
        .where(Toezegging.onderwerp == onderwerp)
        .order_by(Toezegging.id.desc())
        .limit(1)
    )


def open_voor(session: Session, onderwerp: str) -> Toezegging | None:
    gevonden = laatste(session, onderwerp)
    return gevonden if gevonden is not None and gevonden.status == "open" else None


def beloof(
    session: Session,
    *,
    burger_id: int,
    dossier_id: int | None,
    soort: str,
    onderwerp: str,
    datum: date,
    bron: str,
    nu: datetime,
    van: datetime | None = None,
    tot: datetime | None = None,
    medewerker_id: int | None = None,
    api_client_id: int | None = None,
    wettelijke_grens: date | None = None,
    reden: str | None = None,
) -> Toezegging:
    """Record the promise of ``datum`` (and ``van``/``tot``) about ``onderwerp``.

    An open promise about the same subject with the same date stays as it is; one with
    another date is moved to this one (``verschoven``), which links back to it. A verlopen
    one stays verlopen: a new date does not undo that the old one was broken.
    """
    assert soort in TOEZEGGINGSOORTEN, soort
    vorige = laatste(session, onderwerp)
    if (
        vorige is not None
        and vorige.status == "open"
        and (vorige.soort, vorige.datum, vorige.van, vorige.tot) == (soort, datum, van, tot)
    ):
        return vorige
    if vorige is not None and vorige.wettelijke_grens and wettelijke_grens is None:
        wettelijke_grens = vorige.wettelijke_grens
    if wettelijke_grens is not None and datum > wettelijke_grens:
        raise ToezeggingFout("na_wettelijke_grens", "datum", grens=wettelijke_grens)
    nieuw = Toezegging(
        burger_id=burger_id,
        dossier_id=dossier_id,
        soort=soort,
        onderwerp=onderwerp,
        datum=datum,
        van=van,
        tot=tot,
        uiterlijk=uiterlijk_van(soort, datum, van, tot),
        wettelijke_grens=wettelijke_grens,
        status="open",
        bron=bron,
        medewerker_id=medewerker_id,
        api_client_id=api_client_id,
        gemaakt_op=nu,
        reden=reden,
        vorige_id=vorige.id if vorige is not None and vorige.status in LAATSTE else None,
        versie=0,
    )
    if vorige is not None and vorige.status == "open":
        vorige.status, vorige.afgesloten_op = "verschoven", nu
        vorige.versie += 1
    session.add(nieuw)
    session.flush()
    return nieuw


def kom_na(session: Session, onderwerp: str, nu: datetime) -> Toezegging | None:
    """The promised event happened: kept if in time; if not, it stays late, with the day it
    was done after all."""
    gevonden = laatste(session, onderwerp)
    if gevonden is None or gevonden.nagekomen_op is not None:
        return gevonden
    if gevonden.status == "open":
        gevonden.status = "nagekomen" if nu <= gevonden.uiterlijk else "verlopen"
        gevonden.afgesloten_op = nu
    if gevonden.status in ("nagekomen", "verlopen"):
        gevonden.nagekomen_op = nu
        gevonden.versie += 1
    return gevonden


def laat_vervallen(session: Session, onderwerp: str, nu: datetime, reden: str) -> None:
    """The promise is no longer needed (withdrawn, cancelled, the status moved on without a
    date): it ends without being kept or broken."""
    gevonden = open_voor(session, onderwerp)
    if gevonden is not None:
        gevonden.status, gevonden.afgesloten_op, gevonden.reden = "vervallen", nu, reden
        gevonden.versie += 1


@dataclass(frozen=True)
class Verschuiving:
    datum: date | None
    reden: str | None
    verwacht_versie: int | None


def verschuif(
    session: Session,
    toezegging: Toezegging,
    verschuiving: Verschuiving,
    *,
    nu: datetime,
    medewerker_id: int | None = None,
    api_client_id: int | None = None,
) -> Toezegging:
    """A new date for a promise, with a reason the person is told. Raises ``ToezeggingFout``
    and changes nothing when the date or reason cannot be, the law does not allow it, or
    someone else changed the promise in the meantime. Does not commit."""
    regel = soortregel(toezegging.soort)
    if not regel.verschuifbaar:
        raise ToezeggingFout("niet_verschuifbaar")
    if (
        verschuiving.verwacht_versie is not None
        and verschuiving.verwacht_versie != toezegging.versie
    ):
        raise ToezeggingFout("intussen_gewijzigd")
    if toezegging.status not in LAATSTE or laatste(session, toezegging.onderwerp) is not toezegging:
        raise ToezeggingFout("intussen_gewijzigd")
    reden = (verschuiving.reden or "").strip()
    if verschuiving.datum is None:
        raise ToezeggingFout("datum_nodig", "datum")
    if verschuiving.datum < vandaag(nu):
        raise ToezeggingFout("in_verleden", "datum")
    if verschuiving.datum.year > vandaag(nu).year + MAX_JAREN_VOORUIT:
        raise ToezeggingFout("te_ver", "datum")
    grens = toezegging.wettelijke_grens
    if toezegging.soort in WETTELIJKE_ZAKEN and (
        toezegging.status == "verlopen" or vandaag(nu) > toezegging.datum
    ):
        # Awb 7:10 lid 3 and 9:11 lid 2: the one extension only within the term.
        raise ToezeggingFout("na_wettelijke_grens", "datum", grens=toezegging.datum)
    if grens is not None and verschuiving.datum > grens:
        raise ToezeggingFout("na_wettelijke_grens", "datum", grens=grens)
    if not reden:
        raise ToezeggingFout("reden_nodig", "reden")
    if len(reden) > MAX_REDEN:
        raise ToezeggingFout("reden_te_lang", "reden")
    # Guarded, so two people moving the same promise at once cannot both win.
    gewijzigd = session.execute(
        update(Toezegging)
        .where(Toezegging.id == toezegging.id, Toezegging.versie == toezegging.versie)
        .values(versie=toezegging.versie + 1)
        .execution_options(synchronize_session=False)
    )
    # An UPDATE gives a CursorResult, which counts the rows; execute() is typed for any statement.
    if cast(CursorResult[Any], gewijzigd).rowcount != 1:
        raise ToezeggingFout("intussen_gewijzigd")
    session.refresh(toezegging)
    nieuw = beloof(
        session,
        burger_id=toezegging.burger_id,
        dossier_id=toezegging.dossier_id,
        soort=toezegging.soort,
        onderwerp=toezegging.onderwerp,
        datum=verschuiving.datum,
        bron="medewerker" if medewerker_id else "api",
        nu=nu,
        medewerker_id=medewerker_id,
        api_client_id=api_client_id,
        wettelijke_grens=grens,
        reden=reden,
    )
    _pas_domein_aan(session, nieuw)
    _vertel_nieuwe_datum(session, toezegging, nieuw, nu)
    return nieuw


def _vertel_nieuwe_datum(
    session: Session, oud: Toezegging, nieuw: Toezegging, nu: datetime
) -> None:
    """The person reads the new date and why in the portal; an SMS or e-mail only says that
    there is news (no date, no reason)."""
    session.add(
        Bericht(
            burger_id=nieuw.burger_id,
            soort=BERICHTSOORT,
            gegevens={
                "gebeurtenis": "verschoven",
                "toezegging_id": nieuw.id,
                "soort": nieuw.soort,
                "onderwerp": nieuw.onderwerp,
                "datum": nieuw.datum.isoformat(),
                "vorige_datum": oud.datum.isoformat(),
            },
            toelichting=nieuw.reden,
            aangemaakt_op=nu,
        )
    )
    burger = session.get(Burger, nieuw.burger_id)
    assert burger is not None
    notificaties.meld(
        session, burger, soort=BERICHTSOORT, sleutel=f"toezegging:{nieuw.id}:nieuwe-datum", nu=nu
    )


def _pas_domein_aan(session: Session, toezegging: Toezegging) -> None:
    """The subject's own date follows the moved promise, so no page or planner disagrees."""
    soort, _, id_ = toezegging.onderwerp.partition(":")
    if soort == "traject":
        session.execute(
            update(Traject)
            .where(Traject.id == int(id_))
            .values(volgende_update_op=toezegging.datum)
            .execution_options(synchronize_session="fetch")
        )
    elif soort == "inzageverzoek":
        session.execute(
            update(Inzageverzoek)
            .where(Inzageverzoek.id == int(id_))
            .values(verlengd_tot=toezegging.datum)
            .execution_options(synchronize_session="fetch")
        )
    elif soort in ("bezwaar", "klacht"):
        # A new date within the law's limit is the one extension the law allows.
        session.execute(
            update(Bezwaar)
            .where(Bezwaar.id == int(id_), Bezwaar.verdaagd_op.is_(None))
            .values(
                verdaagd_op=vandaag(toezegging.gemaakt_op),
                verdaging_reden=toezegging.reden,
                status="verdaagd",
            )
            .execution_options(synchronize_session="fetch")
        )
    elif soort == "betaling":
        session.execute(
            update(Betaling)
            .where(Betaling.id == int(id_))
            .values(verwacht_op=toezegging.datum)
            .execution_options(synchronize_session="fetch")
        )


@dataclass(frozen=True)
class Beloften:
    """A person's ledger as their pages read it: the newest promise per subject, and the
    ones each replaced (moved, or broken and given a new date)."""

    per_id: dict[int, Toezegging]
    nieuwste: dict[str, Toezegging]

    def get(self, onderwerp: str) -> Toezegging | None:
        return self.nieuwste.get(onderwerp)

    def eerdere(self, toezegging: Toezegging) -> list[Toezegging]:
        """The promises this one replaced, newest first."""
        keten: list[Toezegging] = []
        vorige = self.per_id.get(toezegging.vorige_id or 0)
        while vorige is not None and len(keten) < 50:
            keten.append(vorige)
            vorige = self.per_id.get(vorige.vorige_id or 0)
        return keten

    def te_laat(self, nu: datetime) -> list[Toezegging]:
        return [t for t in self.nieuwste.values() if is_te_laat(t, nu)]


# Built once: Mijn dossier runs it on every visit.
_VAN_BURGER = (
    select(Toezegging).where(Toezegging.burger_id == bindparam("burger_id")).order_by(Toezegging.id)
)


def van_burger(session: Session, burger_id: int) -> Beloften:
    """Every promise made to this person, in one query."""
    alle = list(session.scalars(_VAN_BURGER, {"burger_id": burger_id}))
    return Beloften({t.id: t for t in alle}, {t.onderwerp: t for t in alle})


def is_te_laat(toezegging: Toezegging, nu: datetime) -> bool:
    """Late: marked so by the planner, or open while its moment has passed (the planner runs
    at night; a page must not show a passed date as still ahead in the meantime)."""
    if toezegging.status == "verlopen":
        return toezegging.nagekomen_op is None
    regel = soortregel(toezegging.soort)
    return (
        toezegging.status == "open"
        and regel.bij_verstrijken == "verlopen"
        and nu > toezegging.uiterlijk
    )


def beloof_trajectdatum(
    session: Session,
    traject: Traject,
    datum: date | None,
    *,
    bron: str,
    nu: datetime,
    medewerker_id: int | None = None,
    api_client_id: int | None = None,
) -> Toezegging | None:
    """The date the person hears more about this traject, as set with its status: the next
    update while it is investigated, otherwise the term of the next step. No date (or a
    finished traject) ends any open promise about it without a new one."""
    onderwerp = onderwerp_van("traject", traject.id)
    if datum is None or traject.status == "afgerond":
        laat_vervallen(session, onderwerp, nu, "geen_datum")
        return None
    return beloof(
        session,
        burger_id=traject.dossier.burger_id,
        dossier_id=traject.dossier_id,
        soort=voor_traject(traject.status),
        onderwerp=onderwerp,
        datum=datum,
        bron=bron,
        nu=nu,
        medewerker_id=medewerker_id,
        api_client_id=api_client_id,
    )


def na_bericht(session: Session, bericht: Bericht, nu: datetime) -> Toezegging | None:
    """The promise as it stands now, when a message named a date that has since moved or
    passed unkept: an old message must not keep a broken promise looking alive."""
    gegevens = bericht.gegevens or {}
    if (
        bericht.soort == "statuswijziging"
        and bericht.traject_id
        and gegevens.get("volgende_update_op")
    ):
        onderwerp, genoemd = f"traject:{bericht.traject_id}", gegevens["volgende_update_op"]
    elif bericht.soort == "inzage" and gegevens.get("verzoek_id") and gegevens.get("uiterlijk"):
        onderwerp, genoemd = f"inzageverzoek:{gegevens['verzoek_id']}", gegevens["uiterlijk"]
    else:
        return None
    nu_geldig = laatste(session, onderwerp)
    if nu_geldig is None or nu_geldig.status in ("nagekomen", "vervallen"):
        return None
    if is_te_laat(nu_geldig, nu) or nu_geldig.datum.isoformat() != genoemd:
        return nu_geldig
    return None
