"""Done when: `workshop print invoice … --facturx` from the demo shop gives a PDF whose XML passes
the EN 16931 rules: ours (BR-CO arithmetic and mandatory fields) and the official schematron, for
every invoice and credit note the demo issued. The demo is built once for this module."""

from __future__ import annotations

import facturx
import pytest

from support.en16931 import en16931_schematron
from test_demo_and_cli import demo_db  # noqa: F401  (the module's demo shop)
from workshop.cli import main
from workshop.db.engine import open_database
from workshop.documents.facturx import facturx_pdf
from workshop.domain.einvoice_rules import br_co_breaches
from workshop.exports.cii import facts_from_cii
from workshop.services import invoice_views


@pytest.fixture(scope="module")
def shop(demo_db):  # noqa: F811
    database = open_database(demo_db, create=False)
    yield database
    database.close()


def test_the_command_prints_a_demo_final_invoice_as_an_e_invoice(demo_db, shop, tmp_path):  # noqa: F811
    final = next(row for row in invoice_views.list_invoices(shop, limit=500) if row.kind == "final")
    out = tmp_path / "final.pdf"
    assert main(["print", "invoice", final.number, "--facturx", "-o", str(out), "--db", str(demo_db)]) == 0
    name, xml = facturx.get_facturx_xml_from_pdf(out.read_bytes(), check_xsd=True)
    facts = facts_from_cii(xml)
    assert name == "factur-x.xml" and facts.number == final.number and facts.total_with_tax == final.gross
    assert br_co_breaches(facts) == []


def test_every_demo_e_invoice_passes_the_en16931_rules(shop):
    issued = [row for row in invoice_views.list_invoices(shop, limit=500) if row.number]
    assert len(issued) >= 20 and any(row.number.startswith("CN-") for row in issued)
    with en16931_schematron() as failed_rules:
        broken = {}
        for row in issued:
            _, xml = facturx.get_facturx_xml_from_pdf(facturx_pdf(shop, row.id), check_xsd=True)
            rules = [b.rule for b in br_co_breaches(facts_from_cii(xml))] + failed_rules(xml)
            if rules:
                broken[row.number] = rules
    assert broken == {}
