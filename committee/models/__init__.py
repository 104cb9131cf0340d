"""The committee's own life (issue 5; domain.md §2.4), one module per area:

* ``staff``: community staff, the posts of the 两委 and their terms (training, working bodies,
  representatives, work attendance and elections beside them);
* ``party``: party organisations, members, transfers, 在职党员报到 and activities;
* ``meetings``: meetings with attendance, decisions and closing; fine rules and the fine ledger;
* ``participation``: suggestions, disclosures, democratic evaluations;
* ``projects``: construction projects per group, honours, co-building contributions of units.

It sits after ``services`` and ``safety`` in the layering: meetings and parties name people of the
register, and the fine ledger reads the duty absences of ``services``.
"""

# -- meetings --
from committee.models.fines import FineRecord, FineRule
from committee.models.meetings import Meeting, MeetingAttendance, Resolution

# -- participation --
from committee.models.participation import Disclosure, DisclosureAttachment, DisclosureItem, Evaluation, Suggestion

# -- party --
from committee.models.party import PartyActivity, PartyCheckIn, PartyMember, PartyOrganisation, PartyTransfer

# -- projects --
from committee.models.projects import Award, ConstructionProject, ProjectDocument, UnitContribution

# -- staff --
from committee.models.staff import (
    CommitteePost,
    Election,
    ElectionCandidate,
    ResidentRepresentative,
    Staff,
    TrainingRecord,
    WorkAttendance,
    WorkingBody,
    WorkingBodyMember,
)

__all__ = [
    "Award",  # projects
    "CommitteePost",
    "ConstructionProject",  # projects
    "Disclosure",  # participation
    "DisclosureAttachment",  # participation
    "DisclosureItem",  # participation
    "Election",  # staff
    "ElectionCandidate",  # staff
    "Evaluation",  # participation
    "FineRecord",  # meetings
    "FineRule",  # meetings
    "Meeting",  # meetings
    "MeetingAttendance",  # meetings
    "PartyActivity",  # party
    "PartyCheckIn",  # party
    "PartyMember",  # party
    "PartyOrganisation",  # party
    "PartyTransfer",  # party
    "ProjectDocument",  # projects
    "ResidentRepresentative",  # staff
    "Resolution",  # meetings
    "Staff",
    "Suggestion",  # participation
    "TrainingRecord",  # staff
    "UnitContribution",  # projects
    "WorkAttendance",
    "WorkingBody",  # staff
    "WorkingBodyMember",  # staff
]
