"""Toezeggingen: every dated promise made to a person, and what became of it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow

# open → nagekomen (kept in time) | verschoven (moved: reason, and the new promise) |
# verlopen (passed unkept) | vervallen (no longer needed: the request was withdrawn, the
# appointment cancelled). A verlopen promise that is kept late keeps its state and gets a
# ``nagekomen_op``: late is late, also once it is done.
STATUSSEN = ("open", "nagekomen", "verschoven", "verlopen", "vervallen")
# Who or what made the promise.
BRONNEN = ("medewerker", "api", "import", "planner", "burger", "systeem")


class Toezegging(Base):
    """One dated promise to one person about one subject (``onderwerp``, e.g. traject:12).

    ``datum`` is the promised day in Amsterdam; ``van``/``tot`` the moment or window where the
    promise has a time; ``uiterlijk`` the moment after which it is late (derived from those by
    the rules of its kind, ``portal.toezeggingsoorten``). At most one promise per kind and
    subject is open at a time.
    """

    __tablename__ = "toezegging"
    # Few indexes, and partial ones: after a wave the planner writes and keeps tens of
    # thousands of promises in one morning, and every index is written for each of them.
    __table_args__ = (
        Index("ix_toezegging_onderwerp", "onderwerp"),
        # The planner's daily question: open promises whose moment passed.
        Index(
            "ix_toezegging_open_uiterlijk",
            "uiterlijk",
            postgresql_where=text("status = 'open'"),
            sqlite_where=text("status = 'open'"),
        ),
        # The staff lists: broken promises not yet given a new date, oldest first.
        Index(
            "ix_toezegging_te_laat_uiterlijk",
            "uiterlijk",
            postgresql_where=text("status = 'verlopen' AND nagekomen_op IS NULL"),
            sqlite_where=text("status = 'verlopen' AND nagekomen_op IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), index=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossier.id"))
    soort: Mapped[str] = mapped_column(String(20))
    onderwerp: Mapped[str] = mapped_column(String(60))
    datum: Mapped[date] = mapped_column(Date)
    van: Mapped[datetime | None]
    tot: Mapped[datetime | None]
    uiterlijk: Mapped[datetime]
    wettelijke_grens: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="open")
    bron: Mapped[str] = mapped_column(String(12))
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"))
    api_client_id: Mapped[int | None] = mapped_column(ForeignKey("api_client.id"))
    gemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    afgesloten_op: Mapped[datetime | None]
    nagekomen_op: Mapped[datetime | None]
    reden: Mapped[str | None] = mapped_column(Text)  # why it was moved or lapsed
    vorige_id: Mapped[int | None] = mapped_column(ForeignKey("toezegging.id"))
    versie: Mapped[int] = mapped_column(default=0)
