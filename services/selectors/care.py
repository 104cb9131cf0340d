"""Figures of 关爱台账.

* ``subjects_by_kind(as_of)``: care subjects in care on a day (纳入 by then, not 退出 before), per kind;
* ``visits_in_period(start, end)``: visits made in [start, end], in total and per way (走访/电话/送温暖);
* ``overdue_subjects(as_of)``: active subjects whose next visit was due before ``as_of`` — due is the last
  visit (or the start when never visited) plus the subject's interval — longest overdue first, each with
  ``last_visit_on``, ``due`` and ``days_overdue``; ``overdue_count`` their number.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q

from services.models.care import CareKind, CareSubject, CareVisit, VisitKind


def _scoped(queryset, community, communities):
    if community is not None:
        return queryset.filter(community=community)
    if communities is not None:
        return queryset.filter(community__in=communities)
    return queryset


def subjects_by_kind(*, community=None, communities=None, as_of: datetime.date) -> dict[str, int]:
    """Kind label → number of subjects in care on ``as_of`` (every kind present, 0 when none), and 合计."""
    rows = (
        _scoped(CareSubject.objects.all(), community, communities)
        .current_on(as_of)
        .values("kind")
        .annotate(n=Count("id"))
    )
    counts = {row["kind"]: row["n"] for row in rows}
    figures = {label: counts.get(value, 0) for value, label in CareKind.choices}
    figures["合计"] = sum(counts.values())
    return figures


def visits_in_period(*, community=None, communities=None, start: datetime.date, end: datetime.date) -> dict[str, int]:
    aggregates = {"total": Count("id")}
    aggregates.update({value: Count("id", filter=Q(kind=value)) for value in VisitKind.values})
    return (
        _scoped(CareVisit.objects.all(), community, communities)
        .filter(visited_on__range=(start, end))
        .aggregate(**aggregates)
    )


def overdue_subjects(queryset=None, *, community=None, communities=None, as_of: datetime.date) -> list[CareSubject]:
    """Active subjects not visited within their interval on ``as_of``, longest overdue first."""
    queryset = CareSubject.objects.all() if queryset is None else queryset
    subjects = (
        _scoped(queryset, community, communities)
        .active()
        .filter(started_on__lte=as_of)
        .with_last_visit()
        .select_related("person", "group", "responsible", "community")
    )
    overdue = []
    for subject in subjects:
        subject.due = subject.due_on()
        if subject.due < as_of:
            subject.days_overdue = (as_of - subject.due).days
            overdue.append(subject)
    overdue.sort(key=lambda subject: (subject.due, subject.pk))
    return overdue


def overdue_count(*, community=None, communities=None, as_of: datetime.date) -> int:
    return len(overdue_subjects(community=community, communities=communities, as_of=as_of))
