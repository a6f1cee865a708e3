"""Promises for staff: a new date for a late promise (casemanager), and the share kept per
kind and week with the late ones oldest first (teamleider)."""

from __future__ import annotations

from flask import Flask

from portal.toezeggingen.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
