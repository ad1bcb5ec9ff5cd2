"""The EPC QR code ("GiroCode", EPC069-12): a euro credit transfer a banking app fills in by scanning.

    BCD / 002 / 1 (UTF-8) / SCT / BIC / name / IBAN / EUR amount / purpose / reference / text

made with ``segno.helpers.make_epc_qr`` (error level M, at most version 13, as the standard asks)
and drawn from its matrix as vector squares (:class:`barcodes.QrCode`). segno is imported when a
euro invoice first needs it.
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm

from .barcodes import QrCode

#: The standard's limits: the beneficiary's name, and the unstructured remittance text.
NAME_MAX, TEXT_MAX = 70, 140


def epc_qr(*, name: str, iban: str, bic: str, amount: Decimal, remittance: str, size: float = 30 * mm) -> QrCode:
    """A GiroCode for paying ``amount`` euros to ``name``'s account; ``remittance`` (the invoice number)
    comes back with the money so the payment can be matched. ValueError when the amount is
    outside 0.01 to 999,999,999.99 euros."""
    from segno.helpers import make_epc_qr

    code = make_epc_qr(name=" ".join(name.split())[:NAME_MAX], iban=iban, amount=amount,
                       text=remittance[:TEXT_MAX], bic=bic or None, encoding="utf-8")
    return QrCode(code.matrix, size)
