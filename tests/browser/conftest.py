"""A live portal on 127.0.0.1 and Debian's Chromium, shared by all browser tests.

The live server has its own database (PostgreSQL in CI, else SQLite), seeded once with the
demo personas. It never shares tables with the other tests: their ``app`` fixture empties the
test database after every test, which would pull the data from under a server that lives for
the whole session.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from portal import create_app
from portal.db import upgrade
from portal.demo import personas
from portal.tijd import vandaag
from tests.browser.html_controle import HtmlVerzamelaar, controleer, vnu_ontbreekt
from tests.conftest import COMPONENTEN_VEREIST, eigen_database, leeg_schema, test_config
from tests.oidc import Provider, oidc_provider

# DigiD for begeleiders and DigiD Machtigen: the same local OIDC provider as the other tests.
__all__ = ["oidc_provider"]

try:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
except ImportError:  # pragma: no cover - the test extra is not installed
    sync_playwright = None

HIER = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Short enough that a broken page fails fast, long enough for a busy CI machine.
WACHTTIJD_MS = 10_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives a browser, so every one carries the marker."""
    for item in items:
        if HIER in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _ontbreekt(reden: str) -> None:
    if COMPONENTEN_VEREIST:
        pytest.fail(f"{reden} (PORTAL_REQUIRE_COMPONENTS=1: browser tests may not be skipped)")
    pytest.skip(reden)


@pytest.fixture(scope="session")
def chromium_pad() -> str:
    pad = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
    if sync_playwright is None:
        _ontbreekt("the playwright package is not installed: pip install -e '.[test]'")
    if not (os.path.isfile(pad) and os.access(pad, os.X_OK)):
        _ontbreekt(
            f"Chromium not found at {pad}: install Debian's chromium package "
            "(apt-get install chromium) or set PORTAL_CHROMIUM to its path"
        )
    return pad


@pytest.fixture(scope="session")
def playwright_sessie(chromium_pad: str) -> Iterator[Playwright]:
    instantie = sync_playwright().start()
    yield instantie
    instantie.stop()


@pytest.fixture(scope="session")
def chromium(playwright_sessie: Playwright, chromium_pad: str) -> Iterator[Browser]:
    # Always the system's Chromium: Playwright must never download a browser of its own.
    browser = playwright_sessie.chromium.launch(
        executable_path=chromium_pad, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


class _StilleHandler(WSGIRequestHandler):
    """No access log lines in the test output."""

    def log(self, type: str, message: str, *args: object) -> None:
        if type == "error":
            super().log(type, message, *args)


@dataclass
class Portaal:
    url: str
    app: Flask

    def __call__(self, pad: str = "/") -> str:
        return self.url + pad


@pytest.fixture(scope="session")
def portaal(
    tmp_path_factory: pytest.TempPathFactory,
    worker_id: str,
    pytestconfig: pytest.Config,
    oidc_provider: Provider,
) -> Iterator[Portaal]:
    """The real app, seeded with the demo personas, served over HTTP in a thread.

    On PostgreSQL when PORTAL_TEST_DATABASE_URL is set (as in CI), else SQLite. Either way
    the database belongs to the live server alone: the other tests empty theirs after every
    test, which would pull the data from under a server that lives for the whole session.
    """
    basis = os.environ.get("PORTAL_TEST_DATABASE_URL")
    if basis:
        database_url = eigen_database(basis, f"live_{worker_id}")
        leeg_schema(database_url)
    else:
        database_url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'live.db'}"
    upgrade(database_url)
    app = create_app(
        test_config(
            database_url,
            PORTAL_DEMO=True,
            DEV_KANAAL=True,
            SERVER_NAME=None,
            # DigiD through the local provider: the begeleider's own login and DigiD
            # Machtigen are real code flows in the browser too.
            BURGER_OIDC_ISSUER=oidc_provider.issuer,
            BURGER_OIDC_CLIENT_ID="portaal-burger",
            BURGER_OIDC_CLIENT_SECRET="geheim-burger",
            MEDEWERKER_OIDC_ISSUER="",
            DOCUMENTEN_MAP=str(tmp_path_factory.mktemp("documenten")),
        )
    )
    session = app.extensions["portal.sessionmaker"]()
    try:
        assert personas.seed(session, vandaag(), app.config["DOCUMENTEN_MAP"]), (
            "the live database was not empty"
        )
    finally:
        session.close()

    paginamap = tmp_path_factory.mktemp("html")
    server: BaseWSGIServer = make_server(
        "127.0.0.1",
        0,
        HtmlVerzamelaar(app, paginamap),
        threaded=True,
        request_handler=_StilleHandler,
    )
    draad = threading.Thread(target=server.serve_forever, name="live-portaal", daemon=True)
    draad.start()
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIEKE_URL"] = url  # links in e-mails point at this live server
    try:
        yield Portaal(url=url, app=app)
    finally:
        server.shutdown()
        draad.join(timeout=10)
        server.server_close()
        app.extensions["portal.engine"].dispose()
    _controleer_html(paginamap, pytestconfig)


def _controleer_html(paginamap: Path, config: pytest.Config) -> None:
    """Every page the browser tests loaded is valid HTML by the W3C Nu checker; the outcome is
    written to the terminal at once (the run's log shows how many pages were checked)."""
    melder = config.pluginmanager.get_plugin("terminalreporter")
    vangen = config.pluginmanager.get_plugin("capturemanager")

    def meld(regel: str) -> None:
        if melder is None:
            return
        # Teardown output is captured; this line belongs in the run's log, not hidden.
        with vangen.global_and_fixture_disabled() if vangen else nullcontext():
            melder.write_line(regel)

    reden = vnu_ontbreekt()
    if reden:
        if COMPONENTEN_VEREIST:
            pytest.fail(f"{reden} (PORTAL_REQUIRE_COMPONENTS=1: the HTML check may not be skipped)")
        meld(f"\nW3C Nu HTML check skipped: {reden}")
        return
    fouten = controleer(paginamap)
    aantal = len(list(paginamap.glob("*.html")))
    meld(f"\nW3C Nu HTML check: {aantal} distinct pages, {len(fouten)} errors")
    if fouten:
        pytest.fail("The W3C Nu HTML checker found errors:\n" + "\n".join(fouten[:200]))


def knop_voor_persoon(page: Page, naam: str):
    """The persona picker's button for ``naam``, in any language: the name may stand first
    ("<naam> olarak giriş yap") or last ("Inloggen als <naam>")."""
    return page.get_by_role("button", name=re.compile(rf"(^|\s){re.escape(naam)}(\s|$)"))


def kies_taal(page: Page, taal: str) -> None:
    """Switch the language with the control in the header, as a visitor would: open it, then
    choose the language."""
    if page.locator("html").get_attribute("lang") != taal:
        keuze = page.locator("header details.taalkeuze")
        if keuze.get_attribute("open") is None:
            keuze.locator("summary").click()
        page.locator(f"header button[name=taal][value={taal}]").click()
        page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == taal


@pytest.fixture(scope="session")
def _inlogstatus(chromium: Browser, portaal: Portaal) -> Callable[[str | None, str], dict]:
    """Cookies of a real login through the persona picker, once per (persona, language).

    The language is chosen before logging in: a logged-in burger's choice is also stored on
    their record, and that would change the language of every later test for that persona.
    """
    bewaard: dict[tuple[str | None, str], dict] = {}

    def ophalen(persoon: str | None, taal: str) -> dict:
        if (persoon, taal) not in bewaard:
            context = chromium.new_context(base_url=portaal.url, locale="nl-NL")
            context.set_default_timeout(WACHTTIJD_MS)
            page = context.new_page()
            page.goto("/")
            kies_taal(page, taal)
            if persoon is not None:
                page.goto("/demo/inloggen")
                with page.expect_navigation():
                    knop_voor_persoon(page, persoon).click()
                assert "/demo/" not in page.url, f"login as {persoon} failed: {page.url}"
            bewaard[(persoon, taal)] = context.storage_state()
            context.close()
        return bewaard[(persoon, taal)]

    return ophalen


@pytest.fixture(scope="session")
def context_fabriek(
    chromium: Browser, portaal: Portaal, _inlogstatus: Callable[[str | None, str], dict]
) -> Callable[..., BrowserContext]:
    """Make a browser context on the live portal; the caller closes it.

    ``persoon`` and ``taal`` give a context that is already logged in (through the persona
    picker) with that language chosen; without them the visitor is new and anonymous.
    """

    def maak(
        *,
        persoon: str | None = None,
        taal: str | None = None,
        breedte: int = 1280,
        hoogte: int = 800,
        javascript: bool = True,
    ) -> BrowserContext:
        staat = _inlogstatus(persoon, taal or "nl") if (persoon or taal) else None
        context = chromium.new_context(
            base_url=portaal.url,
            locale="nl-NL",
            viewport={"width": breedte, "height": hoogte},
            java_script_enabled=javascript,
            storage_state=staat,
        )
        context.set_default_timeout(WACHTTIJD_MS)
        return context

    return maak


@pytest.fixture
def nieuwe_context(
    context_fabriek: Callable[..., BrowserContext],
) -> Iterator[Callable[..., BrowserContext]]:
    """Like ``context_fabriek``, but every context is closed after the test."""
    contexten: list[BrowserContext] = []

    def maak(**opties: object) -> BrowserContext:
        context = context_fabriek(**opties)
        contexten.append(context)
        return context

    yield maak
    for context in contexten:
        context.close()
