"""Checks every HTML page the tests see: title, lang, unique ids, forms that work."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from portal.talen import TALEN


class _Verzamelaar(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.titel = ""
        self._in_titel = False
        self.ids: list[str] = []
        self.formulieren: list[dict[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributen = dict(attrs)
        if tag == "html":
            self.lang = attributen.get("lang")
        if tag == "title":
            self._in_titel = True
        if attributen.get("id"):
            self.ids.append(str(attributen["id"]))
        if tag == "form":
            self.formulieren.append(
                {
                    "action": attributen.get("action"),
                    "method": (attributen.get("method") or "get").lower(),
                    "csrf": False,
                }
            )
        if tag == "input" and attributen.get("name") == "csrf_token" and self.formulieren:
            self.formulieren[-1]["csrf"] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_titel = False

    def handle_data(self, data: str) -> None:
        if self._in_titel:
            self.titel += data


def controleer_html(html: str, *, fragment: bool = False) -> None:
    pagina = _Verzamelaar()
    pagina.feed(html)
    if not fragment:
        assert pagina.lang in TALEN, f"<html lang> is {pagina.lang!r}"
        assert pagina.titel.strip(), "the page has no <title>"
    dubbel = [id_ for id_, aantal in Counter(pagina.ids).items() if aantal > 1]
    assert not dubbel, f"duplicate ids: {dubbel}"
    for formulier in pagina.formulieren:
        assert formulier["action"], f"a form without action: {formulier}"
        if formulier["method"] == "post":
            assert formulier["csrf"], f"a POST form without CSRF token: {formulier}"


class PaginaControleClient(FlaskClient):
    """A test client that checks every HTML response it receives."""

    def open(self, *args, **kwargs) -> TestResponse:
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and response.status_code != 304:
            fragment = bool(kwargs.get("headers", {}).get("HX-Request"))
            controleer_html(response.get_data(as_text=True), fragment=fragment)
        return response
