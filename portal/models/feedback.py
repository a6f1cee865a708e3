"""Feedback: "Was dit duidelijk?" and "Hoe ging het gesprek?" — anonymous by design."""

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


class ContactFeedback(Base):
    """One answer to "Hoe ging het gesprek?" after a call, a spreekuur or a callback.

    As anonymous as ``Feedback``: no person, no contact id, no time of day; only the kind of
    contact, the answer, the (masked) comment, the language and the day it was given. On
    SQLite the table has no rowid, so the rows keep no order of arrival either.
    """

    __tablename__ = "contactfeedback"
    __table_args__ = (
        Index("ix_contactfeedback_soort_dag", "soort", "dag"),
        {"sqlite_with_rowid": False},
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: token_hex(16))
    soort: Mapped[str] = mapped_column(String(20))  # "servicecall", "spreekuur", "terugbellen"
    oordeel: Mapped[str] = mapped_column(String(10))  # "goed", "redelijk" or "niet_goed"
    opmerking: Mapped[str | None] = mapped_column(Text)  # BSNs and phone numbers masked
    taal: Mapped[str] = mapped_column(String(8))
    dag: Mapped[date] = mapped_column(Date)


class ContactBeoordeeld(Base):
    """That a contact has been rated, so a person answers once per contact.

    Only a keyed hash (HMAC with the app's secret) of the contact's kind and id: the database
    alone does not tell which contacts were rated, and nothing links this row to the answer
    (no time, no counter; without rowid on SQLite, the rows sit in hash order).
    """

    __tablename__ = "contact_beoordeeld"
    __table_args__ = ({"sqlite_with_rowid": False},)

    sleutel: Mapped[str] = mapped_column(String(64), primary_key=True)
