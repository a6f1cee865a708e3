"""The working calendar: Dutch working days (Monday to Friday, public holidays excluded),
and the days of rest on which no SMS goes out (Sundays and public holidays).

One module for every rule that counts days: planning calls, spreekuren and callbacks, the
spread of the first updates, the casemanager's morning overview, the inzage queue's
urgency, the quiet hours of SMS, the weeks of the feedback and promise overviews.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def feestdagen(jaar: int) -> holidays.HolidayBase:
    """Dutch public holidays of ``jaar`` (as the holidays package knows them)."""
    return holidays.country_holidays("NL", years=jaar)


def is_feestdag(dag: date) -> bool:
    return dag in feestdagen(dag.year)


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and not is_feestdag(dag)


def geen_werkdag_omdat(dag: date) -> str | None:
    """Why ``dag`` is no working day ("weekend" or "feestdag"), or None when it is one: the
    reason codes the planning rules refuse a day with."""
    if dag.weekday() >= 5:
        return "weekend"
    if is_feestdag(dag):
        return "feestdag"
    return None


def is_rustdag(dag: date) -> bool:
    """A Sunday or a public holiday: no SMS all day, and no reminder the evening before."""
    return dag.weekday() == 6 or is_feestdag(dag)


def maandag(dag: date) -> date:
    """The Monday of ``dag``'s week: weeks in the overviews begin on Monday, as in NL."""
    return dag - timedelta(days=dag.weekday())


def eerste_werkdag_vanaf(dag: date) -> date:
    """``dag`` itself when it is a working day, else the first working day after it."""
    while not is_werkdag(dag):
        dag += timedelta(days=1)
    return dag


def werkdagen(van: date, tot: date) -> Iterator[date]:
    """Every working day from ``van`` up to and including ``tot``."""
    dag = van
    while dag <= tot:
        if is_werkdag(dag):
            yield dag
        dag += timedelta(days=1)


def werkdagen_verder(dag: date, aantal: int) -> date:
    """The working day ``aantal`` working days after ``dag``."""
    while aantal:
        dag += timedelta(days=1)
        if is_werkdag(dag):
            aantal -= 1
    return dag


def laatste_werkdag_tot(dag: date) -> date:
    """``dag`` itself when it is a working day, else the working day before it."""
    while not is_werkdag(dag):
        dag -= timedelta(days=1)
    return dag
