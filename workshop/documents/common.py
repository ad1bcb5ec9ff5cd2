"""What every printed document needs from the shop: the letterhead and the paper."""

from __future__ import annotations

from ..db.engine import Database
from ..printing.document import Letterhead, PageSetup
from ..services import settings


def letterhead_and_page(db: Database) -> tuple[Letterhead, PageSetup]:
    shop = settings.get_settings(db)
    contact = " · ".join(x for x in (shop.phone, shop.email) if x)
    letterhead = Letterhead(name=shop.company_name, address=shop.address, tax_number=shop.tax_number,
                            logo=settings.logo_bytes(db) if shop.has_logo else None, contact=contact)
    return letterhead, PageSetup(size=shop.page_size)
