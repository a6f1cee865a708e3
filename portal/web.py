"""What every response shares: security headers, CSRF, htmx, rate limits, a request id."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time

from flask import Flask, Response, abort, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx

from portal.logboek import schoon

csrf = CSRFProtect()
htmx = Htmx()
limiter = Limiter(key_func=get_remote_address, default_limits=[])

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


log = logging.getLogger("portal.requests")

# What a proxy or client may hand us as X-Request-ID: safe to echo and to log as it is.
GELDIG_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
TRACE_ID_LENGTE = 32  # verwerkingslog.trace_id is String(32)


def trace_id_van(request_id: str) -> str:
    """The verwerkingslog's trace id for ``request_id``: the id itself when it fits, else
    a digest of it. Cutting a long id short could give two requests the same trace id
    (ids often share a long prefix); a digest stays unique and can be recomputed."""
    if len(request_id) <= TRACE_ID_LENGTE:
        return request_id
    return hashlib.sha256(request_id.encode()).hexdigest()[:TRACE_ID_LENGTE]


def request_id() -> str:
    """The current request's id: the incoming X-Request-ID if it is well-formed, else new."""
    if "request_id" not in g:
        gegeven = request.headers.get("X-Request-ID", "")
        g.request_id = gegeven if GELDIG_REQUEST_ID.fullmatch(gegeven) else secrets.token_hex(16)
        # One id per request ties the verwerkingslog rows of one action together.
        g.trace_id = trace_id_van(g.request_id)
    return str(g.request_id)


def _begin() -> None:
    g.request_start = time.perf_counter()
    request_id()


def _geen_nul_tekens() -> None:
    """A NUL character has no place in any text, and PostgreSQL cannot store one: refuse it
    at the door instead of failing deep inside a service. The API gets the same 400 as a
    problem body; its JSON bodies are checked where they are read (a NUL there is a 422), and
    its uploads are left unread here, before the view has set their size limit."""
    bronnen = [request.args] if request.path.startswith("/api/") else [request.args, request.form]
    delen = [request.path]
    for bron in bronnen:
        for sleutel, waarden in bron.lists():  # every value of a repeated key, and the keys
            delen.append(sleutel)
            delen.extend(waarden)
    if any("\x00" in deel for deel in delen):
        abort(400)


def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    if response.mimetype == "text/html" or request.path.startswith("/api/"):
        # Personal pages must not linger in shared caches or the back-forward cache.
        response.headers["Cache-Control"] = "no-store"
    return response


def _request_log(response: Response) -> Response:
    response.headers["X-Request-ID"] = request_id()
    start = g.get("request_start")
    duur = round((time.perf_counter() - start) * 1000, 1) if start is not None else None
    # Load balancers probe the health endpoints every few seconds: only failures matter.
    niveau = (
        logging.DEBUG
        if request.path.startswith("/gezondheid/") and response.status_code < 400
        else logging.INFO
    )
    # The path without the query string: search terms stay out of the logs. Masked here, once:
    # the method and status hold nothing personal, so the log's mask need not run again.
    pad = schoon(request.path)
    log.log(
        niveau,
        "%s %s %s",
        request.method,
        pad,
        response.status_code,
        extra={
            "method": request.method,
            "path": pad,
            "status": response.status_code,
            "duration_ms": duur,
            "afgeschermd": True,
        },
    )
    return response


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    # Every limit of the portal is a decorator on its view, and the decorator checks it when
    # the view runs. The check Flask-Limiter also runs before every request adds only default,
    # application-wide and meta limits: without those (an operator can set them) it is about
    # 0.1 ms of work on every page for nothing.
    voor_elk_verzoek = app.before_request_funcs.get(None, [])
    algemeen = ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META")
    if limiter._check_request_limit in voor_elk_verzoek and not any(
        app.config.get(sleutel) for sleutel in algemeen
    ):  # the hook is absent when limits are switched off
        voor_elk_verzoek.remove(limiter._check_request_limit)
    app.before_request(_begin)
    app.before_request(_geen_nul_tekens)
    app.after_request(_headers)
    app.after_request(_request_log)
