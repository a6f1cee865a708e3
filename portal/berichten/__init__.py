"""Berichten: the person's inbox, and the counts of unread messages and unopened letters every
page shows."""

from __future__ import annotations

from flask import Flask, g

from portal.auth import wat_er_loopt
from portal.berichten.views import bp


def _ongelezen() -> dict[str, int]:
    burger = g.get("burger")
    if burger is None:
        return {}
    loopt = wat_er_loopt()
    return {"aantal_ongelezen": loopt.ongelezen, "aantal_brieven_nieuw": loopt.brieven_nieuw}


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.context_processor(_ongelezen)
