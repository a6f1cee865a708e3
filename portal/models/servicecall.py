"""A service-call and the person's belvoorkeur (when and where to be called)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.dossier import Dossier

# te_plannen: the task a casemanager sees (e.g. after onderzoek_afgerond), without a window.
SERVICECALL_STATUSSEN = (
    "te_plannen",
    "gepland",
    "gebeld",
    "niet_bereikt",
    "verzet_gevraagd",
    "geannuleerd",
)


class Servicecall(Base):
    """UWV phones the person: to say a letter is coming, or to discuss an outcome.

    ``versie`` goes up whenever the window moves; reminders carry it in their idempotency
    key, so the reminders of an old window can be found and cancelled.
    """

    __tablename__ = "servicecall"
    __table_args__ = (Index("ix_servicecall_status_venster", "status", "venster_van"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    traject_id: Mapped[int | None] = mapped_column(ForeignKey("traject.id"))
    onderwerp: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="te_plannen")
    venster_van: Mapped[datetime | None]
    venster_tot: Mapped[datetime | None]
    belnummer: Mapped[str | None] = mapped_column(String(20))  # the number UWV calls from
    telefoon: Mapped[str | None] = mapped_column(String(20))  # the number UWV calls
    belcode: Mapped[str | None] = mapped_column(String(8))  # read out to prove it is UWV
    versie: Mapped[int] = mapped_column(default=0)
    verzoek: Mapped[str | None] = mapped_column(Text)  # the person's wish for another time
    verzoek_dagdelen: Mapped[list[str] | None] = mapped_column(JSON)
    verzocht_op: Mapped[datetime | None]
    uitkomst_toelichting: Mapped[str | None] = mapped_column(Text)
    # Planned outside the day parts the person prefers: why (the person sees it).
    buiten_voorkeur_reden: Mapped[str | None] = mapped_column(Text)
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"))
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    gewijzigd_op: Mapped[datetime] = mapped_column(default=utcnow)

    dossier: Mapped[Dossier] = relationship()


class Belvoorkeur(Base):
    """When and on which number the person would rather be called."""

    __tablename__ = "belvoorkeur"

    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), primary_key=True)
    dagdelen: Mapped[list[str]] = mapped_column(JSON, default=list)
    telefoon: Mapped[str | None] = mapped_column(String(20))
    gewijzigd_op: Mapped[datetime] = mapped_column(default=utcnow)
