"""Where every page of a project sits: the one source of the step bar, the tool tabs of
each step and the breadcrumbs (rendered by steps/templatetags/navigation.py).

Each step has its own page (`steps:step`, the first tab) and its tools, in tab order.
A tool is its main page plus the URL names that belong to it (its detail, edit and
delete pages, its exports). Adding a tool is one line in its step's tuple below, e.g.
``Tool("steps:opportunity_study", _("Étude d'opportunité")),`` under "modelisation".

Every URL name of a project (`/projets/<slug>/…`) is in exactly one place: a tool, the
pages of a step (`STEP_PAGES`, their step is in the URL or the page) or the pages of
the project outside the steps (`PROJECT_PAGES`); tests/steps/test_navigation.py checks it.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from projects.method import STEPS_BY_CODE, Step


@dataclass(frozen=True)
class Tool:
    url_name: str
    label: Promise
    inside: tuple[str, ...] = ()
    coordinator_only: bool = False
    # The action list and its calendar carry the page's filters (`filter_query`) over.
    keeps_filters: bool = False

    @property
    def url_names(self) -> tuple[str, ...]:
        return (self.url_name, *self.inside)


TOOLS: dict[str, tuple[Tool, ...]] = {
    "impulsion": (Tool("steps:impulsion_synthesis", _("Synthèse des motivations")),),
    "reflexion": (
        Tool(
            "steps:dimensions",
            _("Dimensions du portrait"),
            inside=("steps:extra_item_add", "steps:extra_item_remove"),
            coordinator_only=True,
        ),
    ),
    "diagnostic": (
        Tool(
            "steps:grid",
            _("Grille"),
            inside=(
                "steps:verdict_set",
                "steps:verdict_reset",
                "steps:grid_csv",
                "steps:grid_xlsx",
                "steps:report_grille",
            ),
        ),
        Tool("steps:potential", _("Potentiel de mutualisation")),
        Tool("steps:pairs", _("Paires d'organisations")),
        Tool(
            "steps:opportunities",
            _("Qui peut offrir quoi à qui"),
            inside=("steps:opportunity_to_resource",),
        ),
    ),
    "modelisation": (
        Tool(
            "steps:operating_model",
            _("Modèle de fonctionnement"),
            inside=(
                "steps:operating_model_edit",
                "steps:consent_open",
                "steps:consent_round",
                "steps:consent_respond",
                "steps:consent_close",
            ),
        ),
        Tool(
            "steps:resources",
            _("Ressources"),
            inside=(
                "steps:resource_create",
                "steps:resource_preview",
                "steps:resource_detail",
                "steps:resource_edit",
                "steps:resource_delete",
                "steps:commitments",
                "steps:usage",
                "steps:usage_add",
                "steps:usage_delete",
                "steps:report_couts",
            ),
        ),
        Tool(
            "steps:risks",
            _("Registre des risques"),
            inside=("steps:risk_create", "steps:risk_edit", "steps:risk_delete"),
        ),
        Tool(
            "steps:agreement",
            _("Projet d’entente"),
            inside=(
                "steps:agreement_section_edit",
                "steps:agreement_reset_section",
                "steps:agreement_section_restore",
                "steps:agreement_language",
                "steps:agreement_mark_reviewed",
                "steps:report_entente",
                "steps:agreement_docx",
            ),
        ),
        Tool(
            "steps:opportunity_study",
            _("Étude d’opportunité"),
            inside=(
                "steps:opportunity_study_detail",
                "steps:opportunity_study_sensitivity",
                "steps:opportunity_study_edit",
                "steps:opportunity_study_alone",
                "steps:opportunity_study_effects",
                "steps:opportunity_study_validate",
                "steps:opportunity_study_xlsx",
                "steps:opportunity_study_note",
            ),
        ),
    ),
    "realisation": (
        Tool(
            "steps:strategic_plan",
            _("Plan stratégique"),
            inside=(
                "steps:strategic_vision_edit",
                "steps:axis_create",
                "steps:axis_edit",
                "steps:axis_delete",
                "steps:orientation_create",
                "steps:orientation_edit",
                "steps:orientation_delete",
                "steps:strategy_create",
                "steps:strategy_edit",
                "steps:strategy_delete",
            ),
        ),
        Tool(
            "steps:actions",
            _("Plan d'action"),
            inside=(
                "steps:action_create",
                "steps:action_edit",
                "steps:action_delete",
                "steps:action_status",
                "steps:report_plan",
            ),
            keeps_filters=True,
        ),
        Tool("steps:action_timeline", _("Calendrier"), keeps_filters=True),
        Tool(
            "steps:communication",
            _("Plan de communication"),
            inside=(
                "steps:communication_item_create",
                "steps:communication_item_edit",
                "steps:communication_item_delete",
            ),
        ),
    ),
    "evaluation": (
        Tool(
            "steps:logic_model",
            _("Modèle logique"),
            inside=(
                "steps:logic_element_create",
                "steps:logic_element_edit",
                "steps:logic_element_delete",
            ),
        ),
        Tool(
            "steps:indicators",
            _("Indicateurs"),
            inside=(
                "steps:indicator_create",
                "steps:indicator_edit",
                "steps:indicator_delete",
                "steps:measurement_add",
                "steps:measurement_delete",
            ),
        ),
        Tool(
            "steps:evaluation_rounds",
            _("Bilans d'évaluation"),
            inside=(
                "steps:evaluation_round_create",
                "steps:evaluation_round_edit",
                "steps:evaluation_round_delete",
                "steps:improvement_to_action",
                "steps:report_evaluation",
            ),
        ),
    ),
}

# The name of each step's tool tabs (a landmark of its own, next to the step bar).
TOOLS_LABELS: dict[str, Promise] = {
    "impulsion": _("Outils de l’impulsion"),
    "reflexion": _("Outils de la réflexion"),
    "diagnostic": _("Outils du diagnostic"),
    "modelisation": _("Outils de la modélisation"),
    "realisation": _("Outils de la réalisation"),
    "evaluation": _("Outils de l’évaluation"),
}

# The step's own page and the pages of one organisation's (or the project's) answers:
# their step is the `step_code` of the URL, or the page's `step` (an answer's history).
STEP_PAGES = (
    "steps:step",
    "steps:save_project",
    "steps:submit_project",
    "steps:reopen_project",
    "steps:org_answers",
    "steps:save_org",
    "steps:submit_org",
    "steps:reopen_org",
    "steps:autosave",
    "steps:history",
    "steps:answer_restore",
    "steps:blank_questionnaire",
    "steps:answers_docx",
)

# The project's pages that belong to no step: the step bar shows, no step is current.
PROJECT_PAGES = (
    "projects:home",
    "projects:edit",
    "projects:organisation",
    "projects:organisation_edit",
    "projects:members",
    "projects:invite",
    "projects:member_remove",
    "projects:invitation_resend",
    "projects:invitation_revoke",
    "projects:bulk_invite",
    "projects:bulk_invite_send",
    "projects:invitations_pending",
    "projects:invitations_remind",
    "steps:dashboard",
    "steps:deadlines",
    "steps:relaunch",
    "steps:mails_retry",
    "steps:calendar",
    "steps:calendar_download",
    "steps:project_transfer",
    "steps:comment_thread",
    "steps:comment_thread_resolve",
    "steps:comment_edit",
    "steps:comment_remove",
    "steps:project_export",
    "steps:project_duplicate",
    "projects:archive",
    "projects:unarchive",
    "steps:report_dossier",
    "steps:report_portrait",
    "steps:blank_portrait",
    "steps:report_progress",
    "steps:report_status",
    "steps:report_retry",
    "steps:report_file",
    "steps:attachment_list",
    "steps:attachment_upload",
    "steps:attachment_download",
    "steps:attachment_delete",
    # The checklist of conditions of success and pitfalls spans every step.
    "steps:checklist",
    "steps:checklist_save",
)

_TOOL_OF: dict[str, tuple[Step, Tool]] = {
    name: (STEPS_BY_CODE[code], tool)
    for code, tools in TOOLS.items()
    for tool in tools
    for name in tool.url_names
}


@dataclass(frozen=True)
class Place:
    """Where a page sits: its step (None outside the steps) and its tool (None on the
    step's own pages)."""

    step: Step | None = None
    tool: Tool | None = None


def place_of(url_name: str, step_code: str | None = None) -> Place | None:
    """The place of the page named `url_name` ("steps:risks"), None if it is no page of
    a project. `step_code` is the step of a step page (from its URL or its context)."""
    if url_name in _TOOL_OF:
        step, tool = _TOOL_OF[url_name]
        return Place(step, tool)
    if url_name in STEP_PAGES:
        return Place(STEPS_BY_CODE.get(step_code))
    if url_name in PROJECT_PAGES:
        return Place()
    return None


def tools_of(step_code: str) -> tuple[Tool, ...]:
    return TOOLS.get(step_code, ())


def every_url_name() -> list[str]:
    """Every URL name the registry places, once per place (duplicates show as such)."""
    names = [name for tools in TOOLS.values() for tool in tools for name in tool.url_names]
    return names + list(STEP_PAGES) + list(PROJECT_PAGES)
