"""A request id on every response and log line, and as the verwerkingslog's trace id."""

from __future__ import annotations

import re

import pytest
from flask import g

from portal import web

# --- request ids ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pad", ["/", "/gezondheid/leeft", "/bestaat-niet", "/api/v1/dossiers", "/static/css/portal.css"]
)
def test_every_response_carries_a_request_id(client, pad):
    with client.get(pad) as response:
        assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


def test_two_requests_get_different_request_ids(client):
    assert client.get("/").headers["X-Request-ID"] != client.get("/").headers["X-Request-ID"]


@pytest.mark.parametrize("request_id", ["lb-7f3a9c21", "a" * 64, "Trace.1234_abc-def"])
def test_a_well_formed_incoming_request_id_is_echoed(client, request_id):
    response = client.get("/", headers={"X-Request-ID": request_id})

    assert response.headers["X-Request-ID"] == request_id


@pytest.mark.parametrize(
    "request_id", ["kort", "a" * 65, "met spatie 123", "<script>x</script>", "ünïcode-12345", ""]
)
def test_a_malformed_incoming_request_id_is_replaced(client, request_id):
    response = client.get("/", headers={"X-Request-ID": request_id})

    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


def test_the_request_id_is_the_verwerkingslog_trace_id_when_it_fits(app):
    with app.test_request_context("/", headers={"X-Request-ID": "lb-7f3a9c21"}):
        web.request_id()
        assert g.trace_id == "lb-7f3a9c21"


def test_a_request_id_longer_than_a_trace_id_gives_a_distinct_32_character_trace_id(app):
    sporen = []
    for request_id in ["gemeenschappelijk-voorvoegsel-" + "x" * 30 + str(n) for n in range(2)]:
        with app.test_request_context("/", headers={"X-Request-ID": request_id}):
            web.request_id()
            sporen.append(g.trace_id)

    assert all(len(spoor) == 32 for spoor in sporen)
    assert sporen[0] != sporen[1]
