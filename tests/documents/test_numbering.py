import datetime

import pytest
from django.db import transaction

from documents.models import NumberingRule, NumberSequence
from documents.numbering import format_number, take_next_number


def test_pattern_fills_sequence_and_year():
    assert format_number("005/{seq}/DPMPD-II/{year}", seq=123, year=2018) == "005/123/DPMPD-II/2018"


@pytest.mark.django_db
def test_numbers_follow_the_issuers_rule_one_after_another():
    NumberingRule.objects.create(kind="notula", issuer_key="DPMPD", pattern="400.10.2.2/{seq}/DPMPD-II")
    with transaction.atomic():
        first = take_next_number(kind="notula", issuer_key="DPMPD")
        second = take_next_number(kind="notula", issuer_key="DPMPD")
    assert (first, second) == (("400.10.2.2/1/DPMPD-II", False), ("400.10.2.2/2/DPMPD-II", False))


@pytest.mark.django_db
def test_without_a_rule_the_number_is_sequence_and_year():
    with transaction.atomic():
        number, _by_hand = take_next_number(kind="notula", issuer_key="X", today=datetime.date(2026, 3, 1))
    assert number == "1/2026"


@pytest.mark.django_db
def test_each_year_starts_again_at_one():
    with transaction.atomic():
        take_next_number(kind="notula", issuer_key="X", today=datetime.date(2026, 12, 31))
        take_next_number(kind="notula", issuer_key="X", today=datetime.date(2026, 12, 31))
        number, _by_hand = take_next_number(kind="notula", issuer_key="X", today=datetime.date(2027, 1, 1))
    assert number == "1/2027"


@pytest.mark.django_db
def test_issuers_and_kinds_have_their_own_sequences():
    with transaction.atomic():
        take_next_number(kind="notula", issuer_key="A")
        other_issuer, _ = take_next_number(kind="notula", issuer_key="B")
        other_kind, _ = take_next_number(kind="berita_acara", issuer_key="A")
    assert other_issuer.startswith("1/") and other_kind.startswith("1/")


@pytest.mark.django_db
def test_blank_number_mode_leaves_a_gap_and_takes_no_number():
    NumberingRule.objects.create(
        kind="notula", issuer_key="DPMPD", pattern="400.10.2.2/{seq}/DPMPD-II", blank_number=True
    )
    with transaction.atomic():
        number, by_hand = take_next_number(kind="notula", issuer_key="DPMPD")
    assert (number, by_hand) == ("400.10.2.2/      /DPMPD-II", True)
    assert not NumberSequence.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_taking_a_number_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        take_next_number(kind="notula", issuer_key="DPMPD")


@pytest.mark.django_db
def test_a_rolled_back_issue_gives_its_number_back(issue):
    def broken_render(number, code, verify_url):
        raise RuntimeError("printer on fire")

    with pytest.raises(RuntimeError):
        issue(render=broken_render)
    document = issue()
    assert document.number.startswith("1/")
