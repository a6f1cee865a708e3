"""Objections and complaints, each with the term the law gives UWV to answer."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow

ZAAKSOORTEN = ("bezwaar", "klacht")
ZAAKSTATUSSEN = ("in_behandeling", "verdaagd", "beslist", "ingetrokken")


class Bezwaar(Base):
    """A bezwaar (objection to a decision) or a klacht (complaint), as the back office
    registers it. Its answer term is a promise (toezegging ``bezwaar:<id>`` or
    ``klacht:<id>``), computed by ``portal.services.termijnen``; ``verdaagd_op`` and
    ``verdaging_reden`` record the one extension the law allows and what the person was told.
    """

    __tablename__ = "bezwaar"

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"))
    extern_id: Mapped[str] = mapped_column(String(80), unique=True)
    soort: Mapped[str] = mapped_column(String(10))
    # The decision objected to (bezwaar only): its date starts the objection period.
    besluit_op: Mapped[date | None] = mapped_column(Date)
    ontvangen_op: Mapped[date] = mapped_column(Date)
    adviescommissie: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default="in_behandeling")
    verdaagd_op: Mapped[date | None] = mapped_column(Date)
    verdaging_reden: Mapped[str | None] = mapped_column(Text)
    beslist_op: Mapped[date | None] = mapped_column(Date)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
