"""Taken: something UWV asks of the person (wage slips, a statement), with a deadline, and
the files the person sends for it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow

# open: asked (again), nothing received in this round; ingeleverd: files received;
# niet_beschikbaar: the person says they do not have them. Both wait for the casemanager,
# who accepts (geaccepteerd) or asks again (open, the next round, with a reason). A task
# no longer needed is ingetrokken.
TAAKSTATUSSEN = ("open", "ingeleverd", "niet_beschikbaar", "geaccepteerd", "ingetrokken")
AFGESLOTEN = ("geaccepteerd", "ingetrokken")
TE_BEOORDELEN = ("ingeleverd", "niet_beschikbaar")
BESTANDSOORTEN = ("pdf", "jpeg", "png")


class Taak(Base):
    """One thing asked of the person. ``casemanager_id`` is whose queue it is in (none: the
    team's). ``ronde`` counts the times it was asked: asked again starts the next round,
    with ``reden`` for the person; ``herinnerd_op`` is the reminder of this round."""

    __tablename__ = "taak"
    __table_args__ = (
        # The staff queue: what is not closed, by deadline.
        Index(
            "ix_taak_lopend",
            "casemanager_id",
            "uiterlijk",
            postgresql_where=text("status NOT IN ('geaccepteerd', 'ingetrokken')"),
            sqlite_where=text("status NOT IN ('geaccepteerd', 'ingetrokken')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"))
    titel: Mapped[str] = mapped_column(String(120))
    toelichting: Mapped[str | None] = mapped_column(Text)
    traject_soort: Mapped[str | None] = mapped_column(String(40))  # the part it is for
    uiterlijk: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    ronde: Mapped[int] = mapped_column(default=1)
    reden: Mapped[str | None] = mapped_column(Text)  # why it was asked again
    uitleg: Mapped[str | None] = mapped_column(Text)  # the person's: why they do not have it
    casemanager_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"))
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"))  # asked by
    api_client_id: Mapped[int | None] = mapped_column(ForeignKey("api_client.id"))
    gevraagd_op: Mapped[datetime] = mapped_column(default=utcnow)
    ingeleverd_op: Mapped[datetime | None]  # the person's last answer in this round
    bekeken_op: Mapped[datetime | None]  # first opened by staff in this round
    herinnerd_op: Mapped[datetime | None]
    afgerond_op: Mapped[datetime | None]

    bestanden: Mapped[list[Taakbestand]] = relationship(
        order_by="Taakbestand.id", cascade="all, delete-orphan"
    )


class Taakbestand(Base):
    """A file the person sent for a task: stored under its sha256, like inzage documents;
    ``soort`` is what its content is (never what its name or the browser said)."""

    __tablename__ = "taakbestand"

    id: Mapped[int] = mapped_column(primary_key=True)
    taak_id: Mapped[int] = mapped_column(ForeignKey("taak.id"), index=True)
    ronde: Mapped[int]
    bestandsnaam: Mapped[str] = mapped_column(String(200))
    soort: Mapped[str] = mapped_column(String(10))
    grootte: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    ingeleverd_op: Mapped[datetime] = mapped_column(default=utcnow)
