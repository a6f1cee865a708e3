"""Spreekuur: the person's preference and support needs, planned spreekuren with a calendar
file and reminders, the preparation checklist, and the planners' view."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("spreekuur", __name__)


def init_app(app: Flask) -> None:
    import importlib

    # Each module adds its routes to ``bp``; a module still being written is skipped.
    for naam in ("voorkeur", "planner", "gepland", "medewerker"):
        try:
            importlib.import_module(f"portal.spreekuur.{naam}")
        except ModuleNotFoundError as fout:
            if fout.name != f"portal.spreekuur.{naam}":
                raise
    app.register_blueprint(bp)
