"""Berichten en herinneringen: a person's channels, their verification and their switches."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.voorkeuren.views import bp

    app.register_blueprint(bp)
