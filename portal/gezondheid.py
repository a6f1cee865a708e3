"""Health endpoints for load balancers and monitoring: no login, no rate limit, no cache.

``/gezondheid/leeft`` (liveness) answers as long as the process serves requests; it touches
nothing else, so a database outage does not make the load balancer kill healthy workers.
``/gezondheid/klaar`` (readiness) also asks the database and whether a notification worker
is planning: the scheduler lease's heartbeat, renewed every 15 seconds, must be recent.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta

from flask import Blueprint, Flask, Response, current_app, jsonify
from sqlalchemy import select, text

import notificaties
from portal.models import SchedulerLease, utcnow
from portal.web import limiter

bp = Blueprint("gezondheid", __name__, url_prefix="/gezondheid")
log = logging.getLogger(__name__)

STANDAARD_HARTSLAG_MAX_SECONDEN = 120


def _zonder_cache(response: Response, status: int = 200) -> tuple[Response, int]:
    response.headers["Cache-Control"] = "no-store"
    return response, status


@bp.get("/leeft")
def leeft() -> tuple[Response, int]:
    return _zonder_cache(jsonify(status="ok"))


def laatste_hartslag() -> datetime | None:
    """When the active scheduler last renewed its lease; raises when the database fails."""
    engine = current_app.extensions["portal.engine"]
    # Its own short connection, not the request's session: a failure here must not leave a
    # broken transaction behind for anything else in this request.
    with engine.connect() as verbinding:
        verbinding.execute(text("SELECT 1"))
        hartslag: datetime | None = verbinding.scalar(
            select(SchedulerLease.hartslag_op).where(SchedulerLease.naam == notificaties.LEASE_NAAM)
        )
        return hartslag


@bp.get("/klaar")
def klaar() -> tuple[Response, int]:
    maximaal = timedelta(seconds=current_app.config["HARTSLAG_MAX_SECONDEN"])
    try:
        hartslag = laatste_hartslag()
    except Exception as fout:  # any driver or network error means: not ready
        # The kind of error only: its text can name hosts and users.
        log.warning("Readiness check: database unreachable (%s)", type(fout).__name__)
        database, planner = "fout", "geen-hartslag"
    else:
        database = "ok"
        vers = hartslag is not None and utcnow() - hartslag <= maximaal
        planner = "ok" if vers else "geen-hartslag"
    if database == planner == "ok":
        return _zonder_cache(jsonify(status="ok", database="ok", planner="ok"))
    return _zonder_cache(jsonify(status="niet-klaar", database=database, planner=planner), 503)


def init_app(app: Flask) -> None:
    app.config.setdefault(
        "HARTSLAG_MAX_SECONDEN",
        int(os.environ.get("PORTAL_HARTSLAG_MAX_SECONDEN", STANDAARD_HARTSLAG_MAX_SECONDEN)),
    )
    limiter.exempt(bp)
    app.register_blueprint(bp)
