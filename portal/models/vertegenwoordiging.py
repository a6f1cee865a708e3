"""Someone who acts for the person: a begeleider they invited, or a representative who logged
in through DigiD Machtigen (a gemachtigde, or a bewindvoerder, curator or mentor)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow

if TYPE_CHECKING:
    from portal.models.burger import Burger

# begeleider: invited by the person in the portal. machtiging: DigiD Machtigen. The legal
# representatives (bewindvoering, curatele, mentorschap) come through DigiD Machtigen too.
VERTEGENWOORDIGINGSSOORTEN = (
    "begeleider",
    "machtiging",
    "bewindvoering",
    "curatele",
    "mentorschap",
)
# uitgenodigd → wacht_op_bevestiging (the invitee logged in) → actief → beeindigd;
# an invitation can also be withdrawn or expire (beeindigd, with the moment).
VERTEGENWOORDIGINGSSTATUSSEN = ("uitgenodigd", "wacht_op_bevestiging", "actief", "beeindigd")


class Vertegenwoordiging(Base):
    """One person acting for another. ``burger_id`` is the person acted for; the
    representative is known by their own BSN (from their own DigiD login), never by a row
    of ours: they need not have a benefit themselves."""

    __tablename__ = "vertegenwoordiging"
    __table_args__ = (
        # A login looks up what this BSN may do for whom.
        Index("ix_vertegenwoordiging_bsn_status", "vertegenwoordiger_bsn", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    burger_id: Mapped[int] = mapped_column(ForeignKey("burger.id"), index=True)
    soort: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24))
    # The name the person gave a begeleider, or the name the broker passed on.
    naam: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))  # where the invitation went
    vertegenwoordiger_bsn: Mapped[str | None] = mapped_column(String(9))
    # What a begeleider may do besides reading: "vragen", "uploaden". A mandate: everything
    # the person can do, except inviting begeleiders.
    rechten: Mapped[list[str]] = mapped_column(JSON, default=list)
    dienst: Mapped[str | None] = mapped_column(String(200))  # the mandate's service
    # Only hashes: a leaked database hands out no invitation and no confirmation.
    uitnodiging_sleutel: Mapped[str | None] = mapped_column(String(64), unique=True)
    uitnodiging_verloopt_op: Mapped[datetime | None]
    bevestiging_sleutel: Mapped[str | None] = mapped_column(String(64))
    bevestiging_pogingen: Mapped[int] = mapped_column(default=0)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    actief_sinds: Mapped[datetime | None]
    laatst_gebruikt_op: Mapped[datetime | None]
    beeindigd_op: Mapped[datetime | None]

    burger: Mapped[Burger] = relationship()

    def __repr__(self) -> str:  # never a BSN: reprs end up in logs
        return f"<Vertegenwoordiging id={self.id} soort={self.soort} status={self.status}>"
