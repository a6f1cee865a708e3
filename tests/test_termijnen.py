"""The law's terms, on dates worked out by hand from the articles (see portal/termijnen.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from portal import termijnen


@pytest.mark.parametrize(
    ("besluit", "laatste_dag"),
    [
        # Six weeks from the day after: a letter of Monday 1 March 2027 → Monday 12 April.
        (date(2027, 3, 1), date(2027, 4, 12)),
        # Ends on Saturday 9 January 2027: moved to Monday 11 January (Atw art. 1).
        (date(2026, 11, 28), date(2027, 1, 11)),
        # Ends on Easter Monday 29 March 2027: moved to Tuesday 30 March.
        (date(2027, 2, 15), date(2027, 3, 30)),
        # Ends on 5 May 2027, a Wednesday: Liberation Day counts every year under the Atw,
        # and 6 May is Ascension Day: Friday 7 May.
        (date(2027, 3, 24), date(2027, 5, 7)),
    ],
)
def test_the_objection_period_is_six_weeks_from_the_day_after_the_letter(besluit, laatste_dag):
    assert termijnen.bezwaar_tot(besluit) == laatste_dag


def test_kings_day_on_a_sunday_is_celebrated_the_day_before():
    assert date(2025, 4, 26) in termijnen.feestdagen_atw(2025)  # 27 April 2025 was a Sunday
    assert date(2025, 4, 27) not in termijnen.feestdagen_atw(2025)
    assert date(2027, 4, 27) in termijnen.feestdagen_atw(2027)


def test_good_friday_is_not_a_holiday_of_the_algemene_termijnenwet():
    assert date(2027, 3, 26) not in termijnen.feestdagen_atw(2027)
    assert termijnen.atw(date(2027, 3, 26)) == date(2027, 3, 26)


def test_the_decision_on_an_objection_counts_from_the_end_of_the_objection_period():
    besluit = date(2027, 3, 1)  # objection period ends 12 April
    assert termijnen.beslissen_op_bezwaar_tot(besluit, adviescommissie=False) == date(2027, 5, 24)
    assert termijnen.beslissen_op_bezwaar_tot(besluit, adviescommissie=True) == date(2027, 7, 5)
    # The one extension adds six weeks.
    assert termijnen.beslissen_op_bezwaar_tot(
        besluit, adviescommissie=False, verdaagd=True
    ) == date(2027, 7, 5)


def test_a_complaint_is_answered_within_six_weeks_extendable_by_four():
    assert termijnen.klacht_afhandelen_tot(date(2027, 3, 1), commissie=False) == date(2027, 4, 12)
    assert termijnen.klacht_afhandelen_tot(
        date(2027, 3, 1), commissie=False, verdaagd=True
    ) == date(2027, 5, 10)
    assert termijnen.klacht_afhandelen_tot(date(2027, 3, 1), commissie=True) == date(2027, 5, 10)


@pytest.mark.parametrize(
    ("dagen", "bedrag"),
    [(0, 0), (1, 23), (14, 322), (15, 357), (28, 812), (29, 857), (42, 1442), (365, 1442)],
)
def test_the_penalty_follows_the_three_steps_of_awb_4_17_up_to_its_maximum(dagen, bedrag):
    assert termijnen.dwangsom_na(dagen) == Decimal(bedrag)


def test_the_penalty_maximum_is_the_law_s_1442_euros_after_42_days():
    assert (Decimal(1442), 42) == (termijnen.DWANGSOM_MAXIMUM, termijnen.DWANGSOM_MAX_DAGEN)


def test_the_penalty_runs_from_two_weeks_after_the_notice_was_received():
    assert termijnen.dwangsom_vanaf(date(2027, 6, 1)) == date(2027, 6, 16)
