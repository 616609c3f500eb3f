"""The charts go into report.pdf as their PNGs hold them (workbook.report.pdf_images): the PDF
shows the same pixels as when WeasyPrint decodes and compresses them again, and any image a PDF
cannot take as it is still takes WeasyPrint's way."""

from __future__ import annotations

import base64
import io
import shutil
import struct
import subprocess
import zlib

import matplotlib
import matplotlib.pyplot as plt
import pytest
from PIL import Image

from workbook.report import pdf_images
from workbook.views import blocks

matplotlib.use("agg")
weasyprint = pytest.importorskip("weasyprint")
from weasyprint.images import RasterImage  # noqa: E402

# WeasyPrint's own step, also where a render in this process has already installed ours
OWN = staticmethod(getattr(RasterImage._get_png_data, "own", RasterImage._get_png_data))


@pytest.fixture(scope="module")
def chart() -> bytes:
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([1, 2, 3], [0.95, 0.97, 0.92], marker="o")
    ax.set_title("On time in full")
    png = blocks.png(fig)
    plt.close(fig)
    return png


def _png(rows: bytes, header: bytes) -> bytes:
    """A PNG of ``header`` (an IHDR's data) and the compressed ``rows``."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return pdf_images.SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def test_a_charts_rows_as_they_are_are_its_pixels(chart):
    rows = pdf_images.pixel_rows(chart, "RGB")
    header = dict(pdf_images.chunks(chart))[b"IHDR"]
    again = Image.open(io.BytesIO(_png(rows, header)))
    assert again.tobytes() == Image.open(io.BytesIO(chart)).convert("RGB").tobytes()


def _saved(image: Image.Image, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", **options)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["rgba", "palette", "16-bit grey", "interlaced", "truncated", "not a png"])
def test_an_image_a_pdf_cannot_take_as_it_is_takes_weasyprints_way(chart, kind):
    picture = Image.open(io.BytesIO(chart)).convert("RGB")
    png = {"rgba": lambda: _saved(picture.convert("RGBA")),
           "palette": lambda: _saved(picture.convert("P")),
           "16-bit grey": lambda: _saved(picture.convert("L").convert("I;16")),
           "interlaced": lambda: _interlaced(picture),
           "truncated": lambda: chart[:len(chart) // 2],
           "not a png": lambda: b"GIF89a" + chart[6:]}[kind]()
    opens = kind not in ("interlaced", "truncated", "not a png")
    assert pdf_images.pixel_rows(png, Image.open(io.BytesIO(png)).mode if opens else "RGB") is None
    if opens:  # and WeasyPrint's own step gives the PDF what it gave it before
        RasterImage._get_png_data = OWN
        try:
            pdf_images.install()
            assert RasterImage._get_png_data(Image.open(io.BytesIO(png))) == OWN(Image.open(io.BytesIO(png)))
        finally:
            RasterImage._get_png_data = OWN


def _interlaced(picture: Image.Image) -> bytes:
    """``picture`` as a PNG whose header says it is interlaced (Pillow writes none: the flag is
    set by hand; the header alone must have it refused)."""
    png = bytearray(_saved(picture))
    at = len(pdf_images.SIGNATURE) + 8 + 12  # the IHDR's interlace byte
    png[at] = 1
    return bytes(png)


def test_weasyprint_gives_the_pdf_a_charts_rows_and_the_page_looks_the_same(chart, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler's pdftoppm is not installed")
    html = f'<img style="width: 8cm" src="data:image/png;base64,{base64.b64encode(chart).decode()}">'
    pages = {}
    for way in ("weasyprint", "as they are"):
        RasterImage._get_png_data = OWN
        if way == "as they are":
            pdf_images.install()
        try:
            pdf = weasyprint.HTML(string=html).write_pdf()
        finally:
            installed, RasterImage._get_png_data = RasterImage._get_png_data, OWN
        (tmp_path / f"{way}.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(tmp_path / f"{way}.pdf"),
                        str(tmp_path / way)], check=True)
        pages[way] = Image.open(tmp_path / f"{way}.png").convert("RGB").tobytes()
        if way == "as they are":
            assert getattr(installed, "as_they_are", False)
            assert pdf_images.pixel_rows(chart, "RGB") in pdf  # the chart's rows, byte for byte
    assert pages["as they are"] == pages["weasyprint"]
