from datetime import date

import pytest

from portal import statussen


def test_every_transition_leads_to_a_status_of_the_same_group():
    for groep, tabel in statussen.STATUSSEN.items():
        for code, status in tabel.items():
            assert status.code == code
            for volgende in status.volgende:
                assert volgende in tabel, f"{groep}: {code} → {volgende} leads nowhere"


def test_every_status_can_be_reached_from_the_first_one():
    for groep, tabel in statussen.STATUSSEN.items():
        bereikt, te_doen = set(), [statussen.BEGINSTATUS[groep]]
        while te_doen:
            code = te_doen.pop()
            if code not in bereikt:
                bereikt.add(code)
                te_doen.extend(tabel[code].volgende)
        assert bereikt == set(tabel), f"{groep}: unreachable {set(tabel) - bereikt}"


def test_only_afgerond_is_a_dead_end():
    for tabel in statussen.STATUSSEN.values():
        doodlopend = {code for code, status in tabel.items() if not status.volgende}
        assert doodlopend == {"afgerond"}


@pytest.mark.parametrize(
    ("soort", "van", "naar"),
    [
        ("dagloon", "niet_geinformeerd", "nabetaling"),
        ("dagloon", "afgerond", "in_onderzoek"),
        ("dagloon", "in_onderzoek", "spreekuur_gepland"),
        ("ewt", "aanvraag_ontvangen", "beslissing"),
        ("dagloon", "bestaat_niet", "afgerond"),
        ("onbekend", "in_onderzoek", "afgerond"),
    ],
)
def test_illegal_transitions_are_refused(soort, van, naar):
    with pytest.raises(statussen.OngeldigeOvergang):
        statussen.controleer_overgang(soort, van, naar)


def test_bezwaar_is_possible_after_every_decision():
    for soort, besluiten in [
        ("dagloon", ["geen_wijziging", "dagloon_te_hoog", "dagloon_te_laag", "nabetaling"]),
        ("ewt", ["beslissing"]),
    ]:
        for besluit in besluiten:
            statussen.controleer_overgang(soort, besluit, "bezwaar")


def test_dagloon_te_hoog_says_plainly_that_nothing_is_reclaimed(app):
    with app.test_request_context():
        tekst = str(statussen.status("dagloon", "dagloon_te_hoog").betekenis)
    assert "niets terug te betalen" in tekst


def test_in_onderzoek_promises_an_update_three_months_on_even_at_month_end():
    assert statussen.standaard_volgende_datum(
        "dagloon", "in_onderzoek", date(2026, 11, 30)
    ) == date(2027, 2, 28)
    assert statussen.standaard_volgende_datum("dagloon", "afgerond", date(2026, 11, 30)) is None


def test_timeline_marks_the_current_step_and_hides_routes_not_taken():
    stappen = statussen.tijdlijn("dagloon", "in_onderzoek", ["niet_geinformeerd"])
    assert [s.toestand for s in stappen] == ["klaar", "nu", "straks", "straks", "straks", "straks"]
    assert "Geen fouten gevonden" not in [str(s.naam) for s in stappen]

    zonder_fouten = statussen.tijdlijn(
        "dagloon", "afgerond", ["niet_geinformeerd", "geen_aanwijzingen"]
    )
    assert [str(s.naam) for s in zonder_fouten] == [
        "Brief over het onderzoek",
        "Geen fouten gevonden",
        "Afgerond",
    ]
    assert all(s.toestand == "klaar" for s in zonder_fouten)

    te_hoog = statussen.tijdlijn(
        "dagloon", "dagloon_te_hoog", ["in_onderzoek", "onderzoek_afgerond"]
    )
    assert "Aanpassing en betaling" not in [str(s.naam) for s in te_hoog]
