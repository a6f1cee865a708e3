"""Translating a text on the hot path: the same answers as Flask-Babel's ``gettext``,
``ngettext`` and ``lazy_gettext``, for a fraction of the work.

Flask-Babel finds the catalog anew for every string: the domain, the cache and the locale
each through Flask's context, and the locale written out as text for the cache key. A page
translates a hundred strings (status texts, dates, the menu), and that lookup was a fifth of
the time spent rendering Mijn dossier. Here the locale is asked once per string and the
catalog found by it directly. ``force_locale`` still holds: the locale is asked every time.
"""

from __future__ import annotations

from typing import Any

from babel.support import NullTranslations
from flask_babel import LazyString, get_locale, get_translations

# One catalog per language, as Flask-Babel itself keeps them: loaded once, never changed.
# Keyed by the locale's parts: comparing Locale objects themselves is slow.
_PER_TAAL: dict[tuple[str, str | None, str | None, str | None], NullTranslations] = {}


def vertalingen() -> NullTranslations:
    """The catalog of the current language (no translation outside a request or app)."""
    taal = get_locale()
    if taal is None:
        return get_translations()  # type: ignore[no-any-return]  # Flask-Babel is untyped
    sleutel = (taal.language, taal.territory, taal.script, taal.variant)
    catalogus = _PER_TAAL.get(sleutel)
    if catalogus is None:
        catalogus = _PER_TAAL[sleutel] = get_translations()
    return catalogus


def gettext(tekst: str, **variabelen: Any) -> str:
    vertaald: str = vertalingen().ugettext(tekst)
    return vertaald % variabelen if variabelen else vertaald


def ngettext(enkel: str, meer: str, num: int, **variabelen: Any) -> str:
    variabelen.setdefault("num", num)
    vertaald: str = vertalingen().ungettext(enkel, meer, num)
    return vertaald % variabelen


def lazy_gettext(tekst: str, **variabelen: Any) -> LazyString:
    """A text translated when it is shown, in the language of that moment."""
    return LazyString(gettext, tekst, **variabelen)
