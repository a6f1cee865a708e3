"""What every response shares: security headers, CSRF, htmx, rate limits, a trace id."""

from __future__ import annotations

import secrets

from flask import Flask, Response, abort, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx

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


def _trace_id() -> None:
    # One id per request ties the verwerkingslog rows of one action together.
    g.trace_id = secrets.token_hex(16)


def _geen_nul_tekens() -> None:
    """A NUL character has no place in any text, and PostgreSQL cannot store one: refuse it
    at the door instead of failing deep inside a service."""
    waarden = [*request.args.values(), *request.form.values()]
    if any("\x00" in waarde for waarde in waarden) or "\x00" in request.path:
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


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    app.before_request(_trace_id)
    app.before_request(_geen_nul_tekens)
    app.after_request(_headers)
