"""The texts of SMS and e-mail messages, rendered in the person's language.

Templates live in ``templates/notificaties/``: ``sms/<soort>.txt``, ``email/<soort>.txt`` and
``email/<soort>.html``. They say *that* there is news and where to look, never what it is:
no names, BSN, amounts or medical words, and no links in an SMS (DESIGN.md section 4).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from itsdangerous import URLSafeSerializer

from notificaties.kanalen import Uitgaand
from portal.models import Notificatie
from portal.vertalen import lazy_gettext as _l

ONDERWERPEN = {
    "statuswijziging": _l("Nieuw bericht over uw WIA-uitkering"),
    "kwartaalupdate": _l("Nieuw bericht over het onderzoek naar uw uitkering"),
    "servicecall": _l("UWV belt u binnenkort"),
    "servicecall_herinnering": _l("Herinnering: UWV belt u"),
    "inzage": _l("Nieuws over uw verzoek om inzage"),
    "spreekuur": _l("Herinnering aan uw spreekuur"),
    "spreekuur_herinnering": _l("Herinnering: uw spreekuur bij UWV"),
    "verificatiecode": _l("Uw code"),
    "begeleider_uitnodiging": _l("Uitnodiging: help iemand met het WIA-cliëntportaal"),
    "email_bevestigen": _l("Bevestig uw e-mailadres"),
    "adres_gewijzigd": _l("Uw gegevens voor berichten zijn gewijzigd"),
    "digest": _l("Uw overzicht voor vandaag staat klaar"),
    "toezegging": _l("Nieuw bericht over uw WIA-uitkering"),
    "herinnering_ongelezen": _l("Er staat een bericht voor u klaar"),
    "brief": _l("Er staat een brief voor u klaar"),
    "vraag": _l("Er is antwoord op uw vraag"),
    "taak": _l("Er staat een taak voor u klaar"),
    "taak_herinnering": _l("Herinnering: er staat een taak voor u klaar"),
}
SOORTEN = tuple(ONDERWERPEN)

# Example data for the casemanagers' preview; real messages carry no more than this.
VOORBEELDGEGEVENS: dict[str, dict[str, Any]] = {
    "verificatiecode": {"code": "482915"},
    "begeleider_uitnodiging": {"code": "K7QX-M2PD-9RTA", "geldig_tot": "2027-09-30"},
    "email_bevestigen": {"token": "voorbeeld"},
    "adres_gewijzigd": {"kanaal": "sms"},
    # Tuesday 30 March 2027, 10.00 to 12.00 in Amsterdam (summer time since that Sunday).
    "servicecall_herinnering": {
        "van": "2027-03-30T08:00:00+00:00",
        "tot": "2027-03-30T10:00:00+00:00",
        "belnummer": "088 - 898 92 94",
        "onderwerp": "uitkomst_onderzoek",  # the longer of the two subjects
    },
    # Wednesday 31 March 2027, 10.00 to 10.45 in Amsterdam.
    "spreekuur_herinnering": {
        "begin": "2027-03-31T08:00:00+00:00",
        "eind": "2027-03-31T08:45:00+00:00",
    },
    # The longest month name in most languages: the text must still fit its SMS.
    "kwartaalupdate": {"volgende_update_op": "2027-09-30"},
    "digest": {
        "vandaag_bellen": 3,
        "te_plannen": 2,
        "mislukt": 1,
        "inzage": 4,
        "terugbellen": 2,
        "terugbellen_te_laat": 1,
        "toezeggingen_te_laat": 2,
        "vragen": 3,
        "vragen_te_laat": 1,
    },
}
AFMELD_ZOUT = "afmelden-email"
# Codes and links asked for this minute, and work mail to staff: no unsubscribe link.
ZONDER_AFMELDEN = ("verificatiecode", "email_bevestigen", "digest", "begeleider_uitnodiging")


def afmeldtoken(burger_id: int) -> str:
    """A token for the one-click unsubscribe link; it does not expire, as RFC 8058 expects."""
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=AFMELD_ZOUT).dumps(burger_id)


def burger_van_afmeldtoken(token: str) -> int | None:
    try:
        waarde = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=AFMELD_ZOUT).loads(token)
    except Exception:  # any tampering: the link is simply not valid
        return None
    return waarde if isinstance(waarde, int) else None


def _basis_url() -> str:
    config = current_app.config
    if config.get("PUBLIEKE_URL"):
        return str(config["PUBLIEKE_URL"])
    return f"http://{config.get('SERVER_NAME') or '127.0.0.1:5000'}"


def _absoluut(endpoint: str, **waarden: str) -> str:
    # Built from PUBLIEKE_URL, never from the request or SERVER_NAME: a message is read
    # outside any request, and must point at the address people really use.
    basis = urlsplit(_basis_url())
    pad = url_for(endpoint, **waarden)  # type: ignore[arg-type]  # Flask types **values as its own flags
    return f"{basis.scheme}://{basis.netloc}{pad}"


def render(
    soort: str, kanaal: str, taal: str, gegevens: Mapping[str, Any], *, burger_id: int = 0
) -> tuple[str | None, str, str | None, dict[str, str]]:
    """(subject, text, html, extra headers) for one message, in language ``taal``."""
    if soort not in ONDERWERPEN:
        raise ValueError(f"unknown notification soort {soort!r}")
    context = {"gegevens": gegevens, "kanaal": kanaal}
    if kanaal == "sms":
        # No links in an SMS, so no request context to build them in: making one cost as much
        # as rendering the text.
        with force_locale(taal):
            tekst = render_template(f"notificaties/sms/{soort}.txt", **context).strip()
        return None, " ".join(tekst.split()), None, {}
    with current_app.test_request_context(base_url=_basis_url()), force_locale(taal):
        kopteksten: dict[str, str] = {}
        if soort not in ZONDER_AFMELDEN:
            afmelden = _absoluut("voorkeuren.afmelden", token=afmeldtoken(burger_id))
            context["afmelden"] = afmelden
            kopteksten = {
                "List-Unsubscribe": f"<{afmelden}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
        if soort == "email_bevestigen":
            context["bevestig_url"] = _absoluut(
                "voorkeuren.email_bevestigen", token=gegevens.get("token", "")
            )
        onderwerp = str(ONDERWERPEN[soort])
        context["onderwerp"] = onderwerp
        tekst = render_template(f"notificaties/email/{soort}.txt", **context).strip() + "\n"
        html = render_template(f"notificaties/email/{soort}.html", **context)
        return onderwerp, tekst, html, kopteksten


def uitgaand(notificatie: Notificatie, taal: str) -> Uitgaand:
    """The outbox row as a message ready for its channel."""
    onderwerp, tekst, html, kopteksten = render(
        notificatie.soort,
        notificatie.kanaal,
        taal,
        notificatie.gegevens or {},
        burger_id=notificatie.burger_id or 0,  # a casemanager's overview has no opt-out
    )
    return Uitgaand(
        notificatie_id=notificatie.id,
        kanaal=notificatie.kanaal,
        adres=notificatie.adres,
        tekst=tekst,
        onderwerp=onderwerp,
        html=html,
        kopteksten=kopteksten,
    )
