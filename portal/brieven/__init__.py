"""Brieven: the person's Mijn brieven, and the print batches of paper letters the beheerder
downloads for the letter street."""

from __future__ import annotations

from flask import Flask

from portal.brieven import mijn
from portal.brieven.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(mijn.bp)
