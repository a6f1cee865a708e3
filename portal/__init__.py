"""WIA-cliëntportaal: where does my dossier stand, and when will I hear more?"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter, Map

from portal import logboek, sjablonen
from portal.config import ROOT, check_config, load_config
from portal.invoer import MAX_ID


class BegrensdGetal(IntegerConverter):
    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def create_app(test_config: Mapping[str, object] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    # Before anything touches app.jinja_env, which is made on first use.
    app.jinja_environment = sjablonen.Omgeving
    omgeving = dict(os.environ)
    if test_config and "PORTAL_ENV" in test_config:
        # Derived settings (cookie flags, MFA default) must follow the chosen environment.
        omgeving["PORTAL_ENV"] = str(test_config["PORTAL_ENV"])
    app.config.from_mapping(load_config(omgeving))
    if test_config:
        app.config.from_mapping(test_config)
    check_config(app.config)
    if not app.testing:
        # Tests attach their own handlers; everything else logs through one set-up.
        logboek.configureer(logboek.formaat_uit(omgeving, str(app.config["PORTAL_ENV"])))
    if app.config["PROXY_FIX"]:
        hops = int(app.config["PROXY_FIX"])
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's way to add middleware
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )

    # Ids in URLs are 32-bit in the database: a bigger number is simply not found (404),
    # never an overflow deep inside a query.
    app.url_map.converters["int"] = BegrensdGetal

    from portal import (
        api,
        auth,
        begeleiders,
        bekeken,
        berichten,
        brieven,
        db,
        demo,
        dossier,
        feedback,
        fouten,
        geld,
        gezondheid,
        i18n,
        importeren,
        inzage,
        metrieken,
        ochtendoverzicht,
        pilot,
        publiek,
        servicecalls,
        spreekuur,
        taken,
        terugbellen,
        toezeggingen,
        voorkeuren,
        vragen,
        web,
        webhooks,
        werker,
    )

    db.init_app(app)
    i18n.init_app(app)
    web.init_app(app)
    sjablonen.init_app(app)
    fouten.init_app(app)
    auth.init_app(app)
    dossier.init_app(app)
    berichten.init_app(app)
    bekeken.init_app(app)
    brieven.init_app(app)
    geld.init_app(app)
    ochtendoverzicht.init_app(app)
    voorkeuren.init_app(app)
    servicecalls.init_app(app)
    inzage.init_app(app)
    spreekuur.init_app(app)
    webhooks.init_app(app)
    demo.init_app(app)
    api.init_app(app)
    importeren.init_app(app)
    feedback.init_app(app)
    pilot.init_app(app)
    terugbellen.init_app(app)
    vragen.init_app(app)
    taken.init_app(app)
    begeleiders.init_app(app)
    toezeggingen.init_app(app)
    publiek.init_app(app)
    gezondheid.init_app(app)
    metrieken.init_app(app)
    werker.init_app(app)
    return app
