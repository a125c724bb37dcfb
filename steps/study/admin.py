"""Django admin of the opportunity study."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from steps.models import AloneCost, IndirectEffect, OpportunityStudy, StartupCost, StudyWeight


class StartupCostInline(admin.TabularInline):
    model = StartupCost
    extra = 0


class AloneCostInline(admin.TabularInline):
    model = AloneCost
    extra = 0


class StudyWeightInline(admin.TabularInline):
    model = StudyWeight
    extra = 0


class IndirectEffectInline(admin.TabularInline):
    model = IndirectEffect
    extra = 0


@admin.register(OpportunityStudy)
class OpportunityStudyAdmin(admin.ModelAdmin):
    list_display = ["project", "horizon_years", "validated_at", "updated_at"]
    list_select_related = ["project"]
    search_fields = ["project__name"]
    raw_id_fields = ["project", "departing_organisation", "validated_by"]
    inlines = [StartupCostInline, StudyWeightInline, AloneCostInline, IndirectEffectInline]


class StudyLineAdmin(admin.ModelAdmin):
    """Each line of a study, also on its own (search by project), for site staff."""

    list_select_related = ["study__project"]
    search_fields = ["study__project__name"]
    raw_id_fields = ["study"]

    @admin.display(description=_("projet"), ordering="study__project__name")
    def project(self, line):
        return line.study.project


admin.site.register(StudyWeight, StudyLineAdmin, list_display=["project", "organisation"])
admin.site.register(StartupCost, StudyLineAdmin, list_display=["project", "kind", "label"])
admin.site.register(
    AloneCost, StudyLineAdmin, list_display=["project", "organisation", "resource"]
)
admin.site.register(IndirectEffect, StudyLineAdmin, list_display=["project", "label"])
