"""Timing and outcome of every provider call (Twilio, SMTP, the dev inbox), as GOV.UK Notify
keeps them around each call: an operator sees at once whether a provider got slow or started
refusing, before the messages go to paper."""

from __future__ import annotations

from sqlalchemy.orm import Session

from notificaties.setbased import insert_voor
from portal.models import Providermeting
from portal.models.providermeting import GRENSKOLOMMEN, GRENZEN

GEACCEPTEERD = "geaccepteerd"
TIJDELIJKE_FOUT = "tijdelijke_fout"
BLIJVENDE_FOUT = "blijvende_fout"
CODE_LENGTE = 40


def meet(
    session: Session, *, kanaal: str, provider: str, uitkomst: str, code: str, duur: float
) -> None:
    """Add one call to its row, in the caller's transaction (the one that records the send)."""
    emmers = {
        kolom: int(duur <= grens) for kolom, grens in zip(GRENSKOLOMMEN, GRENZEN, strict=True)
    }
    waarden = {
        "kanaal": kanaal,
        "provider": provider,
        "uitkomst": uitkomst,
        "code": code[:CODE_LENGTE],
        "aantal": 1,
        "duur_ms_som": round(duur * 1000),
        **emmers,
    }
    invoegen = insert_voor(session)(Providermeting).values(**waarden)
    optellen = {
        kolom: getattr(Providermeting, kolom) + getattr(invoegen.excluded, kolom)
        for kolom in ("aantal", "duur_ms_som", *GRENSKOLOMMEN)
    }
    session.execute(
        invoegen.on_conflict_do_update(
            index_elements=["kanaal", "provider", "uitkomst", "code"], set_=optellen
        )
    )
