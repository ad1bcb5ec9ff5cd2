"""Property-based tests (hypothesis) of invoice totals: the net is the sum of the line nets, each
rate group's tax is its taxable amount × rate rounded half up once, gross = net + tax; a credit
note of the same lines negates every figure; each group's tax shared among its lines adds up to
the group's tax exactly (what the exports write per line)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.domain.invoicing import LineInput, TaxCategory, check_lines, invoice_totals
from workshop.domain.tax_rates import share_tax

FAST = settings(max_examples=300, deadline=None)

# (category, rate, exemption reason): standard and reduced carry tax; the others are 0%
GROUPS = [(TaxCategory.STANDARD, D("20"), ""), (TaxCategory.STANDARD, D("23"), ""),
          (TaxCategory.REDUCED, D("5"), ""), (TaxCategory.REDUCED, D("12.5"), ""),
          (TaxCategory.ZERO, D("0"), ""), (TaxCategory.EXEMPT, D("0"), "Exempt under Article 132")]


@st.composite
def lines(draw):
    group = draw(st.sampled_from(GROUPS))
    quantity = D(draw(st.integers(1, 100_000))).scaleb(-draw(st.integers(0, 3)))  # 0.001 … 100000
    price = D(draw(st.integers(0, 10_000_000))).scaleb(-draw(st.integers(0, 4)))  # fine unit prices too
    amount = quantity * price
    discount = D(0)
    if amount > 0 and draw(st.booleans()):
        discount = min(D(draw(st.integers(1, 100_000))).scaleb(-2), amount)
    return LineInput(description="Oak", quantity=quantity, unit="ea", unit_price=price, discount=discount,
                     category=group[0], rate=group[1], exemption_reason=group[2])


invoices = st.lists(lines(), min_size=1, max_size=12)


def cents_half_up(value: D) -> D:
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


@FAST
@given(invoices)
def test_totals_are_the_lines_added_and_taxed_once_per_group(drawn):
    check_lines(drawn)
    totals = invoice_totals(drawn)
    nets = [cents_half_up(line.quantity * line.unit_price - line.discount) for line in drawn]
    assert totals.net == sum(nets)
    by_group: dict[tuple, D] = {}
    for line, net in zip(drawn, nets):
        by_group[(line.category, line.rate)] = by_group.get((line.category, line.rate), D(0)) + net
    assert {(g.category, g.rate): g.taxable for g in totals.subtotals} == by_group
    for g in totals.subtotals:
        expected = cents_half_up(g.taxable * g.rate / 100) if g.category.charges_tax else D(0)
        assert g.tax == expected
    assert totals.tax == sum(g.tax for g in totals.subtotals)
    assert totals.gross == totals.net + totals.tax
    assert all(x == x.quantize(D("0.01")) for x in (totals.net, totals.tax, totals.gross))


@FAST
@given(invoices)
def test_a_credit_note_of_the_same_lines_negates_every_figure(drawn):
    credited = [LineInput(description=line.description, quantity=-line.quantity, unit=line.unit,
                          unit_price=line.unit_price, discount=D(0), category=line.category, rate=line.rate,
                          exemption_reason=line.exemption_reason) for line in drawn if not line.discount]
    if not credited:
        return
    check_lines(credited, credit_note=True)
    original = invoice_totals([line for line in drawn if not line.discount])
    mirror = invoice_totals(credited)
    assert (mirror.net, mirror.tax, mirror.gross) == (-original.net, -original.tax, -original.gross)
    assert [(g.taxable, g.tax) for g in mirror.subtotals] == [(-g.taxable, -g.tax) for g in original.subtotals]


@FAST
@given(invoices)
def test_each_groups_tax_shared_among_its_lines_adds_up_exactly(drawn):
    totals = invoice_totals(drawn)
    for g in totals.subtotals:
        nets = [cents_half_up(line.quantity * line.unit_price - line.discount) for line in drawn
                if (line.category, line.rate) == (g.category, g.rate)]
        if sum(nets) == 0:
            continue
        shares = share_tax(nets, g.tax)
        assert sum(shares) == g.tax
        assert all(share == share.quantize(D("0.01")) and share >= 0 for share in shares)
        # no share is more than a cent away from its exact proportion
        assert all(abs(share - g.tax * net / sum(nets)) < D("0.01") for share, net in zip(shares, nets))
