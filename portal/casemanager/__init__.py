"""Pages for the casemanager: find a dossier, see it, change a traject's status."""

from __future__ import annotations

from flask import Flask

from portal.casemanager import brieven, overzicht, sjablonen  # noqa: F401  (routes join the blueprint)
from portal.casemanager.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
