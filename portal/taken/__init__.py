"""Taken: what UWV asks of the person (wage slips, a statement) by a deadline; the person
sends files or says they do not have them; the casemanager accepts or asks again."""

from __future__ import annotations

from flask import Flask

from portal.taken import medewerker  # noqa: F401  (routes join the blueprint)
from portal.taken.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
