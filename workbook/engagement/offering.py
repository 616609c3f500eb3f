"""``offering:`` in engagement.yaml: whether a product or a service is outsourced, what one
unit of the work is called (an order, a claim, a ticket), so that the generated quality plan and
its alerts speak the engagement's words, and ``measures:``, the families of the measure library
the plan is drawn from (goods, contact-centre, logistics, it-services, professional-services)."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.core.measure_library import DEFAULT_FAMILY, family_names

KINDS = ("product", "service")
DEFAULT_UNIT = {"product": "order", "service": "request"}


@dataclass(frozen=True)
class Offering:
    """What is outsourced: ``kind`` is ``product`` or ``service``; ``unit`` names one order or
    request in the client's words, ``units`` its plural; ``families`` the measure library's
    families the quality plan is drawn from (by default goods for a product, professional-services
    for a service)."""

    kind: str = "product"
    unit: str = "order"
    units: str = "orders"
    families: tuple[str, ...] = ()

    @property
    def measure_families(self) -> tuple[str, ...]:
        return self.families or (DEFAULT_FAMILY[self.kind],)


def plural(noun: str) -> str:
    """A regular English plural: "claim" -> "claims", "batch" -> "batches", "policy" -> "policies"."""
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def check_offering(r, data: dict) -> Offering | None:
    """``offering:`` (product or service) and ``unit:`` (one word or ``[singular, plural]``), read
    with the settings' reader ``r``, which notes the problems."""
    kind = r.text(data, ("offering",), "the offering", "write product or service", required=False)
    kind = (kind or "product").lower()
    if kind not in KINDS:
        r.fail(("offering",), kind, "the offering is not product or service",
               "write product (goods made for you) or service (work done for your customers)")
        return None
    families = _families(r, data.get("measures"))
    raw = data.get("unit")
    if raw is None or raw == "":
        unit = DEFAULT_UNIT[kind]
        return Offering(kind, unit, plural(unit), families)
    if isinstance(raw, list) and len(raw) == 2 and all(isinstance(w, str) and w.strip() for w in raw):
        return Offering(kind, raw[0].strip(), raw[1].strip(), families)
    if isinstance(raw, str) and raw.strip() and "\n" not in raw and len(raw) <= 40:
        return Offering(kind, raw.strip(), plural(raw.strip()), families)
    r.fail(("unit",), raw, "the unit must be a short noun, or a list of its singular and plural",
           "write what one order or request is called, e.g. claim, or [case, cases]")
    return None


def _families(r, raw) -> tuple[str, ...]:
    """``measures:`` one family of the library, or a list of them (the first wins on a shared id)."""
    if raw is None or raw == "":
        return ()
    names = raw if isinstance(raw, list) else [raw]
    known = family_names()
    wrong = [n for n in names if not isinstance(n, str) or n.strip().lower() not in known]
    if wrong:
        r.fail(("measures",), wrong[0] if len(wrong) == 1 else wrong,
               "the measure library has no family of this name",
               "write one of " + ", ".join(known) + ", or a list of them")
        return ()
    return tuple(dict.fromkeys(n.strip().lower() for n in names))
