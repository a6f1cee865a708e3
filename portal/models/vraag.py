"""Questions the person asks about their dossier, each a thread with an answer term."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow

if TYPE_CHECKING:
    from portal.models.medewerker import Medewerker

# A question to the casemanager, or "Ik denk dat mijn uitkering niet klopt" (a report of a
# suspected error, for the team that checks those).
VRAAGSOORTEN = ("vraag", "melding")
VRAAGSTATUSSEN = ("open", "gelezen", "beantwoord")


class Vraag(Base):
    """One question and its thread. ``casemanager_id`` is whose queue it is in (the dossier's
    casemanager when asked; none: the team's). The answer term is a promise (``vraag:<id>``)."""

    __tablename__ = "vraag"
    __table_args__ = (
        # The staff queue: what is not answered yet, by term.
        Index(
            "ix_vraag_onbeantwoord",
            "casemanager_id",
            postgresql_where=text("status <> 'beantwoord'"),
            sqlite_where=text("status <> 'beantwoord'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"))
    soort: Mapped[str] = mapped_column(String(10), default="vraag")
    onderwerp: Mapped[str] = mapped_column(String(40))  # a traject kind, or "algemeen"
    bericht_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"))  # asked from it
    casemanager_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"))
    status: Mapped[str] = mapped_column(String(12), default="open")
    gesteld_op: Mapped[datetime] = mapped_column(default=utcnow)
    gelezen_op: Mapped[datetime | None]
    beantwoord_op: Mapped[datetime | None]

    berichten: Mapped[list[Vraagbericht]] = relationship(
        order_by="Vraagbericht.id", cascade="all, delete-orphan"
    )
    casemanager: Mapped[Medewerker | None] = relationship()


class Vraagbericht(Base):
    """One message in a question's thread: the person's, or a casemanager's answer (or the
    note of a call made instead, ``gebeld``)."""

    __tablename__ = "vraagbericht"

    id: Mapped[int] = mapped_column(primary_key=True)
    vraag_id: Mapped[int] = mapped_column(ForeignKey("vraag.id"), index=True)
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"))
    tekst: Mapped[str] = mapped_column(Text)
    gebeld: Mapped[bool] = mapped_column(default=False)
    op: Mapped[datetime] = mapped_column(default=utcnow)
