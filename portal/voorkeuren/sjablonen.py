"""Casemanagers preview every notification text, in every language, with example data."""

from __future__ import annotations

from flask import abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale

import notificaties
from portal.auth import medewerker_vereist
from portal.dossier.blueprint import DOSSIER_ROLLEN
from portal.voorkeuren.views import bp

# The e-mail's own styles are inline (mail programs ignore style sheets); only that page
# allows them, and it still runs no script.
EMAIL_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'"
)


def _taal() -> str:
    """The language asked for, else the one the casemanager reads the portal in."""
    taal = request.args.get("taal") or str(get_locale() or "nl")
    return taal if taal in current_app.config["TALEN"] else "nl"


@bp.get("/medewerker/berichtsjablonen")
@medewerker_vereist(*DOSSIER_ROLLEN)
def sjablonen() -> str:
    taal = _taal()
    voorbeelden = []
    for soort in notificaties.SOORTEN:
        gegevens = notificaties.VOORBEELDGEGEVENS.get(soort, {})
        _, sms, _, _ = notificaties.render(soort, "sms", taal, gegevens)
        onderwerp, tekst, _, kopteksten = notificaties.render(soort, "email", taal, gegevens)
        voorbeelden.append(
            {
                "soort": soort,
                "sms": sms,
                "onderwerp": onderwerp,
                "tekst": tekst,
                "afmelden": "List-Unsubscribe" in kopteksten,
            }
        )
    return render_template(
        "voorkeuren/sjablonen.html",
        voorbeelden=voorbeelden,
        taal=taal,
        talen=current_app.config["TALEN"],
    )


@bp.get("/medewerker/berichtsjablonen/<soort>/email.html")
@medewerker_vereist(*DOSSIER_ROLLEN)
def sjabloon_html(soort: str) -> ResponseReturnValue:
    if soort not in notificaties.SOORTEN:
        abort(404)
    _, _, html, _ = notificaties.render(
        soort, "email", _taal(), notificaties.VOORBEELDGEGEVENS.get(soort, {})
    )
    assert html is not None  # the e-mail channel always renders its HTML part
    return html, {"Content-Security-Policy": EMAIL_CSP}
