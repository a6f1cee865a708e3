"""Schemathesis against a live portal: the OpenAPI document must match what the API does.

The server runs on 127.0.0.1 with the demo personas, so the schema's examples (Jan de Vries'
kenmerk, id 1) reach real dossiers and the deeper rules, not only 404s. Schemathesis sends
generated and mutated requests to every operation and fails on any 5xx, any status code or
content type the document does not declare, and any body that does not match its schema.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date

import pytest
import requests
from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from portal.demo import personas
from portal.services import apiclients

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)


@pytest.fixture
def live_api(app: Flask, tmp_path) -> Iterator[tuple[str, str]]:
    app.config["DOCUMENTEN_MAP"] = str(tmp_path / "documenten")
    with app.app_context():
        session = app.extensions["portal.sessionmaker"]()
        personas.seed(session, date.today())
        session.commit()
        _, token = apiclients.maak(session, "schemathesis", list(apiclients.SCOPES))
        session.close()
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    draad = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    draad.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", token
    finally:
        server.shutdown()
        draad.join()


def test_the_api_behaves_as_its_openapi_document_says(live_api: tuple[str, str]) -> None:
    basis, token = live_api
    uitvoer = subprocess.run(  # noqa: S603  (our own interpreter, fixed arguments)
        [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            f"{basis}/api/v1/openapi.json",
            "--url",
            f"{basis}/api/v1",
            "--header",
            f"Authorization: Bearer {token}",
            "--checks",
            CHECKS,
            "--max-examples",
            "30",
            "--seed",
            "20261125",
            "--request-timeout",
            "30",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    rapport = uitvoer.stdout[-6000:] + uitvoer.stderr[-2000:]
    assert uitvoer.returncode == 0, rapport
    # Every operation in the document was exercised, none skipped.
    document = requests.get(f"{basis}/api/v1/openapi.json", timeout=10).json()
    aantal = sum(len(methoden) for methoden in document["paths"].values())
    assert f"Tested: {aantal}" in uitvoer.stdout, rapport
    assert " passed" in uitvoer.stdout and " failed" not in uitvoer.stdout, rapport
