"""Benchmark: what a first visit to /mijn-dossier costs in bytes, as Chromium loads it.

    python benchmarks/page_weight.py

Serves the portal with the demo personas from a temporary SQLite database, logs in through
the persona picker as Jan de Vries, clears the browser cache and opens /mijn-dossier. Every
response is counted: raw (body length) and gzipped at level 6, as a proxy would serve it.
Prints one JSON line at the end; the goal is at most 50 KB gzipped.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import Response, sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal import create_app
from portal.db import upgrade
from portal.demo import personas
from portal.tijd import vandaag

PAGINA = "/mijn-dossier"
PERSOON = "Jan de Vries"
DOEL_GZIP = 50 * 1024
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class StilleHandler(WSGIRequestHandler):
    def log(self, type: str, message: str, *args: object) -> None:
        if type == "error":
            super().log(type, message, *args)


def soort(response: Response) -> str:
    """html, css, js, font, image or other: from the resource type Chromium reports."""
    naar_type = {"document": "html", "stylesheet": "css", "script": "js", "font": "font"}
    return naar_type.get(response.request.resource_type, response.request.resource_type)


def meet(url: str) -> dict[str, object]:
    per_soort: dict[str, dict[str, int]] = defaultdict(
        lambda: {"requests": 0, "raw_bytes": 0, "gzip_bytes": 0}
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=url)
        page = context.new_page()
        page.goto("/demo/inloggen")
        page.get_by_role("button", name=re.compile(rf"\s{re.escape(PERSOON)}$")).click()
        page.wait_for_load_state("networkidle")
        if "/demo/" in page.url:
            sys.exit(f"login as {PERSOON} failed: {page.url}")
        # A first visit: nothing of the login's stylesheets and scripts may come from cache.
        context.new_cdp_session(page).send("Network.clearBrowserCache")
        page.goto("about:blank")

        antwoorden: list[Response] = []
        page.on("response", lambda antwoord: antwoorden.append(antwoord))
        page.goto(PAGINA)
        page.wait_for_load_state("networkidle")
        for antwoord in antwoorden:
            telling = per_soort[soort(antwoord)]
            telling["requests"] += 1
            if 300 <= antwoord.status < 400:
                continue  # a redirect has no body worth counting
            body = antwoord.body()
            telling["raw_bytes"] += len(body)
            telling["gzip_bytes"] += len(gzip.compress(body, compresslevel=6))
        browser.close()
    return dict(per_soort)


def main() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as map_:
        database_url = f"sqlite:///{Path(map_) / 'gewicht.db'}"
        upgrade(database_url)
        app = create_app(
            {
                "PORTAL_ENV": "test",
                "SECRET_KEY": "page-weight-benchmark-not-secret",
                "DATABASE_URL": database_url,
                "RATELIMIT_ENABLED": False,
                "PORTAL_DEMO": True,
                "DEV_KANAAL": True,
                "BURGER_OIDC_ISSUER": "",
                "MEDEWERKER_OIDC_ISSUER": "",
            }
        )
        with app.extensions["portal.sessionmaker"]() as session:
            personas.seed(session, vandaag())
        server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=StilleHandler)
        draad = threading.Thread(target=server.serve_forever, daemon=True)
        draad.start()
        try:
            per_soort = meet(f"http://127.0.0.1:{server.server_port}")
        finally:
            server.shutdown()
            draad.join(timeout=10)
            server.server_close()
            app.extensions["portal.engine"].dispose()

    gzip_bytes = sum(t["gzip_bytes"] for t in per_soort.values())
    uitslag: dict[str, object] = {
        "page": PAGINA,
        "requests": sum(t["requests"] for t in per_soort.values()),
        "raw_bytes": sum(t["raw_bytes"] for t in per_soort.values()),
        "gzip_bytes": gzip_bytes,
        "per_type": per_soort,
        "goal_gzip_bytes": DOEL_GZIP,
        "met": gzip_bytes <= DOEL_GZIP,
    }
    print(json.dumps(uitslag))
    return uitslag


if __name__ == "__main__":
    main()
