"""Modélisation: the operating model, its consent rounds, the risk register and the
agreement draft's edited sections."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mutualisation.formats import format_date
from mutualisation.text import LONG_TEXT_MAX, bounded_text
from projects.models import Organisation, Project
from steps.modelling.enjeux import enjeu_choices


class OperatingModel(models.Model):
    """How the partners work together: one per project, edited by the coordination."""

    class DecisionProcess(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus")
        CONSENT = "consent", _("Consentement")
        MAJORITY = "majority", _("Majorité simple")
        OTHER = "other", _("Autre")

    class MeetingFrequency(models.TextChoices):
        WEEKLY = "weekly", _("Chaque semaine")
        BIWEEKLY = "biweekly", _("Toutes les deux semaines")
        MONTHLY = "monthly", _("Chaque mois")
        BIMONTHLY = "bimonthly", _("Tous les deux mois")
        QUARTERLY = "quarterly", _("Chaque trimestre")
        TWICE_A_YEAR = "twice_a_year", _("Deux fois par année")
        YEARLY = "yearly", _("Une fois par année")
        AS_NEEDED = "as_needed", _("Au besoin")

    class Continuum(models.TextChoices):
        LOAN = "loan", _("Prêt")
        COLLABORATION = "collaboration", _("Collaboration")
        # The same word names the app: translators need the context to tell them apart.
        POOLING = "pooling", pgettext_lazy("continuum de coopération", "Mutualisation")
        MERGER = "merger", _("Fusion")

    class Form(models.TextChoices):
        INFORMAL = "informal", _("Entente informelle")
        LETTER = "letter", _("Lettre d'entente")
        CONTRACT = "contract", _("Contrat")
        CO_OWNERSHIP = "co_ownership", _("Copropriété")
        NEW_ORGANISATION = "new_organisation", _("Coentreprise ou nouvelle organisation")

    class SharingKey(models.TextChoices):
        USAGE = "usage", _("Selon l'utilisation prévue par chaque organisation")
        EQUAL = "equal", _("À parts égales")
        CUSTOM = "custom", _("Selon des poids convenus entre les partenaires")

    project = models.OneToOneField(
        Project,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="operating_model",
    )
    decision_process = models.CharField(
        _("processus de décision"),
        max_length=20,
        choices=DecisionProcess.choices,
        default=DecisionProcess.CONSENT,
    )
    decision_details = bounded_text(
        _("précisions sur la prise de décision"),
        blank=True,
        help_text=_(
            "Qui décide de quoi, ce qui remonte aux conseils d'administration, ce qui se "
            "passe en cas de blocage. Obligatoire si vous choisissez « Autre »."
        ),
    )
    quorum = models.CharField(
        _("quorum"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : la moitié des organisations partenaires plus une."),
    )
    meeting_frequency = models.CharField(
        _("fréquence des rencontres"),
        max_length=20,
        choices=MeetingFrequency.choices,
        default=MeetingFrequency.MONTHLY,
    )
    communication_channels = bounded_text(
        _("canaux de communication"),
        blank=True,
        help_text=_("Courriel, dossier partagé, groupe de discussion, compte rendu…"),
    )
    shared_zones = bounded_text(
        _("zones d'intervention et clientèles communes"),
        blank=True,
        help_text=_("Ce que les partenaires font ensemble, pour qui et sur quel territoire."),
    )
    continuum = models.CharField(
        _("degré d'intégration"),
        max_length=20,
        choices=Continuum.choices,
        default=Continuum.POOLING,
        help_text=_(
            "Du plus simple au plus intégré : prêt, collaboration, mutualisation, fusion."
        ),
    )
    formalisation = models.CharField(
        _("forme de l'entente"),
        max_length=20,
        choices=Form.choices,
        default=Form.LETTER,
        help_text=_("Le niveau de formalité doit suivre la complexité de la mise en commun."),
    )
    intellectual_property = bounded_text(
        _("propriété intellectuelle"),
        blank=True,
        help_text=_("À qui appartiennent les outils, documents et contenus produits ensemble."),
    )
    brand = bounded_text(
        _("image de marque"),
        blank=True,
        help_text=_("Sous quel nom et quel logo ce qui est produit ensemble est présenté."),
    )
    asymmetric_accepted = models.BooleanField(
        _("contribution asymétrique acceptée"),
        null=True,
        blank=True,
        help_text=_("Les partenaires acceptent-ils de ne pas tous contribuer autant ?"),
    )
    asymmetric_breaking_point = bounded_text(
        _("point de rupture"),
        blank=True,
        help_text=_(
            "Jusqu'où l'écart de contribution reste acceptable, et ce qui se passe au-delà."
        ),
    )
    sharing_key = models.CharField(
        _("clé de partage des coûts"),
        max_length=20,
        choices=SharingKey.choices,
        default=SharingKey.USAGE,
    )
    # Beside the costs, the method asks how the gains are shared (issue 19).
    surplus_sharing = bounded_text(
        _("partage des surplus"),
        blank=True,
        help_text=_(
            "Ce que deviennent les économies, les revenus ou les surplus dégagés ensemble : "
            "remis selon la même clé, réinvestis dans le projet, mis en réserve…"
        ),
    )
    start_date = models.DateField(_("entrée en vigueur de l'entente"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("durée initiale (mois)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    exit_notice_days = models.PositiveSmallIntegerField(
        _("préavis de retrait (jours)"),
        default=90,
        validators=[MinValueValidator(0), MaxValueValidator(730)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifié par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("modèle de fonctionnement")
        verbose_name_plural = _("modèles de fonctionnement")

    def __str__(self):
        return str(_("Modèle de fonctionnement de %(project)s") % {"project": self.project})


class ConsentRound(models.Model):
    """A round in which each organisation consents or objects to the operating model."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopté")
        REWORK = "rework", _("À retravailler")

    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="consent_rounds"
    )
    proposal = models.TextField(
        _("proposition soumise"),
        help_text=_("Le modèle de fonctionnement tel qu'il était à l'ouverture de la ronde."),
    )
    note = bounded_text(_("mot de la coordination"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ouverte par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("ouverte le"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fermée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("fermée le"), null=True, blank=True)
    closes_on = models.DateField(
        _("réponses attendues au plus tard le"),
        null=True,
        blank=True,
        help_text=_(
            "Les organisations qui n'ont pas répondu reçoivent un rappel deux jours avant."
        ),
    )
    outcome = models.CharField(_("résultat"), max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("ronde de consentement")
        verbose_name_plural = _("rondes de consentement")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(closed_at__isnull=True),
                name="one_open_consent_round_per_project",
            )
        ]

    def __str__(self):
        return str(_("Ronde de consentement du %(date)s") % {"date": format_date(self.opened_at)})

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ConsentResponse(models.Model):
    """One organisation's answer in a consent round; it may change while the round is open."""

    class Answer(models.TextChoices):
        AGREE = "agree", _("D'accord")
        OBJECTION = "objection", _("Objection")

    consent_round = models.ForeignKey(
        ConsentRound,
        verbose_name=_("ronde"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="consent_responses",
    )
    answer = models.CharField(_("réponse"), max_length=20, choices=Answer.choices)
    reason = bounded_text(_("raison"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("répondu par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("répondu le"), auto_now=True)

    class Meta:
        verbose_name = _("réponse à une ronde de consentement")
        verbose_name_plural = _("réponses aux rondes de consentement")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consent_round", "organisation"], name="one_consent_response_per_org"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.get_answer_display()}"

    @property
    def project_id(self):
        """The project, through the round (used by the change history)."""
        return self.consent_round.project_id

    @property
    def is_objection(self) -> bool:
        return self.answer == self.Answer.OBJECTION


class Risk(models.Model):
    """A risk of the register, rated by probability and impact on a 1–4 scale."""

    class Probability(models.IntegerChoices):
        RARE = 1, _("1 — Peu probable")
        POSSIBLE = 2, _("2 — Possible")
        LIKELY = 3, _("3 — Probable")
        ALMOST_CERTAIN = 4, _("4 — Presque certain")

    class Impact(models.IntegerChoices):
        MINOR = 1, _("1 — Mineur")
        MODERATE = 2, _("2 — Modéré")
        SERIOUS = 3, _("3 — Important")
        MAJOR = 4, _("4 — Majeur")

    class Status(models.TextChoices):
        OPEN = "open", _("Ouvert")
        IN_PROGRESS = "in_progress", _("En traitement")
        CONTROLLED = "controlled", _("Maîtrisé")
        CLOSED = "closed", _("Clos")

    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="risks"
    )
    title = models.CharField(_("titre"), max_length=200)
    enjeu = models.CharField(_("enjeu connu"), max_length=30, choices=enjeu_choices(), blank=True)
    description = bounded_text(_("description"), blank=True)
    probability = models.PositiveSmallIntegerField(
        _("probabilité"), choices=Probability.choices, default=Probability.POSSIBLE
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), choices=Impact.choices, default=Impact.MODERATE
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation responsable"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_risks",
    )
    mitigation = bounded_text(_("mesures d'atténuation"), blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("risque")
        verbose_name_plural = _("risques")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=1, probability__lte=4),
                name="risk_probability_1_to_4",
            ),
            models.CheckConstraint(
                condition=Q(impact__gte=1, impact__lte=4), name="risk_impact_1_to_4"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def score(self) -> int:
        return self.probability * self.impact


class AgreementLanguage(models.TextChoices):
    """The one language an agreement is written in (codes of settings.LANGUAGES)."""

    FRENCH = "fr-ca", _("français")
    ENGLISH = "en", _("anglais")


class Agreement(models.Model):
    """The agreement draft as a whole: the language it is written in, chosen by the
    coordination. Without a row, the draft is written in the project creator's language."""

    project = models.OneToOneField(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="agreement"
    )
    language = models.CharField(
        _("langue de l'entente"),
        max_length=10,
        choices=AgreementLanguage.choices,
        default=AgreementLanguage.FRENCH,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifiée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("entente")
        verbose_name_plural = _("ententes")

    def __str__(self):
        return str(_("Entente de %(project)s") % {"project": self.project})


class AgreementSection(models.Model):
    """A section of the agreement draft whose generated text the coordination rewrote.

    `basis` holds the facts the generated section depended on when the text was written
    or last reviewed, and `language` the language it was written in: when either no
    longer matches, the section reads « à revoir » (steps/modelling/review.py)."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="agreement_sections",
    )
    code = models.CharField(_("section"), max_length=30)
    custom_text = bounded_text(_("texte de la section"), max_length=LONG_TEXT_MAX)
    language = models.CharField(
        _("langue du texte"),
        max_length=10,
        choices=AgreementLanguage.choices,
        default=AgreementLanguage.FRENCH,
    )
    basis = models.JSONField(
        _("faits à la rédaction"),
        default=dict,
        blank=True,
        help_text=_("Les données du projet dont dépendait la section lors de sa dernière revue."),
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifiée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    # The stored facts are for the « à revoir » comparison, not for people to read.
    history_hidden_fields = frozenset({"basis"})

    class Meta:
        verbose_name = _("section modifiée de l'entente")
        verbose_name_plural = _("sections modifiées de l'entente")
        ordering = ["project", "code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="one_agreement_section")
        ]

    def __str__(self):
        return f"{self.project} · {self.code}"
