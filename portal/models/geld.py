"""Money the person gets: a nabetaling and any compensatie, with the periods it covers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow

BETAALSTATUSSEN = ("aangekondigd", "betaald")


class Betaling(Base):
    """A payment decision from the back office: ``nabetaling`` is the sum of what each
    period was paid too little, ``compensatie`` comes on top; ``verwacht_op`` is a promise
    (toezegging ``betaling:<id>``), kept when the status becomes ``betaald``."""

    __tablename__ = "betaling"

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"))
    extern_id: Mapped[str] = mapped_column(String(80), unique=True)
    traject_soort: Mapped[str] = mapped_column(String(40))
    besluit_op: Mapped[date] = mapped_column(Date)
    nabetaling: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    compensatie: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    verwacht_op: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    betaald_op: Mapped[date | None] = mapped_column(Date)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    gewijzigd_op: Mapped[datetime] = mapped_column(default=utcnow)

    perioden: Mapped[list[Betalingsperiode]] = relationship(
        order_by="Betalingsperiode.van", cascade="all, delete-orphan"
    )

    @property
    def totaal(self) -> Decimal:
        return self.nabetaling + self.compensatie


class Betalingsperiode(Base):
    """One period of the specification: the dagloon as it was, as it should have been, and
    what the person gets for that period."""

    __tablename__ = "betalingsperiode"

    id: Mapped[int] = mapped_column(primary_key=True)
    betaling_id: Mapped[int] = mapped_column(ForeignKey("betaling.id"), index=True)
    van: Mapped[date] = mapped_column(Date)
    tot: Mapped[date] = mapped_column(Date)  # the last day of the period, included
    dagloon_oud: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    dagloon_nieuw: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    bedrag: Mapped[Decimal] = mapped_column(Numeric(12, 2))
