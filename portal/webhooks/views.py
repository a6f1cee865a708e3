"""Twilio's callbacks. Views check the signature and hand over to notificaties."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, Response, abort, current_app, request
from twilio.request_validator import RequestValidator

import notificaties
from portal.db import get_session
from portal.models import utcnow

bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")

LEGE_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def _getekende_url() -> str:
    """The URL as Twilio called it. Behind a proxy that is the public URL, not ours."""
    publiek = current_app.config.get("PUBLIEKE_URL")
    if not publiek:
        return request.url
    query = request.query_string.decode("latin-1")
    return f"{publiek}{request.path}" + (f"?{query}" if query else "")


def _controleer_handtekening() -> None:
    token = current_app.config.get("TWILIO_AUTH_TOKEN")
    handtekening = request.headers.get("X-Twilio-Signature", "")
    # Without a token nothing can be checked, so nothing is believed.
    if not (
        token
        and handtekening
        and RequestValidator(token).validate(_getekende_url(), request.form, handtekening)
    ):
        abort(Response("Invalid signature", status=403, mimetype="text/plain"))


@bp.post("/twilio/status")
def twilio_status() -> Response:
    _controleer_handtekening()
    provider_id = request.form.get("MessageSid", "")
    if provider_id:
        notificaties.verwerk_status(
            get_session(),
            provider_id,
            request.form.get("MessageStatus", ""),
            request.form.get("ErrorCode"),
            utcnow(),
            # The same retry window as the dispatcher's, from the same setting.
            notificaties.Instellingen(
                opnieuw_proberen=timedelta(hours=current_app.config["NOTIFICATIE_OPNIEUW_UREN"])
            ),
        )
    return Response(status=204, mimetype="text/plain")


@bp.post("/twilio/sms")
def twilio_sms() -> Response:
    _controleer_handtekening()
    notificaties.verwerk_antwoord(
        get_session(), request.form.get("From", ""), request.form.get("Body", ""), utcnow()
    )
    # No reply text: Twilio's own opt-out answer, where it applies, is enough.
    return Response(LEGE_TWIML, mimetype="text/xml")
