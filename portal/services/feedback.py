"""Was dit duidelijk?: anonymous answers, comments with personal numbers masked, the figures.

Nothing stored here points to a person (see portal/models/feedback.py). The callers pass in
what the request knows (the language, the app's endpoints); this module never sees who asks.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVarTuple

import phonenumbers
from sqlalchemy import Select, case, exists, func, select
from sqlalchemy.orm import Session

from portal.kalender import maandag
from portal.models import Bericht, Feedback
from portal.services import berichten

PAGINA = "pagina"
BERICHT = "bericht"
SOORTEN = (PAGINA, BERICHT)
MAX_OPMERKING = 500
MAX_ONDERWERP = 80
GEMASKEERD = "[verwijderd]"
BERICHTSOORTEN = (
    berichten.STATUSWIJZIGING,
    berichten.KWARTAALUPDATE,
    berichten.INZAGE,
    berichten.SERVICECALL,
    berichten.SPREEKUUR,
)
PER_PAGINA = 20
TREND_WEKEN = 12

_Rij = TypeVarTuple("_Rij")  # the columns of a query, kept through the filter

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Nine or more digits, single spaces, dots or dashes between them allowed: every way people
# write a BSN (123456782, 1234.56.782, 123 456 782), valid 11-proef or not, and longer numbers
# (bank accounts, unusual phone numbers). Dates have eight digits and stay readable.
_LANG_GETAL = re.compile(r"(?<![\d])\d(?:[ .\-]?\d){8,}(?![\d])")


class FeedbackFout(ValueError):
    """A refusal; ``reden`` is a code the view turns into words."""

    def __init__(self, reden: str) -> None:
        super().__init__(reden)
        self.reden = reden


# --- storing --------------------------------------------------------------------------------


def _bekende_berichtsoort(session: Session, soort: str) -> bool:
    # A kind added later by the back-office lives in the inbox before this list knows it.
    return soort in BERICHTSOORTEN or bool(
        session.scalar(select(exists().where(Bericht.soort == soort)))
    )


def controleer_onderwerp(
    session: Session, soort: str, onderwerp: str, bekende_paginas: Iterable[str]
) -> None:
    """Only a page of this app or a message kind; never free text from the form."""
    if soort not in SOORTEN:
        raise FeedbackFout("onbekende_soort")
    if not onderwerp or len(onderwerp) > MAX_ONDERWERP:
        raise FeedbackFout("onbekend_onderwerp")
    if soort == PAGINA and onderwerp not in set(bekende_paginas):
        raise FeedbackFout("onbekend_onderwerp")
    if soort == BERICHT and not _bekende_berichtsoort(session, onderwerp):
        raise FeedbackFout("onbekend_onderwerp")


def bewaar_antwoord(
    session: Session,
    *,
    soort: str,
    onderwerp: str,
    duidelijk: bool,
    taal: str,
    dag: date,
    bekende_paginas: Iterable[str],
) -> Feedback:
    """Store one answer: what was read, the answer, the language and the day. Nothing else."""
    controleer_onderwerp(session, soort, onderwerp, bekende_paginas)
    antwoord = Feedback(
        soort=soort, onderwerp=onderwerp, duidelijk=duidelijk, taal=taal[:8], dag=dag
    )
    session.add(antwoord)
    session.commit()
    return antwoord


def maskeer(tekst: str) -> str:
    """The comment with e-mail addresses, phone numbers and BSN-like numbers replaced.

    Generous on purpose: a masked date of birth costs a little meaning; a BSN in the
    overview would be a data breach."""
    tekst = _EMAIL.sub(GEMASKEERD, tekst)
    vondsten = [
        (m.start, m.end)
        for m in phonenumbers.PhoneNumberMatcher(tekst, "NL", leniency=phonenumbers.Leniency.VALID)
    ]
    for begin, eind in reversed(vondsten):
        tekst = tekst[:begin] + GEMASKEERD + tekst[eind:]
    return _LANG_GETAL.sub(GEMASKEERD, tekst)


def voeg_opmerking_toe(session: Session, feedback_id: str, tekst: str | None) -> Feedback | None:
    """Add the (masked) comment to an answer given in this session; None when it is empty."""
    tekst = (tekst or "").strip()
    if len(tekst) > MAX_OPMERKING:
        raise FeedbackFout("te_lang")
    antwoord = session.get(Feedback, feedback_id)
    if antwoord is None or antwoord.opmerking is not None:
        raise FeedbackFout("geen_antwoord")
    if not tekst:
        return None
    antwoord.opmerking = maskeer(tekst)
    session.commit()
    return antwoord


# --- the overview ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    van: date | None = None
    tot: date | None = None
    taal: str | None = None
    onderwerp: str | None = None

    def toe(self, query: Select[*_Rij]) -> Select[*_Rij]:
        if self.van:
            query = query.where(Feedback.dag >= self.van)
        if self.tot:
            query = query.where(Feedback.dag <= self.tot)
        if self.taal:
            query = query.where(Feedback.taal == self.taal)
        if self.onderwerp:
            query = query.where(Feedback.onderwerp == self.onderwerp)
        return query


def percentage(ja: int, totaal: int) -> int | None:
    return round(100 * ja / totaal) if totaal else None


@dataclass(frozen=True)
class Telling:
    soort: str
    onderwerp: str
    ja: int
    nee: int
    opmerkingen: int = 0

    @property
    def totaal(self) -> int:
        return self.ja + self.nee

    @property
    def deel_ja(self) -> int | None:
        return percentage(self.ja, self.totaal)


_JA = func.sum(case((Feedback.duidelijk.is_(True), 1), else_=0))
_NEE = func.sum(case((Feedback.duidelijk.is_(True), 0), else_=1))


def tellingen(session: Session, filter: Filter) -> list[Telling]:
    """Per page and per message kind: answers and comments; the most answered first."""
    query = filter.toe(
        select(
            Feedback.soort, Feedback.onderwerp, _JA, _NEE, func.count(Feedback.opmerking)
        ).group_by(Feedback.soort, Feedback.onderwerp)
    )
    rijen = [
        Telling(s, o, int(ja), int(nee), int(op)) for s, o, ja, nee, op in session.execute(query)
    ]
    return sorted(rijen, key=lambda t: (t.soort, -t.totaal, t.onderwerp))


def opmerkingen(session: Session, filter: Filter, nummer: int = 1) -> tuple[list[Feedback], bool]:
    """One page of comments, newest day first, and whether there is a next page.

    Within a day the order is by subject and text, not by arrival: the order of arrival
    could be matched against a web server's access log."""
    query = filter.toe(select(Feedback).where(Feedback.opmerking.is_not(None)))
    query = query.order_by(
        Feedback.dag.desc(), Feedback.soort, Feedback.onderwerp, Feedback.opmerking, Feedback.id
    )
    rijen = list(session.scalars(query.offset((nummer - 1) * PER_PAGINA).limit(PER_PAGINA + 1)))
    return rijen[:PER_PAGINA], len(rijen) > PER_PAGINA


def weeklabel(dag: date) -> str:
    jaar, week, _ = dag.isocalendar()
    return f"{jaar}-W{week:02d}"


@dataclass(frozen=True)
class Week:
    maandag: date
    ja: int = 0
    nee: int = 0

    @property
    def label(self) -> str:
        return weeklabel(self.maandag)

    @property
    def totaal(self) -> int:
        return self.ja + self.nee

    @property
    def deel_ja(self) -> int | None:
        return percentage(self.ja, self.totaal)


def trend(session: Session, filter: Filter, vandaag: date, weken: int = TREND_WEKEN) -> list[Week]:
    """The share of "ja" per ISO week: the last ``weken`` weeks up to ``filter.tot`` or today."""
    laatste = maandag(filter.tot or vandaag)
    eerste = laatste - timedelta(weeks=weken - 1)
    query = filter.toe(
        select(Feedback.dag, _JA, _NEE).where(Feedback.dag >= eerste).group_by(Feedback.dag)
    )
    per_week: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for dag, ja, nee in session.execute(query):
        per_week[maandag(dag)][0] += int(ja)
        per_week[maandag(dag)][1] += int(nee)
    return [
        Week(m, *per_week.get(m, (0, 0)))
        for m in (eerste + timedelta(weeks=i) for i in range(weken))
    ]


@dataclass
class _CsvRegel:
    ja: int = 0
    nee: int = 0
    opmerkingen: list[str] = field(default_factory=list)


# The contact ratings (portal/services/contactfeedback.py) fill the last three columns; a
# page or message row leaves them empty, a contact row leaves "ja" and "nee" empty. New
# columns go at the end, so a spreadsheet that reads the older columns by position still works.
CSV_KOLOMMEN = (
    "week",
    "onderwerp",
    "soort",
    "taal",
    "ja",
    "nee",
    "opmerkingen",
    "goed",
    "redelijk",
    "niet_goed",
)


def cel(waarde: object) -> str:
    """Free text from a reader must not become a formula in a spreadsheet."""
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst


def csv_van(session: Session, filter: Filter, extra: Iterable[Sequence[object]] = ()) -> str:
    """One row per ISO week, subject, kind and language; comments are stored masked.

    ``extra`` adds rows in the same columns (``CSV_KOLOMMEN``); all rows are sorted by their
    first four columns."""
    query = filter.toe(
        select(
            Feedback.dag,
            Feedback.onderwerp,
            Feedback.soort,
            Feedback.taal,
            Feedback.duidelijk,
            Feedback.opmerking,
        ).order_by(Feedback.dag, Feedback.onderwerp, Feedback.opmerking)
    )
    regels: dict[tuple[str, str, str, str], _CsvRegel] = defaultdict(_CsvRegel)
    for dag, onderwerp, soort, taal, duidelijk, opmerking in session.execute(query):
        regel = regels[(weeklabel(dag), onderwerp, soort, taal)]
        if duidelijk:
            regel.ja += 1
        else:
            regel.nee += 1
        if opmerking:
            regel.opmerkingen.append(opmerking)
    rijen: list[Sequence[object]] = [
        [*sleutel, regel.ja, regel.nee, "\n".join(cel(o) for o in regel.opmerkingen), "", "", ""]
        for sleutel, regel in regels.items()
    ]
    rijen.extend(extra)
    rijen.sort(key=lambda rij: tuple(str(c) for c in rij[:4]))
    uit = io.StringIO()
    schrijver = csv.writer(uit)
    schrijver.writerow(CSV_KOLOMMEN)
    schrijver.writerows(rijen)
    return uit.getvalue()
