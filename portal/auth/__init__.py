"""Login for burgers (DigiD via OIDC) and medewerkers (organisation OIDC), and sessions."""

from __future__ import annotations

from flask import Flask

from portal.auth.toegang import burger_vereist, laad_gebruiker, medewerker_vereist

__all__ = ["burger_vereist", "init_app", "medewerker_vereist"]


def init_app(app: Flask) -> None:
    from portal.auth import views

    views.oauth.init_app(app)
    for naam in ("burger", "medewerker"):
        prefix = naam.upper()
        if app.config[f"{prefix}_OIDC_ISSUER"]:
            issuer = str(app.config[f"{prefix}_OIDC_ISSUER"]).rstrip("/")
            views.oauth.register(
                naam,
                client_id=app.config[f"{prefix}_OIDC_CLIENT_ID"],
                client_secret=app.config[f"{prefix}_OIDC_CLIENT_SECRET"],
                server_metadata_url=f"{issuer}/.well-known/openid-configuration",
                client_kwargs={"scope": app.config[f"{prefix}_OIDC_SCOPE"], "timeout": 10},
            )
    app.before_request(laad_gebruiker)
    app.register_blueprint(views.bp)
