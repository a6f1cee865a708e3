"""The W3C Nu HTML checker (vnu) over every page the browser tests load.

The live server keeps a copy of each distinct HTML page it serves (one file per distinct body,
named after its path and language); when the browser session ends, vnu checks them all in one
Java process and every error fails the run. vnu comes pinned from the npm registry
(``package.json``, ``npm ci``) and needs a Java runtime (Debian's ``default-jre-headless``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("PORTAL_VNU_JAR", ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"))


def vnu_ontbreekt() -> str | None:
    """Why vnu cannot run here, or None when it can."""
    if not VNU_JAR.is_file():
        return f"vnu.jar not found at {VNU_JAR}: run `npm ci` (or set PORTAL_VNU_JAR)"
    if shutil.which("java") is None:
        return "no Java runtime: install Debian's default-jre-headless"
    return None


class HtmlVerzamelaar:
    """WSGI middleware that writes each distinct HTML body the app serves to a folder."""

    def __init__(self, app: Callable[..., Any], map_: Path) -> None:
        self.app = app
        self.map = map_
        self.gezien: set[str] = set()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        status_en_headers: dict[str, Any] = {}

        def onthoud(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            status_en_headers["status"] = status
            status_en_headers["headers"] = headers
            return start_response(status, headers, *args)

        antwoord = self.app(environ, onthoud)
        try:
            body = b"".join(antwoord)
        finally:
            if hasattr(antwoord, "close"):
                antwoord.close()
        headers = dict((k.lower(), v) for k, v in status_en_headers.get("headers", []))
        # htmx fragments are parts of a page, not documents of their own.
        is_html = headers.get("content-type", "").startswith("text/html")
        if is_html and body.lstrip()[:15].lower().startswith(b"<!doctype html"):
            self._bewaar(environ, body)
        return [body]

    def _bewaar(self, environ: dict[str, Any], body: bytes) -> None:
        sleutel = hashlib.sha256(body).hexdigest()[:12]
        if sleutel in self.gezien:
            return
        self.gezien.add(sleutel)
        taal = re.search(rb'<html lang="([^"]+)"', body)
        pad = re.sub(r"[^A-Za-z0-9]+", "_", environ.get("PATH_INFO", "")).strip("_") or "start"
        naam = f"{pad[:80]}.{taal.group(1).decode() if taal else 'x'}.{sleutel}.html"
        (self.map / naam).write_bytes(body)


def controleer(map_: Path) -> list[str]:
    """vnu's errors over every page in the folder, one readable line each."""
    bestanden = sorted(str(p) for p in map_.glob("*.html"))
    if not bestanden:
        return []
    java = shutil.which("java") or "java"
    uitslag = subprocess.run(  # noqa: S603 (our own jar over files we wrote)
        [java, "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *bestanden],
        capture_output=True,
        text=True,
        check=False,
    )
    berichten = json.loads(uitslag.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(b.get('url', '')).name}:{b.get('lastLine', '?')}: {b.get('message', '')}"
        for b in berichten
        if b.get("type") == "error" or b.get("subType") == "fatal"
    ]
