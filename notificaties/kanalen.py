"""Channels behind one small protocol: ``send`` returns the provider's id or raises a
``KanaalFout`` that says whether trying again can help."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.orm import Session

from portal.models import DevNotificatie


@dataclass(frozen=True)
class Uitgaand:
    """A rendered message, ready for a channel."""

    notificatie_id: int
    kanaal: str
    adres: str
    tekst: str
    onderwerp: str | None = None
    html: str | None = None
    kopteksten: dict[str, str] = field(default_factory=dict)


class KanaalFout(Exception):
    def __init__(self, melding: str, *, tijdelijk: bool, code: str | None = None) -> None:
        super().__init__(melding)
        self.tijdelijk = tijdelijk
        self.code = code


class Kanaal(Protocol):
    # Who carries the message ("twilio", "smtp", "dev"), for the provider metrics.
    provider: str

    def send(self, uitgaand: Uitgaand) -> str: ...


class DevKanaal:
    """Demo and development: keep the message in the database instead of sending it."""

    provider = "dev"

    def __init__(self, sessie_maker: Callable[[], Session]) -> None:
        self._sessie_maker = sessie_maker

    def send(self, uitgaand: Uitgaand) -> str:
        with self._sessie_maker() as session:
            rij = DevNotificatie(
                notificatie_id=uitgaand.notificatie_id,
                kanaal=uitgaand.kanaal,
                adres=uitgaand.adres,
                onderwerp=uitgaand.onderwerp,
                tekst=uitgaand.tekst,
            )
            session.add(rij)
            session.commit()
            return f"dev-{rij.id}"
