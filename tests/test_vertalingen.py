"""The message catalogs: complete English, nothing fuzzy, placeholders intact, up to date.

When a test here fails after you changed a text, run:

    PORTAL_ENV=development flask --app portal vertalingen update

then fill in the new empty ``msgstr`` entries in ``vertalingen/en/LC_MESSAGES/messages.po``.
Dutch is the source language: ``vertalingen/nl`` may keep empty ``msgstr`` entries.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import ngettext

from portal import create_app, statussen
from portal.config import ROOT
from portal.i18n import BABEL_CFG, CATALOGI, EXTRA_TREFWOORDEN, SJABLOON, vertalingen_cli
from tests.conftest import test_config as basisconfig
from tests.paginacontrole import PaginaControleClient

TALEN = ("en", "nl")
HERSTEL = "Run `PORTAL_ENV=development flask --app portal vertalingen update`, then translate."

MsgId = str | tuple[str, ...]
Sleutel = tuple[MsgId, str | None]  # (msgid, or (msgid, msgid_plural); context)

# A %-placeholder as Python's %-formatting reads it: %(name)s, %(max)d, %s, %.2f ...
PLAATSHOUDER = re.compile(
    r"%(?:\((?P<naam>[^)]*)\))?[#0\- +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?P<soort>[diouxXeEfFgGcrsa])"
)


def _po(pad: Path, taal: str | None = None) -> Catalog:
    with pad.open("rb") as bestand:
        return read_po(bestand, locale=taal)


def _catalogus(taal: str) -> Catalog:
    return _po(CATALOGI / taal / "LC_MESSAGES" / "messages.po", taal)


def _sleutels(catalogus: Catalog) -> set[Sleutel]:
    return {(m.id, m.context) for m in catalogus if m.id}


def _berichten(catalogus: Catalog) -> list[Message]:
    return [m for m in catalogus if m.id]


def _vormen(waarde: MsgId) -> tuple[str, ...]:
    return waarde if isinstance(waarde, tuple) else (waarde,)


def _plaatshouders(tekst: str) -> set[tuple[str, str]]:
    """The set of (name, conversion) pairs; a positional placeholder has name ''."""
    zonder_procent = tekst.replace("%%", "")
    return {(m["naam"] or "", m["soort"]) for m in PLAATSHOUDER.finditer(zonder_procent)}


class _Alles(dict[str, object]):
    """Formats any named placeholder, so only a broken format string fails."""

    def __missing__(self, sleutel: str) -> object:
        return 1


def _fouten_in_opmaak(tekst: str) -> str | None:
    # Jinja's newstyle gettext always applies %-formatting, so a lone % breaks the page.
    try:
        tekst % _Alles()
    except (ValueError, TypeError, KeyError) as fout:
        return str(fout)
    return None


def _uit_de_broncode() -> set[Sleutel]:
    """Extract the strings again with Babel's API, with the same map and keywords as the CLI."""
    with BABEL_CFG.open() as bestand:
        methoden, opties = parse_mapping_cfg(bestand, filename=str(BABEL_CFG))
    trefwoorden = {**DEFAULT_KEYWORDS, **parse_keywords(list(EXTRA_TREFWOORDEN))}
    gevonden: set[Sleutel] = set()
    for _bestand, _regel, tekst, _opmerkingen, context in extract_from_dir(
        ROOT, methoden, opties, keywords=trefwoorden
    ):
        gevonden.add((tekst, context))
    return gevonden


@pytest.fixture(scope="module")
def broncode() -> set[Sleutel]:
    return _uit_de_broncode()


def _verschil(verwacht: set[Sleutel], gevonden: set[Sleutel]) -> str:
    ontbreekt = sorted(str(s[0]) for s in verwacht - gevonden)
    over = sorted(str(s[0]) for s in gevonden - verwacht)
    return f"missing: {ontbreekt}\nno longer in the code: {over}\n{HERSTEL}"


def test_the_template_contains_exactly_the_strings_in_the_code(broncode: set[Sleutel]) -> None:
    assert broncode, "the extraction found no strings at all; check babel.cfg"
    sjabloon = _sleutels(_po(SJABLOON))
    assert sjabloon == broncode, _verschil(broncode, sjabloon)


@pytest.mark.parametrize("taal", TALEN)
def test_each_catalog_contains_exactly_the_strings_in_the_code(
    taal: str, broncode: set[Sleutel]
) -> None:
    catalogus = _sleutels(_catalogus(taal))
    assert catalogus == broncode, _verschil(broncode, catalogus)


def test_every_message_has_an_english_translation() -> None:
    engels = _catalogus("en")
    aantal_vormen = engels.num_plurals
    onvertaald = []
    for bericht in _berichten(_po(SJABLOON)):
        vertaling = engels.get(bericht.id, context=bericht.context)
        if vertaling is None:
            onvertaald.append(bericht.id)
            continue
        vormen = _vormen(vertaling.string)
        verwacht_aantal = aantal_vormen if bericht.pluralizable else 1
        if len(vormen) != verwacht_aantal or not all(v.strip() for v in vormen):
            onvertaald.append(bericht.id)
    assert not onvertaald, f"no English translation for: {onvertaald}\n{HERSTEL}"


@pytest.mark.parametrize("taal", TALEN)
def test_no_catalog_has_fuzzy_entries(taal: str) -> None:
    catalogus = _catalogus(taal)
    # pybabel compile skips a catalog whose header is fuzzy: the whole language would vanish.
    assert not catalogus.fuzzy, f"the header of the {taal} catalog is marked fuzzy"
    vaag = [m.id for m in _berichten(catalogus) if m.fuzzy]
    assert not vaag, f"fuzzy entries in {taal}: check them and remove the fuzzy flag: {vaag}"


@pytest.mark.parametrize("taal", TALEN)
def test_translations_keep_the_placeholders_of_the_dutch_text(taal: str) -> None:
    fouten = []
    for bericht in _berichten(_catalogus(taal)):
        bron = _vormen(bericht.id)
        for index, vertaling in enumerate(_vormen(bericht.string)):
            if not vertaling:
                continue  # untranslated: the completeness test reports that for English
            origineel = bron[0] if index == 0 else bron[-1]
            verwacht = _plaatshouders(origineel)
            gevonden = _plaatshouders(vertaling)
            if bericht.pluralizable and index == 0:
                # "one new message" may leave out the count in the singular form.
                verwacht_min = {p for p in verwacht if p[0] != "num"}
                klopt = verwacht_min <= gevonden <= verwacht
            else:
                klopt = gevonden == verwacht
            if not klopt:
                fouten.append(f"{origineel!r} -> {vertaling!r}: {sorted(gevonden)}")
    assert not fouten, "placeholders differ from the Dutch text:\n" + "\n".join(fouten)


@pytest.mark.parametrize("taal", TALEN)
def test_every_text_is_a_valid_format_string(taal: str) -> None:
    fouten = []
    for bericht in _berichten(_catalogus(taal)):
        for tekst in (*_vormen(bericht.id), *_vormen(bericht.string)):
            if tekst and (fout := _fouten_in_opmaak(tekst)):
                fouten.append(f"{tekst!r}: {fout} (write a literal percent sign as %%)")
    assert not fouten, "\n".join(fouten)


@pytest.mark.parametrize("taal", TALEN)
def test_babel_finds_no_errors_in_the_catalog(taal: str) -> None:
    fouten = [
        f"{bericht.id!r}: {'; '.join(map(str, problemen))}"
        for bericht, problemen in _catalogus(taal).check()
    ]
    assert not fouten, "\n".join(fouten)


# The command line and the compiled catalogs -------------------------------------------------


def _flask_vertalingen(*args: str, instance: Path) -> subprocess.CompletedProcess[str]:
    omgeving = {**os.environ, "PORTAL_ENV": "test", "PORTAL_INSTANCE_PATH": str(instance)}
    omgeving.pop("PORTAL_DATABASE_URL", None)
    resultaat = subprocess.run(  # noqa: S603 (fixed arguments, our own interpreter)
        [sys.executable, "-m", "flask", "--app", "portal", "vertalingen", *args],
        capture_output=True,
        text=True,
        env=omgeving,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert resultaat.returncode == 0, resultaat.stderr
    return resultaat


@pytest.fixture(scope="module")
def vertaalmap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalogs compiled by `vertalingen compile` into a temporary directory.

    In this process, to save starting another one; the extract test runs the real command.
    """
    map_ = tmp_path_factory.mktemp("vertalingen") / "vertalingen"
    shutil.copytree(CATALOGI, map_, ignore=shutil.ignore_patterns("*.mo"))
    vertalingen_cli.main(["compile", "-d", str(map_)], standalone_mode=False)
    for taal in TALEN:
        assert (map_ / taal / "LC_MESSAGES" / "messages.mo").is_file()
    return map_


def test_the_extract_command_finds_the_same_strings_as_the_template(tmp_path: Path) -> None:
    uitvoer = tmp_path / "messages.pot"
    _flask_vertalingen("extract", "-o", str(uitvoer), instance=tmp_path)
    assert _sleutels(_po(uitvoer)) == _sleutels(_po(SJABLOON)), HERSTEL


@pytest.fixture
def app(database_url: str, vertaalmap: Path) -> Iterator[Flask]:
    """Like the shared app fixture, but reading the catalogs compiled above."""
    app = create_app(basisconfig(database_url, BABEL_TRANSLATION_DIRECTORIES=str(vertaalmap)))
    app.test_client_class = PaginaControleClient
    yield app
    app.extensions["portal.engine"].dispose()


@pytest.mark.parametrize(
    ("taal", "kop"),
    [("en", "What is the status of my file?"), ("nl", "Waar staat mijn dossier?")],
)
def test_the_start_page_speaks_the_language_the_browser_asks_for(
    client: FlaskClient, taal: str, kop: str
) -> None:
    antwoord = client.get("/", headers={"Accept-Language": f"{taal},fr;q=0.5"})
    assert antwoord.status_code == 200
    html = antwoord.get_data(as_text=True)
    assert f'<html lang="{taal}" dir="ltr">' in html
    assert f"<h1>{kop}</h1>" in html


def test_python_texts_and_plurals_are_translated_too(app: Flask) -> None:
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert str(statussen.SOORTEN["dagloon"].naam) == "Quality of the WIA daily wage (dagloon)"
        enkel = "U heeft %(num)d ongelezen bericht."
        meer = "U heeft %(num)d ongelezen berichten."
        assert ngettext(enkel, meer, 1) == "You have 1 unread message."
        assert ngettext(enkel, meer, 3) == "You have 3 unread messages."
    with app.test_request_context("/", headers={"Accept-Language": "nl"}):
        # Dutch entries stay empty in the catalog; the source text must show, never "".
        assert str(statussen.SOORTEN["dagloon"].naam) == "Kwaliteit WIA-dagloon"
        assert ngettext(enkel, meer, 1) == "U heeft 1 ongelezen bericht."
        assert ngettext(enkel, meer, 3) == "U heeft 3 ongelezen berichten."
