"""Where a job's goods go or its work is installed: one of the customer's delivery addresses
(copied onto the job, so a later edit of the customer never rewrites an earlier delivery note)
or one typed for this job alone. None set: the customer's billing address."""

from __future__ import annotations

from dataclasses import dataclass

from ..db.engine import Database
from ..db.models import Job
from ..domain import validation as v
from ..domain.addresses import PostalAddress, clean_country
from ..domain.changes import Change, writes
from .common import get_or_fail, settings_row
from .customers import AddressView, postal_address, view


@dataclass(frozen=True)
class SiteAddressView:
    job_id: int
    job_number: str
    customer_id: int
    customer_name: str
    address: str  # "" = none of its own: the billing address applies
    country: str
    billing_address: str  # the customer's, shown as what applies when the job has none
    billing_country: str
    choices: tuple[AddressView, ...]  # the customer's delivery addresses


def _view(job: Job) -> SiteAddressView:
    customer = view(job.customer)
    return SiteAddressView(job.id, job.number, customer.id, customer.name, job.site_address, job.site_country,
                           customer.address, customer.country, customer.delivery_addresses)


def get_site_address(db: Database, job_id: int) -> SiteAddressView:
    with db.reader() as s:
        return _view(get_or_fail(s, Job, job_id, "job", "job"))


@writes(Change.JOBS)
def set_site_address(db: Database, job_id: int, address: str, country: str = "") -> SiteAddressView:
    """The job's site address (``""``: none, the billing address applies; a country alone is
    dropped, as it is no address)."""
    address = v.text("site_address", address, max_length=2000)
    country = clean_country("site_country", country)
    if country and not address:
        country = ""
    with db.session() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        job.site_address, job.site_country = address, country
        job.updated_at = db.now()
        s.flush()
        return _view(job)


@dataclass(frozen=True)
class JobAddresses:
    billing: PostalAddress  # the customer's
    delivery: PostalAddress  # the job's site address, else the billing address


def job_addresses(db: Database, job_id: int) -> JobAddresses:
    """The addresses a job's documents print (delivery note, invoice)."""
    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        locale = settings_row(s).locale
        billing = postal_address(job.customer, job.customer.address, job.customer.country, locale)
        if not job.site_address.strip():
            return JobAddresses(billing, billing)
        return JobAddresses(billing, postal_address(job.customer, job.site_address, job.site_country, locale))


__all__ = ["JobAddresses", "SiteAddressView", "get_site_address", "set_site_address", "job_addresses"]
