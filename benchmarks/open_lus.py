"""An open-loop HTTP load: requests at a fixed rate, whatever the server does.

A closed-loop tool such as wrk sends the next request on a connection only when the previous
answer is in, so a slow server is sent less and its queue never shows (coordinated
omission). Here request ``i`` is due at ``t0 + i / tempo`` and its latency runs from that
moment to the last byte of the answer's body: time spent waiting for a free connection, in
the server's backlog or behind a slow request counts, as it would for a person.

Standard library only: asyncio, HTTP/1.1 with keep-alive over a pool of at most
``MAX_VERBINDINGEN`` connections, opened when needed.
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass

MAX_VERBINDINGEN = 64
TIME_OUT_S = 10.0
# Gunicorn closes a kept-alive connection after 5 s idle (keepalive in gunicorn.conf.py). A
# connection idle for longer than this is closed here first, so no request is sent on a
# connection the server is closing at that moment.
MAX_IDLE_S = 4.0


class ProtocolFout(ValueError):
    """An answer this client cannot read: no Content-Length, or a malformed head."""


@dataclass
class Verbinding:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    laatst_gebruikt: float


class Pool:
    """Kept-alive connections to one server. At most MAX_VERBINDINGEN requests are in flight
    (``plaatsen``), and a connection is opened only when none is idle, so there are never
    more connections than that either. The last connection returned is reused first: when
    the rate needs fewer, the others go idle and are closed."""

    def __init__(self, host: str, poort: int) -> None:
        self.host, self.poort = host, poort
        self.plaatsen = asyncio.Semaphore(MAX_VERBINDINGEN)
        self.vrij: list[Verbinding] = []

    async def neem(self) -> tuple[Verbinding, bool]:
        """A connection, and whether it was used before (then it may have gone stale)."""
        nu = asyncio.get_running_loop().time()
        while self.vrij:
            verbinding = self.vrij.pop()
            if nu - verbinding.laatst_gebruikt < MAX_IDLE_S and not verbinding.reader.at_eof():
                return verbinding, True
            verbinding.writer.close()
        reader, writer = await asyncio.open_connection(self.host, self.poort)
        return Verbinding(reader, writer, nu), False

    def terug(self, verbinding: Verbinding) -> None:
        verbinding.laatst_gebruikt = asyncio.get_running_loop().time()
        self.vrij.append(verbinding)

    def sluit_alles(self) -> None:
        for verbinding in self.vrij:
            verbinding.writer.close()
        self.vrij.clear()


async def lees_antwoord(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one answer to its last byte: its status, and whether the server keeps the
    connection open. The portal always sends Content-Length; anything else is an error."""
    kop = await reader.readuntil(b"\r\n\r\n")
    regels = kop.decode("latin-1").split("\r\n")
    delen = regels[0].split(" ", 2)
    if len(delen) < 2 or not delen[0].startswith("HTTP/1."):
        raise ProtocolFout(f"status line {regels[0]!r}")
    status = int(delen[1])
    headers: dict[str, str] = {}
    for regel in regels[1:]:
        if regel:
            naam, _, waarde = regel.partition(":")
            headers[naam.strip().lower()] = waarde.strip()
    if "content-length" not in headers:
        raise ProtocolFout("answer without Content-Length")
    await reader.readexactly(int(headers["content-length"]))
    houdt_open = headers.get("connection", "").lower() != "close" and delen[0] == "HTTP/1.1"
    return status, houdt_open


async def vraag(pool: Pool, verzoek: bytes) -> int:
    """Send one request and read its answer; the status. A kept-alive connection may have
    been closed by the server just as we sent: then once more on a new one, as browsers do
    (a GET can safely be repeated)."""
    async with pool.plaatsen:
        for _poging in range(2):
            verbinding, hergebruikt = await pool.neem()
            try:
                verbinding.writer.write(verzoek)
                await verbinding.writer.drain()
                status, houdt_open = await lees_antwoord(verbinding.reader)
            except (asyncio.IncompleteReadError, ConnectionError) as fout:
                verbinding.writer.close()
                leeg = not isinstance(fout, asyncio.IncompleteReadError) or not fout.partial
                if hergebruikt and leeg:
                    continue
                raise
            except BaseException:  # also when the time-out cancels us: the answer is half read
                verbinding.writer.close()
                raise
            if houdt_open:
                pool.terug(verbinding)
            else:
                verbinding.writer.close()
            return status
    raise ConnectionError("the server closed a new connection without answering")


@dataclass
class Uitslag:
    verzoeken: int  # requests sent in the measured period (not the warm-up)
    fouten: int  # of those: not 200, connection errors, time-outs
    p50_ms: float | None
    p95_ms: float | None


def percentiel(waarden: list[float], p: float) -> float:
    """The nearest-rank percentile of sorted ``waarden``."""
    return waarden[max(0, math.ceil(p / 100 * len(waarden)) - 1)]


def cookie_regel(cookie: str) -> str:
    return f"Cookie: {cookie}\r\n" if cookie else ""  # "": an anonymous visitor


async def _open_lus(
    host: str,
    poort: int,
    pad: str,
    cookies: list[str],
    tempo: float,
    seconden: float,
    opwarmen: float,
) -> Uitslag:
    pool = Pool(host, poort)
    verzoeken = [
        f"GET {pad} HTTP/1.1\r\nHost: {host}:{poort}\r\n{cookie_regel(cookie)}\r\n".encode()
        for cookie in cookies
    ]
    latenties: list[float] = []
    fouten = 0
    klok = asyncio.get_running_loop().time

    async def een(gepland: float, verzoek: bytes, meetellen: bool) -> None:
        nonlocal fouten
        try:
            async with asyncio.timeout_at(gepland + TIME_OUT_S):
                status = await vraag(pool, verzoek)
            goed = status == 200
        except (OSError, TimeoutError, EOFError, asyncio.LimitOverrunError, ValueError):
            goed = False
        if meetellen:
            if goed:
                latenties.append(klok() - gepland)
            else:
                fouten += 1

    taken: set[asyncio.Task[None]] = set()
    totaal = math.floor((opwarmen + seconden) * tempo)
    eerste = math.ceil(opwarmen * tempo)  # the first request that counts
    begin = klok() + 0.05
    for i in range(totaal):
        gepland = begin + i / tempo
        wacht = gepland - klok()
        if wacht > 0:
            await asyncio.sleep(wacht)
        # A late loop still uses the planned moment: the delay is part of the latency.
        taak = asyncio.create_task(een(gepland, verzoeken[i % len(verzoeken)], i >= eerste))
        taken.add(taak)
        taak.add_done_callback(taken.discard)
    if taken:
        await asyncio.wait(taken)  # each ends within TIME_OUT_S
    pool.sluit_alles()

    latenties.sort()
    return Uitslag(
        verzoeken=totaal - eerste,
        fouten=fouten,
        p50_ms=round(percentiel(latenties, 50) * 1000, 1) if latenties else None,
        p95_ms=round(percentiel(latenties, 95) * 1000, 1) if latenties else None,
    )


def open_lus(
    basis: str,
    pad: str,
    cookies: list[str],
    *,
    tempo: float,
    seconden: float,
    opwarmen: float = 3.0,
) -> Uitslag:
    """Request ``pad`` at ``tempo`` per second for ``opwarmen`` + ``seconden`` seconds,
    rotating through ``cookies`` (one ``name=value`` each); only the last ``seconden`` count.
    The percentiles are those of the answers with status 200; everything else, time-outs
    after TIME_OUT_S included, is counted in ``fouten``.

    ``basis`` is ``http://host:port``: plain HTTP only, as the server this benchmark starts.
    """
    adres = basis.removeprefix("http://").rstrip("/")
    host, _, poort = adres.rpartition(":")
    return asyncio.run(_open_lus(host, int(poort), pad, cookies, tempo, seconden, opwarmen))
