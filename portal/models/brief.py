"""A paper letter to print."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class Brief(Base):
    """A paper letter to print: the update for someone without a digital channel for it, or
    the fallback when a message that matters failed for good (``reden`` says which and why).

    ``sleutel`` makes a fallback happen once, however often its cause is looked at.
    """

    __tablename__ = "brief"
    __table_args__ = (Index("ix_brief_batch", "batch"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), index=True)
    bericht_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"), unique=True)
    soort: Mapped[str] = mapped_column(String(40))
    sleutel: Mapped[str | None] = mapped_column(String(200), unique=True)
    reden: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    batch: Mapped[str | None] = mapped_column(String(40))  # set when downloaded for printing
    gegevens: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
