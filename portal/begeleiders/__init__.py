"""Mijn begeleiders: the person invites someone they trust, confirms them, chooses what they
may do and ends it; they also see who acts for them through DigiD Machtigen."""

from __future__ import annotations

from flask import Flask

from portal.begeleiders.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
