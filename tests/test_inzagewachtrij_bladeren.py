"""The casemanagers' inzage queue shows 50 requests a page, however many are open."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy.orm import Session

from tests.conftest import log_in
from tests.test_queries import wachtrij_met


def _rijen(html: str) -> int:
    return len(re.findall(r'href="/medewerker/inzage/\d+"', html))


def test_a_long_queue_is_shown_in_pages_with_the_total_in_the_heading(
    app: Flask, db: Session
) -> None:
    client = app.test_client()
    log_in(client, wachtrij_met(db, 60))

    eerste = client.get("/medewerker/inzage").get_data(as_text=True)
    assert _rijen(eerste) == 50
    assert '<span class="nl-data-badge">60</span></h2>' in eerste
    # The table stands in a region the keyboard can scroll, named by the heading, with the
    # hint for narrow screens (CSS shows it only there).
    assert 'class="tabelrol" role="region" tabindex="0" aria-labelledby="lijst-titel"' in eerste
    assert "Schuif de tabel opzij om alles te zien" in eerste
    assert 'rel="next"' in eerste and 'rel="prev"' not in eerste

    tweede = client.get("/medewerker/inzage?pagina=2").get_data(as_text=True)
    assert _rijen(tweede) == 10
    assert 'rel="prev"' in tweede and 'rel="next"' not in tweede


def test_a_page_number_out_of_range_shows_an_empty_page_not_an_error(
    app: Flask, db: Session
) -> None:
    client = app.test_client()
    log_in(client, wachtrij_met(db, 3))
    for pagina in ("0", "-4", "abc", "99999999999"):
        assert client.get(f"/medewerker/inzage?pagina={pagina}").status_code == 200
