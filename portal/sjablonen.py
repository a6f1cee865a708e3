"""What the templates run on, made cheap where every page pays: the globals every template
reads, and ``url_for``.

Measured on Mijn dossier and the inzage queue (issue 21): Jinja checks, for each
``{% from … import … %}`` in a page or an include, every global name against the imported
template's globals, a ``ChainMap`` whose lookups go through a generator; and Flask builds
every address anew, the same menu and style sheets on every page and two per row of a
queue. Both give exactly what they gave before; ``tests/test_paginawerk.py`` proves it.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from flask import Flask, has_request_context, request
from flask.templating import Environment

from portal.invoer import MAX_ID

MAX_ONTHOUDEN = 10_000  # addresses with a text value that url_for remembers


class Globals(ChainMap[str, Any]):
    """A template's globals over the environment's, as Jinja makes them, with a membership
    test and iteration that do not go through a generator for every name."""

    def __contains__(self, sleutel: object) -> bool:
        for laag in self.maps:  # noqa: SIM110 (any() with a generator is what this avoids)
            if sleutel in laag:
                return True
        return False

    def __iter__(self) -> Iterator[str]:
        if len(self.maps) == 2 and not self.maps[0]:
            return iter(self.maps[1])
        return super().__iter__()


class Omgeving(Environment):
    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return Globals({} if d is None else d, self.globals)


def onthouden_url_for(app: Flask) -> Callable[..., str]:
    """``url_for`` for templates that remembers what it built. A page builds dozens of
    addresses, most the same on every page (menu, footer, style sheets), and a queue two per
    row that differ only in an id or kenmerk; Flask builds each anew. Remembered: an endpoint
    without values or with one text value (a static file, a kenmerk: a bounded number), and
    one with a whole-number value as the address around that number. Everything else (more
    values, relative endpoints, ``_external``) goes to Flask's own ``url_for``."""
    vast: dict[tuple[str, str, str | None, str | None], str] = {}
    rond_getal: dict[tuple[str, str, str], tuple[str, str] | None] = {}

    def met_getal(endpoint: str, naam: str, getal: int) -> str:
        sleutel = (request.script_root, endpoint, naam)
        if sleutel not in rond_getal:
            waarden: dict[str, Any] = {naam: MAX_ID}
            voorbeeld = app.url_for(endpoint, **waarden)
            delen = voorbeeld.split(str(MAX_ID))
            rond_getal[sleutel] = (delen[0], delen[1]) if len(delen) == 2 else None
        rond = rond_getal[sleutel]
        if rond is None:
            waarden_: dict[str, Any] = {naam: getal}
            return app.url_for(endpoint, **waarden_)
        return f"{rond[0]}{getal}{rond[1]}"

    def url_for(endpoint: str, **values: Any) -> str:
        if endpoint.startswith(".") or not has_request_context() or len(values) > 1:
            return app.url_for(endpoint, **values)
        sleutel: tuple[str, str, str | None, str | None] = (
            request.script_root,
            endpoint,
            None,
            None,
        )
        if values:
            ((naam, waarde),) = values.items()
            if naam.startswith("_"):
                return app.url_for(endpoint, **values)
            if type(waarde) is int and 0 <= waarde <= MAX_ID:
                return met_getal(endpoint, naam, waarde)
            if type(waarde) is not str:
                return app.url_for(endpoint, **values)
            sleutel = (request.script_root, endpoint, naam, waarde)
        adres = vast.get(sleutel)
        if adres is None:
            if len(vast) >= MAX_ONTHOUDEN:
                vast.clear()  # a text value (a kenmerk) can take many values: keep it bounded
            adres = vast[sleutel] = app.url_for(endpoint, **values)
        return adres

    return url_for


def init_app(app: Flask) -> None:
    app.jinja_env.globals["url_for"] = onthouden_url_for(app)
