"""The words for a spreekuur's refusals and for a spreekuur planned against the person's
preference: shared by the casemanager's pages, the person's page and the API, so each says
the same thing about the same rule."""

from __future__ import annotations

from portal.kantoren import KANTOREN
from portal.models import Spreekuur, Spreekuurvoorkeur
from portal.services.afspraken import omschrijving
from portal.services.spreekuurregels import SpreekuurFout
from portal.vertalen import gettext as _


def _kantoornaam(code: str | None) -> str:
    kantoor = KANTOREN.get(code or "")
    return kantoor.naam if kantoor else (code or "")


def voorkeur_zin(voorkeur: Spreekuurvoorkeur) -> str:
    """The preference in one sentence, for staff and the back office."""
    if voorkeur.vorm == "telefonisch":
        return str(_("De klant wil liever gebeld worden."))
    if voorkeur.vorm == "video":
        return str(
            _(
                "De klant wil liever met video praten, op kantoor bij %(kantoor)s.",
                kantoor=_kantoornaam(voorkeur.kantoor),
            )
        )
    return str(
        _(
            "De klant wil liever op kantoor komen, bij %(kantoor)s.",
            kantoor=_kantoornaam(voorkeur.kantoor),
        )
    )


def spreekuur_melding(fout: SpreekuurFout) -> str:
    """The refusal in words; for the API with its field, for a casemanager beside the field."""
    if fout.reden == "tegen_voorkeur" and fout.voorkeur is not None:
        return " ".join(
            [voorkeur_zin(fout.voorkeur), _("Plan het zo, of schrijf op waarom het anders moet.")]
        )
    teksten = {
        "geen_tijdzone": _("Geef een tijd met tijdzone."),
        "in_verleden": _("Dit moment is al voorbij. Kies een moment dat nog moet komen."),
        "eind_voor_begin": _("De eindtijd moet later zijn dan de begintijd."),
        "niet_zelfde_dag": _("Begin en einde moeten op dezelfde dag zijn."),
        "weekend": _("Deze dag valt in het weekend. Kies een werkdag, maandag tot en met vrijdag."),
        "feestdag": _("Deze dag is een feestdag. Kies een andere werkdag."),
        "buiten_kantoortijd": _("Kies een tijd tussen 8.00 en 17.00 uur."),
        "onbekende_vorm": _("Kies fysiek, telefonisch of video."),
        "geen_kantoor": _("Kies een kantoor voor een spreekuur op kantoor."),
        "onbekend_kantoor": _("Dit kantoor kennen wij niet."),
        "onbekende_rol": _("Kies verzekeringsarts of arbeidsdeskundige."),
        "te_lange_tekst": _("Deze tekst is te lang."),
        "geen_nummer": _("Vul het nummer in waarop wij kunnen bellen."),
        "ongeldig_nummer": _("Dit nummer klopt niet."),
        "niet_gepland": _("Dit spreekuur is al afgezegd."),
        "overlapt": _(
            "Op dit moment is er al een afspraak: %(afspraak)s. Kies een ander moment.",
            afspraak=omschrijving(fout.afspraak) if fout.afspraak else "",
        ),
    }
    return str(teksten.get(fout.reden, _("Dit kan niet.")))


def tegen_voorkeur_zin(spreekuur: Spreekuur) -> str | None:
    """For the person: how we plan it, and how they would rather have it. None when the
    spreekuur follows their preference (then there is nothing to explain)."""
    if not spreekuur.tegen_voorkeur_reden:
        return None
    voorkeur = spreekuur.tegen_voorkeur
    if voorkeur is None:
        return str(_("Wij plannen dit gesprek anders dan u liever wilt."))
    zinnen = {
        ("telefonisch", "fysiek"): _(
            "Wij plannen dit gesprek telefonisch, hoewel u liever op kantoor komt."
        ),
        ("telefonisch", "video"): _(
            "Wij plannen dit gesprek telefonisch, hoewel u liever met video op kantoor praat."
        ),
        ("fysiek", "telefonisch"): _(
            "Wij plannen dit gesprek op kantoor, hoewel u liever gebeld wordt."
        ),
        ("fysiek", "video"): _(
            "Wij plannen dit gesprek op kantoor bij de arts, hoewel u liever met video praat."
        ),
        ("video", "telefonisch"): _(
            "Wij plannen dit gesprek met video op kantoor, hoewel u liever gebeld wordt."
        ),
        ("video", "fysiek"): _(
            "Wij plannen dit gesprek met video, hoewel u liever bij de arts op kantoor komt."
        ),
    }
    zin = zinnen.get((spreekuur.vorm, voorkeur.vorm))
    if zin is not None:
        return str(zin)
    return str(
        _(
            "Wij plannen dit gesprek bij %(gepland)s, hoewel u liever naar %(voorkeur)s komt.",
            gepland=_kantoornaam(spreekuur.kantoor),
            voorkeur=_kantoornaam(voorkeur.kantoor),
        )
    )
