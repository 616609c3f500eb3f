"""Early warnings: what should reach the sales team before customers notice."""

from __future__ import annotations

import pandas as pd

COLUMNS = ["severity", "what", "where", "since", "action"]
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def supply_alerts(risks: pd.DataFrame, partner: str | None, partner_name: str,
                  since: str = "") -> pd.DataFrame:
    """Alerts for the chosen partner's supply risks (see :func:`workbook.risks.supply_risks`)."""
    if partner is None or risks.empty:
        return pd.DataFrame(columns=COLUMNS)
    rows = []
    for _, r in risks[risks["partner"] == partner].iterrows():
        single = "single" in r["issue"]
        rows.append({
            "severity": r["severity"],
            "what": f"{r['input']}: {r['issue']}",
            "where": f"{partner_name} (supply)",
            "since": since,
            "action": ("Ask the partner to qualify a second source and hold safety stock"
                       if single else
                       f"Ask the partner to raise stock of {r['input']} above "
                       f"{r['replenish_days']:g} days and warn sales of delivery risk"),
        })
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values("severity", key=lambda s: s.map(SEVERITY_ORDER), kind="stable")
