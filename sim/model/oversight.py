"""The oversight body's powers once a case is proven (ODD 7.13).

An advisory body (KASN, BKN) only recommends: the PPK decides (``sim.model.patron``).
A *binding* body applies its own recommended sanction to a proven case the PPK has
not sanctioned by the deadline; a body that *sanctions the PPK* notices every
recommendation ignored and makes ignoring one cost the PPK more.
"""

from __future__ import annotations

import numpy as np

from .campaign import NOT_YET, Campaign
from .parameters import Params


def called_to_account(params: Params) -> tuple[float, float]:
    """(Chance an ignored recommendation is noticed, what that costs the PPK).

    Advisory oversight: ``patron.inaction_noticed`` and ``patron.inaction_penalty``. A
    body that sanctions the PPK tracks every recommendation to its follow-up (noticed
    for sure) and adds its own sanction, ``oversight.ppk_penalty``.
    """
    p, o = params.patron, params.oversight
    if o.sanctions_ppk:
        return 1.0, p.inaction_penalty + o.ppk_penalty
    return p.inaction_noticed, p.inaction_penalty


def body_deadline(campaign: Campaign, proven: np.ndarray, week: int, params: Params) -> np.ndarray:
    """A binding body's sanctions on the cases proven in ``week``; returns whom it took over.

    A case the PPK has not sanctioned within ``followup_deadline_weeks`` of the
    recommendation (ignored, or followed up too late) is sanctioned by the body the
    week after the deadline, and marked ``taken_over``. Nothing under an advisory body.
    No draws.
    """
    if not params.oversight.binding or not proven.size:
        return proven[:0]
    due = week + params.enforcement.followup_deadline_weeks + 1
    scheduled = campaign.sanction_week[proven]
    late = proven[(scheduled == NOT_YET) | (scheduled > due)]
    campaign.sanction_week[late] = due
    campaign.taken_over[late] = True
    return late
