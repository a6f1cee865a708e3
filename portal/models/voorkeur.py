from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow

KANALEN = ("sms", "email")
# What a person can switch on or off, per channel. Portal messages always exist.
VOORKEURSOORTEN = ("kwartaalupdate", "servicecall", "inzage", "spreekuur")


class Notificatievoorkeur(Base):
    """One switch: this person wants this kind of news over this channel.

    A row means "on"; switching off deletes it. Whether a message really goes out is
    decided again when it is sent (address verified, no STOP), so a late "off" still counts.
    """

    __tablename__ = "notificatievoorkeur"
    __table_args__ = (UniqueConstraint("burger_id", "kanaal", "soort"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"))
    kanaal: Mapped[str] = mapped_column(String(10))
    soort: Mapped[str] = mapped_column(String(40))
    aangezet_op: Mapped[datetime] = mapped_column(default=utcnow)


class Verificatie(Base):
    """Proof that a number or address belongs to the person: a code by SMS, a link by e-mail.

    Only a hash of an SMS code is kept. The address becomes the person's only once verified.
    """

    __tablename__ = "verificatie"
    __table_args__ = (Index("ix_verificatie_burger_aangemaakt", "burger_id", "aangemaakt_op"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"))
    kanaal: Mapped[str] = mapped_column(String(10))
    adres: Mapped[str] = mapped_column(String(254))
    code_hash: Mapped[str | None] = mapped_column(String(64))
    pogingen: Mapped[int] = mapped_column(default=0)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    verloopt_op: Mapped[datetime]
    bevestigd_op: Mapped[datetime | None]
