"""PDF/A-3b with an e-invoice attached: the Factur-X / ZUGFeRD hybrid invoice. Bytes in, bytes out.

ReportLab does not make a PDF/A by itself, and the ``factur-x`` library only attaches the XML:
it writes ``factur-x.xml`` as an embedded file with ``/AFRelationship /Data`` (what the EN 16931
profile expects), lists it in the catalogue's ``/AF`` and writes the XMP metadata (``pdfaid``
part 3, conformance B, and the Factur-X extension schema). What PDF/A still needs is done here:

- every font embedded: our documents print in DejaVu Sans only (``fonts.py``, ``document.py``);
- an output intent: ``/OutputIntents`` with the sRGB ICC profile (Pillow's built-in one), since
  the pages paint in DeviceRGB;
- the document information dictionary saying what the XMP says (producer and dates), as a
  validator compares them.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from functools import lru_cache

from lxml import etree

# factur-x logs what it does (and warns about what it cannot check without a Saxon server): that is
# not for the user's console. Our own checks (XSD, EN 16931 rules) run before it is called.
_FACTURX_LOG = logging.getLogger("factur-x")
_FACTURX_LOG.addHandler(logging.NullHandler())
_FACTURX_LOG.propagate = False

SRGB = "sRGB IEC61966-2.1"
_XMP = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "pdf": "http://ns.adobe.com/pdf/1.3/", "xmp": "http://ns.adobe.com/xap/1.0/"}


@lru_cache(maxsize=1)
def srgb_icc_profile() -> bytes:
    """An sRGB ICC profile (Little CMS's, through Pillow), for the output intent."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def facturx_pdf_a3(pdf: bytes, xml: bytes, *, title: str, author: str, subject: str, lang: str = "") -> bytes:
    """``pdf`` (fonts embedded, as our printing makes them) as a PDF/A-3b carrying ``xml``, a CII
    invoice of the EN 16931 profile, as ``factur-x.xml``. ``title``, ``author`` and ``subject``
    go into the metadata; ``lang`` (``en-GB``) says the document's language."""
    from facturx import generate_from_binary

    hybrid = generate_from_binary(pdf, xml, flavor="factur-x", level="en16931", check_xsd=False,
                                  pdf_metadata={"title": title, "author": author, "subject": subject},
                                  lang=lang or None, afrelationship="data",
                                  xmp_compression=False)  # a PDF/A's metadata stream is plain text, never filtered
    return _with_output_intent(hybrid)


def _with_output_intent(pdf: bytes) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject
    from pypdf.generic import TextStringObject

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.pdf_header = b"%PDF-1.7"  # PDF/A-3 is built on PDF 1.7 (associated files)
    profile = DecodedStreamObject()
    profile.set_data(srgb_icc_profile())
    profile[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFA1"),
        NameObject("/OutputConditionIdentifier"): TextStringObject(SRGB),
        NameObject("/Info"): TextStringObject(SRGB),
        # pypdf has no public call that makes an indirect object (factur-x uses this one too); a
        # profile stream must be indirect.
        NameObject("/DestOutputProfile"): writer._add_object(profile.flate_encode()),
    })
    writer.root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    _info_as_xmp(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _info_as_xmp(writer) -> None:
    """Make the information dictionary agree with the XMP: its producer and dates, and no
    keywords or trapping flag (the XMP states neither)."""
    xmp = etree.fromstring(writer.root_object["/Metadata"].get_object().get_data())
    info = {key: value for key, value in (writer.metadata or {}).items() if key not in ("/Keywords", "/Trapped")}
    producer = xmp.findtext(".//pdf:Producer", namespaces=_XMP)
    if producer:
        info["/Producer"] = producer
    for key, tag in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        stamp = xmp.findtext(f".//{tag}", namespaces=_XMP)
        if stamp:
            info[key] = _pdf_date(stamp)
    writer.metadata = info


def _pdf_date(xmp_date: str) -> str:
    """``2026-03-10T09:30:00+00:00`` → ``D:20260310093000+00'00'``."""
    moment = dt.datetime.fromisoformat(xmp_date)
    offset = moment.strftime("%z") or "+0000"
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{offset[:3]}'{offset[3:]}'"


__all__ = ["SRGB", "facturx_pdf_a3", "srgb_icc_profile"]
