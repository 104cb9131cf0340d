"""The 为民服务 registers (domain.md §2.3), one module per area:

* ``windows``: service windows and items, service cases (办件) and their step log;
* ``duty``: duty rosters, shifts, handovers and absences (脱岗);
* ``welfare``: programmes, enrolments, distribution batches, donations and assistance pairs;
* ``volunteers`` and ``facilities``: volunteer teams, activities and hours; facilities, equipment,
  convenience outlets and infrastructure assets;
* ``employment`` and ``care``: job seekers, vacancies, referrals, training, benefits; care subjects
  and their visits.
"""

from services.models.care import CareSubject, CareVisit
from services.models.duty import DutyAbsence, DutyHandover, DutyRoster, DutyShift
from services.models.employment import (
    BenefitPayment,
    JobSeeker,
    Referral,
    TrainingCourse,
    TrainingEnrolment,
    Vacancy,
)
from services.models.facilities import ConvenienceOutlet, Equipment, Facility, InfrastructureAsset
from services.models.volunteers import (
    ActivityParticipation,
    HoursRedemption,
    PartyPost,
    Volunteer,
    VolunteerActivity,
    VolunteerTeam,
)
from services.models.welfare import (
    AssistancePair,
    AssistanceVisit,
    DistributionBatch,
    DistributionLine,
    Donation,
    DonationCampaign,
    WelfareEnrolment,
    WelfareProgramme,
)
from services.models.windows import ServiceCase, ServiceCaseStep, ServiceItem, ServiceWindow

__all__: list[str] = []
__all__ += ["ServiceCase", "ServiceCaseStep", "ServiceItem", "ServiceWindow"]
__all__ += [
    "AssistancePair",
    "AssistanceVisit",
    "DistributionBatch",
    "DistributionLine",
    "Donation",
    "DonationCampaign",
    "WelfareEnrolment",
    "WelfareProgramme",
]
__all__ += ["ActivityParticipation", "HoursRedemption", "PartyPost", "Volunteer", "VolunteerActivity", "VolunteerTeam"]
__all__ += ["ConvenienceOutlet", "Equipment", "Facility", "InfrastructureAsset"]
__all__ += ["DutyAbsence", "DutyHandover", "DutyRoster", "DutyShift"]
__all__ += ["BenefitPayment", "JobSeeker", "Referral", "TrainingCourse", "TrainingEnrolment", "Vacancy"]
__all__ += ["CareSubject", "CareVisit"]
