"""``branding:`` in engagement.yaml: the consulting firm that prepares the report."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Branding:
    """The consulting firm a report is made by: its name, logo (a file in the engagement folder)
    and accent colour (``#rrggbb``); empty for the neutral default."""

    firm: str = ""
    logo: str = ""
    accent: str = ""


LOGO_TYPES = (".png", ".jpg", ".jpeg", ".svg")


def check_branding(r, data: dict) -> Branding | None:
    """``branding:`` with optional ``firm``, ``logo`` and ``accent``, read with the settings'
    reader ``r`` (which notes the problems); the logo is checked for its type here and for its
    presence by :func:`~workbook.engagement.model.load_engagement`."""
    block = r.get(data, ("branding",), dict, "the branding", "give firm, logo and accent", required=False)
    if not block:
        return Branding()
    firm = r.text(block, ("branding", "firm"), "the firm's name", "write the firm's name",
                  required=False, one_line=True)
    logo = r.text(block, ("branding", "logo"), "the logo", "name an image file in the engagement "
                  "folder, e.g. logo.png", required=False)
    if logo and not logo.lower().endswith(LOGO_TYPES):
        r.fail(("branding", "logo"), logo, "the logo must be a PNG, JPEG or SVG image",
               "name an image file in the engagement folder, e.g. logo.png")
        logo = None
    accent = r.text(block, ("branding", "accent"), "the accent colour", "write a colour as #rrggbb",
                    required=False)
    if accent and not re.fullmatch(r"#[0-9a-fA-F]{6}", accent):
        r.fail(("branding", "accent"), accent, "the accent colour is not a colour",
               "write it as # and six hexadecimal digits, e.g. #1f6f8b")
        accent = None
    return Branding(firm or "", logo or "", accent or "")
