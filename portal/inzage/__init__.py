"""Inzage: a person's access request (GDPR art. 15), the casemanagers' queue, and insight
into how the dagloon was calculated."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.inzage import behandelen, dagloon, views  # noqa: F401 (routes on views.bp)

    app.register_blueprint(views.bp)
