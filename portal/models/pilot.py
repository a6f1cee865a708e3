"""Usability pilots of the cliëntenraad: tasks, anonymous participants, what happened."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class Pilot(Base):
    __tablename__ = "pilot"

    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(12), unique=True)  # what participants type
    begint_op: Mapped[date] = mapped_column(Date)
    eindigt_op: Mapped[date] = mapped_column(Date)
    personas: Mapped[list[int]] = mapped_column(JSON, default=list)  # burger ids (demo data)
    open_vraag: Mapped[str | None] = mapped_column(Text)
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"))
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)

    taken: Mapped[list[Pilottaak]] = relationship(
        back_populates="pilot", order_by="Pilottaak.volgorde"
    )


class Pilottaak(Base):
    __tablename__ = "pilottaak"

    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id"), index=True)
    volgorde: Mapped[int]
    omschrijving: Mapped[str] = mapped_column(String(300))

    pilot: Mapped[Pilot] = relationship(back_populates="taken")


class Deelnemer(Base):
    """A participant: no name, no account; a random token in their browser session."""

    __tablename__ = "pilotdeelnemer"

    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"))  # the persona used
    taal: Mapped[str] = mapped_column(String(8))
    begonnen_op: Mapped[datetime] = mapped_column(default=utcnow)
    sus_antwoorden: Mapped[list[int] | None] = mapped_column(JSON)
    sus_score: Mapped[float | None] = mapped_column(Float)
    open_antwoord: Mapped[str | None] = mapped_column(Text)
    afgerond_op: Mapped[datetime | None]


class Taakpoging(Base):
    """One participant's go at one task: from start to done or giving up."""

    __tablename__ = "taakpoging"

    id: Mapped[int] = mapped_column(primary_key=True)
    deelnemer_id: Mapped[int] = mapped_column(ForeignKey("pilotdeelnemer.id"), index=True)
    taak_id: Mapped[int] = mapped_column(ForeignKey("pilottaak.id"))
    begonnen_op: Mapped[datetime] = mapped_column(default=utcnow)
    geeindigd_op: Mapped[datetime | None]
    uitkomst: Mapped[str | None] = mapped_column(String(12))  # "klaar" or "opgegeven"
    paginas: Mapped[list[str]] = mapped_column(JSON, default=list)  # paths, no query strings
    fouten: Mapped[int] = mapped_column(default=0)  # validation errors met
