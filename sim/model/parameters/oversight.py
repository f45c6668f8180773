"""The design of the body that oversees neutrality: advisory or binding, and its reach
over the PPK (ODD 7.13). Who verifies, and how fast, is ``enforcement.verifier_capacity``;
the PPK's deadline is ``enforcement.followup_deadline_weeks``."""

from __future__ import annotations

from dataclasses import dataclass

from .base import PerCycle, setting

COURT_121 = (
    "Constitutional Court decision 121/PUU-XXII/2024: an independent body to oversee the "
    "merit system, its design not settled (data/calibration.md lines 113-117)"
)


@dataclass(frozen=True)
class Oversight:
    """What the oversight body can do once it has proven a case (ODD 7.13)."""

    binding: PerCycle[bool] = setting(
        meaning="true: a proven case the PPK has not sanctioned within "
        "enforcement.followup_deadline_weeks of the recommendation is sanctioned by the "
        "body itself the week after the deadline; false: advisory (KASN, BKN), the PPK alone "
        "sanctions",
        source="design option of " + COURT_121 + "; KASN was advisory (lines 101-102)",
    )
    sanctions_ppk: PerCycle[bool] = setting(
        meaning="true: the body tracks every recommendation to its follow-up and sanctions a "
        "PPK who ignores one (each ignored recommendation is noticed, patron.inaction_noticed "
        "taken as 1, and costs the PPK oversight.ppk_penalty more)",
        source="design option of " + COURT_121 + "; since 2020 the Home Ministry may warn "
        "such a PPK (lines 103-106)",
    )
    ppk_penalty: PerCycle[float] = setting(
        low=0,
        high=100000,
        meaning="what the body's sanction on a PPK who ignores a recommendation costs it, in "
        "supporters' worth, added to patron.inaction_penalty when oversight.sanctions_ppk",
        source="assumption: as much again as being called to account costs it today "
        "(patron.inaction_penalty, fitted)",
    )
