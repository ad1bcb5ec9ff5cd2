"""The account a customer pays into: IBAN and BIC, checked with ``schwifty``.

Both are stored compact and upper-case (``GB33BUKB20201555555555``) and printed grouped in fours
(``GB33 BUKB 2020 1555 5555 55``). A bad one is refused saying what is wrong in plain words.
schwifty is imported when first needed: it reads its bank registry (about 65 ms).
"""

from __future__ import annotations

import re

from .addresses import country_name
from .errors import ValidationError

_SPACES = re.compile(r"\s+")
_LETTERS_AND_DIGITS = re.compile(r"[A-Z0-9]*")


def _compact(value: object, field: str, words: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, f"The {words} must be text.")
    code = _SPACES.sub("", value).upper()
    if not _LETTERS_AND_DIGITS.fullmatch(code):
        bad = next(ch for ch in code if not ("A" <= ch <= "Z" or "0" <= ch <= "9"))
        raise ValidationError(field, f"The {words} holds only letters A–Z and digits, not “{bad}”.")
    return code


def clean_iban(field: str, value: object) -> str:
    """The IBAN compact and upper-case, or ``""`` for none; refused with the reason in plain words."""
    from schwifty import IBAN
    from schwifty.exceptions import InvalidChecksumDigits, InvalidCountryCode, InvalidLength, SchwiftyException

    code = _compact(value, field, "IBAN")
    if not code:
        return ""
    if len(code) < 5:
        raise ValidationError(field, "An IBAN is longer: the country code, two check digits, then the account.")
    try:
        return IBAN(code).compact
    except InvalidCountryCode:
        raise ValidationError(field, f"An IBAN begins with the bank's country code (like GB or DE); no country "
                                     f"“{code[:2]}” uses IBANs.") from None
    except InvalidLength:
        length = IBAN(code, allow_invalid=True).spec.iban_length
        raise ValidationError(field, f"A {country_name(code[:2])} IBAN has {length} characters; this one has "
                                     f"{len(code)}: look for a missing or extra character.") from None
    except InvalidChecksumDigits:
        raise ValidationError(field, "The IBAN's check digits do not match: look for a mistyped character.") from None
    except SchwiftyException:  # the account part is not laid out as that country's are
        raise ValidationError(field, f"This is not how a {country_name(code[:2])} IBAN is written: look for a "
                                     f"mistyped character.") from None


def clean_bic(field: str, value: object) -> str:
    """The BIC (SWIFT code) compact and upper-case, or ``""`` for none."""
    from schwifty import BIC
    from schwifty.exceptions import InvalidCountryCode, InvalidLength, SchwiftyException

    code = _compact(value, field, "BIC")
    if not code:
        return ""
    try:
        return BIC(code).compact
    except InvalidLength:
        raise ValidationError(field, f"A BIC has 8 or 11 characters (like BUKBGB22); this one has {len(code)}.") \
            from None
    except InvalidCountryCode:
        raise ValidationError(field, f"Characters 5 and 6 of a BIC are the bank's country (like GB in BUKBGB22); "
                                     f"“{code[4:6]}” is not a country.") from None
    except SchwiftyException:
        raise ValidationError(field, "A BIC is the bank's four letters, its country's two, then two or five letters "
                                     "or digits (like BUKBGB22).") from None


def check_bic_matches_iban(iban: str, bic: str, field: str = "bic") -> None:
    """A BIC of a bank in another country than the IBAN's is refused (both compact, either may be "")."""
    if iban and bic and iban[:2] != bic[4:6]:
        raise ValidationError(field, f"The BIC {bic} is of a bank in {country_name(bic[4:6])}, but the IBAN is "
                                     f"of an account in {country_name(iban[:2])}.")


def grouped(code: str) -> str:
    """``GB33BUKB20201555555555`` → ``GB33 BUKB 2020 1555 5555 55``: as people read and type it."""
    return " ".join(code[i:i + 4] for i in range(0, len(code), 4))
