"""Keyboard only, with and without JavaScript: the portal works for everyone.

DESIGN.md section 4: keyboard only works everywhere, and pages work fully without
JavaScript (htmx only improves them). Every tab stop must show where the focus is.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

JAN = "Jan de Vries"  # dossier WIA-1000001
ESTHER = "Esther Mulder"  # casemanager of WIA-1000001
MAX_TABS = 60

_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const stijl = getComputedStyle(el);
  const vak = el.getBoundingClientRect();
  return {
    html: el.outerHTML.slice(0, 160),
    tekst: (el.innerText || el.value || "").replace(/\\s+/g, " ").trim(),
    href: el.getAttribute("href"),
    id: el.id,
    outlineStyle: stijl.outlineStyle,
    outlineWidth: parseFloat(stijl.outlineWidth) || 0,
    boxShadow: stijl.boxShadow,
    breedte: vak.width,
    hoogte: vak.height,
  };
}"""


def _focus(page: Page) -> dict | None:
    return page.evaluate(_FOCUS)


def _zichtbare_focus(focus: dict) -> bool:
    outline = focus["outlineStyle"] != "none" and focus["outlineWidth"] > 0
    return outline or focus["boxShadow"] not in ("", "none")


def tab_naar(page: Page, doel: str, *, terug: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element's text or href matches ``doel``.

    Every element the focus lands on on the way must show a visible focus indicator.
    """
    toets = "Shift+Tab" if terug else "Tab"
    patroon = re.compile(doel)
    bezocht: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press(toets)
        focus = _focus(page)
        assert focus is not None, f"focus was lost after {toets} on {page.url}; stops: {bezocht}"
        assert _zichtbare_focus(focus), f"focus is not visible on {page.url}: {focus}"
        assert focus["breedte"] > 1 and focus["hoogte"] > 1, f"focused but hidden: {focus}"
        if patroon.search(focus["tekst"]) or patroon.search(focus["href"] or ""):
            return focus
        bezocht.append(focus["tekst"] or focus["html"])
    pytest.fail(f"{doel!r} not reached with {toets} on {page.url}; stops: {bezocht}")


def druk(page: Page, toets: str) -> None:
    """Press a key that leaves the page, and wait for the next one."""
    with page.expect_navigation():
        page.keyboard.press(toets)


def _inloggen_met_persona(page: Page, naam: str) -> None:
    page.goto("/demo/inloggen")
    with page.expect_navigation():
        page.get_by_role("button", name=f"Inloggen als {naam}").click()


def loop_met_toetsenbord(page: Page) -> None:
    """Start → skip link → persona picker → Mijn dossier → Berichten → a bericht → log out."""
    page.goto("/")
    page.keyboard.press("Tab")
    focus = _focus(page)
    assert focus is not None and "skiplink" in focus["html"], f"first tab stop: {focus}"
    assert _zichtbare_focus(focus), f"the skip link shows no focus: {focus}"
    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()

    tab_naar(page, r"^Inloggen$")
    druk(page, "Enter")
    assert page.url.endswith("/inloggen")

    tab_naar(page, r"^Demo: kies een persoon")
    druk(page, "Enter")
    assert page.url.endswith("/demo/inloggen")

    tab_naar(page, rf"^Inloggen als {JAN}$")
    druk(page, "Space")
    assert page.url.endswith("/mijn-dossier")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn dossier")
    expect(page.get_by_text("WIA-1000001")).to_be_visible()

    tab_naar(page, r"^Berichten")
    druk(page, "Enter")
    assert page.url.endswith("/berichten")
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichten")

    tab_naar(page, r"^/berichten/\d+$")
    druk(page, "Enter")
    assert re.search(r"/berichten/\d+$", page.url)
    expect(page.locator("article.bericht h1")).to_be_visible()

    # Back up from the content to the log-out button in the header.
    tab_naar(page, r"^Terug naar berichten$")
    tab_naar(page, r"^Uitloggen$", terug=True)
    druk(page, "Enter")
    assert page.url.endswith("/uitgelogd")
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")

    page.goto("/mijn-dossier")
    assert "/inloggen" in page.url, "still logged in after logging out"


@pytest.mark.parametrize("javascript", [True, False], ids=["js-aan", "js-uit"])
def test_keyboard_only_walk_from_start_to_logout(nieuwe_context, javascript: bool):
    page = nieuwe_context(javascript=javascript).new_page()
    loop_met_toetsenbord(page)


def test_without_javascript_a_status_change_reaches_the_burger(nieuwe_context):
    toelichting = "Wij bellen u deze week over de uitkomst."
    medewerker = nieuwe_context(javascript=False).new_page()
    _inloggen_met_persona(medewerker, ESTHER)

    medewerker.get_by_label("Kenmerk").fill("WIA-1000001")
    with medewerker.expect_navigation():
        medewerker.get_by_role("button", name="Zoeken").click()
    assert medewerker.url.endswith("/medewerker/dossiers/WIA-1000001")

    traject = medewerker.locator("article.traject").filter(
        has=medewerker.get_by_role("link", name=re.compile("^Status wijzigen"))
    )
    traject = traject.first
    traject_kop = traject.get_by_role("heading", level=3).inner_text()
    with medewerker.expect_navigation():
        traject.get_by_role("link", name=re.compile("^Status wijzigen")).click()

    keuze = medewerker.locator("input[name=nieuwe_status]").first
    nieuwe_status = medewerker.locator(f"label[for={keuze.get_attribute('id')}]").inner_text()
    keuze.check()
    medewerker.get_by_label("Toelichting voor de klant").fill(toelichting)
    with medewerker.expect_navigation():
        medewerker.get_by_role("button", name="Bekijk het bericht").click()

    voorbeeld = medewerker.locator("#voorbeeld")
    expect(voorbeeld.get_by_role("heading", name="Zo ziet de klant het bericht")).to_be_visible()
    expect(voorbeeld).to_contain_text(toelichting)
    onderwerp = voorbeeld.locator(".voorbeeld__onderwerp").inner_text().strip()
    # What the casemanager chose is still there for the next step.
    expect(medewerker.locator("input[name=nieuwe_status]").first).to_be_checked()
    expect(medewerker.get_by_label("Toelichting voor de klant")).to_have_value(toelichting)

    with medewerker.expect_navigation():
        medewerker.get_by_role("button", name="Status opslaan").click()
    assert medewerker.url.endswith("/medewerker/dossiers/WIA-1000001")
    expect(medewerker.get_by_role("status")).to_contain_text("De status is gewijzigd")
    gewijzigd = medewerker.locator("article.traject").filter(
        has=medewerker.get_by_role("heading", level=3, name=traject_kop, exact=True)
    )
    expect(gewijzigd.locator("p strong").first).to_have_text(nieuwe_status)

    burger = nieuwe_context(javascript=False).new_page()
    _inloggen_met_persona(burger, JAN)
    burger.goto("/berichten")
    nieuw = burger.locator(".berichtenlijst__item--nieuw a").filter(has_text=onderwerp).first
    expect(nieuw).to_be_visible()
    with burger.expect_navigation():
        nieuw.click()
    expect(burger.get_by_role("heading", level=1)).to_have_text(onderwerp)
    expect(burger.locator("article.bericht")).to_contain_text(toelichting)


def test_with_javascript_the_preview_comes_in_without_a_page_load(nieuwe_context):
    page = nieuwe_context(persoon=ESTHER).new_page()
    page.goto("/medewerker/dossiers/WIA-1000001")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Status wijzigen")).last.click()
    page.wait_for_function("() => window.htmx !== undefined")
    statuspagina = page.url
    page.evaluate("() => { window.zelfdePagina = true; }")
    laden: list[str] = []
    page.on(
        "framenavigated",
        lambda frame: laden.append(frame.url) if frame.parent_frame is None else None,
    )

    page.locator("input[name=nieuwe_status]").first.check()
    page.get_by_label("Toelichting voor de klant").fill("Alleen een voorbeeld.")
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.request.headers.get("hx-request") == "true"
    ) as antwoord:
        page.get_by_role("button", name="Bekijk het bericht").click()
    assert antwoord.value.ok

    voorbeeld = page.locator("#voorbeeld")
    expect(voorbeeld.get_by_role("heading", name="Zo ziet de klant het bericht")).to_be_visible()
    expect(voorbeeld).to_contain_text("Alleen een voorbeeld.")
    assert page.url == statuspagina
    assert laden == [], f"the page navigated: {laden}"
    assert page.evaluate("() => window.zelfdePagina === true"), "the page was loaded again"
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.locator("input[name=nieuwe_status]").first).to_be_checked()
