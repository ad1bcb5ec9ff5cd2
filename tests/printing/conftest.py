"""Helpers for printing tests: read the text back out of a PDF, decode its barcodes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop.printing.document import PageSetup
from support.samples import SAMPLE_LETTERHEAD


@pytest.fixture
def letterhead():
    return SAMPLE_LETTERHEAD


@pytest.fixture
def a4():
    return PageSetup("A4")


def _pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def pages_text():
    """pdf bytes -> list of each page's text (pypdf)."""
    return _pages_text


@pytest.fixture
def pdf_text():
    """pdf bytes -> all text, whitespace runs collapsed to one space."""

    def text(pdf: bytes) -> str:
        return re.sub(r"\s+", " ", "\n".join(_pages_text(pdf)))

    return text


@pytest.fixture
def decode_barcodes(tmp_path: Path):
    """pdf bytes -> list of (symbology, payload) per page, rendered at 150 dpi and read by zbarimg.

    Skipped only when the zbarimg binary is missing.
    """
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg or pdftoppm is not installed")

    def decode(pdf: bytes) -> list[list[tuple[str, str]]]:
        source = tmp_path / "doc.pdf"
        source.write_bytes(pdf)
        for old in tmp_path.glob("page-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(source), str(tmp_path / "page")], check=True)
        pages = []
        for image in sorted(tmp_path.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1])):
            # zbarimg exits 4 when a page has no barcode at all.
            result = subprocess.run(["zbarimg", "-q", str(image)], capture_output=True, text=True)
            found = []
            for line in result.stdout.splitlines():
                symbology, _, payload = line.partition(":")
                found.append((symbology, payload))
            pages.append(found)
        return pages

    return decode
