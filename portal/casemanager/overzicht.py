"""The casemanager's morning overview (the digest), as a page."""

from __future__ import annotations

from flask import g, render_template

from portal.auth import medewerker_vereist
from portal.casemanager.views import bp
from portal.db import get_session
from portal.kalender import is_werkdag
from portal.models import utcnow
from portal.services import ochtendoverzicht
from portal.tijd import vandaag


@bp.get("/overzicht")
@medewerker_vereist("casemanager")
def overzicht() -> str:
    nu = utcnow()
    return render_template(
        "casemanager/overzicht.html",
        overzicht=ochtendoverzicht.overzicht(get_session(), g.medewerker.id, nu),
        werkdag=is_werkdag(vandaag(nu)),
    )
