"""The portal plus one minimal logged-in page, for ``http_load.py`` to measure Mijn dossier
against: ``gunicorn "benchmarks.minimaal:create_app()"``.

``/bench/minimaal`` does what every logged-in page must do and nothing more: the session check
(``burger_vereist``), one indexed query, a tiny template, and all of the real app's request
hooks and middleware around it. What Mijn dossier costs beyond this is the page's own work.
The route lives here, not in ``portal``: a production app has no benchmark pages.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, g, render_template
from jinja2 import ChoiceLoader, FileSystemLoader
from sqlalchemy import select

import portal
from portal.auth import burger_vereist
from portal.db import get_session
from portal.models import Dossier

PAD = "/bench/minimaal"

HIER = Path(__file__).resolve().parent


@burger_vereist
def minimaal() -> str:
    # dossier.burger_id is unique, so this is one index look-up of one row.
    kenmerk = get_session().scalar(select(Dossier.kenmerk).where(Dossier.burger_id == g.burger.id))
    # A template file, compiled once as every real page's is: render_template_string would
    # compile it anew on every request (about 0.3 ms, more than rendering it).
    return render_template("minimaal.html", kenmerk=kenmerk)


def create_app() -> Flask:
    app = portal.create_app()
    app.jinja_loader = ChoiceLoader(
        [FileSystemLoader(HIER / "sjablonen"), app.jinja_loader or FileSystemLoader([])]
    )
    app.add_url_rule(PAD, "bench_minimaal", minimaal)
    return app
