"""Bounds on input before it reaches a query: ids, page numbers and return paths.

SQLite takes values PostgreSQL refuses (a 40-bit id, a 9-digit page offset, a NUL), so every
view reads such values through these helpers instead of trusting ``int()`` or the raw text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from urllib.parse import urlsplit

MAX_ID = 2**31 - 1  # ids are PostgreSQL integers; a larger one is unknown, never an overflow
MAX_PAGINA = 10_000  # beyond this no list has pages; the offset stays far inside a bigint
# Unicode categories no return path may hold: control and format characters, and line or
# paragraph separators. A CR or LF in a Location header is refused by werkzeug (a 500), and
# the others have no place in a path we wrote ourselves.
VERBODEN_CATEGORIEEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def als_id(waarde: object) -> int | None:
    """A submitted value as a database id: ASCII digits from 1 to ``MAX_ID``, else None.

    ``str.isdigit`` alone is not enough: it accepts "²", which ``int()`` then refuses.
    """
    if not isinstance(waarde, str) or not (waarde.isascii() and waarde.isdigit()):
        return None
    if len(waarde) > len(str(MAX_ID)):
        return None
    getal = int(waarde)
    return getal if 1 <= getal <= MAX_ID else None


def paginanummer(
    args: Mapping[str, str], naam: str = "pagina", *, maximum: int = MAX_PAGINA
) -> int:
    """The page asked for in the query string, from 1 to ``maximum``; anything else is 1."""
    waarde = args.get(naam, "")
    if not (waarde.isascii() and waarde.isdigit()):
        return 1
    if len(waarde) > len(str(maximum)):  # also keeps int() away from a 5,000-digit number
        return maximum
    return min(max(int(waarde), 1), maximum)


def veilig_terug(doel: str | None, standaard: str = "/") -> str:
    """``doel`` when it is a plain path on this site, else ``standaard``: never an open
    redirect, and never a character a Location header cannot carry."""
    if not doel or not doel.startswith("/"):
        return standaard
    # "//host" and "/\\host" are other sites to browsers.
    if doel.startswith("//") or "\\" in doel:
        return standaard
    if any(_verboden(teken) for teken in doel):
        return standaard
    delen = urlsplit(doel)
    if delen.scheme or delen.netloc:
        return standaard
    return doel


def _verboden(teken: str) -> bool:
    return teken.isspace() or unicodedata.category(teken) in VERBODEN_CATEGORIEEN
