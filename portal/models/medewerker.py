from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow

if TYPE_CHECKING:
    from portal.models.burger import Burger
    from portal.models.vertegenwoordiging import Vertegenwoordiging

ROLLEN = ("casemanager", "teamleider", "beheerder", "pilotleider")


class Medewerker(Base):
    """A UWV employee. Roles come from the organisation's login at every sign-in."""

    __tablename__ = "medewerker"

    id: Mapped[int] = mapped_column(primary_key=True)
    oidc_sub: Mapped[str] = mapped_column(String(255), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    telefoon: Mapped[str | None] = mapped_column(String(20))
    rollen: Mapped[str] = mapped_column(String(200), default="")  # comma separated
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def rollenlijst(self) -> list[str]:
        return [rol for rol in self.rollen.split(",") if rol]

    def heeft_rol(self, *rollen: str) -> bool:
        return any(rol in self.rollenlijst for rol in rollen)


class Verwerkingslog(Base):
    """Who looked at or changed whose data, when and why.

    Field names follow the Logboek Dataverwerkingen standard where they fit: a trace id
    per request, the processing activity, the data subject, the actor, and the result.
    """

    __tablename__ = "verwerkingslog"
    __table_args__ = (Index("ix_verwerkingslog_burger_tijdstip", "burger_id", "tijdstip"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tijdstip: Mapped[datetime] = mapped_column(default=utcnow)
    trace_id: Mapped[str] = mapped_column(String(32))
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"), index=True)
    # A back-office system acting through the API, when no staff member acted.
    api_client_id: Mapped[int | None] = mapped_column(ForeignKey("api_client.id"))
    burger_id: Mapped[int | None] = mapped_column(ForeignKey("burger.id"))
    handeling: Mapped[str] = mapped_column(String(20))  # zoeken, inzien, wijzigen
    verwerkingsactiviteit: Mapped[str] = mapped_column(String(80))
    doel: Mapped[str] = mapped_column(String(200))
    resultaat: Mapped[str] = mapped_column(String(20), default="gelukt")
    object: Mapped[str | None] = mapped_column(String(80))  # e.g. "traject:12"
    # Done by someone acting for the person (a begeleider or a representative): "namens".
    vertegenwoordiging_id: Mapped[int | None] = mapped_column(ForeignKey("vertegenwoordiging.id"))


class Sessie(Base):
    """A login session, kept server side so that logging out really ends it."""

    __tablename__ = "sessie"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the token
    burger_id: Mapped[int | None] = mapped_column(ForeignKey("burger.id"), index=True)
    medewerker_id: Mapped[int | None] = mapped_column(ForeignKey("medewerker.id"), index=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    laatst_actief_op: Mapped[datetime] = mapped_column(default=utcnow)
    beeindigd_op: Mapped[datetime | None]
    # Someone acting for ``burger``: every page is the person's, and says for whom it acts.
    vertegenwoordiging_id: Mapped[int | None] = mapped_column(ForeignKey("vertegenwoordiging.id"))

    # Loaded with the session itself (sessies.geldig): one round trip per request, not two.
    burger: Mapped[Burger | None] = relationship()
    medewerker: Mapped[Medewerker | None] = relationship()
    vertegenwoordiging: Mapped[Vertegenwoordiging | None] = relationship()
