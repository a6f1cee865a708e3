"""A letter: one UWV sent the person (delivered by the back office), or one the portal makes
and the letter street prints."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow

# Where a letter comes from: UWV's own letter (a PDF the back office delivers; UWV sent it
# already, so it is never printed here), or the portal's (printed by the letter street).
HERKOMSTEN = ("uwv", "portal")
# What kind of letter it is, as the person sees it in Mijn brieven.
BRIEFSOORTEN = ("besluit", "informatie", "kwartaalupdate", "uitnodiging")


class Brief(Base):
    """A letter in Mijn brieven. For the portal's own letters: the update for someone without
    a digital channel for it, or the fallback when a message that matters failed for good
    (``reden`` says which and why); ``batch`` is set once it is downloaded for printing.

    ``sleutel`` makes a letter happen once, however often its cause is looked at; a letter
    from the back office has ``uwv:<its id there>``.
    """

    __tablename__ = "brief"
    __table_args__ = (
        Index("ix_brief_batch", "batch"),
        Index("ix_brief_burger_datum", "burger_id", "datum"),
        # The letter street's question: the portal's letters not yet in a batch.
        Index(
            "ix_brief_te_printen",
            "id",
            postgresql_where=text("batch IS NULL AND herkomst = 'portal'"),
            sqlite_where=text("batch IS NULL AND herkomst = 'portal'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), index=True)
    bericht_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"), unique=True)
    soort: Mapped[str] = mapped_column(String(40))
    sleutel: Mapped[str | None] = mapped_column(String(200), unique=True)
    reden: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    batch: Mapped[str | None] = mapped_column(String(40))  # set when downloaded for printing
    gegevens: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    herkomst: Mapped[str] = mapped_column(String(10), default="portal", server_default="portal")
    # The date on the letter; for the portal's own letters the day it was made.
    datum: Mapped[date | None] = mapped_column(Date)
    titel: Mapped[str | None] = mapped_column(String(200))
    traject_soort: Mapped[str | None] = mapped_column(String(40))  # the part it is about
    bestandsnaam: Mapped[str | None] = mapped_column(String(160))
    grootte: Mapped[int | None]
    sha256: Mapped[str | None] = mapped_column(String(64))
    geopend_op: Mapped[datetime | None]  # "nieuw" until the person opens it
