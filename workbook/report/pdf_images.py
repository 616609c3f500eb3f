"""The charts go into report.pdf as their PNG files hold them, not decoded and compressed again.

A PDF takes a PNG's compressed pixel rows as they are (a FlateDecode stream with PNG predictors),
and WeasyPrint passes on just that, but only after decoding every PNG and saving it again with
Pillow at zlib's default level: 16 ms a chart, a twentieth of the PDF's time, for the same
pixels. The charts' PNGs (:func:`workbook.views.blocks.png`) are 8-bit colour, not interlaced,
which is what WeasyPrint's own step produces too; such a PNG's data chunks are taken as they are.
Any other image (with transparency, a palette, 16 bits, interlaced, or not a PNG) takes
WeasyPrint's way.
"""

from __future__ import annotations

import struct

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# colour types a PDF reads with the predictor WeasyPrint declares: grey (0) and RGB (2), 8 bits each
AS_THEY_ARE = {0: "L", 2: "RGB"}


def chunks(png: bytes):
    """(type, data) of each chunk of ``png``, in order; none when it is not a whole PNG."""
    if not png.startswith(SIGNATURE):
        return
    at = len(SIGNATURE)
    while at + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        if at + 12 + length > len(png):
            return
        yield kind, png[at + 8:at + 8 + length]
        at += 12 + length


def pixel_rows(png: bytes, mode: str) -> bytes | None:
    """The compressed, PNG-filtered pixel rows of ``png`` (its IDAT chunks, joined), when a PDF
    can take them as they are for an image of ``mode``; None otherwise."""
    found = list(chunks(png))
    if not found or found[0][0] != b"IHDR" or len(found[0][1]) != 13:
        return None
    depth, colour, _, _, interlaced = struct.unpack(">5B", found[0][1][8:13])
    if depth != 8 or interlaced or AS_THEY_ARE.get(colour) != mode:
        return None
    rows = b"".join(data for kind, data in found if kind == b"IDAT")
    return rows or None


def install() -> None:
    """Have WeasyPrint's raster images give the PDF a PNG's rows as they are, where
    :func:`pixel_rows` can; left as it is where this WeasyPrint has no such step."""
    try:
        from weasyprint.images import RasterImage
    except ImportError:
        return
    own = getattr(RasterImage, "_get_png_data", None)
    if own is None or getattr(own, "as_they_are", False):
        return

    def get_png_data(pillow_image):
        source = getattr(pillow_image, "fp", None)
        png = source.getvalue() if hasattr(source, "getvalue") else None
        rows = pixel_rows(png, pillow_image.mode) if png and pillow_image.format == "PNG" else None
        return rows if rows is not None else own(pillow_image)

    get_png_data.as_they_are, get_png_data.own = True, own
    RasterImage._get_png_data = staticmethod(get_png_data)
