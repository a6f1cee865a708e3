"""Login for burgers (DigiD via OIDC) and medewerkers (organisation OIDC), and sessions."""

from __future__ import annotations

from authlib.integrations.flask_client import OAuth
from flask import Flask
from sqlalchemy import event

from portal.auth.eigen import eigen_dossier, vergeet_wat_er_loopt, wat_er_loopt
from portal.auth.toegang import burger_vereist, laad_gebruiker, medewerker_vereist

__all__ = [
    "burger_vereist",
    "eigen_dossier",
    "init_app",
    "medewerker_vereist",
    "wat_er_loopt",
]


def init_app(app: Flask) -> None:
    # sessietijd adds its routes to views.bp: imported before the blueprint is registered.
    from portal.auth import begeleider, namens, sessietijd, views  # noqa: F401

    # A registry per app: Authlib caches each client by name, so one shared registry
    # would give every later app the first app's provider and client credentials.
    oauth = OAuth(app)
    for naam in ("burger", "medewerker"):
        prefix = naam.upper()
        if app.config[f"{prefix}_OIDC_ISSUER"]:
            issuer = str(app.config[f"{prefix}_OIDC_ISSUER"]).rstrip("/")
            oauth.register(
                naam,
                client_id=app.config[f"{prefix}_OIDC_CLIENT_ID"],
                client_secret=app.config[f"{prefix}_OIDC_CLIENT_SECRET"],
                server_metadata_url=f"{issuer}/.well-known/openid-configuration",
                client_kwargs={"scope": app.config[f"{prefix}_OIDC_SCOPE"], "timeout": 10},
            )
    app.before_request(laad_gebruiker)
    namens.init_app(app)  # after laad_gebruiker: it needs to know who acts
    event.listen(app.extensions["portal.sessionmaker"], "after_commit", vergeet_wat_er_loopt)
    app.register_blueprint(views.bp)
