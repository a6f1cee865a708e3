from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow

if TYPE_CHECKING:
    from portal.models.burger import Burger
    from portal.models.medewerker import Medewerker


class Dossier(Base):
    """One person's WIA case, known to them by its kenmerk."""

    __tablename__ = "dossier"

    id: Mapped[int] = mapped_column(primary_key=True)
    kenmerk: Mapped[str] = mapped_column(String(20), unique=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), unique=True)
    casemanager_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"), index=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)

    burger: Mapped[Burger] = relationship(back_populates="dossier")
    casemanager: Mapped[Medewerker | None] = relationship()
    trajecten: Mapped[list[Traject]] = relationship(back_populates="dossier", order_by="Traject.id")


class Traject(Base):
    """One line of work on a dossier, with its own status (see ``portal.statussen``)."""

    __tablename__ = "traject"
    __table_args__ = (Index("ix_traject_status_volgende_update", "status", "volgende_update_op"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    soort: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(40))
    gestart_op: Mapped[date] = mapped_column(Date)
    status_sinds: Mapped[datetime] = mapped_column(default=utcnow)
    # The date the person will hear more; for in_onderzoek the next kwartaalupdate.
    volgende_update_op: Mapped[date | None] = mapped_column(Date)
    afgerond_op: Mapped[date | None] = mapped_column(Date)

    dossier: Mapped[Dossier] = relationship(back_populates="trajecten")
    statuswijzigingen: Mapped[list[Statuswijziging]] = relationship(
        back_populates="traject", order_by="Statuswijziging.id"
    )


class Statuswijziging(Base):
    """History: every status a traject has had, who set it and what the person was told."""

    __tablename__ = "statuswijziging"

    id: Mapped[int] = mapped_column(primary_key=True)
    traject_id: Mapped[int] = mapped_column(ForeignKey("traject.id"), index=True)
    van_status: Mapped[str | None] = mapped_column(String(40))
    naar_status: Mapped[str] = mapped_column(String(40))
    toelichting: Mapped[str | None] = mapped_column(Text)
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"))
    # Set when a back-office system made the change (API or import), not a person.
    api_client_id: Mapped[int | None] = mapped_column(ForeignKey("api_client.id"))
    gewijzigd_op: Mapped[datetime] = mapped_column(default=utcnow)

    traject: Mapped[Traject] = relationship(back_populates="statuswijzigingen")
    medewerker: Mapped[Medewerker | None] = relationship()
