"""``/metrieken``: the operator's Prometheus endpoint, read from the database.

The numbers come from the database, not from process memory: the worker that calls Twilio and
SMTP is another process than the web server that answers here, and several of each may run.
Off unless ``PORTAL_METRIEKEN_TOKEN`` is set; then a scraper sends it as a bearer token.
"""

from __future__ import annotations

import hmac
import os
from collections import defaultdict
from collections.abc import Iterator

from flask import Blueprint, Flask, Response, abort, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.db import get_session
from portal.models import Notificatie, Providermeting, utcnow
from portal.models.providermeting import GRENSKOLOMMEN, GRENZEN
from portal.web import limiter

bp = Blueprint("metrieken", __name__)


class Metingen(Collector):
    """The provider calls (count per outcome and code, duration histogram) and the outbox."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def collect(self) -> Iterator[Metric]:
        rijen = self.session.scalars(select(Providermeting)).all()
        verzoeken = CounterMetricFamily(
            "portal_provider_verzoeken",
            "Calls to an SMS or e-mail provider, by outcome and provider code.",
            labels=["kanaal", "provider", "uitkomst", "code"],
        )
        duur: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0] * (len(GRENZEN) + 2))
        for rij in rijen:
            verzoeken.add_metric([rij.kanaal, rij.provider, rij.uitkomst, rij.code], rij.aantal)
            # Codes are summed: the duration answers "how slow", the counter "how it ended".
            totalen = duur[(rij.kanaal, rij.provider, rij.uitkomst)]
            for i, kolom in enumerate(GRENSKOLOMMEN):
                totalen[i] += getattr(rij, kolom)
            totalen[-2] += rij.aantal
            totalen[-1] += rij.duur_ms_som
        yield verzoeken
        histogram = HistogramMetricFamily(
            "portal_provider_duur_seconden",
            "How long a call to an SMS or e-mail provider took.",
            labels=["kanaal", "provider", "uitkomst"],
        )
        for labels, totalen in sorted(duur.items()):
            emmers = [(str(g), totalen[i]) for i, g in enumerate(GRENZEN)]
            histogram.add_metric(
                list(labels), [*emmers, ("+Inf", totalen[-2])], sum_value=totalen[-1] / 1000
            )
        yield histogram
        yield from self._outbox()

    def _outbox(self) -> Iterator[Metric]:
        aantallen = GaugeMetricFamily(
            "portal_outbox_berichten",
            "Messages in the outbox, by channel and status.",
            labels=["kanaal", "status"],
        )
        for kanaal, status, aantal in self.session.execute(
            select(Notificatie.kanaal, Notificatie.status, func.count()).group_by(
                Notificatie.kanaal, Notificatie.status
            )
        ):
            aantallen.add_metric([kanaal, status], aantal)
        yield aantallen
        oudste = GaugeMetricFamily(
            "portal_outbox_oudste_wachtend_seconden",
            "How long the longest-waiting due message has waited (0: none waits).",
            labels=["kanaal"],
        )
        nu = utcnow()
        for kanaal, sinds in self.session.execute(
            select(Notificatie.kanaal, func.min(Notificatie.volgende_poging_op))
            .where(Notificatie.status == "wachtend", Notificatie.volgende_poging_op <= nu)
            .group_by(Notificatie.kanaal)
        ):
            oudste.add_metric([kanaal], max(0.0, (nu - sinds).total_seconds()) if sinds else 0.0)
        yield oudste


def _toegelaten() -> bool:
    token = current_app.config["METRIEKEN_TOKEN"]
    gegeven = request.headers.get("Authorization", "")
    verwacht = f"Bearer {token}"
    return hmac.compare_digest(gegeven.encode(), verwacht.encode())


@bp.get("/metrieken")
def metrieken() -> Response:
    if not current_app.config["METRIEKEN_TOKEN"]:
        abort(404)  # off: the endpoint does not exist
    if not _toegelaten():
        antwoord = Response("Bearer token required\n", status=401, mimetype="text/plain")
        antwoord.headers["WWW-Authenticate"] = 'Bearer realm="metrieken"'
        return antwoord
    register = CollectorRegistry(auto_describe=False)
    register.register(Metingen(get_session()))
    antwoord = Response(generate_latest(register), mimetype=CONTENT_TYPE_LATEST)
    antwoord.headers["Cache-Control"] = "no-store"
    return antwoord


def init_app(app: Flask) -> None:
    app.config.setdefault("METRIEKEN_TOKEN", os.environ.get("PORTAL_METRIEKEN_TOKEN", ""))
    limiter.exempt(bp)  # a scraper every 15 s must never be refused
    app.register_blueprint(bp)
