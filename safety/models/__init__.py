"""The 平安社区 registers (domain.md §2.5), one module per area:

* ``access``: the log of every view of a sensitive record;
* ``mediation``: the mediation committee, dispute cases, sessions, agreements and follow-ups;
* ``care``: 帮教 of released persons, community correction, key persons and their visit tasks;
* ``records``: police liaison, patrols, legal education, hazard inspections, incidents, petitions.

Only the 治保调解 role, 书记/主任 and superusers hold permissions on these models; everyone else
sees counts at most (through the reports).
"""

from safety.models.access import SensitiveAccess
from safety.models.care import (
    CareRule,
    CareTask,
    CorrectionCase,
    CorrectionCheckIn,
    CorrectionViolation,
    RehabCase,
    RehabTeamMember,
    RehabVisit,
)
from safety.models.mediation import CommitteeMember, DisputeCase, DisputeParty, FollowUp, MediationSession
from safety.models.records import (
    Incident,
    IncidentYearConfirmation,
    Inspection,
    InspectionTarget,
    LegalEducationSession,
    PatrolRecord,
    PatrolTeam,
    PatrolTeamMember,
    Petition,
    PetitionStep,
    PoliceOfficer,
    PoliceVisit,
)

__all__ = [
    "CareRule",
    "CareTask",
    "CommitteeMember",
    "CorrectionCase",
    "CorrectionCheckIn",
    "CorrectionViolation",
    "DisputeCase",
    "DisputeParty",
    "FollowUp",
    "Incident",
    "IncidentYearConfirmation",
    "Inspection",
    "InspectionTarget",
    "LegalEducationSession",
    "MediationSession",
    "PatrolRecord",
    "PatrolTeam",
    "PatrolTeamMember",
    "Petition",
    "PetitionStep",
    "PoliceOfficer",
    "PoliceVisit",
    "RehabCase",
    "RehabTeamMember",
    "RehabVisit",
    "SensitiveAccess",
]
