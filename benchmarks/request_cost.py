"""Benchmark: what one request to each hot page costs, in this process, one at a time.

    python benchmarks/request_cost.py [--verzoeken 500]

Uses the database that ``http_load.py`` seeds (PORTAL_BENCH_DATABASE_URL, default
`bench_http`; run that first). Without a server, a load tool or concurrency, this shows where
a page's time goes: the whole request, the SQL statements (count, and time until each
returns, which includes the round trip to PostgreSQL), and template rendering, against the
bare endpoint that every request pays for anyway. And the CPU a request costs: this process's
CPU time plus that of the PostgreSQL backends it used (read from /proc, so PostgreSQL must run
on this machine), as ``dossier_cpu_ms``, ``queue_cpu_ms``, ``berichten_cpu_ms``. Prints one
JSON line.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from flask import Flask, before_render_template, template_rendered
from sqlalchemy import event

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER.parent))
sys.path.insert(0, str(HIER))

from http_load import PADEN, PRODUCTIE_ENV, STANDAARD_URL, cookies  # noqa: E402

from portal import create_app  # noqa: E402
from portal.db import make_engine  # noqa: E402


class Meter:
    """Adds up statement time and render time while requests run."""

    def __init__(self, app: Flask) -> None:
        self.statements = 0
        self.sql = 0.0
        self.backends: set[int] = set()
        self.render = 0.0
        engine = app.extensions["portal.engine"]
        event.listen(engine, "before_cursor_execute", self._voor_sql)
        event.listen(engine, "after_cursor_execute", self._na_sql)
        before_render_template.connect(self._voor_render, app)
        template_rendered.connect(self._na_render, app)

    def _voor_sql(self, verbinding: Any, *_: Any) -> None:
        verbinding.info["begin"] = time.perf_counter()

    def _na_sql(self, verbinding: Any, *_: Any) -> None:
        self.statements += 1
        self.sql += time.perf_counter() - verbinding.info.pop("begin")
        self.backends.add(verbinding.connection.dbapi_connection.info.backend_pid)

    def _voor_render(self, _app: Flask, **_: Any) -> None:
        self._render_begin = time.perf_counter()

    def _na_render(self, _app: Flask, **_: Any) -> None:
        self.render += time.perf_counter() - self._render_begin

    def nul(self) -> None:
        self.statements, self.sql, self.render = 0, 0.0, 0.0


def backend_cpu(pids: set[int]) -> float:
    """CPU seconds the PostgreSQL backends ``pids`` used so far (user and system)."""
    tikken = 0
    for pid in pids:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        tikken += int(velden[11]) + int(velden[12])  # utime, stime (fields 14 and 15)
    return tikken / os.sysconf("SC_CLK_TCK")


def meet(app: Flask, meter: Meter, pad: str, gebruikers: list[str], aantal: int) -> dict[str, Any]:
    client = app.test_client(use_cookies=False)

    def vraag(n: int) -> None:
        cookie = gebruikers[n % len(gebruikers)]
        antwoord = client.get(pad, headers={"Cookie": cookie} if cookie else {})
        if antwoord.status_code != 200:
            sys.exit(f"{pad} answered {antwoord.status_code}")

    for n in range(20):  # warm: templates compiled, connections open, statements prepared
        vraag(n)
    meter.nul()
    backends = set(meter.backends)
    begin, cpu, db_cpu = time.perf_counter(), time.process_time(), backend_cpu(backends)
    for n in range(aantal):
        vraag(n)
    totaal = time.perf_counter() - begin
    cpu = time.process_time() - cpu
    nieuw = meter.backends - backends  # a backend first used now counts from its start
    db_cpu = backend_cpu(backends) - db_cpu + backend_cpu(nieuw)
    return {
        "cpu_ms": round((cpu + db_cpu) / aantal * 1000, 2),
        "app_cpu_ms": round(cpu / aantal * 1000, 2),
        "db_cpu_ms": round(db_cpu / aantal * 1000, 2),
        "ms": round(totaal / aantal * 1000, 2),
        "sql_ms": round(meter.sql / aantal * 1000, 2),
        "render_ms": round(meter.render / aantal * 1000, 2),
        # Everything else: session, hooks, the view's own Python, building the response.
        "rest_ms": round((totaal - meter.sql - meter.render) / aantal * 1000, 2),
        "statements": round(meter.statements / aantal, 1),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verzoeken", type=int, default=500, help="requests per page")
    args = parser.parse_args(argv)
    url = os.environ.get("PORTAL_BENCH_DATABASE_URL", STANDAARD_URL)
    engine = make_engine(url)
    burgers, medewerker = cookies(engine, url)
    engine.dispose()
    os.environ.update(PRODUCTIE_ENV)
    app = create_app({"DATABASE_URL": url})  # production settings: JSON request lines too
    # Written as in production, to a file nobody reads: the cost counts, the lines do not.
    stil = open(os.devnull, "w")  # noqa: SIM115 (open for the whole run)
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(stil)
    meter = Meter(app)
    uitslag: dict[str, Any] = {}
    paden = {**PADEN, "berichten": "/berichten"}
    fases = {"dossier": burgers, "berichten": burgers, "queue": [medewerker], "bare": [""]}
    for naam, gebruikers in fases.items():
        for sleutel, waarde in meet(app, meter, paden[naam], gebruikers, args.verzoeken).items():
            uitslag[f"{naam}_{sleutel}"] = waarde
    uitslag["requests"] = args.verzoeken
    print(json.dumps(uitslag))
    return uitslag


if __name__ == "__main__":
    main()
