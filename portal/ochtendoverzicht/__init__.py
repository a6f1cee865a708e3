"""The casemanager's morning overview: calls today, calls to plan, failed messages, urgent
inzage requests, callbacks and late promises (``services.ochtendoverzicht``)."""

from __future__ import annotations

from flask import Flask

from portal.ochtendoverzicht.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
