"""Service-calls: UWV phones the person; the person sets belvoorkeuren and gets reminders."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.servicecalls.views import bp

    app.register_blueprint(bp)
