from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    ChangeRecord,
    Invitation,
    Membership,
    Organisation,
    Project,
    SubmittedForm,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password", "full_name")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")},
        ),
    )
    list_filter = ["is_staff", "is_superuser", "is_active"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "neq", "region", "sector", "staff_size", "budget_band"]
    list_filter = ["region", "staff_size", "budget_band"]
    search_fields = ["name", "neq", "sector"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "organisation"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "territory", "status", "created_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "territory", "description"]
    filter_horizontal = ["organisations"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "project", "role", "organisation", "joined_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "project__name", "organisation__name"]
    list_select_related = ["user", "project", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "project",
        "role",
        "organisation",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role", "accepted_at", "revoked_at"]
    search_fields = ["email", "project__name"]
    list_select_related = ["project", "organisation"]
    readonly_fields = ["token"]


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ["object_label", "kind", "project", "changed_by", "changed_at"]
    list_filter = ["kind"]
    search_fields = ["object_label", "project__name"]


@admin.register(SubmittedForm)
class SubmittedFormAdmin(admin.ModelAdmin):
    list_display = ["token", "user", "created_at"]
    raw_id_fields = ["user"]
