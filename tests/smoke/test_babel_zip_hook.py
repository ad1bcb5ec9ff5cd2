"""The bundle's Babel runtime hook (scripts/babel_zip_hook.py, listed in build.spec): with the locale
folder gone and only the zip beside the frozen program, Babel still reads and writes the shop's figures.
The whole bundle is checked by scripts/smoke."""

import datetime
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import babel
import babel.localedata as localedata
from babel.dates import format_date
from babel.numbers import format_currency, parse_decimal

HOOK = Path(__file__).resolve().parents[2] / "scripts" / "babel_zip_hook.py"
ZIPPED = ["root", "de", "de_DE", "pl", "pl_PL", "fr", "fr_FR"]


def test_babel_reads_its_locales_from_the_zip(tmp_path, monkeypatch):
    folder = Path(babel.__file__).parent / "locale-data"
    (tmp_path / "babel").mkdir()
    with zipfile.ZipFile(tmp_path / "babel" / "locale-data.zip", "w", zipfile.ZIP_LZMA) as archive:
        for name in ZIPPED:
            archive.write(folder / f"{name}.dat", f"{name}.dat")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(localedata, "_dirname", str(tmp_path / "no-such-folder"))
    monkeypatch.setattr(localedata, "_cache", {})
    for name in ("open", "exists", "locale_identifiers"):  # put back when the test ends
        monkeypatch.setattr(localedata, name, getattr(localedata, name, None), raising=False)

    exec(compile(HOOK.read_text(encoding="utf-8"), str(HOOK), "exec"), {"__name__": "babel_zip_hook"})

    assert sorted(localedata.locale_identifiers()) == ["de", "de_DE", "fr", "fr_FR", "pl", "pl_PL"]
    assert localedata.exists("de_DE") and not localedata.exists("en_GB")  # en_GB is not in this zip
    assert parse_decimal("1.234,56", locale="de_DE", strict=True) == Decimal("1234.56")
    assert format_currency(Decimal("1234.50"), "PLN", locale="pl_PL") == "1\xa0234,50\xa0zł"
    assert format_date(datetime.date(2027, 1, 15), "medium", locale="fr_FR") == "15 janv. 2027"
    # Formatting may use Locale objects earlier tests loaded; loading afresh must come from the zip.
    assert all(localedata.load(name)["number_symbols"] for name in ("de_DE", "pl_PL", "fr_FR"))
    assert set(localedata._cache) == {"root", "de", "de_DE", "pl", "pl_PL", "fr", "fr_FR"}
