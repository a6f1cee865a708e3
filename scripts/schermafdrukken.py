"""Full-page screenshots of every page of the portal at phone and desktop width, for review.

    .venv/bin/python scripts/schermafdrukken.py [--map schermafdrukken] [--alleen mijn-dossier]

Starts the portal in this process on a fresh SQLite database with the demo personas, runs the
morning planner once (so late promises show), logs in as each persona the page is for through
the persona picker, and saves ``<name>-375.png`` and ``<name>-1280.png`` per page (the whole
page), and the same with ``-eerste-scherm`` (what shows before scrolling). Uses
Debian's Chromium (``PORTAL_CHROMIUM``, default /usr/bin/chromium); never downloads a browser.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal import create_app
from portal.db import upgrade
from portal.demo import personas
from portal.models import utcnow
from portal.werker import plan_alles
from tests.browser.conftest import CHROMIUM_ARGS

BREEDTES = ((375, 812), (1280, 800))
# (name, persona or None, path)
PAGINAS = [
    ("start", None, "/"),
    ("inloggen", None, "/inloggen"),
    ("mijn-dossier-jan", "Jan de Vries", "/mijn-dossier"),
    ("mijn-dossier-mohamed", "Mohamed Yilmaz", "/mijn-dossier"),
    ("mijn-dossier-pieter", "Pieter van den Berg", "/mijn-dossier"),
    ("mijn-dossier-anneke", "Anneke van der Meer", "/mijn-dossier"),
    ("berichten-mohamed", "Mohamed Yilmaz", "/berichten"),
    ("verwachten-jan", "Jan de Vries", "/wat-kunt-u-verwachten"),
    ("bekeken-jan", "Jan de Vries", "/wie-heeft-mijn-dossier-bekeken"),
    ("overzicht-esther", "Esther Mulder", "/medewerker/overzicht"),
    ("inzage-wachtrij-esther", "Esther Mulder", "/medewerker/inzage"),
    ("beloften-yvonne", "Yvonne Smit", "/medewerker/toezeggingen"),
    # Esther opens Jan's dossier (twice, once per width): his list then counts her views.
    ("bekeken-esther-opent-jan", "Esther Mulder", "/medewerker/dossiers/WIA-1000001"),
    ("bekeken-jan-na-esther", "Jan de Vries", "/wie-heeft-mijn-dossier-bekeken"),
    ("inzage-overzicht-jan", "Jan de Vries", "/inzage"),
    ("inzage-aanvragen-jan", "Jan de Vries", "/inzage/aanvragen"),
    # Staff pages (issue 18): the wide layout, dense tables, badges, filters on one line.
    ("servicecalls-esther", "Esther Mulder", "/medewerker/servicecalls"),
    ("terugbellen-esther", "Esther Mulder", "/medewerker/terugbelverzoeken"),
    ("spreekuurplanning-esther", "Esther Mulder", "/medewerker/spreekuurplanning"),
    ("sjablonen-esther", "Esther Mulder", "/medewerker/berichtsjablonen"),
    ("inzage-team-yvonne", "Yvonne Smit", "/medewerker/inzage/team"),
    ("feedback-bas", "Bas Hendriks", "/medewerker/feedback"),
    ("pilots-lieke", "Lieke Janssen", "/medewerker/pilots"),
    # The other pages, so that every page a person or a staff member can open is looked at.
    ("demo-inloggen", None, "/demo/inloggen"),
    ("medewerker-inloggen", None, "/medewerker/inloggen"),
    ("privacy", None, "/privacy"),
    ("toegankelijkheid", None, "/toegankelijkheid"),
    ("pilot-meedoen", None, "/pilot"),
    ("sms-en-email-jan", "Jan de Vries", "/sms-en-e-mail"),
    ("begeleiders-jan", "Jan de Vries", "/begeleiders"),
    ("ik-ben-begeleider", None, "/begeleider"),
    ("bel-mij-terug-jan", "Jan de Vries", "/bel-mij-terug"),
    ("gebeld-worden-mohamed", "Mohamed Yilmaz", "/gebeld-worden"),
    ("gebeld-worden-voorkeuren-mohamed", "Mohamed Yilmaz", "/gebeld-worden/voorkeuren"),
    ("mijn-dagloon-jan", "Jan de Vries", "/mijn-dagloon"),
    ("uw-rechten-jan", "Jan de Vries", "/uw-rechten"),
    ("spreekuur-gepland-anneke", "Anneke van der Meer", "/spreekuur/gepland"),
    ("spreekuur-voorkeur-anneke", "Anneke van der Meer", "/spreekuur/voorkeur"),
    ("spreekuur-ondersteuning-anneke", "Anneke van der Meer", "/spreekuur/ondersteuning"),
    ("spreekuur-voorbereiden-anneke", "Anneke van der Meer", "/spreekuur/voorbereiden"),
    ("zoeken-esther", "Esther Mulder", "/medewerker/"),
    ("dossier-mohamed-esther", "Esther Mulder", "/medewerker/dossiers/WIA-1000005"),
    ("brieven-bas", "Bas Hendriks", "/medewerker/brieven"),
    # Letters, money and objections (issue 22): Pieter has a decision letter, a payment on
    # its way, a complaint, and an objection UWV is late with; Fatima's dagloon was too high.
    ("mijn-brieven-pieter", "Pieter van den Berg", "/brieven"),
    ("brief-besluit-pieter", "Pieter van den Berg", "/brieven/2"),
    ("uw-geld-pieter", "Pieter van den Berg", "/uw-geld"),
    ("uw-geld-fatima", "Fatima el Amrani", "/uw-geld"),
    ("bezwaar-pieter", "Pieter van den Berg", "/bezwaar"),
    ("ingebrekestelling-pieter", "Pieter van den Berg", "/bezwaar/1/ingebrekestelling"),
    ("contact-pieter", "Pieter van den Berg", "/contact-met-uwv"),
    ("contact-esther-pieter", "Esther Mulder", "/medewerker/dossiers/WIA-1000003/contact"),
    # Questions (issue 23): Jan asked one; Esther's queue.
    ("vragen-jan", "Jan de Vries", "/vragen"),
    ("vraag-jan", "Jan de Vries", "/vragen/1"),
    ("vraag-stellen-jan", "Jan de Vries", "/vragen/nieuw"),
    ("vragen-esther", "Esther Mulder", "/medewerker/vragen"),
    # Tasks (issue 23): Pieter is asked for his wage slips; Rob, his casemanager, waits.
    ("taak-pieter", "Pieter van den Berg", "/taken/1"),
    ("taken-rob", "Rob de Graaf", "/medewerker/taken"),
    ("taak-rob", "Rob de Graaf", "/medewerker/taken/1"),
    ("demo-verzonden", "Esther Mulder", "/demo/verzonden"),
]


def _server(map_: Path):
    url = f"sqlite:///{map_ / 'schermafdrukken.db'}"
    upgrade(url)
    app = create_app(
        {
            "TESTING": True,
            "PORTAL_ENV": "test",
            "SECRET_KEY": "alleen-voor-schermafdrukken-" + "x" * 16,
            "DATABASE_URL": url,
            "PORTAL_DEMO": True,
            "DEV_KANAAL": True,
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": True,
            "DOCUMENTEN_MAP": str(map_ / "documenten"),
        }
    )
    with app.app_context():
        session = app.extensions["portal.sessionmaker"]()
        personas.seed(session, date.today(), app.config["DOCUMENTEN_MAP"])
        session.close()
    plan_alles(app, utcnow())
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--map", type=Path, default=Path("schermafdrukken"))
    parser.add_argument("--alleen", action="append", help="only pages whose name starts so")
    args = parser.parse_args(argv)
    args.map.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as werkmap:
        server, basis = _server(Path(werkmap))
        chromium = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for naam, persoon, pad in PAGINAS:
                if args.alleen and not any(naam.startswith(a) for a in args.alleen):
                    continue
                for breedte, hoogte in BREEDTES:
                    context = browser.new_context(
                        base_url=basis, viewport={"width": breedte, "height": hoogte}
                    )
                    page = context.new_page()
                    if persoon:
                        page.goto("/demo/inloggen")
                        with page.expect_navigation():
                            page.get_by_role("button", name=persoon).click()
                    page.goto(pad)
                    page.screenshot(path=args.map / f"{naam}-{breedte}.png", full_page=True)
                    # What a visitor sees before scrolling.
                    page.screenshot(path=args.map / f"{naam}-{breedte}-eerste-scherm.png")
                    context.close()
                print(naam)
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
