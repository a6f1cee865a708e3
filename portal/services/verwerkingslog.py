"""The verwerkingslog: every look at or change of a person's data by staff, by a back-office
system, or by someone acting for the person (``vertegenwoordiging_id``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from portal.models import Verwerkingslog

# Set on the database session for a request of someone acting for the person
# (portal/auth/namens.py): the rows written without a staff member or system are theirs.
NAMENS = "vertegenwoordiging_id"
DOEL_DOSSIERBEHANDELING = "Uitvoering WIA en hersteloperatie: behandeling van het dossier"


def log(
    session: Session,
    *,
    trace_id: str,
    medewerker_id: int | None,
    api_client_id: int | None = None,
    burger_id: int | None,
    handeling: str,
    activiteit: str,
    object: str | None = None,
    resultaat: str = "gelukt",
    doel: str = DOEL_DOSSIERBEHANDELING,
    vertegenwoordiging_id: int | None = None,
) -> Verwerkingslog:
    """Add a log row to the caller's transaction (the caller commits)."""
    if vertegenwoordiging_id is None and medewerker_id is None and api_client_id is None:
        vertegenwoordiging_id = session.info.get(NAMENS)
    regel = Verwerkingslog(
        trace_id=trace_id,
        medewerker_id=medewerker_id,
        api_client_id=api_client_id,
        burger_id=burger_id,
        handeling=handeling,
        verwerkingsactiviteit=activiteit,
        doel=doel,
        object=object,
        resultaat=resultaat,
        vertegenwoordiging_id=vertegenwoordiging_id,
    )
    session.add(regel)
    # Lets the API layer see that this request's processing is already on record.
    session.info.setdefault("verwerkingslog_traces", set()).add(trace_id)
    return regel
