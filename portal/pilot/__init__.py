"""Usability pilots for the cliëntenraad: tasks on the demo data, SUS, results."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("pilot", __name__)


def init_app(app: Flask) -> None:
    # Participants work as demo personas, so pilots exist only where demo data does. Demo
    # mode itself cannot be switched on in production: portal.config.check_config refuses
    # PORTAL_DEMO with PORTAL_ENV=production before any blueprint is registered.
    if not app.config.get("PORTAL_DEMO"):
        return
    from portal.pilot import deelnemen, leiden  # noqa: F401  (they add their routes to bp)

    app.register_blueprint(bp)
