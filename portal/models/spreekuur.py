from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.dossier import Dossier

VORMEN = ("fysiek", "telefonisch", "video")  # video: at an office, with a screen
SPREEKUUR_STATUSSEN = ("gepland", "geannuleerd")


class Spreekuurvoorkeur(Base):
    """How the person would like their spreekuur. A new row per change: the history stays;
    the newest row is the current preference. A preference, not a booking."""

    __tablename__ = "spreekuurvoorkeur"
    __table_args__ = (Index("ix_spreekuurvoorkeur_burger_id_id", "burger_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"))
    vorm: Mapped[str] = mapped_column(String(20))
    kantoor: Mapped[str | None] = mapped_column(String(40))  # a code from portal.kantoren
    dagdelen: Mapped[list[str]] = mapped_column(JSON, default=list)
    toelichting: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)


class Ondersteuning(Base):
    """The accommodation profile: told once, shown with every spreekuur and service-call."""

    __tablename__ = "ondersteuning"

    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), primary_key=True)
    tolk: Mapped[bool] = mapped_column(default=False)
    tolk_taal: Mapped[str | None] = mapped_column(String(80))  # e.g. Turks, NGT (gebarentaal)
    drempelvrij: Mapped[bool] = mapped_column(default=False)
    begeleider: Mapped[bool] = mapped_column(default=False)
    grote_letters: Mapped[bool] = mapped_column(default=False)
    eenvoudige_taal: Mapped[bool] = mapped_column(default=False, server_default=false())
    extra_tijd: Mapped[bool] = mapped_column(default=False)
    rustige_wachtruimte: Mapped[bool] = mapped_column(default=False)
    toelichting: Mapped[str | None] = mapped_column(Text)
    gewijzigd_op: Mapped[datetime] = mapped_column(default=utcnow)


class Spreekuur(Base):
    """A planned spreekuur, as the back-office delivers it. ``uid`` stays the same for the
    calendar file; ``volgnummer`` (ICS SEQUENCE) goes up with every move or cancellation, and
    reminders carry it in their idempotency key."""

    __tablename__ = "spreekuur"
    __table_args__ = (Index("ix_spreekuur_status_begin", "status", "begin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    uid: Mapped[str] = mapped_column(String(80), unique=True)
    begin: Mapped[datetime]
    eind: Mapped[datetime]
    vorm: Mapped[str] = mapped_column(String(20))
    kantoor: Mapped[str | None] = mapped_column(String(40))
    telefoon: Mapped[str | None] = mapped_column(String(20))  # the number UWV calls
    rol: Mapped[str] = mapped_column(String(40), default="verzekeringsarts")
    meenemen: Mapped[str | None] = mapped_column(Text)
    # Planned in another form or at another office than the person prefers: why (the person
    # reads it), and the preference it departs from (a row of the history, so the page still
    # names what the person wanted then, after they change their preference).
    tegen_voorkeur_reden: Mapped[str | None] = mapped_column(Text)
    tegen_voorkeur_id: Mapped[int | None] = mapped_column(ForeignKey("spreekuurvoorkeur.id"))
    status: Mapped[str] = mapped_column(String(20), default="gepland")
    volgnummer: Mapped[int] = mapped_column(default=0)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    gewijzigd_op: Mapped[datetime] = mapped_column(default=utcnow)

    dossier: Mapped[Dossier] = relationship()
    tegen_voorkeur: Mapped[Spreekuurvoorkeur | None] = relationship()


class Voorbereiding(Base):
    """The items a person ticked on the 'Voorbereiden op uw spreekuur' checklist."""

    __tablename__ = "voorbereiding"

    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), primary_key=True)
    afgevinkt: Mapped[list[str]] = mapped_column(JSON, default=list)
    gewijzigd_op: Mapped[datetime] = mapped_column(default=utcnow)
