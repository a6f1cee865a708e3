"""Feedback: "Was dit duidelijk?" — anonymous by design."""

from __future__ import annotations

from datetime import date
from secrets import token_hex

from sqlalchemy import Date, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base


class Feedback(Base):
    """One answer to "Was dit duidelijk?".

    Nothing here points to a person: no user id, no IP address, no time of day (a time plus a
    page could be matched with server logs); only the day, what was read, and the language.
    """

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_onderwerp_dag", "onderwerp", "dag"),)

    # A random id: counting ids would let the n-th answer of a day be matched to the n-th
    # POST in a web server's access log.
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: token_hex(16))
    soort: Mapped[str] = mapped_column(String(10))  # "pagina" or "bericht"
    onderwerp: Mapped[str] = mapped_column(String(80))  # the page's endpoint or message kind
    duidelijk: Mapped[bool]
    opmerking: Mapped[str | None] = mapped_column(Text)  # BSNs and phone numbers masked
    taal: Mapped[str] = mapped_column(String(8))
    dag: Mapped[date] = mapped_column(Date)
