"""Write the service-desk engagement, ``data/service-desk/``, from a fixed seed.

The story: Lindenhof Kliniken, a group of three hospitals and a community-care service (about
6,800 staff), chooses the partner to run its IT service desk, first- and second-line support
around the clock, for the next three years. Its customers are its own staff: clinical staff on the
wards (the largest share, for whom a frozen workstation is a patient waiting), administration, and
the community-care teams who work from tablets in patients' homes. The hospital group leads on
operational excellence, with customer intimacy a close second.

Five candidates: Helix Service Desk (the proven hospital specialist and front-runner), Vantage IT
Services (low-cost, fails the must-have on tickets resolved within the SLA), Carelink Support (a
customer-intimate boutique), Monoserv Systems (one site, one ticketing platform and one telephony
carrier: single points of failure) and Nimbus AI Desk (one year old, dazzling AI self-service, no
hospital references).

Helix took over the desk on 2 March 2026 (``chosen_partner``). Tickets are resolved within the SLA
until October, when the electronic health record's upgrade weekend brings a surge of tickets that
meets a night shift Helix had cut to two agents: resolution within the SLA and first-contact fixes
fall, clinical staff's satisfaction drops, and a priority-1 outage of the lab interface takes nine
hours to restore. ``quality/deliveries.csv`` holds a daily random sample of the tickets (one row per
ticket: opened, due by its priority's SLA, resolved; empty while still open).
``quality/observations.csv`` holds the ticketing system's and monitoring's monthly totals over all
tickets (reopened tickets, availability of the clinical systems, fixes at first contact, time to
restore priority-1 incidents, age of the open tickets).

Every file of the folder is written by this script. Run ``python scripts/make_service_desk.py``
to rewrite them; the output is identical each time (byte for byte).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np

from engagement_data import (CRITERIA_HEADER, DELIVERIES_HEADER, FEEDBACK_HEADER, OBSERVATIONS_HEADER,
                             READINGS_HEADER, SCORES_HEADER, SUPPLY_HEADER, judged_scores, month_starts,
                             write_csv)

SEED = 20260302
OUT = Path(__file__).resolve().parent.parent / "data" / "service-desk"
START, END = date(2026, 3, 2), date(2026, 11, 30)
SURGE = (date(2026, 10, 3), date(2026, 11, 20))  # the EHR upgrade's tickets, on a thin night shift
SEGMENTS = {"Clinical staff": 0.55, "Administration": 0.30, "Community care teams": 0.15}

ENGAGEMENT = """\
# A fourth engagement, from IT services: a hospital group choosing who runs its service desk.
# Its customers are its own staff. Written by scripts/make_service_desk.py (fixed seed); edit the
# script, not this file.
client: Lindenhof Kliniken
decision: Choose the partner to run the IT service desk, first- and second-line support around the clock, for the next three years
outsourced: the running of our IT service desk
term_years: 3
prepared_by: IT Strategy Office
date: 2026-11-30
as_of: 2026-11-30
chosen_partner: helix

strategy:
  own:                        # reliable IT for care first; knowing how the wards work second
    product_leadership: 1
    customer_intimacy: 4
    operational_excellence: 5
  customers:                  # the group's own staff, weighted by their share of tickets
    - name: Clinical staff    # doctors and nurses on the wards: a frozen workstation is a patient waiting
      share: 0.55
      audience: internal      # reached at the wards' team briefings and on the intranet
      product_leadership: 1
      customer_intimacy: 4
      operational_excellence: 5
    - name: Administration    # admissions, billing, HR: office hours, standard requests
      share: 0.30
      audience: internal
      product_leadership: 1
      customer_intimacy: 2
      operational_excellence: 5
    - name: Community care teams  # home-care nurses on tablets in patients' homes
      share: 0.15
      audience: internal
      product_leadership: 2
      customer_intimacy: 5
      operational_excellence: 3
  blend: 0.5

team:
  leader: Dr. Miriam Albers, Chief Information Officer
  evaluators:
    - Tobias Brandt
    - Aylin Demir
    - Katrin Vogel

offering: service             # the desk does work for our staff: it answers, fixes and restores
peak_months: [December]       # holiday rosters: no staff briefing is planned then
unit: ticket                  # what one request is called in the plan and its alerts
measures: it-services         # the measure library's family the quality plan is drawn from
words:
  facing: the site IT coordinators   # the group's own IT staff on each site: they face the wards
  share_of: tickets                  # a segment's share above is its share of tickets
"""

# id, name, group, direction, source, PL, CI, OE, knockout, worst, best, definition
CRITERIA = [
    ("sla_met", "Resolution within the SLA, last 12 months (%)", "quality", "benefit", "sla_met_pct",
     1, 2, 3, "90", "80", "99",
     "Tickets resolved within the time the service level agreement gives their priority, from the "
     "partner's ticketing records for its current clients."),
    ("first_time_fix", "First-contact fix rate, last 12 months (%)", "quality", "benefit",
     "first_time_fix_pct", 0, 3, 2, "", "50", "90",
     "Tickets the desk could fix that it fixed at the first contact, without a hand-off."),
    ("time_to_restore", "Time to restore a priority-1 incident, median (hours)", "quality", "cost",
     "p1_restore_hours", 0, 1, 3, "", "12", "2",
     "Hours from a priority-1 incident's start to the service restored, median of the last 12 months."),
    ("cost_per_ticket", "Cost per ticket (EUR)", "cost", "cost", "cost_per_ticket_eur", 0, 0, 3, "",
     "30", "12", "All-in price per ticket at our volume: desk, second line, tools and reporting."),
    ("listening", "Listens to and understands the wards' needs", "customer_focus", "benefit", "score",
     0, 3, 1, "", "", "", "Asks how the wards, theatres and community teams work and plays it back; "
                          "a 5 catches what we did not say."),
    ("flexibility", "Flexibility on hours, volumes and go-live surges", "customer_focus", "benefit",
     "score", 0, 3, 2, "", "", "", "Adds agents for go-lives and winter peaks within days, and "
                                   "changes scripts and priorities without renegotiating."),
    ("exceeds", "Exceeds expectations", "customer_focus", "benefit", "score", 1, 3, 0, "", "", "",
     "Does more than the contract asks: proposals, early warnings, improvements offered unasked."),
    ("years_in_field", "Years running hospital service desks", "track_record", "benefit",
     "years_hospital_desks", 0, 1, 2, "", "0", "20", "Years running IT service desks for hospitals."),
    ("referenceable_clients", "Referenceable hospital clients", "track_record", "benefit",
     "referenceable_clients", 0, 2, 1, "", "0", "10",
     "Hospitals and care providers who agree to take a reference call about the partner."),
    ("culture", "Cultural chemistry with our IT and clinical teams", "culture", "benefit", "score",
     0, 2, 1, "", "", "", "Working style like ours: calm under pressure, open about mistakes, "
                          "plain language with clinicians."),
    ("domain_knowledge", "Knowledge of clinical systems (EHR, imaging, lab)", "domain_knowledge",
     "benefit", "score", 1, 2, 1, "", "", "",
     "Knows the electronic health record, imaging and lab systems and what a ward does when they stop."),
    ("core_strength", "Unique competence in clinical application support", "unique_competence",
     "benefit", "score", 1, 2, 1, "", "", "",
     "A strength others in the field do not have: clinically trained agents, a medical-device desk, "
     "or the like; say which."),
    ("automation", "Self-service and AI-assisted support", "innovation", "benefit", "score", 3, 0, 2,
     "", "", "", "Password resets, common fixes and knowledge articles users can use alone, and how "
                 "well they work."),
    ("supply_continuity", "Continuity of sites, ticketing platform, telephony and staff", "supply",
     "benefit", "score", 0, 1, 3, "", "", "",
     "A second site, a standby ticketing platform, more than one telephony carrier and cover for "
     "absent agents."),
]

PARTNERS_HEADER = ["id", "name", "country", "years_hospital_desks", "referenceable_clients",
                   "sla_met_pct", "first_time_fix_pct", "p1_restore_hours", "cost_per_ticket_eur"]
PARTNERS = [
    ("helix", "Helix Service Desk", "Germany", 14, 9, 96.8, 78, 3.5, 19.5),
    ("vantage", "Vantage IT Services", "Poland", 12, 5, 88.0, 64, 6, 12.5),
    ("carelink", "Carelink Support", "Austria", 9, 7, 95.5, 82, 4, 24.0),
    ("monoserv", "Monoserv Systems", "Germany", 11, 6, 94.0, 72, 5, 16.0),
    ("nimbus", "Nimbus AI Desk", "Netherlands", 1, 0, 97.5, 85, 2, 14.0),
]

# What the desk runs on: capabilities, with their providers (a second site, a standby platform, a
# second carrier, an agency), the hours a switch to them takes, the hours to restore the service
# when nothing can take over, and the longest outage the wards ride out (an hour without the desk
# is bearable at night, not four; absent agents are bridged for two days by overtime).
_ = ""
SUPPLY = [
    # partner, input, kind, sources, critical, days on hand, replenish days, failover, recovery, tolerable
    ("helix", "Service desk site", "capability", 2, "yes", _, _, 1, 72, 2),
    ("helix", "Ticketing platform (ITSM)", "capability", 2, "yes", _, _, 0.5, 12, 2),
    ("helix", "Telephony carrier", "capability", 2, "yes", _, _, 0.25, 24, 1),
    ("helix", "Agents for night cover", "capability", 2, "yes", _, _, 24, 168, 48),
    ("vantage", "Service desk site", "capability", 2, "yes", _, _, 4, 72, 2),
    ("vantage", "Ticketing platform (ITSM)", "capability", 2, "yes", _, _, 2, 12, 2),
    ("vantage", "Telephony carrier", "capability", 2, "yes", _, _, 1, 24, 1),
    ("vantage", "Agents for night cover", "capability", 2, "yes", _, _, 48, 168, 48),
    ("carelink", "Service desk site", "capability", 2, "yes", _, _, 2, 72, 2),
    ("carelink", "Ticketing platform (ITSM)", "capability", 2, "yes", _, _, 1, 12, 2),
    ("carelink", "Telephony carrier", "capability", 2, "yes", _, _, 0.5, 24, 1),
    ("carelink", "Agents for night cover", "capability", 1, "yes", _, _, _, 120, 48),
    ("monoserv", "Service desk site", "capability", 1, "yes", _, _, _, 72, 2),
    ("monoserv", "Ticketing platform (ITSM)", "capability", 1, "yes", _, _, _, 16, 2),
    ("monoserv", "Telephony carrier", "capability", 1, "yes", _, _, _, 24, 1),
    ("monoserv", "Agents for night cover", "capability", 2, "yes", _, _, 24, 168, 48),
    ("nimbus", "Service desk site", "capability", 1, "yes", _, _, _, 48, 2),
    ("nimbus", "Ticketing platform (ITSM)", "capability", 2, "yes", _, _, 1, 8, 2),
    ("nimbus", "AI assistant's language-model service", "capability", 1, "yes", _, _, _, 6, 2),
    ("nimbus", "Agents for night cover", "capability", 1, "yes", _, _, _, 168, 48),
]

EVALUATORS = ["Tobias Brandt", "Aylin Demir", "Katrin Vogel"]
JUDGED = [c[0] for c in CRITERIA if c[4] == "score"]
# The team's central view of each partner on the judged criteria, in JUDGED's order.
BASE = {
    #          listen flex exceeds culture domain core autom supply
    "helix":    (4, 4, 4, 4, 5, 4, 3, 4),
    "vantage":  (2, 3, 2, 3, 3, 2, 3, 3),
    "carelink": (5, 4, 5, 5, 5, 4, 2, 3),
    "monoserv": (3, 3, 3, 3, 4, 3, 3, 2),
    "nimbus":   (3, 4, 4, 3, 2, 3, 5, 2),
}
EVIDENCE = {
    ("Tobias Brandt", "supply_continuity"): "Site visits; failover test of the ticketing platform seen",
    ("Tobias Brandt", "automation"): "Trial of the self-service portal with 40 staff",
    ("Aylin Demir", "listening"): "Workshop with ward managers and the community-care lead",
    ("Aylin Demir", "domain_knowledge"): "Asked how they handle an EHR outage on a ward at night",
    ("Katrin Vogel", "flexibility"): "Reference calls about two go-lives",
    ("Katrin Vogel", "culture"): "Joint incident review role-play",
}
MISSING = {("Katrin Vogel", "nimbus", "supply_continuity")}


def surge(day: date) -> bool:
    return SURGE[0] <= day <= SURGE[1]


def months():
    return month_starts(START, END)


def scores(rng: np.random.Generator):
    return judged_scores(rng, EVALUATORS, BASE, JUDGED, MISSING, EVIDENCE)


# a priority's share of tickets and the working days its SLA gives
PRIORITIES = ((0.04, 0), (0.26, 1), (0.70, 3))


def tickets(rng: np.random.Generator):
    """A daily random sample of the tickets: opened, due by its priority's SLA, resolved."""
    rows, number, day = [], 0, START
    while day <= END:
        for _ in range(rng.poisson(16 if surge(day) else 10)):
            number += 1
            segment = str(rng.choice(list(SEGMENTS), p=list(SEGMENTS.values())))
            days = int(rng.choice([d for _, d in PRIORITIES], p=[p for p, _ in PRIORITIES]))
            due = day + timedelta(days=days)
            if due > END:  # due after the last day of the data: not yet judged, left out
                continue
            late = rng.random() < (0.17 if surge(day) else 0.045)
            resolved = due - timedelta(days=int(rng.integers(0, days + 1))) if not late \
                else due + timedelta(days=int(rng.integers(1, 6)))
            rows.append((f"INC-{number:06d}", segment, day, due, resolved if resolved <= END else "", 1, 1, ""))
        day += timedelta(days=1)
    return rows


def feedback(rng: np.random.Generator):
    rows, mix = [], list(SEGMENTS)
    for month in months():
        bad = month.month in (10, 11)
        for i in range(48):  # asked of the user when a ticket is closed
            segment = str(rng.choice(mix, p=list(SEGMENTS.values())))
            centre = 4.4 if not bad else (3.4 if segment == "Clinical staff" else 4.0)
            value = int(np.clip(round(rng.normal(centre, 0.7)), 1, 5))
            rows.append((month + timedelta(days=2 + i % 26), segment, "survey", "quality_rating", value, ""))
        if month.month in (3, 6, 9):  # the CIO's service review with each staff group
            for i, segment in enumerate(SEGMENTS):
                rows.append((month + timedelta(days=20 + i), segment, "designed conversation", "account_health",
                             round(float(np.clip(rng.normal(4.0, 0.2), 1, 5)), 1), "CIO-led service review"))
        if month.month in (5, 11):
            for i, segment in enumerate(SEGMENTS):
                rows.append((month + timedelta(days=12 + i), segment, "focus group", "perceived_innovation",
                             round(float(np.clip(rng.normal(3.3 if bad else 3.9, 0.2), 1, 5)), 2),
                             "self-service password reset and the new knowledge base"))
    return rows


def readings(rng: np.random.Generator):
    """How the group's IT rates the desk itself each month, for the perception gap."""
    return [(month + timedelta(days=27), "internal_quality_rating",
             round(float(rng.normal(4.1 if month.month in (10, 11) else 4.3, 0.08)), 2), "",
             "monthly service management review") for month in months()]


def observations(rng: np.random.Generator):
    """The ticketing system's and monitoring's monthly totals over all tickets."""
    rows = []
    for month in months():
        bad = month.month in (10, 11)
        resolved = int(rng.normal(3_900 if bad else 3_100, 120))
        reopened = rng.binomial(resolved, 0.071 if bad else 0.038) / resolved
        rows.append((f"{month:%Y-%m}", "all", "reopen_rate", f"{100 * reopened:.2f}", resolved, "%",
                     "tickets resolved"))
        could = int(resolved * 0.82)
        fixed = rng.binomial(could, 0.66 if bad else 0.77) / could
        rows.append((f"{month:%Y-%m}", "all", "first_time_fix", f"{100 * fixed:.2f}", could, "%",
                     "tickets the desk could fix"))
        minutes = 30 * 24 * 60 * 12  # twelve clinical systems, around the clock
        up = 1 - (rng.gamma(2, 0.0004) + (0.0021 if month.month == 10 else 0))
        rows.append((f"{month:%Y-%m}", "all", "availability", f"{100 * up:.3f}", minutes, "%", "minutes agreed"))
        incidents = int(rng.integers(2, 6))
        restore = 9.2 if month.month == 10 else float(rng.normal(3.6, 0.5))
        rows.append((f"{month:%Y-%m}", "all", "time_to_restore", f"{restore:.1f}", incidents, "h",
                     "priority-1 incidents"))
        still_open = int(rng.normal(520 if bad else 310, 25))
        age = float(rng.normal(6.5 if bad else 2.6, 0.3))
        rows.append((f"{month:%Y-%m}", "all", "backlog_age", f"{age:.1f}", still_open, "days",
                     "tickets still open"))
    return rows


def main() -> None:
    rng = np.random.default_rng(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "engagement.yaml").write_text(ENGAGEMENT, encoding="utf-8")
    write_csv(OUT / "criteria.csv", CRITERIA_HEADER, [(*c[:8], "", *c[8:]) for c in CRITERIA], sort=False)
    write_csv(OUT / "partners.csv", PARTNERS_HEADER, PARTNERS, sort=False)
    write_csv(OUT / "supply.csv", SUPPLY_HEADER, SUPPLY, sort=False)
    write_csv(OUT / "scores.csv", SCORES_HEADER,
              scores(rng), sort=False)
    write_csv(OUT / "quality" / "deliveries.csv", DELIVERIES_HEADER, tickets(rng))
    write_csv(OUT / "quality" / "feedback.csv", FEEDBACK_HEADER,
              feedback(rng))
    write_csv(OUT / "quality" / "readings.csv", READINGS_HEADER, readings(rng))
    write_csv(OUT / "quality" / "observations.csv", OBSERVATIONS_HEADER,
              observations(rng))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
