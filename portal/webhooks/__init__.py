"""Webhooks Twilio calls: delivery reports and SMS replies. Signed, so exempt from CSRF."""

from __future__ import annotations

from flask import Flask

from portal.web import csrf
from portal.webhooks.views import bp


def init_app(app: Flask) -> None:
    # Twilio cannot send a CSRF token; its HMAC signature, checked in every view, stands in.
    csrf.exempt(bp)
    app.register_blueprint(bp)
