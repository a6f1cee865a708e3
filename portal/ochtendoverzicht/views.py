"""The casemanager's morning overview as a page; the e-mail of kind ``digest`` points here."""

from __future__ import annotations

from flask import Blueprint, g, render_template

from portal.auth import medewerker_vereist
from portal.db import get_session
from portal.kalender import is_werkdag
from portal.models import utcnow
from portal.services import ochtendoverzicht
from portal.tijd import vandaag

bp = Blueprint("ochtendoverzicht", __name__)


@bp.get("/medewerker/overzicht")
@medewerker_vereist("casemanager")
def overzicht() -> str:
    nu = utcnow()
    return render_template(
        "ochtendoverzicht/overzicht.html",
        overzicht=ochtendoverzicht.overzicht(get_session(), g.medewerker.id, nu),
        werkdag=is_werkdag(vandaag(nu)),
    )
