"""What a unit did, offered among the dynamic forms (not only when nothing else survives).

A unit's survey or inspection by the team it sets up (headline/team.py: 某会围绕X开展专题调研)
is the news of a dynamic or news-style piece: it competes with the other dynamic forms instead
of waiting for every form to fail the gate (a figure of the survey's own fieldwork, 深入11个镇,
is never the point).
"""

from __future__ import annotations

from models.headline.lead import Lead
from models.headline.team import team_action


def team_work(lead: Lead) -> list[str]:
    """The unit's survey or inspection as a dynamic title, or nothing."""
    team = team_action(lead)
    return [team] if team else []
