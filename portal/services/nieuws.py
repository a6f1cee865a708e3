"""The texts of the messages about letters, money, objections and answered questions:
written out when read, in the person's language, from the facts the message keeps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import format_currency, format_date

from portal.models import Bericht
from portal.services import ontvangsttekst
from portal.services.berichttekst import BerichtTekst
from portal.vertalen import gettext as _

SOORTEN = ("brief", "betaling", "zaak", "vraag", "ontvangst", "taak")


def bedrag(waarde: Decimal | str) -> str:
    return str(format_currency(Decimal(waarde), "EUR"))


def _taak(bericht: Bericht) -> BerichtTekst:
    """A task asked (again), accepted or withdrawn: the title as the casemanager wrote it,
    the deadline, and (as the toelichting) what to send or why it is asked again."""
    gegevens = bericht.gegevens
    titel = gegevens["titel"]
    datum = format_date(date.fromisoformat(gegevens["uiterlijk"]), "long")
    gebeurtenis = gegevens["gebeurtenis"]
    waar = _("Op Mijn dossier staat wat u moet doen. Daar kunt u ook uw bestanden sturen.")
    if gebeurtenis == "geaccepteerd":
        return BerichtTekst(
            _("U hoeft niets meer te sturen"),
            [_("Wij hebben wat wij nodig hadden voor: %(titel)s.", titel=titel), _("Dank u wel.")],
            None,
        )
    if gebeurtenis == "ingetrokken":
        return BerichtTekst(
            _("U hoeft niets meer te sturen"),
            [_("Wij hebben dit niet meer nodig: %(titel)s. U hoeft niets te doen.", titel=titel)],
            None,
        )
    if gebeurtenis == "opnieuw":
        return BerichtTekst(
            _("Wij vragen u opnieuw iets te sturen"),
            [
                _("Wij hebben nog niet genoeg voor: %(titel)s.", titel=titel),
                _("Stuur het uiterlijk %(datum)s.", datum=datum),
                waar,
                _("Hieronder leest u waarom wij het opnieuw vragen."),
            ],
            bericht.toelichting,
        )
    return BerichtTekst(
        _("Wij vragen u iets te sturen"),
        [
            _("Uw casemanager vraagt u om: %(titel)s.", titel=titel),
            _("Stuur het uiterlijk %(datum)s.", datum=datum),
            waar,
            _(
                "Heeft u het niet, of lukt het niet? Laat het ons weten. Dan zoeken wij samen "
                "een oplossing."
            ),
        ],
        bericht.toelichting,
    )


def tekst(bericht: Bericht) -> BerichtTekst:
    gegevens = bericht.gegevens
    if bericht.soort == "ontvangst":
        return ontvangsttekst.tekst(gegevens)
    if bericht.soort == "taak":
        return _taak(bericht)
    datum = format_date(date.fromisoformat(gegevens["datum"]), "long")
    if bericht.soort == "brief":
        alineas = [
            _("Er staat een nieuwe brief van %(datum)s voor u klaar in Mijn brieven.", datum=datum)
        ]
        if gegevens.get("soort") == "besluit":
            alineas.append(
                _(
                    "In deze brief staat een besluit. Bent u het er niet mee eens? Dan kunt u "
                    "bezwaar maken. In Mijn brieven ziet u tot wanneer dat kan."
                )
            )
        return BerichtTekst(_("Er staat een brief voor u klaar"), alineas, gegevens.get("titel"))
    if bericht.soort == "vraag":
        # The answer itself is the message's toelichting: "Toelichting van uw casemanager".
        alinea = (
            _("Uw casemanager heeft u gebeld over uw vraag. Hieronder staat wat is besproken.")
            if gegevens.get("gebeld")
            else _("Uw casemanager heeft uw vraag beantwoord. Het antwoord staat hieronder.")
        )
        return BerichtTekst(
            _("Er is antwoord op uw vraag"),
            [alinea, _("Bij Uw vragen ziet u ook uw vraag zelf.")],
            bericht.toelichting,
        )
    if bericht.soort == "betaling":
        totaal = bedrag(gegevens["totaal"])
        if gegevens["gebeurtenis"] == "betaald":
            return BerichtTekst(
                _("Wij hebben u %(bedrag)s betaald", bedrag=totaal),
                [
                    _(
                        "Wij hebben %(bedrag)s naar u overgemaakt op %(datum)s.",
                        bedrag=totaal,
                        datum=datum,
                    ),
                    _("Het kan een paar dagen duren voor het geld op uw rekening staat."),
                ],
                None,
            )
        return BerichtTekst(
            _("U krijgt %(bedrag)s van ons", bedrag=totaal),
            [
                _(
                    "U krijgt %(bedrag)s terug. Wij betalen uiterlijk %(datum)s.",
                    bedrag=totaal,
                    datum=datum,
                ),
                _("Op de pagina Uw geld ziet u hoe wij dit bedrag hebben berekend."),
                _("Daar leest u ook wat dit betekent voor uw toeslagen en uw belasting."),
            ],
            None,
        )
    # An objection or complaint.
    klacht = gegevens.get("soort") == "klacht"
    gebeurtenis = gegevens["gebeurtenis"]
    if gebeurtenis == "beslist":
        return BerichtTekst(
            _("Wij hebben uw klacht behandeld")
            if klacht
            else _("Wij hebben beslist op uw bezwaar"),
            [
                _("U krijgt of kreeg hierover een brief. Die staat ook in Mijn brieven."),
                _(
                    "Bent u het niet eens met de beslissing op uw bezwaar? Dan kunt u in beroep "
                    "gaan bij de rechter. Hoe dat gaat, staat in de brief."
                )
                if not klacht
                else _(
                    "Bent u niet tevreden over hoe wij uw klacht behandelden? Dan kunt u naar "
                    "de Nationale ombudsman."
                ),
            ],
            None,
        )
    return BerichtTekst(
        _("Wij hebben uw klacht ontvangen") if klacht else _("Wij hebben uw bezwaar ontvangen"),
        [
            _("Wij antwoorden uiterlijk %(datum)s. Zo staat het in de wet.", datum=datum)
            if klacht
            else _("Wij beslissen uiterlijk %(datum)s. Zo staat het in de wet.", datum=datum),
            _("Op de pagina Bezwaar en klacht ziet u hoe het ervoor staat."),
        ],
        None,
    )
