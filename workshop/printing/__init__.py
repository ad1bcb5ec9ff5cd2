"""Printed documents: plain frozen data in, PDF bytes out. No Qt, no database.

Importing this package is cheap; ReportLab is loaded by the document modules themselves
(``workshop.printing.job_card`` …) when the first document is printed.
"""

from __future__ import annotations


class Cancelled(Exception):
    """Raised by batch printing when the caller's ``is_cancelled()`` returned True."""
