"""The firm's logo, a file the engagement names: read only from inside the engagement folder.

An engagement folder is not trusted. Its ``branding.logo`` may name only a file inside the folder,
not through a symbolic link, whose content really is a PNG, JPEG or SVG image; an SVG may not
reach outside itself (no links to files or addresses, no scripts, no entities), so that neither
the pages nor the PDF step ever read or fetch anything else because the logo says so.
"""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath, PureWindowsPath

MEDIA = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
MAX_BYTES = 2_000_000
_SIGNATURES = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}
_OUTSIDE = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)|@import", re.I)
_NOT_ALLOWED = {"script", "foreignObject", "iframe", "embed", "object", "audio", "video"}


class LogoRefused(ValueError):
    """The logo cannot be used; ``args`` are the message and the fix."""


def _fix(what: str) -> str:
    return f"{what}, then name it by its file name, e.g. logo.png"


def locate(folder: Path, name: str) -> Path:
    """The logo's path inside ``folder``; :class:`LogoRefused` when ``name`` leads elsewhere."""
    pure = PureWindowsPath(name) if "\\" in name else PurePosixPath(name)
    if pure.is_absolute() or pure.drive or ".." in pure.parts:
        raise LogoRefused("the logo must be a file inside the engagement folder",
                          _fix("copy the image into the engagement folder"))
    path = Path(folder, *pure.parts)
    here = Path(folder).resolve()
    step = Path(folder)
    for part in pure.parts:  # no link anywhere on the way: a link could point at any file
        step = step / part
        if step.is_symlink():
            raise LogoRefused("the logo is a symbolic link, which the workbook does not follow",
                              _fix("copy the image itself into the engagement folder"))
    if not path.resolve().is_relative_to(here):
        raise LogoRefused("the logo must be a file inside the engagement folder",
                          _fix("copy the image into the engagement folder"))
    if not path.is_file():
        raise LogoRefused("there is no such file in the engagement folder",
                          "put the logo in the engagement folder, or correct its name")
    return path


def read_logo(folder: Path, name: str) -> tuple[str, bytes]:
    """The logo's media type and bytes, checked to be what its name says.

    Raises
    ------
    LogoRefused
        When the logo is outside the folder, a link, too large, or not a clean image.
    """
    path = locate(folder, name)
    media = MEDIA[path.suffix.lower()]
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise LogoRefused("the logo is not a regular file", _fix("save the image as a file"))
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise LogoRefused(f"the logo is larger than {MAX_BYTES // 1_000_000} MB",
                          "save a smaller image (a few hundred pixels wide is enough)")
    if media == "image/svg+xml":
        _check_svg(data)
    elif not data.startswith(_SIGNATURES[media]):
        kind = "PNG" if media == "image/png" else "JPEG"
        raise LogoRefused(f"the file is not a {kind} image",
                          f"save the logo as a {kind} image, or name the file it really is")
    return media, data


def _check_svg(data: bytes) -> None:
    """Refuse an SVG that could run code or read or fetch anything beyond itself."""
    fix = "save the logo as a PNG, or as an SVG with its images embedded and no links or scripts"
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.I):
        raise LogoRefused("the SVG logo declares a DOCTYPE or entities, which can read other files", fix)
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        raise LogoRefused("the file is not an SVG image (it cannot be read as XML)", fix) from None
    if _local(root.tag) != "svg":
        raise LogoRefused("the file is not an SVG image", fix)
    for element in root.iter():
        tag = _local(element.tag)
        if tag in _NOT_ALLOWED:
            raise LogoRefused(f"the SVG logo holds a <{tag}> element", fix)
        if tag == "style" and _OUTSIDE.search(element.text or ""):
            raise LogoRefused("the SVG logo's style refers to another file or address", fix)
        for attribute, value in element.attrib.items():
            key = _local(attribute)
            if key.lower().startswith("on"):
                raise LogoRefused(f"the SVG logo holds a script ({key})", fix)
            if key == "href" and not (value.startswith("#") or re.match(
                    r"data:image/(png|jpeg|gif|webp);base64,", value.strip(), re.I)):
                raise LogoRefused(f"the SVG logo refers to another file or address ({value[:60]})", fix)
            if _OUTSIDE.search(value):
                raise LogoRefused("the SVG logo refers to another file or address", fix)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
