from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Numeric, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.dossier import Dossier

INZAGE_STATUSSEN = (
    "ontvangen",
    "in_behandeling",
    "verlengd",
    "verstrekt",
    "gedeeltelijk_verstrekt",
    "afgewezen",
    "ingetrokken",
)
# Still to be answered: the queue's rows, and the partial index that keeps them in order.
OPEN = ("ontvangen", "in_behandeling", "verlengd")
ONDERWERPEN = ("dossier", "dagloon", "medisch", "brieven", "anders")
LEVERINGEN = ("portaal", "post")


class Inzageverzoek(Base):
    """A request to see one's file (GDPR art. 15), answered within the legal term.

    ``termijn_op`` is one month after receipt; an extension (``verlengd_tot``) is at most
    two months more, and must be told to the person within the first month.
    """

    __tablename__ = "inzageverzoek"
    __table_args__ = (Index("ix_inzageverzoek_status_termijn", "status", "termijn_op"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kenmerk: Mapped[str] = mapped_column(String(20), unique=True)  # e.g. INZ-2026-000042
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    onderwerpen: Mapped[list[str]] = mapped_column(JSON, default=list)
    anders: Mapped[str | None] = mapped_column(Text)  # what "other" means, in their words
    levering: Mapped[str] = mapped_column(String(10), default="portaal")
    toelichting: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(30), default="ontvangen")
    ontvangen_op: Mapped[datetime] = mapped_column(default=utcnow)
    termijn_op: Mapped[date] = mapped_column(Date)
    verlengd_tot: Mapped[date | None] = mapped_column(Date)
    verlenging_reden: Mapped[str | None] = mapped_column(Text)
    afwijzing_reden: Mapped[str | None] = mapped_column(Text)
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"), index=True)
    per_post_verzonden_op: Mapped[datetime | None]
    afgerond_op: Mapped[datetime | None]

    dossier: Mapped[Dossier] = relationship()
    gebeurtenissen: Mapped[list[Inzagegebeurtenis]] = relationship(
        back_populates="verzoek", order_by="Inzagegebeurtenis.id"
    )
    documenten: Mapped[list[Inzagedocument]] = relationship(
        back_populates="verzoek", order_by="Inzagedocument.id"
    )


# The queue shows open requests by the day the answer is due, 50 at a time. Without this index
# the database reads and sorts every open request for each page; with it, it reads 50.
Index(
    "ix_inzageverzoek_open_uiterlijk",
    func.coalesce(Inzageverzoek.verlengd_tot, Inzageverzoek.termijn_op),
    Inzageverzoek.id,
    postgresql_where=Inzageverzoek.status.in_(OPEN),
    sqlite_where=Inzageverzoek.status.in_(OPEN),
)


class Inzagegebeurtenis(Base):
    """History of a request: status changes and internal notes (``intern``: staff only)."""

    __tablename__ = "inzagegebeurtenis"

    id: Mapped[int] = mapped_column(primary_key=True)
    verzoek_id: Mapped[int] = mapped_column(ForeignKey("inzageverzoek.id"), index=True)
    van_status: Mapped[str | None] = mapped_column(String(30))
    naar_status: Mapped[str | None] = mapped_column(String(30))
    tekst: Mapped[str | None] = mapped_column(Text)
    intern: Mapped[bool] = mapped_column(default=False)
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"))
    op: Mapped[datetime] = mapped_column(default=utcnow)

    verzoek: Mapped[Inzageverzoek] = relationship(back_populates="gebeurtenissen")


class Inzagedocument(Base):
    """A PDF for the person, stored outside static/ under its content hash."""

    __tablename__ = "inzagedocument"

    id: Mapped[int] = mapped_column(primary_key=True)
    verzoek_id: Mapped[int] = mapped_column(ForeignKey("inzageverzoek.id"), index=True)
    bestandsnaam: Mapped[str] = mapped_column(String(200))
    grootte: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"))
    toegevoegd_op: Mapped[datetime] = mapped_column(default=utcnow)

    verzoek: Mapped[Inzageverzoek] = relationship(back_populates="documenten")


class Dagloonberekening(Base):
    """The figures UWV used for a dossier's dagloon, as the back-office delivers them.

    ``maanden`` holds the wages per month of the reference period from the
    polisadministratie: [{"maand": "2022-01", "loon": "2345.67"}, ...] (amounts as strings,
    so no rounding sneaks in through JSON floats).
    """

    __tablename__ = "dagloonberekening"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    referteperiode_van: Mapped[date] = mapped_column(Date)
    referteperiode_tot: Mapped[date] = mapped_column(Date)
    maanden: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    dagen: Mapped[int]  # the number of days the wages are divided by
    maximum_dagloon: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    dagloon: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    bron: Mapped[str] = mapped_column(String(80), default="polisadministratie")
    aangeleverd_op: Mapped[datetime] = mapped_column(default=utcnow)
