"""Gunicorn settings for the web app: ``gunicorn -c gunicorn.conf.py "portal:create_app()"``.

Every value can be overridden on the command line (``--workers 8``), which wins over this file.
The notification worker is a separate process (``flask --app portal notificaties run``), never
started from here: no scheduler inside web workers.
"""

from __future__ import annotations

import os

from gunicorn.config import Config
from gunicorn.glogging import Logger


def _getal(naam: str, standaard: int) -> int:
    waarde = os.environ.get(naam, "").strip()
    return int(waarde) if waarde else standaard


# Threads (gthread), not only processes: a request mostly waits for PostgreSQL, and a waiting
# thread costs little while a process holds a whole copy of the app. So one process per core
# plus one (a worker busy rendering a CSV or a PDF does not leave a core idle), each with a few
# threads, instead of the 2 x cores + 1 processes that suit one-request-at-a-time sync workers.
# On a 2-core machine: 3 processes x 4 threads = 12 requests at once. Each thread uses at most
# one database connection at a time, so workers x threads bounds the connections one gunicorn
# opens (12 here): keep the sum over all processes below PostgreSQL's max_connections.
workers = _getal("PORTAL_WEB_WORKERS", (os.cpu_count() or 1) + 1)
worker_class = "gthread"
threads = _getal("PORTAL_WEB_THREADS", 4)
bind = [adres.strip() for adres in os.environ.get("PORTAL_BIND", "127.0.0.1:8000").split(",")]

# A worker that stops answering its arbiter for this long is killed and replaced. With gthread
# a slow upload does not count (the main thread keeps reporting); only a hung process does.
timeout = 30
# On a restart or deploy, requests in flight get this long to finish.
graceful_timeout = 30
# Idle keep-alive connections are held by the poller, not by a thread. If the proxy in front
# reuses connections, its idle timeout must be shorter than this (override with --keep-alive).
keepalive = 5

# Replace each worker now and then, so slow growth (caches, fragmentation) never adds up; the
# jitter keeps the workers from all restarting at the same moment. Not often: a worker start
# costs about 1.3 s of CPU, which after every 1,000 requests added 1.3 ms to each request.
max_requests = _getal("PORTAL_WEB_MAX_REQUESTS", 50_000)
max_requests_jitter = max_requests // 10

# No preload: every worker imports and builds the app itself, after the fork. The app's
# SQLAlchemy engine (portal/db.py make_engine) holds a connection pool, and pooled
# connections must never be shared between processes. With preload_app the engine would
# be created in the arbiter and inherited by every worker, and would have to be disposed in
# post_fork; building the app per worker avoids that, at the cost of slower start-up.
preload_app = False

# No access log from gunicorn: the app writes one JSON line per request itself (portal/web.py),
# with the request id and the path without its query string; gunicorn's line would repeat it
# with the query string added. Gunicorn's own messages (workers starting, timeouts) go to
# stderr, or wherever --error-logfile says, as JSON like the app's.
accesslog = None
errorlog = "-"
loglevel = "info"


class JsonLogger(Logger):
    """Gunicorn's own logger, writing the same masked JSON lines as the app."""

    def setup(self, cfg: Config) -> None:
        super().setup(cfg)
        from portal.logboek import Afscherming, JsonFormatter

        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())
            handler.addFilter(Afscherming())


logger_class = JsonLogger

# X-Forwarded-* headers are trusted in one place only: the app's ProxyFix, configured with
# PORTAL_PROXY_FIX (the number of proxies in front). Gunicorn's own handling (which trusts
# 127.0.0.1 by default) is switched off, so the two can never disagree about the scheme.
forwarded_allow_ips = ""

# No control socket: its default path ($HOME/.gunicorn/gunicorn.ctl) is shared by every
# gunicorn of the same user, so two web processes on one machine would fight over it. Signals
# do the same job: HUP reloads the workers (a deploy), TERM stops gracefully.
control_socket_disable = True
