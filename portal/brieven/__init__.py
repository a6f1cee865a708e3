"""Brieven: the beheerder downloads print batches of paper letters for the letter street."""

from __future__ import annotations

from flask import Flask

from portal.brieven.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
