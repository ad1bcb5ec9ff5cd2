"""The shop's IBAN and BIC in Company settings: stored compact, a bad one refused in plain words,
nothing saved; an issued invoice keeps the account it was issued with."""

from __future__ import annotations

import pytest

from support.invoicing import error, issued_manual, with_billing_address
from workshop.domain.bank_account import grouped
from workshop.services import invoice_views, settings

# The IBAN of the standard's own example: check digits 33 (98 − (BUKB…GB00 mod 97)).
GOOD = "GB33 BUKB 2020 1555 5555 55"
COMPACT = "GB33BUKB20201555555555"


def test_an_iban_typed_with_spaces_and_in_lower_case_is_stored_compact(db):
    view = settings.update_settings(db, iban="  gb33 bukb 2020 1555 5555 55 ", bic="bukb gb22")
    assert (view.iban, view.bic) == (COMPACT, "BUKBGB22")
    assert (settings.get_settings(db).iban, settings.get_settings(db).bic) == (COMPACT, "BUKBGB22")
    assert grouped(view.iban) == GOOD


def test_both_may_be_left_empty(db):
    settings.update_settings(db, iban=GOOD, bic="BUKBGB22")
    view = settings.update_settings(db, iban="", bic="  ")
    assert (view.iban, view.bic) == ("", "")


@pytest.mark.parametrize("iban, words", [
    ("GB34 BUKB 2020 1555 5555 55", "The IBAN's check digits do not match: look for a mistyped character."),
    ("GB33 BUKB 2020 1555 5555 5", "A United Kingdom IBAN has 22 characters; this one has 21"),
    ("XX33 BUKB 2020 1555 5555 55", "no country “XX” uses IBANs"),
    ("GB33 BUKB 2020 1555 5555 5!", "only letters A–Z and digits, not “!”"),
    ("Łódź", "only letters A–Z and digits, not “Ł”"),
    ("GB33 1234 2020 1555 5555 55", "This is not how a United Kingdom IBAN is written"),  # GB: 4 letters first
    ("GB3", "An IBAN is longer"),
])
def test_a_bad_iban_is_refused_saying_what_is_wrong_and_nothing_is_saved(db, iban, words):
    settings.update_settings(db, iban=GOOD)
    failure = error(settings.update_settings, db, iban=iban, payment_terms_days="14")
    assert failure.field == "iban" and words in str(failure)
    assert settings.get_settings(db).iban == COMPACT
    assert settings.get_settings(db).payment_terms_days == 30  # nothing saved half-way


@pytest.mark.parametrize("bic, words", [
    ("BUKB", "A BIC has 8 or 11 characters (like BUKBGB22); this one has 4."),
    ("BUKBXX22", "“XX” is not a country"),
    ("BUKB-GB22", "only letters A–Z and digits, not “-”"),
])
def test_a_bad_bic_is_refused(db, bic, words):
    failure = error(settings.update_settings, db, bic=bic)
    assert failure.field == "bic" and words in str(failure)
    assert settings.get_settings(db).bic == ""


def test_a_bic_of_another_country_than_the_iban_is_refused(db):
    failure = error(settings.update_settings, db, iban=GOOD, bic="DEUTDEFF")
    assert failure.field == "bic"
    assert str(failure).endswith("The BIC DEUTDEFF is of a bank in Germany, but the IBAN is of an account in "
                                 "United Kingdom.")
    assert settings.get_settings(db).iban == ""  # neither saved
    settings.update_settings(db, iban=GOOD, bic="BUKBGB22")
    # Changed alone, each is checked against the other as stored.
    assert error(settings.update_settings, db, bic="DEUTDEFF").field == "bic"
    assert error(settings.update_settings, db, iban="DE89 3704 0044 0532 0130 00").field == "iban"
    assert settings.update_settings(db, iban="DE89 3704 0044 0532 0130 00", bic="COBADEFFXXX").bic == "COBADEFFXXX"


def test_an_issued_invoice_keeps_the_account_it_was_issued_with(db, shop):
    billed = with_billing_address(db, shop)
    settings.update_settings(db, iban=GOOD, bic="BUKBGB22")
    invoice = issued_manual(db, billed)
    settings.update_settings(db, iban="DE89 3704 0044 0532 0130 00", bic="COBADEFFXXX")
    view = invoice_views.get_invoice(db, invoice.id)
    assert (view.seller_iban, view.seller_bic) == (COMPACT, "BUKBGB22")
