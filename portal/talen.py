"""The languages of the portal: each with its own name (as its speakers write it) and direction."""

from __future__ import annotations

# Order: Dutch first, then the languages most WIA clients who read Dutch with difficulty use.
TALEN: dict[str, tuple[str, str]] = {
    "nl": ("Nederlands", "ltr"),
    "en": ("English", "ltr"),
    "tr": ("Türkçe", "ltr"),
    "ar": ("العربية", "rtl"),
    "pl": ("Polski", "ltr"),
    "uk": ("Українська", "ltr"),
}


def richting(taal: str) -> str:
    return TALEN.get(taal, ("", "ltr"))[1]


# One SMS holds 160 GSM-7 characters. Turkish, Arabic, Polish and Ukrainian letters are not
# in GSM-7, so those texts go as UCS-2: 70 characters in one part, 67 per part when split.
# Their texts may take two parts (134 characters); Dutch and English must fit one.
SMS_GSM7 = ("nl", "en")
SMS_MAX_UCS2 = 2 * 67


def sms_max(taal: str) -> int:
    return 160 if taal in SMS_GSM7 else SMS_MAX_UCS2
