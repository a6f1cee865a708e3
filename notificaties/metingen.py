"""Timing and outcome of every provider call (Twilio, SMTP, the dev inbox), as GOV.UK Notify
keeps them around each call: an operator sees at once whether a provider got slow or started
refusing, before the messages go to paper."""

from __future__ import annotations

import threading

from sqlalchemy.orm import Session

from notificaties.setbased import insert_voor
from portal.models import Providermeting
from portal.models.providermeting import GRENSKOLOMMEN, GRENZEN

GEACCEPTEERD = "geaccepteerd"
TIJDELIJKE_FOUT = "tijdelijke_fout"
BLIJVENDE_FOUT = "blijvende_fout"
CODE_LENGTE = 40
TELLERS = ("aantal", "duur_ms_som", *GRENSKOLOMMEN)

Sleutel = tuple[str, str, str, str]  # kanaal, provider, uitkomst, code


class Meter:
    """The calls of one dispatcher batch, added up in memory by its threads."""

    def __init__(self) -> None:
        self._tellers: dict[Sleutel, list[int]] = {}
        self._slot = threading.Lock()

    def __bool__(self) -> bool:
        return bool(self._tellers)

    def meet(self, *, kanaal: str, provider: str, uitkomst: str, code: str, duur: float) -> None:
        # Cumulative buckets, as in a Prometheus histogram: 0.3 s counts in 0.5 s and above.
        waarden = [1, round(duur * 1000), *(int(duur <= grens) for grens in GRENZEN)]
        sleutel = (kanaal, provider, uitkomst, code[:CODE_LENGTE])
        with self._slot:
            tellers = self._tellers.setdefault(sleutel, [0] * len(TELLERS))
            for i, waarde in enumerate(waarden):
                tellers[i] += waarde

    def schrijf(self, session: Session) -> None:
        """Add the batch to the stored counters (the caller commits): one upsert per kind."""
        with self._slot:
            tellers, self._tellers = self._tellers, {}
        for (kanaal, provider, uitkomst, code), waarden in sorted(tellers.items()):
            invoegen = insert_voor(session)(Providermeting).values(
                kanaal=kanaal,
                provider=provider,
                uitkomst=uitkomst,
                code=code,
                **dict(zip(TELLERS, waarden, strict=True)),
            )
            session.execute(
                invoegen.on_conflict_do_update(
                    index_elements=["kanaal", "provider", "uitkomst", "code"],
                    set_={
                        kolom: getattr(Providermeting, kolom) + getattr(invoegen.excluded, kolom)
                        for kolom in TELLERS
                    },
                )
            )
