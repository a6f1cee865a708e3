"""The lease that lets one worker plan while several run."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base


class SchedulerLease(Base):
    """Who runs the planners now. A worker holds the lease while it renews it; when it
    dies, the lease runs out and another worker takes over."""

    __tablename__ = "scheduler_lease"

    naam: Mapped[str] = mapped_column(String(40), primary_key=True)
    houder: Mapped[str] = mapped_column(String(120))
    verloopt_op: Mapped[datetime]
    hartslag_op: Mapped[datetime]
