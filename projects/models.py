"""People, organisations, projects and who may do what in each project."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from mutualisation.text import bounded_text


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("adresse courriel"), unique=True)
    full_name = models.CharField(_("nom complet"), max_length=150, blank=True)
    # The language of the e-mails this person receives (the pages follow the browser).
    language = models.CharField(
        _("langue des courriels"),
        max_length=10,
        choices=[("fr-ca", "Français"), ("en", "English")],
        default="fr-ca",
    )
    # Self sign-up (projects/signup.py): the account stays inactive until its address is
    # confirmed; under PROJECT_CREATION="approved" it then asks to create projects, and
    # the request waits for staff (cleared when approved: see projects/admin.py).
    signed_up_at = models.DateTimeField(_("inscrit·e le"), null=True, blank=True)
    creation_requested_at = models.DateTimeField(
        _("demande de création de projets"), null=True, blank=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur·rice")
        verbose_name_plural = _("utilisateur·rices")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def can_create_projects(self) -> bool:
        """Whether this account may create (or restore) projects: settings.PROJECT_CREATION.

        Under « approved »: staff, and accounts holding projects.add_project themselves or
        through a group (one query, instead of the two of `has_perm`).
        """
        if not self.is_active:
            return False
        if settings.PROJECT_CREATION == "anyone" or self.is_staff or self.is_superuser:
            return True
        return Permission.objects.filter(
            models.Q(user=self) | models.Q(group__user=self),
            content_type__app_label="projects",
            codename="add_project",
        ).exists()

    @property
    def creation_pending(self) -> bool:
        """A confirmed sign-up waiting for staff to let it create projects."""
        return self.creation_requested_at is not None and not self.can_create_projects


neq_validator = RegexValidator(
    r"^\d{10}$",
    _("Le NEQ compte exactement 10 chiffres, sans espace ni tiret."),
)


class Organisation(models.Model):
    class StaffSize(models.TextChoices):
        NONE = "0", _("Aucun employé (bénévoles seulement)")
        SMALL = "1-4", _("1 à 4 employé·es")
        MEDIUM = "5-19", _("5 à 19 employé·es")
        LARGE = "20-49", _("20 à 49 employé·es")
        XLARGE = "50+", _("50 employé·es ou plus")

    class BudgetBand(models.TextChoices):
        UNDER_100K = "<100k", _("Moins de 100 000 $")
        UNDER_500K = "100k-500k", _("100 000 $ à 500 000 $")
        UNDER_1M = "500k-1M", _("500 000 $ à 1 M$")
        UNDER_5M = "1M-5M", _("1 M$ à 5 M$")
        OVER_5M = "5M+", _("Plus de 5 M$")

    name = models.CharField(_("nom"), max_length=200)
    neq = models.CharField(
        _("NEQ"),
        max_length=10,
        blank=True,
        validators=[neq_validator],
        help_text=_("Numéro d'entreprise du Québec, 10 chiffres (facultatif)."),
    )
    region = models.CharField(_("région"), max_length=100, blank=True)
    sector = models.CharField(_("secteur d'activité"), max_length=150, blank=True)
    staff_size = models.CharField(
        _("taille de l'équipe"), max_length=10, choices=StaffSize.choices, blank=True
    )
    budget_band = models.CharField(
        _("budget annuel"), max_length=10, choices=BudgetBand.choices, blank=True
    )
    mission = bounded_text(_("mission en bref"), max_length=2_000, blank=True)
    website = models.URLField(_("site Web"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


# Paths under /projets/ that are not projects.
RESERVED_SLUGS = {"nouveau", "invitation", "restaurer"}


class Project(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("En cours")
        PAUSED = "paused", _("En pause")
        COMPLETED = "completed", _("Terminé")
        ARCHIVED = "archived", _("Archivé")

    name = models.CharField(_("nom du projet"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True, editable=False)
    description = bounded_text(_("description"), blank=True)
    territory = models.CharField(_("territoire"), max_length=200, blank=True)
    scope = bounded_text(
        _("portée"),
        blank=True,
        help_text=_(
            "Ce que le projet vise à mettre en commun (locaux, équipements, personnel…) "
            "et les parties des organisations concernées."
        ),
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    # Raised by every change to the project or its steps (steps/versioning.py): a
    # report built at one version is served again only while the version holds.
    content_version = models.PositiveBigIntegerField(default=0, editable=False)
    # An archived project is read-only (projects.access) and hidden from « Mes projets »
    # by default; it can still be read, exported and unarchived by a coordinator.
    archived_at = models.DateTimeField(_("archivé le"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("archivé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations participantes"),
        related_name="projects",
        blank=True,
    )

    class Meta:
        verbose_name = _("projet")
        verbose_name_plural = _("projets")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        if not self._state.adding and not kwargs.get("update_fields"):
            # The content version is only ever raised in the database (steps.versioning):
            # a save from a form must not write back the value it read.
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "content_version"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("projects:home", args=[self.slug])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def _unique_slug(self):
        base = slugify(self.name)[:70] or "projet"
        slug, n = base, 2
        # Reserved words are paths of their own under /projets/ (see projects/urls.py).
        while slug in RESERVED_SLUGS or Project.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordonnateur·rice")
    PARTNER = "partner", _("Organisation partenaire")
    ADVISOR = "advisor", _("Conseiller·ère")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("Obligatoire pour une organisation partenaire."),
    )
    joined_at = models.DateTimeField(_("membre depuis"), auto_now_add=True)
    # The previous visit of the project's home: « soumis depuis votre dernière visite ».
    last_seen_at = models.DateTimeField(_("dernière visite"), null=True, blank=True)

    class Meta:
        verbose_name = _("membre")
        verbose_name_plural = _("membres")
        constraints = [
            models.UniqueConstraint(fields=["user", "project"], name="one_membership_per_project"),
            models.CheckConstraint(
                condition=~models.Q(role="partner") | models.Q(organisation__isnull=False),
                name="partner_has_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.project} · {self.get_role_display()}"

    @property
    def is_coordinator(self):
        return self.role == Role.COORDINATOR

    @property
    def is_partner(self):
        return self.role == Role.PARTNER

    @property
    def is_advisor(self):
        return self.role == Role.ADVISOR

    def can_edit(self, organisation) -> bool:
        """Whether this member may write the answers of `organisation` (None = the project)."""
        if self.is_coordinator:
            return True
        if self.is_partner and organisation is not None:
            return organisation.pk == self.organisation_id
        return False

    def can_see_drafts_of(self, organisation) -> bool:
        """Drafts stay private to their organisation, the coordinators and the advisors."""
        if self.is_partner:
            return organisation is not None and organisation.pk == self.organisation_id
        return True


def _new_token():
    # 32 random bytes from the OS's CSPRNG: unguessable, so the link alone proves that its
    # holder received the e-mail. It is single-use: accepting sets `accepted_at` in the same
    # transaction that creates the membership, with the invitation row locked
    # (select_for_update), so a link can never be accepted twice.
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    email = models.EmailField(_("adresse courriel"))
    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    token = models.CharField(
        _("jeton"), max_length=64, unique=True, default=_new_token, editable=False
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoyée par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expire le"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acceptée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True)
    # The coordinator's personal words, quoted in the e-mail (invitations in bulk).
    message = bounded_text(_("message personnel"), max_length=1_000, blank=True)
    # « Relancer »: the last reminder and how many were sent (projects/bulk_views.py).
    reminded_at = models.DateTimeField(_("relancée le"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("relances"), default=0)

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        ACCEPTED = "accepted", _("Acceptée")
        REVOKED = "revoked", _("Révoquée")
        EXPIRED = "expired", _("Expirée")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="partner") | models.Q(organisation__isnull=False),
                name="partner_invitation_has_organisation",
            ),
            # Two coordinators (or a double click) never leave two live links for one
            # address: an expired one is revoked when a new one is created.
            models.UniqueConstraint(
                "project",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_pending_invitation_per_address",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.project}"

    def save(self, *args, **kwargs):
        if not self.expires_at:
            self.expires_at = timezone.now() + timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("projects:invitation_accept", args=[self.token])

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_usable(self) -> bool:
        return not (self.accepted_at or self.revoked_at or self.is_expired)

    @property
    def status(self) -> str:
        """Where the invitation stands; a used or revoked one no longer expires."""
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.is_expired:
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self) -> str:
        return self.Status(self.status).label


# The change history of the project and of every tool of the steps (resources, risks,
# actions, indicators…); answers keep their own (AnswerRevision). Written through
# `projects.history.save_with_history` and `record_change`.
class ChangeRecord(models.Model):
    class Kind(models.TextChoices):
        CREATED = "created", _("Création")
        UPDATED = "updated", _("Modification")
        DELETED = "deleted", _("Suppression")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="changes")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    object_label = models.CharField(_("objet"), max_length=255)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    # {field name: [old value, new value]} as display strings.
    changes = models.JSONField(_("changements"), default=dict)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        # Created by the steps app before it moved here: the table keeps its name.
        db_table = "steps_changerecord"
        verbose_name = _("modification")
        verbose_name_plural = _("historique des modifications")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.object_label}"


class SubmittedForm(models.Model):
    """The token of a create form already handled (`projects.submissions`): a double click
    or two tabs sending the same form create the object once."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("formulaire envoyé")
        verbose_name_plural = _("formulaires envoyés")

    def __str__(self):
        return self.token
