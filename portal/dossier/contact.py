"""Contact met UWV: every contact in one list, for the person and for the casemanager."""

from __future__ import annotations

from flask import g, render_template

from portal.auth import burger_vereist, eigen_dossier, medewerker_vereist
from portal.db import get_session
from portal.dossier.blueprint import DOSSIER_ROLLEN, bp
from portal.dossier.medewerker import dossier_of_404
from portal.services import contacthistorie, dossiers


@bp.get("/contact-met-uwv")
@burger_vereist
def contact() -> str:
    dossier = eigen_dossier()
    return render_template(
        "dossier/contact.html",
        contacten=contacthistorie.van_dossier(get_session(), dossier),
        dossier=dossier,
    )


@bp.get("/medewerker/dossiers/<kenmerk>/contact")
@medewerker_vereist(*DOSSIER_ROLLEN)
def contact_medewerker(kenmerk: str) -> str:
    db = get_session()
    dossier = dossier_of_404(kenmerk)
    dossiers.log_bekeken(db, dossier, medewerker_id=g.medewerker.id, trace_id=g.trace_id)
    return render_template(
        "dossier/contact_medewerker.html",
        contacten=contacthistorie.van_dossier(db, dossier),
        dossier=dossier,
    )
