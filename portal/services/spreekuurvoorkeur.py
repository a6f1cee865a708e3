"""The person's spreekuurvoorkeur and accommodation profile (ondersteuning), and the planners'
view of both. Rules only: no Flask request objects; the caller passes ``nu``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from portal.kantoren import KANTOREN
from portal.models import Burger
from portal.models.spreekuur import VORMEN, Ondersteuning, Spreekuurvoorkeur
from portal.services import afspraken, ontvangst
from portal.services.verwerkingslog import log
from portal.tijd import AMSTERDAM, vandaag
from portal.vertalen import lazy_gettext as _l

MAX_TEKST = 500
MAX_TAAL = 80
DAGDELEN = {"ochtend": _l("'s Ochtends"), "middag": _l("'s Middags")}
VORMEN_MET_KANTOOR = ("fysiek", "video")  # telefonisch needs no office
# The yes/no needs of the profile, in the order they are shown.
BEHOEFTEN = {
    "tolk": _l("Een tolk"),
    "drempelvrij": _l("Een drempelvrije plek"),
    "begeleider": _l("Iemand die meekomt"),
    "grote_letters": _l("Brieven in grote letters"),
    "eenvoudige_taal": _l("Brieven in eenvoudige taal"),
    "extra_tijd": _l("Extra tijd"),
    "rustige_wachtruimte": _l("Een rustige wachtruimte"),
}
GEEN = "geen"  # in a receipt's copy: the person needs none of BEHOEFTEN


class SpreekuurvoorkeurFout(ValueError):
    """A refused change; ``reden`` says why, ``veld`` which form field it belongs to."""

    def __init__(self, reden: str, veld: str) -> None:
        super().__init__(reden)
        self.reden = reden
        self.veld = veld


def _tekst(waarde: str | None, veld: str, maximum: int = MAX_TEKST) -> str | None:
    tekst = (waarde or "").strip()
    if len(tekst) > maximum:
        raise SpreekuurvoorkeurFout("te_lange_tekst", veld)
    return tekst or None


# --- the preference -------------------------------------------------------------------------


def huidige_voorkeur(session: Session, burger_id: int) -> Spreekuurvoorkeur | None:
    """The newest row is the current preference."""
    return session.scalar(
        select(Spreekuurvoorkeur)
        .where(Spreekuurvoorkeur.burger_id == burger_id)
        .order_by(Spreekuurvoorkeur.id.desc())
        .limit(1)
    )


def afwijkingen(
    voorkeur: Spreekuurvoorkeur | None, vorm: str, kantoor: str | None
) -> tuple[str, ...]:
    """Where a spreekuur in ``vorm`` at ``kantoor`` departs from ``voorkeur``: ("vorm",),
    ("kantoor",), both, or () when it follows it (or there is no preference). A spreekuur
    by phone has no office, so it departs from an office preference in its form only."""
    if voorkeur is None:
        return ()
    delen: list[str] = []
    if vorm != voorkeur.vorm:
        delen.append("vorm")
    if voorkeur.kantoor and vorm in VORMEN_MET_KANTOOR and kantoor != voorkeur.kantoor:
        delen.append("kantoor")
    return tuple(delen)


def geschiedenis(session: Session, burger_id: int) -> list[Spreekuurvoorkeur]:
    """All the person's preferences, newest first."""
    return list(
        session.scalars(
            select(Spreekuurvoorkeur)
            .where(Spreekuurvoorkeur.burger_id == burger_id)
            .order_by(Spreekuurvoorkeur.id.desc())
        )
    )


def zet_voorkeur(
    session: Session,
    burger_id: int,
    *,
    vorm: str | None,
    kantoor: str | None,
    dagdelen: Iterable[str] | None,
    toelichting: str | None,
    nu: datetime,
) -> Spreekuurvoorkeur:
    """Check everything first, then add a new row: earlier preferences stay as history."""
    if vorm not in VORMEN:
        raise SpreekuurvoorkeurFout("geen_vorm", "vorm")
    code = (kantoor or "").strip() or None
    if vorm in VORMEN_MET_KANTOOR:
        if code is None:
            raise SpreekuurvoorkeurFout("geen_kantoor", "kantoor")
        if code not in KANTOREN:
            raise SpreekuurvoorkeurFout("onbekend_kantoor", "kantoor")
    elif code is not None and code not in KANTOREN:
        raise SpreekuurvoorkeurFout("onbekend_kantoor", "kantoor")
    gekozen = set(dagdelen or ())
    delen = [d for d in DAGDELEN if d in gekozen]
    if not delen:
        raise SpreekuurvoorkeurFout("geen_dagdeel", "dagdelen")
    tekst = _tekst(toelichting, "toelichting")
    voorkeur = Spreekuurvoorkeur(
        burger_id=burger_id,
        vorm=vorm,
        # A phone spreekuur has no office; a code sent along anyway is not kept.
        kantoor=code if vorm in VORMEN_MET_KANTOOR else None,
        dagdelen=delen,
        toelichting=tekst,
        aangemaakt_op=nu,
    )
    session.add(voorkeur)
    kopie = [("vorm", vorm), ("kantoor", voorkeur.kantoor), ("dagdelen", ",".join(delen))]
    _bevestig(session, burger_id, "spreekuurvoorkeur", [*kopie, ("toelichting", tekst)], nu)
    session.commit()
    return voorkeur


def _bevestig(
    session: Session, burger_id: int, wat: str, kopie: list[tuple[str, str | None]], nu: datetime
) -> None:
    """The receipt, with the spreekuur already planned (if any) as what happens next; none
    when the same was saved again (see ``ontvangst.bevestig_wijziging``). Fields left empty
    are left out of the copy."""
    gepland = afspraken.eerstvolgende(session, burger_id, "spreekuur", nu)
    ontvangst.bevestig_wijziging(
        session,
        burger_id,
        wat=wat,
        kopie=[(veld, waarde) for veld, waarde in kopie if waarde],
        volgende_op=vandaag(gepland.begin) if gepland else None,
        venster=(gepland.begin, gepland.eind) if gepland else None,
        nu=nu,
    )


# --- the accommodation profile ----------------------------------------------------------


def ondersteuning(session: Session, burger_id: int) -> Ondersteuning | None:
    return session.get(Ondersteuning, burger_id)


def zet_ondersteuning(
    session: Session,
    burger_id: int,
    *,
    behoeften: Iterable[str],
    tolk_taal: str | None,
    toelichting: str | None,
    nu: datetime,
) -> Ondersteuning:
    """Replace the one profile row. A language filled in means an interpreter is needed;
    an interpreter without a language is refused (we cannot book one)."""
    gekozen = set(behoeften)
    taal = _tekst(tolk_taal, "tolk_taal", MAX_TAAL)
    if taal:
        gekozen.add("tolk")
    if "tolk" in gekozen and not taal:
        raise SpreekuurvoorkeurFout("geen_taal", "tolk_taal")
    tekst = _tekst(toelichting, "toelichting")
    profiel = session.get(Ondersteuning, burger_id) or Ondersteuning(burger_id=burger_id)
    for naam in BEHOEFTEN:
        setattr(profiel, naam, naam in gekozen)
    profiel.tolk_taal = taal
    profiel.toelichting = tekst
    profiel.gewijzigd_op = nu
    session.add(profiel)
    # Nothing ticked is an answer too ("geen"): the copy says so.
    behoeften = ",".join(naam for naam in BEHOEFTEN if naam in gekozen) or GEEN
    kopie = [("behoeften", behoeften), ("tolk_taal", taal), ("toelichting", tekst)]
    _bevestig(session, burger_id, "ondersteuning", kopie, nu)
    session.commit()
    return profiel


def zet_briefvorm(
    session: Session, burger_id: int, *, grote_letters: bool, eenvoudige_taal: bool, nu: datetime
) -> Ondersteuning:
    """The form the person wants letters in; the rest of the profile stays as it is."""
    profiel = session.get(Ondersteuning, burger_id) or Ondersteuning(burger_id=burger_id)
    profiel.grote_letters, profiel.eenvoudige_taal = grote_letters, eenvoudige_taal
    profiel.gewijzigd_op = nu
    session.add(profiel)
    session.commit()
    return profiel


def behoeften_van(profiel: Ondersteuning | None) -> list[str]:
    """The needs as short phrases (an interpreter with its language); empty when none."""
    if profiel is None:
        return []
    regels = []
    for naam, label in BEHOEFTEN.items():
        if getattr(profiel, naam):
            regels.append(f"{label} ({profiel.tolk_taal})" if naam == "tolk" else str(label))
    return regels


def heeft_ondersteuning(profiel: Ondersteuning | None) -> bool:
    return bool(behoeften_van(profiel) or (profiel and profiel.toelichting))


# --- the planners' view -----------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    kantoor: str | None = None  # an office code, or "geen" for preferences without an office
    vorm: str | None = None
    week: str | None = None  # ISO week, e.g. 2026-W48
    ondersteuning: bool = False  # only people with a support need

    def als_tekst(self) -> str:
        """For the verwerkingslog's ``object``: what was looked at, without personal data."""
        delen = [f"{k}={v}" for k, v in vars(self).items() if v not in (None, False)]
        return "spreekuurplanning:" + (",".join(delen) or "alles")


@dataclass(frozen=True)
class Planregel:
    burger: Burger
    voorkeur: Spreekuurvoorkeur
    ondersteuning: Ondersteuning | None
    week: str

    @property
    def behoeften(self) -> list[str]:
        return behoeften_van(self.ondersteuning)


def iso_week(moment: datetime) -> str:
    jaar, week, _dag = moment.astimezone(AMSTERDAM).isocalendar()
    return f"{jaar}-W{week:02d}"


def planning(session: Session, filter: Filter) -> list[Planregel]:
    """Everyone's current preference with their profile, by office, then week, then name."""
    nieuwste = (
        select(func.max(Spreekuurvoorkeur.id))
        .group_by(Spreekuurvoorkeur.burger_id)
        .scalar_subquery()
    )
    query = select(Spreekuurvoorkeur).where(Spreekuurvoorkeur.id.in_(nieuwste))
    if filter.vorm:
        query = query.where(Spreekuurvoorkeur.vorm == filter.vorm)
    if filter.kantoor == "geen":
        query = query.where(Spreekuurvoorkeur.kantoor.is_(None))
    elif filter.kantoor:
        query = query.where(Spreekuurvoorkeur.kantoor == filter.kantoor)
    voorkeuren = list(session.scalars(query))
    burger_ids = [v.burger_id for v in voorkeuren]
    burgers = {
        b.id: b
        for b in session.scalars(
            select(Burger).where(Burger.id.in_(burger_ids)).options(selectinload(Burger.dossier))
        )
    }
    profielen = {
        o.burger_id: o
        for o in session.scalars(
            select(Ondersteuning).where(Ondersteuning.burger_id.in_(burger_ids))
        )
    }
    regels = [
        Planregel(burgers[v.burger_id], v, profielen.get(v.burger_id), iso_week(v.aangemaakt_op))
        for v in voorkeuren
    ]
    if filter.week:
        regels = [r for r in regels if r.week == filter.week]
    if filter.ondersteuning:
        regels = [r for r in regels if heeft_ondersteuning(r.ondersteuning)]
    return sorted(
        regels,
        key=lambda r: (r.voorkeur.kantoor or "~", r.week, r.burger.achternaam, r.burger.id),
    )


def log_bekeken(session: Session, filter: Filter, *, medewerker_id: int, trace_id: str) -> None:
    """One row per view, not one per person shown: a planner's overview can list thousands."""
    log(
        session,
        trace_id=trace_id,
        medewerker_id=medewerker_id,
        burger_id=None,
        handeling="inzien",
        activiteit="spreekuurplanning-bekijken",
        object=filter.als_tekst(),
    )
    session.commit()


def _cel(waarde: object) -> str:
    """Free text from the person must not become a formula in a spreadsheet."""
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst


def csv_van(session: Session, filter: Filter, *, medewerker_id: int, trace_id: str) -> str:
    """The same rows as the page; every person in the file is logged (the file leaves UWV's
    screens, so each export is a provision of that person's data)."""
    regels = planning(session, filter)
    uit = io.StringIO()
    schrijver = csv.writer(uit)
    schrijver.writerow(
        ["kenmerk", "naam", "vorm", "kantoor", "week", "dagdelen", "toelichting_voorkeur",
         "gewijzigd_op", "ondersteuning", "tolk_taal", "toelichting_ondersteuning"]
    )  # fmt: skip
    for r in regels:
        v, o = r.voorkeur, r.ondersteuning
        behoeften = [n for n in BEHOEFTEN if o is not None and getattr(o, n)]
        schrijver.writerow(
            _cel(w)
            for w in (
                r.burger.dossier.kenmerk if r.burger.dossier else "",
                r.burger.naam,
                v.vorm,
                v.kantoor or "",
                r.week,
                " ".join(v.dagdelen),
                v.toelichting,
                v.aangemaakt_op.astimezone(AMSTERDAM).isoformat(timespec="minutes"),
                " ".join(behoeften),
                o.tolk_taal if o else "",
                o.toelichting if o else "",
            )
        )
        log(
            session,
            trace_id=trace_id,
            medewerker_id=medewerker_id,
            burger_id=r.burger.id,
            handeling="exporteren",
            activiteit="spreekuurplanning-exporteren",
            object=filter.als_tekst(),
        )
    session.commit()
    return uit.getvalue()
