"""What decides whether a waiting message may still go, outside its own outbox row: the
person's addresses and switches, and the call or spreekuur a reminder is about.

:func:`notificaties.aanvragen.reden_tegen` asks a :class:`Stand`. For one message a session
answers as it goes; the dispatcher reads the answers for many messages at once
(:func:`lees_stand`), a statement or two instead of three for every message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from notificaties.setbased import een_van
from portal.models import Burger, Notificatie, Notificatievoorkeur, Servicecall, Spreekuur


class Contact(Protocol):
    """A person's addresses and language: a ``Burger``, or its columns read for a batch."""

    @property
    def taal(self) -> str: ...
    @property
    def telefoon(self) -> str | None: ...
    @property
    def telefoon_geverifieerd_op(self) -> datetime | None: ...
    @property
    def sms_gestopt_op(self) -> datetime | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def email_geverifieerd_op(self) -> datetime | None: ...


class Afspraak(NamedTuple):
    """A call or spreekuur as its reminder sees it."""

    status: str
    versie: int  # a call's ``versie``, a spreekuur's ``volgnummer``
    begin: datetime | None  # a call's ``venster_van``, a spreekuur's ``begin``


class Stand(Protocol):
    """The questions the rule asks about the world outside the outbox row."""

    def contact(self, burger_id: int) -> Contact | None: ...
    def gekozen(self, burger_id: int, voorkeursoort: str) -> Collection[str]: ...
    def gesprek(self, servicecall_id: int) -> Afspraak | None: ...
    def spreekuur(self, spreekuur_id: int) -> Afspraak | None: ...


@dataclass(frozen=True)
class Persoon:
    """The columns of a ``Burger`` that sending needs, with the switches they turned on."""

    taal: str
    telefoon: str | None
    telefoon_geverifieerd_op: datetime | None
    sms_gestopt_op: datetime | None
    email: str | None
    email_geverifieerd_op: datetime | None
    aan: frozenset[tuple[str, str]]  # (voorkeursoort, kanaal)


@dataclass(frozen=True)
class Partijstand:
    """The answers for many messages, read together by :func:`lees_stand`."""

    personen: Mapping[int, Persoon]
    gesprekken: Mapping[int, Afspraak]
    spreekuren: Mapping[int, Afspraak]

    def contact(self, burger_id: int) -> Contact | None:
        return self.personen.get(burger_id)

    def gekozen(self, burger_id: int, voorkeursoort: str) -> Collection[str]:
        persoon = self.personen.get(burger_id)
        aan = persoon.aan if persoon else frozenset()
        return {kanaal for soort, kanaal in aan if soort == voorkeursoort}

    def gesprek(self, servicecall_id: int) -> Afspraak | None:
        return self.gesprekken.get(servicecall_id)

    def spreekuur(self, spreekuur_id: int) -> Afspraak | None:
        return self.spreekuren.get(spreekuur_id)


def afspraak_id(notificatie: Notificatie) -> int:
    """The call or spreekuur of a reminder: its key is ``soort:<id>:<version>:…``."""
    return int(notificatie.idempotentiesleutel.split(":")[1])


def lees_stand(session: Session, notificaties: Iterable[Notificatie]) -> Partijstand:
    """The answers for these messages: the people with their switches in one statement, and
    the calls and spreekuren of reminders in one more each, only when there are such."""
    burger_ids: set[int] = set()
    gesprek_ids: set[int] = set()
    spreekuur_ids: set[int] = set()
    for notificatie in notificaties:
        if notificatie.burger_id is not None:
            burger_ids.add(notificatie.burger_id)
        if notificatie.soort == "servicecall_herinnering":
            gesprek_ids.add(afspraak_id(notificatie))
        elif notificatie.soort == "spreekuur_herinnering":
            spreekuur_ids.add(afspraak_id(notificatie))
    gesprekken: dict[int, Afspraak] = {}
    if gesprek_ids:
        gesprekken = {
            rij.id: Afspraak(rij.status, rij.versie, rij.venster_van)
            for rij in session.execute(
                select(
                    Servicecall.id, Servicecall.status, Servicecall.versie, Servicecall.venster_van
                ).where(een_van(session, Servicecall.id, sorted(gesprek_ids)))
            )
        }
    spreekuren: dict[int, Afspraak] = {}
    if spreekuur_ids:
        spreekuren = {
            rij.id: Afspraak(rij.status, rij.volgnummer, rij.begin)
            for rij in session.execute(
                select(Spreekuur.id, Spreekuur.status, Spreekuur.volgnummer, Spreekuur.begin).where(
                    een_van(session, Spreekuur.id, sorted(spreekuur_ids))
                )
            )
        }
    return Partijstand(_personen(session, burger_ids), gesprekken, spreekuren)


# What decides whether and where a message to a person can go, in this order: the dispatcher's
# waves and the quarterly planner read the same.
CONTACTGEGEVENS = (
    Burger.id,
    Burger.taal,
    Burger.telefoon,
    Burger.telefoon_geverifieerd_op,
    Burger.sms_gestopt_op,
    Burger.email,
    Burger.email_geverifieerd_op,
)


def _personen(session: Session, burger_ids: set[int]) -> dict[int, Persoon]:
    if not burger_ids:
        return {}
    rijen = session.execute(
        select(
            *CONTACTGEGEVENS,
            Notificatievoorkeur.soort,
            Notificatievoorkeur.kanaal,
        )
        .outerjoin(Notificatievoorkeur, Notificatievoorkeur.burger_id == Burger.id)
        .where(een_van(session, Burger.id, sorted(burger_ids)))
    ).all()
    # A row per switch that is on, or one row without: the person's columns repeat.
    aan: dict[int, set[tuple[str, str]]] = {}
    for rij in rijen:
        schakelaars = aan.setdefault(rij.id, set())
        if rij.soort is not None:
            schakelaars.add((rij.soort, rij.kanaal))
    return {
        rij.id: Persoon(
            taal=rij.taal,
            telefoon=rij.telefoon,
            telefoon_geverifieerd_op=rij.telefoon_geverifieerd_op,
            sms_gestopt_op=rij.sms_gestopt_op,
            email=rij.email,
            email_geverifieerd_op=rij.email_geverifieerd_op,
            aan=frozenset(aan[rij.id]),
        )
        for rij in rijen
    }


class Partij:
    """A claimed batch, and the answers for its messages, read for a wave of ``golf`` of
    them at once, when the first of the wave is taken up.

    With as many messages in a wave as there are threads, a wave is read about one provider
    call before its last message goes: as fresh as a read per message before the thread's
    turn, with one statement or two for the whole wave instead of three for every message.
    """

    def __init__(
        self,
        sessie_maker: Callable[[], Session],
        rijen: Sequence[Notificatie],
        golf: int,
        verbinding: AbstractContextManager[object],
    ) -> None:
        self.rijen = rijen
        self.sessie_maker = sessie_maker
        self.verbinding = verbinding  # held while a database connection is used
        self._golf = max(golf, 1)
        self._plaats = {notificatie.id: i for i, notificatie in enumerate(rijen)}
        golven = -(-len(rijen) // self._golf)
        self._standen: list[Partijstand | None] = [None] * golven
        self._sloten = [threading.Lock() for _ in range(golven)]

    def stand(self, notificatie: Notificatie) -> Partijstand:
        golf = self._plaats[notificatie.id] // self._golf
        with self._sloten[golf]:  # the wave's other threads wait for its one read
            stand = self._standen[golf]
            if stand is None:
                begin = golf * self._golf
                with self.verbinding, self.sessie_maker() as session:
                    stand = lees_stand(session, self.rijen[begin : begin + self._golf])
                    # COMMIT, not the ROLLBACK of closing: psycopg keeps its prepared statements.
                    session.commit()
                self._standen[golf] = stand
        return stand
