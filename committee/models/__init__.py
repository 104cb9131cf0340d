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

from committee.models.staff import CommitteePost, Staff, WorkAttendance

__all__ = [
    "CommitteePost",
    "Staff",
    "WorkAttendance",
]
