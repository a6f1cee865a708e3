"""Bel mij terug: a person asks to be called back; casemanagers call and record how it went."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.terugbellen.views import bp

    app.register_blueprint(bp)
