"""One way to write dates and times, in the person's language and in Amsterdam time.

"27 februari 2027", "maandag 9 december, 14.00 uur", and for dense staff tables
"9 dec 2026, 14.00". Never seconds, never a zone abbreviation. "Vandaag" and "Morgen" where
they help a person plan (``wanneer``). Templates use these as Jinja filters of the same names.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from flask import Flask
from flask_babel import get_locale

from portal.tijd import AMSTERDAM, vandaag
from portal.vertalen import gettext


def _lokaal(moment: datetime) -> datetime:
    # The database hands back UTC; SQLite without its zone.
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(AMSTERDAM)


def _als_dag(waarde: date | datetime) -> date:
    return _lokaal(waarde).date() if isinstance(waarde, datetime) else waarde


@lru_cache(maxsize=4096)
def _opgemaakt(dag_: date, patroon: str, taal: Locale | None) -> str:
    return str(babel_format_date(dag_, patroon, locale=taal or "nl"))


def _schrijf(dag_: date, patroon: str) -> str:
    """A day in the page's language. Remembered: a queue of fifty rows names the same few
    days again and again, and Babel works each one out anew (a tenth of the queue's CPU)."""
    return _opgemaakt(dag_, patroon, get_locale())


@lru_cache(maxsize=4096)
def _tijd_opgemaakt(uur: int, minuut: int, patroon: str, taal: Locale | None) -> str:
    return str(babel_format_time(time(uur, minuut), patroon, locale=taal or "nl"))


def tijd(moment: datetime | None) -> str:
    """'14.00', inside a sentence that says 'uur' itself: 'tussen 10.00 en 12.00 uur'."""
    if not moment:
        return ""
    lokaal = _lokaal(moment)
    # Vertalers: a Babel time pattern; UWV writes 14.00 uur. In English: HH:mm.
    return _tijd_opgemaakt(lokaal.hour, lokaal.minute, gettext("HH.mm"), get_locale())


def tijdstip(moment: datetime | None) -> str:
    """'14.00 uur' (in English '14:00')."""
    return gettext("%(tijd)s uur", tijd=tijd(moment)) if moment else ""


def datum(waarde: date | datetime | None) -> str:
    """'27 februari 2027'."""
    return _schrijf(_als_dag(waarde), "long") if waarde else ""


def datum_kort(waarde: date | datetime | None) -> str:
    """'27 feb. 2027', for tables."""
    return _schrijf(_als_dag(waarde), "medium") if waarde else ""


def maand(waarde: date | datetime | None) -> str:
    """'maart 2026'."""
    # Vertalers: a Babel date pattern for a month and year.
    return _schrijf(_als_dag(waarde), gettext("MMMM y")) if waarde else ""


def wanneer(waarde: date | datetime | None, nu: datetime | None = None) -> str:
    """'Vandaag', 'Morgen', 'Gisteren', else the day as ``dag`` writes it; for a heading or
    a list item, not inside a sentence."""
    if not waarde:
        return ""
    heden = vandaag(nu)
    woorden = {
        heden: gettext("Vandaag"),
        heden + timedelta(days=1): gettext("Morgen"),
        heden - timedelta(days=1): gettext("Gisteren"),
    }
    return woorden.get(_als_dag(waarde)) or dag(waarde, nu)


def dag(waarde: date | datetime | None, nu: datetime | None = None) -> str:
    """'maandag 9 december' (with the year when it is not this year's)."""
    if not waarde:
        return ""
    dag_ = _als_dag(waarde)
    heden = vandaag(nu)
    # Vertalers: Babel date patterns, the day of the week written in full.
    patroon = gettext("EEEE d MMMM") if dag_.year == heden.year else gettext("EEEE d MMMM y")
    return _schrijf(dag_, patroon)


def datumtijd(moment: datetime | None, nu: datetime | None = None) -> str:
    """'maandag 9 december, 14.00 uur'; 'morgen, 9.30 uur'."""
    if not moment:
        return ""
    return str(gettext("%(dag)s, %(tijd)s", dag=dag(moment, nu), tijd=tijdstip(moment)))


def datumtijd_kort(moment: datetime | None) -> str:
    """'9 dec. 2026, 14.00', for dense staff tables."""
    if not moment:
        return ""
    return str(gettext("%(dag)s, %(tijd)s", dag=datum_kort(moment), tijd=tijd(moment)))


def registreer(app: Flask) -> None:
    """The filters every template uses."""
    for naam, functie in {
        "datum": datum,
        "datum_kort": datum_kort,
        "dag": dag,
        "wanneer": wanneer,
        "maand": maand,
        "tijd": tijd,
        "tijdstip": tijdstip,
        "datumtijd": datumtijd,
        "datumtijd_kort": datumtijd_kort,
    }.items():
        app.jinja_env.filters[naam] = functie
