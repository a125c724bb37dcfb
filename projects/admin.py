from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import signup
from .models import (
    ChangeRecord,
    Invitation,
    Membership,
    Organisation,
    Project,
    SubmittedForm,
    User,
)


class CreationRequestFilter(admin.SimpleListFilter):
    """« Demandes en attente »: accounts asking to create projects (projects/signup.py)."""

    title = _("demande de création de projets")
    parameter_name = "demande"

    def lookups(self, request, model_admin):
        return [
            ("attente", _("En attente d’approbation")),
            ("non-confirmee", _("Adresse non confirmée")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "attente":
            return queryset.filter(creation_requested_at__isnull=False, is_active=True)
        if self.value() == "non-confirmee":
            return queryset.filter(signed_up_at__isnull=False, is_active=False)
        return queryset


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "is_staff",
        "is_active",
        "creation_requested_at",
        "last_login",
    ]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password", "full_name")}),
        (
            _("Permissions"),
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
                "description": _(
                    "Pour permettre à ce compte de créer des projets (réglage "
                    "PROJECT_CREATION=approved), donnez-lui la permission « projects | projet | "
                    "Can add projet », ou utilisez l’action « Approuver » de la liste."
                ),
            },
        ),
        (_("Inscription"), {"fields": ("signed_up_at", "creation_requested_at")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ["signed_up_at"]
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")},
        ),
    )
    list_filter = [CreationRequestFilter, "is_staff", "is_superuser", "is_active"]
    actions = ["approve_creation"]

    @admin.action(description=_("Approuver : permettre de créer des projets"))
    def approve_creation(self, request, queryset):
        count = signup.creation_approve(users=queryset.filter(is_active=True), request=request)
        self.message_user(
            request,
            ngettext(
                "%(count)s compte peut maintenant créer des projets ; la personne en est avisée.",
                "%(count)s comptes peuvent maintenant créer des projets ; chaque personne en est "
                "avisée.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


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
