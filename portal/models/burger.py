from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow

if TYPE_CHECKING:
    from portal.models.dossier import Dossier


class Burger(Base):
    """A person with a WIA benefit. The BSN never leaves this row except masked."""

    __tablename__ = "burger"

    id: Mapped[int] = mapped_column(primary_key=True)
    bsn: Mapped[str] = mapped_column(String(9), unique=True)
    voornamen: Mapped[str] = mapped_column(String(200))
    tussenvoegsel: Mapped[str] = mapped_column(String(20), default="")
    achternaam: Mapped[str] = mapped_column(String(200))
    telefoon: Mapped[str | None] = mapped_column(String(20))  # E.164
    email: Mapped[str | None] = mapped_column(String(254))
    taal: Mapped[str] = mapped_column(String(8), default="nl")
    # Known contact details are used for SMS and e-mail only after the person proved them.
    telefoon_geverifieerd_op: Mapped[datetime | None]
    email_geverifieerd_op: Mapped[datetime | None]
    # Set by an SMS reply STOP (or Twilio error 21610); START clears it. Switches are kept.
    sms_gestopt_op: Mapped[datetime | None]
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)

    dossier: Mapped[Dossier | None] = relationship(back_populates="burger", uselist=False)

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)

    @property
    def bsn_gemaskeerd(self) -> str:
        return "*****" + self.bsn[-4:]

    def __repr__(self) -> str:  # never the BSN: reprs end up in logs
        return f"<Burger id={self.id}>"


class Bericht(Base):
    """A message in the portal's own inbox: the one place where an update's content lives.

    The text is rendered when it is read, from ``soort`` and ``gegevens``, so that a person
    reads every message in the language they have chosen now.
    """

    __tablename__ = "bericht"
    __table_args__ = (
        Index("ix_bericht_burger_aangemaakt", "burger_id", "aangemaakt_op"),
        # The nudge planner's question: important, unread, not nudged yet, older than a week.
        Index(
            "ix_bericht_ongelezen_belangrijk",
            "aangemaakt_op",
            postgresql_where=text("belangrijk AND gelezen_op IS NULL AND herinnerd_op IS NULL"),
            sqlite_where=text("belangrijk AND gelezen_op IS NULL AND herinnerd_op IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"))
    soort: Mapped[str] = mapped_column(String(40))
    gegevens: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    toelichting: Mapped[str | None] = mapped_column(Text)
    traject_id: Mapped[int | None] = mapped_column(ForeignKey("traject.id"))
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    gelezen_op: Mapped[datetime | None]
    # Asks for action, brings a decision or says an answer is ready: still unread after a
    # week, the person gets one nudge (``herinnerd_op``), by SMS, e-mail or on paper.
    belangrijk: Mapped[bool] = mapped_column(default=False, server_default=false())
    herinnerd_op: Mapped[datetime | None]

    burger: Mapped[Burger] = relationship()
