from __future__ import annotations

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base

# Upper bounds in seconds of the duration buckets, as Prometheus histograms count them.
GRENZEN = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
GRENSKOLOMMEN = tuple(f"tot_{str(g).replace('.', '_')}" for g in GRENZEN)


class Providermeting(Base):
    """How the provider calls of one kind went: counts and durations, added up per send.

    One row per channel, provider, outcome and provider code, so the table stays a few dozen
    rows however much is sent. Counters only grow, as Prometheus expects of a counter; the
    dispatcher adds each batch's calls at the end of the batch (``notificaties.metingen``).
    """

    __tablename__ = "providermeting"

    kanaal: Mapped[str] = mapped_column(String(10), primary_key=True)
    provider: Mapped[str] = mapped_column(String(20), primary_key=True)
    uitkomst: Mapped[str] = mapped_column(String(20), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    aantal: Mapped[int] = mapped_column(BigInteger, default=0)
    duur_ms_som: Mapped[int] = mapped_column(BigInteger, default=0)
    # Cumulative, as in a Prometheus histogram: a call of 0.3 s counts in tot_0_5 and above.
    tot_0_1: Mapped[int] = mapped_column(Integer, default=0)
    tot_0_25: Mapped[int] = mapped_column(Integer, default=0)
    tot_0_5: Mapped[int] = mapped_column(Integer, default=0)
    tot_1_0: Mapped[int] = mapped_column(Integer, default=0)
    tot_2_5: Mapped[int] = mapped_column(Integer, default=0)
    tot_5_0: Mapped[int] = mapped_column(Integer, default=0)
    tot_10_0: Mapped[int] = mapped_column(Integer, default=0)
