"""Berichten: the person's inbox, and the count of unread messages every page shows."""

from __future__ import annotations

from flask import Flask, g

from portal.auth import wat_er_loopt
from portal.berichten.views import bp


def _ongelezen() -> dict[str, int]:
    burger = g.get("burger")
    if burger is None:
        return {}
    return {"aantal_ongelezen": wat_er_loopt().ongelezen}


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.context_processor(_ongelezen)
