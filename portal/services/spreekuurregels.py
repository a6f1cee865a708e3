"""The rules every planned spreekuur meets, for the API and the casemanager alike.

A moment on a working day within office hours (08.00 to 17.00 in Amsterdam, not on a public
holiday), in the future, begin and end on one day; a known form, and an office or a number
to fit it; never over another appointment of the person (``portal.services.afspraken``);
and in the form and at the office the person prefers, unless a reason is given.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from portal.kalender import geen_werkdag_omdat
from portal.kantoren import KANTOREN
from portal.models import Spreekuur, Spreekuurvoorkeur
from portal.models.spreekuur import VORMEN
from portal.services.afspraken import Afspraak, overlappende
from portal.services.belmomenten import (
    KANTOOR_TOT,
    KANTOOR_VAN,
    ServicecallFout,
    normaliseer_telefoon,
)
from portal.services.spreekuurvoorkeur import afwijkingen, huidige_voorkeur
from portal.tijd import AMSTERDAM

MAX_TEKST = 500


class SpreekuurFout(ValueError):
    """A refused change; ``reden`` says why, ``veld`` which field it belongs to."""

    def __init__(
        self,
        reden: str,
        veld: str | None = None,
        *,
        afspraak: Afspraak | None = None,
        voorkeur: Spreekuurvoorkeur | None = None,
        afwijkingen: tuple[str, ...] = (),
    ) -> None:
        super().__init__(reden)
        self.reden = reden
        self.veld = veld
        self.afspraak = afspraak  # with reden "overlapt": what is already planned then
        # With reden "tegen_voorkeur": the person's preference, and what departs from it
        # ("vorm", "kantoor").
        self.voorkeur = voorkeur
        self.afwijkingen = afwijkingen


def controleer(
    begin: datetime,
    eind: datetime,
    vorm: str,
    kantoor: str | None,
    telefoon: str | None,
    nu: datetime,
) -> tuple[str | None, str | None]:
    """Raise unless the spreekuur is sane; returns (office code, E.164 number)."""
    if begin.tzinfo is None or eind.tzinfo is None:
        raise SpreekuurFout("geen_tijdzone", "begin")
    if begin <= nu:
        raise SpreekuurFout("in_verleden", "begin")
    if eind <= begin:
        raise SpreekuurFout("eind_voor_begin", "eind")
    van, tot = begin.astimezone(AMSTERDAM), eind.astimezone(AMSTERDAM)
    if tot.date() != van.date():
        raise SpreekuurFout("niet_zelfde_dag", "eind")
    if reden := geen_werkdag_omdat(van.date()):
        raise SpreekuurFout(reden, "begin")
    if not KANTOOR_VAN <= van.time() < KANTOOR_TOT:
        raise SpreekuurFout("buiten_kantoortijd", "begin")
    if tot.time() > KANTOOR_TOT:
        raise SpreekuurFout("buiten_kantoortijd", "eind")
    if vorm not in VORMEN:
        raise SpreekuurFout("onbekende_vorm", "vorm")
    if vorm == "telefonisch":
        try:
            return None, normaliseer_telefoon(telefoon)
        except ServicecallFout as fout:
            raise SpreekuurFout(fout.reden, "telefoon") from fout
    if not kantoor:
        raise SpreekuurFout("geen_kantoor", "kantoor")
    if kantoor not in KANTOREN:
        raise SpreekuurFout("onbekend_kantoor", "kantoor")
    return kantoor, None


def controleer_vrij(
    session: Session, burger_id: int, begin: datetime, eind: datetime, eigen_id: int | None
) -> None:
    behalve = ("spreekuur", eigen_id) if eigen_id is not None else None
    bestaande = overlappende(session, burger_id, begin, eind, behalve=behalve)
    if bestaande is not None:
        raise SpreekuurFout("overlapt", "begin", afspraak=bestaande)


def tekst(invoer: str | None, veld: str) -> str | None:
    """Free text stripped, None when empty; refused when longer than MAX_TEKST."""
    schoon = (invoer or "").strip()
    if len(schoon) > MAX_TEKST:
        raise SpreekuurFout("te_lange_tekst", veld)
    return schoon or None


def tegen_voorkeur(
    session: Session,
    burger_id: int,
    vorm: str,
    kantoor: str | None,
    reden: str | None,
    eerder: Spreekuur | None = None,
) -> tuple[str | None, Spreekuurvoorkeur | None]:
    """The reason to keep and the preference it departs from; (None, None) when the
    spreekuur follows the person's current preference (or there is none).

    Another form or office than the person prefers needs a reason. A move that keeps the
    form and the office keeps the reason given before, as long as the preference it was
    given against is still the current one.
    """
    voorkeur = huidige_voorkeur(session, burger_id)
    afwijkend = afwijkingen(voorkeur, vorm, kantoor)
    if voorkeur is None or not afwijkend:
        return None, None
    gegeven = tekst(reden, "tegen_voorkeur_reden")
    if (
        gegeven is None
        and eerder is not None
        and eerder.tegen_voorkeur_id == voorkeur.id
        and (eerder.vorm, eerder.kantoor) == (vorm, kantoor)
    ):
        gegeven = eerder.tegen_voorkeur_reden
    if gegeven is None:
        raise SpreekuurFout(
            "tegen_voorkeur", "tegen_voorkeur_reden", voorkeur=voorkeur, afwijkingen=afwijkend
        )
    return gegeven, voorkeur
