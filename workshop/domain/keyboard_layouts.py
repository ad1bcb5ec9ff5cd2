"""What a keyboard-wedge scanner's key presses become under the PC's keyboard layout.

A scanner types a code as the key presses of a US keyboard (scan codes, i.e. physical keys); the
PC turns each key into a character through its own layout. Each layout below is written as the
characters its 47 printable keys give, unshifted and shifted, in the same key order as the US
strings, so position ``i`` of every string is the same physical key:

    row E: ` 1 2 3 4 5 6 7 8 9 0 - =      row D: q w e r t y u i o p [ ] \\
    row C: a s d f g h j k l ; '          row B: z x c v b n m , . /

Source of truth: Microsoft's Windows layouts KBDUS (en_US), KBDUK (en_GB), KBDGR (de_DE) and KBDFR
(fr_FR), as drawn in the Keyboard Layout Creator. The ISO key at scan code 0x2B (US ``\\``) is the
key beside Enter on UK, German and French keyboards.

Dead keys (German ``^`` on the US `````-key, ``´`` and ````` on the US ``=``-key; French ``^`` and
``¨`` on the US ``[``-key) print nothing until the next key. We map them to the accent a person
sees after pressing the key and then space: no code Workshop prints holds the US characters that
land on them (`````, ``=``, ``+``, ``[``, ``{``).
"""

from __future__ import annotations

# Key order of the strings below (see the module docstring).
_US_UNSHIFTED = "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./"
_US_SHIFTED = '~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:"ZXCVBNM<>?'

# A key that gives nothing in that shift state (French Shift+²): the character is swallowed.
_NOTHING = "\0"

_LAYOUT_KEYS: dict[str, tuple[str, str]] = {
    "en_US": (_US_UNSHIFTED, _US_SHIFTED),
    # UK: " and @ swap, £ on Shift+3, # ~ on the key beside Enter, ¬ on Shift+`.
    "en_GB": ("`1234567890-=qwertyuiop[]#asdfghjkl;'zxcvbnm,./",
              '¬!"£$%^&*()_+QWERTYUIOP{}~ASDFGHJKL:@ZXCVBNM<>?'),
    # German QWERTZ: y/z swap; ß ´ on the US - =; ü + on [ ]; ö ä on ; '; - on /.
    # Dead keys: ^ (US `), ´ (US =), ` (US +).
    "de_DE": ("^1234567890ß´qwertzuiopü+#asdfghjklöäyxcvbnm,.-",
              "°!\"§$%&/()=?`QWERTZUIOPÜ*'ASDFGHJKLÖÄYXCVBNM;:_"),
    # French AZERTY: the digits are on Shift; a/q and z/w swap; m sits on the US ; key, and
    # , ; : ! on the US m , . / keys. Dead keys: ^ (US [), ¨ (US {). Shift+² gives nothing.
    "fr_FR": ("²&é\"'(-è_çà)=azertyuiop^$*qsdfghjklmùwxcvbn,;:!",
              _NOTHING + "1234567890°+AZERTYUIOP¨£µQSDFGHJKLM%WXCVBN?./§"),
}

LAYOUT_NAMES: dict[str, str] = {
    "en_US": "US English (QWERTY)",
    "en_GB": "UK English (QWERTY)",
    "de_DE": "German (QWERTZ)",
    "fr_FR": "French (AZERTY)",
}


def _typed_table(unshifted: str, shifted: str) -> dict[str, str]:
    assert len(unshifted) == len(shifted) == len(_US_UNSHIFTED) == 47
    table = dict(zip(_US_UNSHIFTED + _US_SHIFTED, unshifted + shifted))
    return {us: ("" if got == _NOTHING else got) for us, got in table.items()}


#: For each layout, US character sent -> character the PC produces ("" = nothing arrives).
TYPED: dict[str, dict[str, str]] = {name: _typed_table(*keys) for name, keys in _LAYOUT_KEYS.items()}

#: For each layout, character produced -> the US character the scanner sent (each layout gives
#: every character from one key only, so this is exact).
UNTYPED: dict[str, dict[str, str]] = {
    name: {got: us for us, got in table.items() if got} for name, table in TYPED.items()
}


def translator(layout: str) -> dict[int, str]:
    """A ``str.translate`` table: US text -> what arrives under ``layout``."""
    return _TRANSLATE[_known(layout)]


def untranslator(layout: str) -> dict[int, str]:
    """A ``str.translate`` table: what arrived under ``layout`` -> the US text that was sent."""
    return _UNTRANSLATE[_known(layout)]


def _known(layout: str) -> str:
    if layout not in TYPED:
        raise ValueError(f"Unknown keyboard layout {layout!r}: known are {', '.join(TYPED)}")
    return layout


_TRANSLATE = {name: {ord(us): got for us, got in t.items() if us != got} for name, t in TYPED.items()}
_UNTRANSLATE = {name: {ord(got): us for got, us in t.items() if us != got} for name, t in UNTYPED.items()}
