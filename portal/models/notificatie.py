from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow

STATUSSEN = ("wachtend", "bezig", "verzonden", "afgeleverd", "mislukt", "geannuleerd")


class Notificatie(Base):
    """One message to one address over one channel: a row of the transactional outbox.

    It is written in the same transaction as the domain change that asks for it, so a
    crash can delay a message but never lose it; the unique idempotency key stops doubles.
    """

    __tablename__ = "notificatie"
    __table_args__ = (
        Index("ix_notificatie_status_volgende_poging", "status", "volgende_poging_op"),
        # The dispatcher's claim: the waiting rows in the order it takes them, so a claim reads
        # its batch off the index and stops, however many rows wait at the same moment.
        Index(
            "ix_notificatie_wachtend",
            "volgende_poging_op",
            "id",
            postgresql_where=text("status = 'wachtend'"),
            sqlite_where=text("status = 'wachtend'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotentiesleutel: Mapped[str] = mapped_column(String(200), unique=True)
    # To a burger, or (the casemanager's digest) to a medewerker.
    burger_id: Mapped[int | None] = mapped_column(ForeignKey("burger.id"), index=True)
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"))
    kanaal: Mapped[str] = mapped_column(String(10))  # sms, email
    soort: Mapped[str] = mapped_column(String(40))
    adres: Mapped[str] = mapped_column(String(254))
    gegevens: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(12), default="wachtend")
    pogingen: Mapped[int] = mapped_column(default=0)
    volgende_poging_op: Mapped[datetime] = mapped_column(default=utcnow)
    geclaimd_op: Mapped[datetime | None]
    provider_id: Mapped[str | None] = mapped_column(String(64), index=True)
    laatste_fout: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    # When it became due: its planned moment, or the end of the quiet hours that held it back.
    # Retries of a temporary failure are counted from here, not from when the row was made,
    # so a reminder planned weeks ahead still gets its whole retry window.
    verschuldigd_op: Mapped[datetime | None]
    verzonden_op: Mapped[datetime | None]
    afgeleverd_op: Mapped[datetime | None]


class DevNotificatie(Base):
    """What the dev channel 'sent': shown on the dev-only inbox page in demo mode."""

    __tablename__ = "dev_notificatie"

    id: Mapped[int] = mapped_column(primary_key=True)
    notificatie_id: Mapped[int] = mapped_column(ForeignKey("notificatie.id"), index=True)
    kanaal: Mapped[str] = mapped_column(String(10))
    adres: Mapped[str] = mapped_column(String(254))
    onderwerp: Mapped[str | None] = mapped_column(String(200))
    tekst: Mapped[str] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
