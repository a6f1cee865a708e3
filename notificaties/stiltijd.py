"""Quiet hours: no SMS at night, on Sundays or on Dutch public holidays. Such messages
wait for the next window; they are never dropped."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from portal.kalender import is_rustdag
from portal.tijd import AMSTERDAM


@dataclass(frozen=True)
class Venster:
    van: time = time(8, 0)
    tot: time = time(21, 0)
    spreiding_minuten: int = 15  # the next window's first minutes, not all at 08:00:00


def volgende_kans(nu: datetime, venster: Venster, sleutel: str) -> datetime | None:
    """None when an SMS may go now; otherwise the moment (UTC) it may go.

    ``sleutel`` spreads waiting messages over the window's first minutes, the same way
    every time for the same message, so a restart does not reshuffle them.
    """
    lokaal = nu.astimezone(AMSTERDAM)
    if not is_rustdag(lokaal.date()) and venster.van <= lokaal.time() < venster.tot:
        return None
    dag = lokaal.date() if lokaal.time() < venster.van else lokaal.date() + timedelta(days=1)
    while is_rustdag(dag):
        dag += timedelta(days=1)
    spreiding = int(hashlib.sha256(sleutel.encode()).hexdigest(), 16) % max(
        venster.spreiding_minuten * 60, 1
    )
    begin = datetime.combine(dag, venster.van, AMSTERDAM)
    return (begin + timedelta(seconds=spreiding)).astimezone(nu.tzinfo)
