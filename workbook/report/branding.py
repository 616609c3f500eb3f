"""A consulting firm's brand on the pages and the cover: its name, logo and accent colour.

Neutral by default (no firm, the workbook's own blue). The logo is embedded in the pages as a data
URI, so that they still open offline and carry no file beside them.
"""

from __future__ import annotations

import base64
from html import escape

from workbook.engagement.logo import read_logo
from workbook.engagement.model import Engagement

SUBTITLE = "Outsourcing decision"


def subtitle(engagement: Engagement) -> str:
    """The line beside the client's name in every page's header."""
    firm = engagement.settings.branding.firm
    return f"{SUBTITLE} · {firm}" if firm else SUBTITLE


def accent_css(engagement: Engagement) -> str:
    """CSS that sets the firm's accent colour (validated as #rrggbb), or nothing."""
    accent = engagement.settings.branding.accent
    return f":root {{ --wb-accent: {accent}; }}" if accent else ""


def logo_uri(engagement: Engagement) -> str:
    """The logo as a data URI, or "" (read again here, and checked again, from inside the
    engagement folder only: :mod:`workbook.engagement.logo`)."""
    logo = engagement.settings.branding.logo
    if not logo:
        return ""
    media, data = read_logo(engagement.path, logo)
    return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"


def logo_html(engagement: Engagement) -> str:
    uri = logo_uri(engagement)
    return f'<img class="wb-logo" src="{escape(uri)}" alt="{escape(engagement.settings.branding.firm)}">' \
        if uri else ""
