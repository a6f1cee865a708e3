"""Time in the Netherlands: stored in UTC, the calendar day is Amsterdam's."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from portal.models import utcnow

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def vandaag(nu: datetime | None = None) -> date:
    """Today's date in Amsterdam (at 00:30 local time, UTC still says yesterday)."""
    return (nu or utcnow()).astimezone(AMSTERDAM).date()
