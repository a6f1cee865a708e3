"""Sms en e-mail: a person's channels, their verification and their switches; and for staff,
the preview of every SMS and e-mail text."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.voorkeuren import sjablonen  # noqa: F401  (routes join the blueprint)
    from portal.voorkeuren.views import bp

    app.register_blueprint(bp)
