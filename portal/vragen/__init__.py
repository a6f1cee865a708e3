"""Vragen: the person asks a question (or reports a suspected error) and reads the answer;
the casemanager works the queue by answer term."""

from __future__ import annotations

from flask import Flask

from portal.vragen import medewerker  # noqa: F401  (routes join the blueprint)
from portal.vragen.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
