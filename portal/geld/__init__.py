"""Uw geld and Bezwaar: what the person gets and when, what it means for toeslagen and tax,
the objection period after a decision, objections and complaints with their legal terms,
and the route (with a model letter) when UWV is late."""

from __future__ import annotations

from flask import Flask

from portal.geld.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
