"""Languages: Flask-Babel set-up, the language switch and the translation CLI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click
from babel.lists import format_list
from flask import Blueprint, Flask, current_app, g, redirect, request, session
from flask.typing import ResponseReturnValue
from flask_babel import (
    Babel,
    get_locale,
)
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from portal import datumtekst
from portal.config import ROOT
from portal.invoer import veilig_terug

# Re-exported: the views and the ``telefoon`` filter write numbers as the receipts do.
from portal.services.belmomenten import telefoon_leesbaar as telefoon_leesbaar
from portal.talen import TALEN, richting
from portal.vertalen import vertalingen

bp = Blueprint("taal", __name__)


def kies_taal() -> str:
    """The person's choice, then their browser's, then Dutch."""
    talen: list[str] = current_app.config["TALEN"]
    gekozen = session.get("taal")
    if gekozen in talen:
        return str(gekozen)
    burger = g.get("burger")
    if burger is not None and burger.taal in talen:
        return str(burger.taal)
    return request.accept_languages.best_match(talen) or "nl"


@bp.post("/taal")
def wissel_taal() -> ResponseReturnValue:
    from portal.db import get_session

    taal = request.form.get("taal", "")
    if taal in current_app.config["TALEN"]:
        session["taal"] = taal
        burger = g.get("burger")
        # Someone acting for the person chooses the language of their own session only.
        if burger is not None and g.get("vertegenwoordiging") is None:
            # Remembered for the messages we send later, not only for this session.
            burger.taal = taal
            get_session().commit()
    return redirect(veilig_terug(request.form.get("terug")), code=303)


# Keywords beyond Babel's defaults (_, gettext, ngettext, pgettext, ...). The tests read this
# too, so the command line and the check that the catalogs are up to date never disagree.
EXTRA_TREFWOORDEN = ("_l", "lazy_gettext", "lazy_ngettext:1,2", "lazy_pgettext:1c,2")
CATALOGI = ROOT / "vertalingen"
SJABLOON = CATALOGI / "messages.pot"
BABEL_CFG = ROOT / "babel.cfg"


def _pybabel(*args: str, quiet: bool = True) -> None:
    """Run a pybabel command in this process; stop with an error when it fails."""
    from babel.messages.frontend import CommandLineInterface

    argumenten = ["pybabel", *(["--quiet"] if quiet else []), *args]
    code = CommandLineInterface().run(argumenten)  # type: ignore[no-untyped-call]  # babel is untyped
    if code:
        raise click.ClickException(f"pybabel {args[0]} failed (exit code {code})")


@click.group("vertalingen", help="Extract, update and compile the message catalogs.")
def vertalingen_cli() -> None:
    pass


@vertalingen_cli.command("extract", help="Collect all strings into vertalingen/messages.pot.")
@click.option(
    "-o",
    "--uitvoer",
    type=click.Path(dir_okay=False, path_type=Path),
    default=SJABLOON,
    show_default=True,
    help="Where to write the template.",
)
def extract(uitvoer: Path = SJABLOON) -> None:
    from importlib.metadata import PackageNotFoundError, version

    trefwoorden = [arg for woord in EXTRA_TREFWOORDEN for arg in ("-k", woord)]
    try:
        versie = [f"--version={version('wia-clientportaal')}"]
    except PackageNotFoundError:
        versie = []
    _pybabel(
        "extract",
        "-F",
        str(BABEL_CFG),
        *trefwoorden,
        "--add-comments=Vertalers:",
        "--no-location",
        "--sort-output",
        "--project=WIA-cliëntportaal",
        "--copyright-holder=UWV",
        *versie,
        "-o",
        str(uitvoer),
        str(ROOT),
    )


@vertalingen_cli.command("update", help="Extract, then merge new strings into each catalog.")
@click.pass_context
def update(ctx: click.Context) -> None:
    ctx.invoke(extract, uitvoer=SJABLOON)
    _pybabel(
        "update",
        "-i",
        str(SJABLOON),
        "-d",
        str(CATALOGI),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )
    click.echo("Catalogs updated. Translate the empty entries in vertalingen/en, then compile.")


@vertalingen_cli.command("init", help="Start a catalog for a new language (for example: ar).")
@click.argument("taal")
def init(taal: str) -> None:
    if (CATALOGI / taal / "LC_MESSAGES" / "messages.po").exists():
        raise click.ClickException(f"There is already a catalog for {taal!r}; use 'update'.")
    _pybabel("init", "-i", str(SJABLOON), "-d", str(CATALOGI), "-l", taal)


@vertalingen_cli.command("compile", help="Compile the catalogs to .mo files.")
@click.option(
    "-d",
    "--map",
    "map_",
    type=click.Path(file_okay=False, path_type=Path),
    default=CATALOGI,
    show_default=True,
    help="Directory with the catalogs (<taal>/LC_MESSAGES/messages.po).",
)
@click.option("--statistics", is_flag=True, help="Show how much of each catalog is translated.")
def compile_(map_: Path = CATALOGI, statistics: bool = False) -> None:
    if statistics:
        _pybabel("compile", "-d", str(map_), "--statistics", quiet=False)
    else:
        _pybabel("compile", "-d", str(map_))


def _vertalingen_van_deze_pagina() -> dict[str, Callable[..., str]]:
    """``_()`` and ``ngettext()`` bound to this moment's catalog, once per rendered page.

    Flask-Babel's own versions look up the locale, the domain and the catalog through ``g``
    for every string; Mijn dossier has about 70 strings, and that cost a tenth of its time.
    Jinja looks ``gettext`` up in the page's context before its globals, so these take over.
    Each render asks again, so ``force_locale`` (an e-mail in the person's language) holds.
    The wrappers do what Jinja's own "newstyle" ones do: escape-aware, always formatted, and
    positional-only, so a placeholder may be called ``tekst`` or ``num`` too."""
    catalogus = vertalingen()

    @pass_context
    def gettext(context: Context, tekst: str, /, **variabelen: Any) -> str:
        vertaald: str = catalogus.ugettext(tekst)
        if context.eval_ctx.autoescape:
            vertaald = Markup(vertaald)  # noqa: S704 (our own catalog, as in Jinja's gettext)
        # Formatting a text with nothing to fill in only turns "%%" into "%": skipped when
        # there is no "%", as it costs more than the lookup (most of a page's strings).
        return vertaald % variabelen if variabelen or "%" in vertaald else vertaald

    @pass_context
    def ngettext(context: Context, enkel: str, meer: str, num: int, /, **variabelen: Any) -> str:
        variabelen.setdefault("num", num)
        vertaald: str = catalogus.ungettext(enkel, meer, num)
        if context.eval_ctx.autoescape:
            vertaald = Markup(vertaald)  # noqa: S704 (our own catalog, as in Jinja's gettext)
        return vertaald % variabelen

    # ``_`` too: Jinja's own ``_`` is an alias that looks ``gettext`` up and calls it, a
    # second call through Jinja's runtime for each of a page's many strings.
    return {"gettext": gettext, "ngettext": ngettext, "_": gettext}


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=kies_taal)
    # What macros without the page's context translate with (Jinja's globals): the catalog
    # found the quick way (portal.vertalen), as everywhere else.
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]  # Jinja's i18n
        gettext=lambda s: vertalingen().ugettext(s),
        ngettext=lambda s, p, n: vertalingen().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: vertalingen().upgettext(c, s),
        npgettext=lambda c, s, p, n: vertalingen().unpgettext(c, s, p, n),
    )
    app.context_processor(_vertalingen_van_deze_pagina)
    app.register_blueprint(bp)
    app.cli.add_command(vertalingen_cli)
    datumtekst.registreer(app)
    # "Kwaliteit WIA-dagloon en Indexatie": a list in words, in the page's language.
    app.jinja_env.filters["opsomming"] = lambda items: format_list(
        [str(i) for i in items], locale=str(get_locale() or "nl")
    )
    # Dates kept as ISO text (in a message's data) written out like the others.
    app.jinja_env.filters["isodatum"] = lambda s: (
        datumtekst.datum(date.fromisoformat(s)) if s else ""
    )
    app.jinja_env.filters["telefoon"] = telefoon_leesbaar
    app.jinja_env.globals["huidige_taal"] = lambda: str(get_locale() or "nl")
    app.jinja_env.globals["taalrichting"] = lambda: richting(str(get_locale() or "nl"))
    app.jinja_env.globals["portaaltalen"] = TALEN
