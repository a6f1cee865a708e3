"""Files people and the back office send: what a file is, judged by its content (never by
its name or the content type sent with it), and where it is kept: outside static/, under
its sha256, so the same content is stored once. Inzage documents, letters and the files
for a task share this."""

from __future__ import annotations

import hashlib
import io
import os
import re
import uuid
import zlib
from pathlib import Path

from pypdf import PdfReader
from werkzeug.utils import secure_filename

PDF_KOP = re.compile(rb"^%PDF-[12]\.\d")
JPEG_KOP = b"\xff\xd8\xff"
PNG_KOP = b"\x89PNG\r\n\x1a\n"
# The name endings each kind of file may have; a name with another ending is a disguise.
EINDES = {"pdf": (".pdf",), "jpeg": (".jpg", ".jpeg", ".jfif"), "png": (".png",)}
# Start-of-frame markers of a JPEG (not DHT C4, JPG C8 or DAC CC, which share the range).
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def pdf_probleem(data: bytes, *, max_bytes: int) -> str | None:
    """What is wrong with a file that should be a PDF: ``te_groot``, ``geen_pdf``,
    ``onleesbaar`` or ``versleuteld`` (a password-protected PDF nobody could open here);
    None when nothing is.

    The quick checks first: a PDF starts with ``%PDF-1.x`` (or 2.0) and ends with
    ``startxref <offset>`` and ``%%EOF``. Then pypdf reads its structure and its pages.
    """
    if len(data) > max_bytes:
        return "te_groot"
    if not data or not PDF_KOP.match(data):
        return "geen_pdf"
    if re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-1024:]) is None:
        return "onleesbaar"
    try:
        lezer = PdfReader(io.BytesIO(data), strict=True)
        if lezer.is_encrypted:
            return "versleuteld"
        if len(lezer.pages) == 0:
            return "onleesbaar"
    except Exception:
        return "onleesbaar"
    return None


def _maten(hoogte: bytes, breedte: bytes) -> bool:
    """An image with a height and a width (big-endian numbers, as both formats write them)."""
    return int.from_bytes(hoogte, "big") > 0 and int.from_bytes(breedte, "big") > 0


def _jpeg_heel(data: bytes) -> bool:
    """The segments up to the image data are whole, a frame header gives a size, and the
    image data ends with EOI (a photo cut off halfway does not)."""
    i, frame = 2, False
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return False
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if 0xD0 <= marker <= 0xD8 or marker == 0x01:  # markers without a length
            i += 2
            continue
        if marker == 0xD9:  # the end, before any image data
            return False
        lengte = int.from_bytes(data[i + 2 : i + 4], "big")
        if lengte < 2 or i + 2 + lengte > len(data):
            return False
        if marker in _SOF:
            kop = data[i + 4 : i + 2 + lengte]
            if len(kop) < 6 or not _maten(kop[1:3], kop[3:5]):
                return False
            frame = True
        if marker == 0xDA:  # start of scan: compressed data, then EOI
            return frame and b"\xff\xd9" in data[i + 2 + lengte :]
        i += 2 + lengte
    return False


def _png_heel(data: bytes) -> bool:
    """Every chunk is whole with a correct checksum, the first is IHDR with a size, and the
    last is IEND."""
    i = len(PNG_KOP)
    eerste = True
    while i + 12 <= len(data):
        lengte = int.from_bytes(data[i : i + 4], "big")
        soort = data[i + 4 : i + 8]
        einde = i + 12 + lengte
        if einde > len(data):
            return False
        inhoud = data[i + 8 : i + 8 + lengte]
        if zlib.crc32(soort + inhoud) != int.from_bytes(data[einde - 4 : einde], "big"):
            return False
        if eerste and (soort != b"IHDR" or lengte != 13 or not _maten(inhoud[0:4], inhoud[4:8])):
            return False
        if soort == b"IEND":
            return True
        eerste, i = False, einde
    return False


def soort_van(data: bytes) -> str | None:
    """``pdf``, ``jpeg`` or ``png`` by the first bytes (the file's own signature); None for
    anything else. Whether the rest holds up is :func:`probleem`'s question."""
    if PDF_KOP.match(data):
        return "pdf"
    if data.startswith(JPEG_KOP):
        return "jpeg"
    if data.startswith(PNG_KOP):
        return "png"
    return None


def probleem(data: bytes, *, max_bytes: int, soorten: tuple[str, ...]) -> str | None:
    """What is wrong with a file that should be one of ``soorten``: ``te_groot``, ``leeg``,
    ``verkeerde_soort``, ``onleesbaar`` or ``versleuteld``; None when nothing is."""
    if len(data) > max_bytes:
        return "te_groot"
    if not data:
        return "leeg"
    soort = soort_van(data)
    if soort is None or soort not in soorten:
        return "verkeerde_soort"
    if soort == "pdf":
        pdf = pdf_probleem(data, max_bytes=max_bytes)
        return "onleesbaar" if pdf == "geen_pdf" else pdf
    heel = _jpeg_heel(data) if soort == "jpeg" else _png_heel(data)
    return None if heel else "onleesbaar"


def naam_past(naam: str, soort: str) -> bool:
    """Whether a file's name fits what it is: no ending, or one of its kind's. A photo
    renamed ``.pdf``, or a PDF called ``.docx``, does not."""
    _, punt, einde = (naam or "").rpartition(".")
    return not punt or f".{einde.lower()}" in EINDES[soort]


def veilige_naam(naam: str, soort: str = "pdf") -> str:
    """A name safe to store and to offer for download, ending as its kind does."""
    schoon = secure_filename(naam or "")[:150] or "document"
    return schoon if schoon.lower().endswith(EINDES[soort]) else f"{schoon}{EINDES[soort][0]}"


def bewaar(map_: str | os.PathLike[str], data: bytes) -> str:
    """Store the file under its sha256 (the same content once) and return that hash."""
    sha256 = hashlib.sha256(data).hexdigest()
    doel = pad(map_, sha256)
    if not doel.exists():
        doel.parent.mkdir(parents=True, exist_ok=True)
        tijdelijk = doel.with_suffix(f".{uuid.uuid4().hex}.tmp")
        tijdelijk.write_bytes(data)
        os.replace(tijdelijk, doel)
    return sha256


def pad(map_: str | os.PathLike[str], sha256: str) -> Path:
    return Path(map_) / sha256[:2] / sha256
