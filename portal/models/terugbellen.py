"""Bel mij terug: a person asks UWV to call them back."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow

if TYPE_CHECKING:
    from portal.models.dossier import Dossier
    from portal.models.medewerker import Medewerker

DAGDELEN = ("ochtend", "middag")
STATUSSEN = ("open", "gebeld", "niet_bereikt", "ingetrokken")


class Terugbelverzoek(Base):
    __tablename__ = "terugbelverzoek"
    __table_args__ = (Index("ix_terugbelverzoek_status_beloofd", "status", "beloofd_voor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    dag: Mapped[date] = mapped_column(Date)
    dagdeel: Mapped[str] = mapped_column(String(10))
    telefoon: Mapped[str] = mapped_column(String(20))  # E.164
    onderwerp: Mapped[str | None] = mapped_column(Text)
    bericht_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"))  # asked from
    status: Mapped[str] = mapped_column(String(20), default="open")
    # The promise: within N working hours of the request (configurable), shown to the person.
    beloofd_voor: Mapped[datetime]
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"))
    uitkomst_toelichting: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    afgehandeld_op: Mapped[datetime | None]

    dossier: Mapped[Dossier] = relationship()
    medewerker: Mapped[Medewerker | None] = relationship()
