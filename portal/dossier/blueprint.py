"""The dossier's blueprint: the person's Mijn dossier and the casemanager's dossier pages."""

from __future__ import annotations

from flask import Blueprint, Response

bp = Blueprint("dossier", __name__)
# Who may open any dossier: casemanagers and their teamleiders.
DOSSIER_ROLLEN = ("casemanager", "teamleider")


@bp.after_request
def _vary(response: Response) -> Response:
    # The status page answers htmx with a fragment: a cache must keep the two apart.
    response.vary.add("HX-Request")
    return response
