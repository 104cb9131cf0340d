"""Pages of 就业服务: job seekers (with referrals and their results), vacancies, the referral register with
the time to placement, training courses with their trainees, and benefit payments."""

from __future__ import annotations

from django.db.models import Count

from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from services.filters.employment import (
    BenefitPaymentFilter,
    JobSeekerFilter,
    ReferralFilter,
    TrainingCourseFilter,
    VacancyFilter,
)
from services.forms.employment import (
    BenefitPaymentForm,
    EnrolmentForm,
    EnrolmentOutcomeForm,
    JobSeekerForm,
    PlaceForm,
    ReferralForm,
    RejectForm,
    SeekerWithdrawForm,
    TrainingCourseForm,
    VacancyForm,
)
from services.models.employment import (
    PROMISE_HOURS,
    BenefitPayment,
    JobSeeker,
    Referral,
    TrainingCourse,
    TrainingEnrolment,
    Vacancy,
)
from services.services.employment import (
    benefit_add,
    course_save,
    enrolment_add,
    enrolment_set_outcome,
    referral_add,
    referral_place,
    referral_reject,
    seeker_save,
    seeker_withdraw,
    vacancy_save,
)

#
# Seekers
#


class JobSeekerListView(RegisterListView):
    model = JobSeeker
    filterset_class = JobSeekerFilter
    template_name = "services/jobseeker_list.html"
    list_select_related = ("community", "group", "person")


class JobSeekerDetailView(RegisterDetailView):
    model = JobSeeker
    template_name = "services/jobseeker_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group", "person")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["referrals"] = self.object.referrals.select_related("vacancy__employer_unit", "referred_by")
        context["can_refer"] = user.has_perm("services.add_referral") and self.object.is_seeking
        context["can_decide"] = user.has_perm("services.change_referral")
        context["promise_hours"] = PROMISE_HOURS
        return context


class JobSeekerCreateView(RegisterCreateView):
    model = JobSeeker
    form_class = JobSeekerForm
    success_message = "求职登记已保存。"

    def save(self, form, *, instance, m2m):
        return seeker_save(actor=self.request.user, seeker=instance)


class JobSeekerUpdateView(RegisterUpdateView):
    model = JobSeeker
    form_class = JobSeekerForm

    def save(self, form, *, instance, m2m):
        return seeker_save(actor=self.request.user, seeker=instance)


class JobSeekerWithdrawView(SubjectFormView):
    model = JobSeeker
    action = "change"
    subject_model = JobSeeker
    form_class = SeekerWithdrawForm
    title = "退出求职登记"
    success_message = "求职登记已退出。"

    def perform(self, form):
        return seeker_withdraw(actor=self.request.user, seeker=self.subject, **form.cleaned_data)


#
# Vacancies
#


class VacancyListView(RegisterListView):
    model = Vacancy
    filterset_class = VacancyFilter
    template_name = "services/vacancy_list.html"
    list_select_related = ("community", "employer_unit")


class VacancyDetailView(RegisterDetailView):
    model = Vacancy
    template_name = "services/vacancy_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "employer_unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["referrals"] = (
            Referral.objects.visible_to(self.request.user).filter(vacancy=self.object).select_related("seeker__person")
        )
        return context


class VacancyCreateView(RegisterCreateView):
    model = Vacancy
    form_class = VacancyForm
    success_message = "空岗报告已登记。"

    def save(self, form, *, instance, m2m):
        return vacancy_save(actor=self.request.user, vacancy=instance)


class VacancyUpdateView(RegisterUpdateView):
    model = Vacancy
    form_class = VacancyForm

    def save(self, form, *, instance, m2m):
        return vacancy_save(actor=self.request.user, vacancy=instance)


#
# Referrals
#


class ReferralListView(RegisterListView):
    model = Referral
    filterset_class = ReferralFilter
    template_name = "services/referral_list.html"
    list_select_related = ("community", "seeker__person", "vacancy__employer_unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["promise_hours"] = PROMISE_HOURS
        return context


class ReferralCreateView(SubjectFormView):
    model = Referral
    action = "add"
    subject_model = JobSeeker
    form_class = ReferralForm
    title = "职业介绍"
    success_message = "职业介绍已登记。"

    def form_kwargs(self):
        return {"user": self.request.user, "seeker": self.subject}

    def perform(self, form):
        referral_add(actor=self.request.user, seeker=self.subject, **form.cleaned_data)


class ReferralPlaceView(SubjectFormView):
    model = Referral
    action = "change"
    subject_model = Referral
    form_class = PlaceForm
    title = "登记上岗"
    success_message = "已登记上岗。"

    def perform(self, form):
        return referral_place(actor=self.request.user, referral=self.subject, **form.cleaned_data)


class ReferralRejectView(SubjectFormView):
    model = Referral
    action = "change"
    subject_model = Referral
    form_class = RejectForm
    title = "登记未录用"
    success_message = "已登记未录用。"

    def perform(self, form):
        return referral_reject(actor=self.request.user, referral=self.subject, **form.cleaned_data)


#
# Training
#


class TrainingCourseListView(RegisterListView):
    model = TrainingCourse
    filterset_class = TrainingCourseFilter
    template_name = "services/trainingcourse_list.html"
    list_select_related = ("community",)

    def get_queryset(self):
        return super().get_queryset().annotate(trainee_count=Count("enrolments"))


class TrainingCourseDetailView(RegisterDetailView):
    model = TrainingCourse
    template_name = "services/trainingcourse_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["enrolments"] = (
            TrainingEnrolment.objects.visible_to(user).filter(course=self.object).select_related("person")
        )
        context["can_enrol"] = user.has_perm("services.add_trainingenrolment")
        context["can_outcome"] = user.has_perm("services.change_trainingenrolment")
        return context


class TrainingCourseCreateView(RegisterCreateView):
    model = TrainingCourse
    form_class = TrainingCourseForm
    success_message = "培训已登记。"

    def save(self, form, *, instance, m2m):
        return course_save(actor=self.request.user, course=instance)


class TrainingCourseUpdateView(RegisterUpdateView):
    model = TrainingCourse
    form_class = TrainingCourseForm

    def save(self, form, *, instance, m2m):
        return course_save(actor=self.request.user, course=instance)


class EnrolmentCreateView(SubjectFormView):
    model = TrainingEnrolment
    action = "add"
    subject_model = TrainingCourse
    form_class = EnrolmentForm
    title = "学员报名"
    success_message = "学员已报名。"

    def form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        enrolment_add(actor=self.request.user, course=self.subject, person=form.cleaned_data["person"])


class EnrolmentOutcomeView(SubjectFormView):
    model = TrainingEnrolment
    action = "change"
    subject_model = TrainingEnrolment
    form_class = EnrolmentOutcomeForm
    title = "培训结果"
    success_message = "培训结果已登记。"

    def perform(self, form):
        return enrolment_set_outcome(actor=self.request.user, enrolment=self.subject, **form.cleaned_data)


#
# Benefits
#


class BenefitPaymentListView(RegisterListView):
    model = BenefitPayment
    filterset_class = BenefitPaymentFilter
    template_name = "services/benefitpayment_list.html"
    list_select_related = ("community", "person")


class BenefitPaymentCreateView(RegisterCreateView):
    model = BenefitPayment
    form_class = BenefitPaymentForm
    success_message = "发放已登记。"

    def save(self, form, *, instance, m2m):
        return benefit_add(actor=self.request.user, payment=instance)
