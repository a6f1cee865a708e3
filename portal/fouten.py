"""Error pages: translated, in the site's layout, never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, g, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def _http_fout(fout: HTTPException) -> ResponseReturnValue:
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


def _csrf_fout(_fout: CSRFError) -> ResponseReturnValue:
    return render_template("fouten/csrf.html"), 400


def _onverwacht(fout: Exception) -> ResponseReturnValue:
    if isinstance(fout, HTTPException):
        return _http_fout(fout)
    log.exception("Unhandled error")
    _zonder_database()
    if request.path.startswith("/api/"):
        from portal.api.problemen import serverfout

        return serverfout()
    try:
        return render_template("fouten/500.html"), InternalServerError.code
    except Exception:  # the error page must never fail in its turn
        log.exception("The error page failed")
        return NOODPAGINA, InternalServerError.code, {"Content-Type": "text/html; charset=utf-8"}


def _zonder_database() -> None:
    """Roll back what failed, and render the error page from memory only.

    After a database error PostgreSQL refuses every statement until the rollback, and the
    rollback expires every loaded row, so the layout reading ``g.burger`` would query again:
    on a database that is down, the error page would fail too and the client would get the
    web server's bare page without our headers or request id. The error page is shown as to
    a visitor who is not logged in: it needs nothing from the database.
    """
    session = g.pop("db_session", None)
    if session is not None:
        try:
            session.rollback()
        except Exception:  # a connection that is gone cannot roll back; it is discarded
            log.warning("Rollback after an error failed", exc_info=True)
            session.invalidate()
        finally:
            session.close()
    g.zonder_database = True
    g.burger = None
    g.medewerker = None
    g.vertegenwoordiging = None
    g.pilotdeelnemer = None


# The last resort when even the error page cannot be rendered: no layout, no translations.
NOODPAGINA = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Er ging iets mis</title>'
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>'
    "<h1>Er ging iets mis</h1><p>Er ging bij ons iets mis. Uw gegevens zijn veilig. "
    "Probeer het over een paar minuten opnieuw.</p></body></html>"
)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_fout)
    app.register_error_handler(HTTPException, _http_fout)
    app.register_error_handler(Exception, _onverwacht)
