"""Pages for the burger: where the dossier stands, and the inbox."""

from __future__ import annotations

from flask import Flask, g

from portal.burger.views import bp
from portal.db import get_session
from portal.services import berichten


def _ongelezen() -> dict[str, int]:
    burger = g.get("burger")
    if burger is None:
        return {}
    return {"aantal_ongelezen": berichten.aantal_ongelezen(get_session(), burger.id)}


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.context_processor(_ongelezen)
