"""Error pages: translated, in the site's layout, never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def _http_fout(fout: HTTPException):  # type: ignore[no-untyped-def]
    if request.path.startswith("/api/"):
        from portal.api.problemen import van_http_fout

        return van_http_fout(fout)
    code = fout.code or 500
    template = {
        400: "fouten/400.html",
        403: "fouten/403.html",
        404: "fouten/404.html",
        405: "fouten/404.html",
        429: "fouten/429.html",
    }.get(code, "fouten/500.html")
    return render_template(template), code


def _csrf_fout(_fout: CSRFError):  # type: ignore[no-untyped-def]
    return render_template("fouten/csrf.html"), 400


def _onverwacht(fout: Exception):  # type: ignore[no-untyped-def]
    if isinstance(fout, HTTPException):
        return _http_fout(fout)
    log.exception("Unhandled error")
    if request.path.startswith("/api/"):
        from portal.api.problemen import serverfout

        return serverfout()
    return render_template("fouten/500.html"), InternalServerError.code


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_fout)
    app.register_error_handler(HTTPException, _http_fout)
    app.register_error_handler(Exception, _onverwacht)
