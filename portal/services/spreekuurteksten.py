"""The words of the person's spreekuur forms (the preference and what they need), their
questions and the forms of a spreekuur: the forms and the receipt's copy say them alike.
The day parts and the needs are named in ``portal.services.spreekuurvoorkeur``, whose rules
use them."""

from __future__ import annotations

from portal.vertalen import lazy_gettext as _l

VORM_LABELS = {
    "fysiek": _l("Op kantoor, bij de arts"),
    "telefonisch": _l("Aan de telefoon"),
    "video": _l("Met video, op kantoor"),
}
VOORKEUR_VRAGEN = {
    "vorm": _l("Hoe wilt u het gesprek met de arts?"),
    "kantoor": _l("Op welk kantoor? (niet nodig als u kiest voor de telefoon)"),
    "dagdelen": _l("Wanneer komt het u het best uit?"),
    "toelichting": _l("Wilt u nog iets zeggen? (mag leeg blijven)"),
}
ONDERSTEUNING_VRAGEN = {
    "behoeften": _l("Wat heeft u nodig?"),
    "tolk_taal": _l("Welke taal spreekt de tolk? (alleen als u een tolk nodig heeft)"),
    "toelichting": _l("Wilt u nog iets zeggen? (mag leeg blijven)"),
}
