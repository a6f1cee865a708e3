"""How far down Mijn dossier the answer ends, per demo persona, at phone and desktop width.

    .venv/bin/python scripts/eerste_scherm.py [--selector CSS] [--persona NAME ...]

"The answer" is every element matching the selector (default: the sentence where the person
stands and the date they hear more, ``[data-antwoord]``); the figure is the largest bottom edge
in CSS pixels from the top of the page. It fits the first screen when it is at most the
viewport's height (812 on a phone, 800 on a desktop). Prints one JSON line per persona and width.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal.demo.personas import PERSONAS
from scripts.schermafdrukken import BREEDTES, _server
from tests.browser.conftest import CHROMIUM_ARGS

ONDERKANT = """(selector) => {
  const el = [...document.querySelectorAll(selector)];
  if (!el.length) return null;
  return Math.max(...el.map((e) => e.getBoundingClientRect().bottom + window.scrollY));
}"""


def persoonsnamen() -> list[str]:
    return [
        " ".join(deel for deel in (voornaam, tussen, achternaam) if deel)
        for voornaam, tussen, achternaam, *_ in PERSONAS
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--selector", default="[data-antwoord]")
    parser.add_argument("--persona", action="append")
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as werkmap:
        server, basis = _server(Path(werkmap))
        chromium = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for naam in args.persona or persoonsnamen():
                for breedte, hoogte in BREEDTES:
                    context = browser.new_context(
                        base_url=basis, viewport={"width": breedte, "height": hoogte}
                    )
                    page = context.new_page()
                    page.goto("/demo/inloggen")
                    with page.expect_navigation():
                        page.get_by_role("button", name=naam).click()
                    page.goto("/mijn-dossier")
                    onderkant = page.evaluate(ONDERKANT, args.selector)
                    hoogte_pagina = page.evaluate("document.documentElement.scrollHeight")
                    print(
                        json.dumps(
                            {
                                "persona": naam,
                                "viewport": f"{breedte}x{hoogte}",
                                "answer_bottom_px": round(onderkant) if onderkant else None,
                                "in_first_screen": bool(onderkant and onderkant <= hoogte),
                                "page_height_px": hoogte_pagina,
                            }
                        ),
                        flush=True,
                    )
                    context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
