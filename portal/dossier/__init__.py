"""Where the dossier stands: Mijn dossier and Wat kunt u verwachten for the person; find a
dossier, the dossier page and a status change for the casemanager."""

from __future__ import annotations

from flask import Flask

from portal.dossier import contact, medewerker, mijn  # noqa: F401  (routes join the blueprint)
from portal.dossier.blueprint import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
