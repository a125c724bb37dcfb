"""The JSON document of a project: its version, its sections and how references work.

Format « mutualisation.projet », version FORMAT_VERSION::

    {
      "format": "mutualisation.projet",
      "format_version": 5,
      "exported_at": "2026-11-23T10:00:00+00:00",      # volatile: the only one
      "project": {"slug": …, "name": …, …, "created_by": "<e-mail>",
                  "organisations": ["organisation-1", …]},
      "users": [{"email": …, "full_name": …}, …],        # never a password
      "organisations": [{"ref": "organisation-1", "name": …, …}, …],
      "members": [{"ref": "member-1", "user": "<e-mail>", "role": …,
                   "organisation": "organisation-1" | null, …}, …],
      … one list per section of SECTIONS, in that order …
    }

No local database id appears in the document. Each record carries a `ref`
(« <section singular>-<n> », n from 1 in the order of the list) and refers to other
records by their `ref`; people are referred to by their e-mail address; the project is
implicit; a content type is « app_label.model ». Values: decimals as strings (never a
float), dates and date-times in ISO 8601, JSON fields as they are stored.

Two encodings need care:
- the codes of the « autre » items an organisation adds to its portrait contain the
  item's id (`reflexion.<dimension>.autre-<id>.<part>`); in the document the id is
  replaced by `#<n>`, n being the position in `extra_items` (1 = first);
- a change record points to its object by `"object": "<ref>"` (null when the object no
  longer exists; it is then imported with object_id 0); so do a comment and a comment
  thread (OBJECT_SECTIONS; null too when their target is a code: a grid row, a section of
  the agreement).

Import creates new organisations (organisations are not matched across installations),
matches people by e-mail (a missing person is created without a usable password) and
takes the project's slug, or a new one when it is already used.
"""

from dataclasses import dataclass

FORMAT = "mutualisation.projet"
FORMAT_VERSION = 5
# Versions the importer reads (`upgrade`). Version 1 (until 2026-12) is the same document
# as version 2, which only marks that the change history belongs to the projects app.
# Version 3 adds the steps' target dates (`deadlines`) and the fields reminders need
# (a consent round's closing date, who measures an indicator and how often): an older
# file has none of them, and is read with an empty `deadlines` list.
# Version 4 adds the agreement's language with the facts each edited section was written
# on (`agreement`, and `language`/`basis` on edited sections) and the opportunity study
# (its sections): an older file has none of them, and is read with empty lists.
# Version 5 adds the project's working-together sections (V5_SECTIONS: comments, shared
# documents, the checklist of conditions of success…): an older file has none of them,
# and is read with empty lists.
READABLE_VERSIONS = (1, 2, 3, 4, 5)
# Keys whose value changes from one export to the next of the same data.
VOLATILE_KEYS = ("exported_at",)


@dataclass(frozen=True)
class Section:
    name: str  # key of the list in the document
    model: str  # app_label.ModelName
    ref_prefix: str  # the records' refs are "<ref_prefix>-<n>"
    project_path: str  # lookup from the model to the project


# In dependency order; a reference to a later section (Action.created_from) is written
# after every record exists.
SECTIONS = (
    Section("members", "projects.Membership", "member", "project"),
    Section("step_statuses", "steps.StepStatus", "step-status", "project"),
    Section("deadlines", "steps.StepDeadline", "deadline", "project"),
    Section("dimensions", "steps.ProjectDimension", "dimension", "project"),
    Section("extra_items", "steps.ExtraPortraitItem", "extra-item", "project"),
    Section("answers", "steps.Answer", "answer", "project"),
    Section("answer_revisions", "steps.AnswerRevision", "answer-revision", "answer__project"),
    Section("diagnostic_verdicts", "steps.DiagnosticVerdict", "verdict", "project"),
    Section("pooled_resources", "steps.PooledResource", "resource", "project"),
    Section("commitments", "steps.Commitment", "commitment", "resource__project"),
    Section("usage_records", "steps.UsageRecord", "usage-record", "resource__project"),
    Section("opportunity_study", "steps.OpportunityStudy", "opportunity-study", "project"),
    Section("study_weights", "steps.StudyWeight", "study-weight", "study__project"),
    Section("startup_costs", "steps.StartupCost", "startup-cost", "study__project"),
    Section("alone_costs", "steps.AloneCost", "alone-cost", "study__project"),
    Section("indirect_effects", "steps.IndirectEffect", "indirect-effect", "study__project"),
    Section("operating_model", "steps.OperatingModel", "operating-model", "project"),
    Section("consent_rounds", "steps.ConsentRound", "consent-round", "project"),
    Section(
        "consent_responses", "steps.ConsentResponse", "consent-response", "consent_round__project"
    ),
    Section("risks", "steps.Risk", "risk", "project"),
    Section("agreement", "steps.Agreement", "agreement", "project"),
    Section("agreement_sections", "steps.AgreementSection", "agreement-section", "project"),
    Section("communication_items", "steps.CommunicationItem", "communication-item", "project"),
    Section("strategic_vision", "steps.StrategicVision", "vision", "project"),
    Section("axes", "steps.Axis", "axis", "project"),
    Section("orientations", "steps.Orientation", "orientation", "axis__project"),
    Section("strategies", "steps.Strategy", "strategy", "orientation__axis__project"),
    Section("actions", "steps.Action", "action", "project"),
    Section("logic_elements", "steps.LogicElement", "logic-element", "project"),
    Section("indicators", "steps.Indicator", "indicator", "project"),
    Section("measurements", "steps.Measurement", "measurement", "indicator__project"),
    Section("evaluation_rounds", "steps.EvaluationRound", "evaluation-round", "project"),
    Section(
        "target_assessments",
        "steps.TargetAssessment",
        "target-assessment",
        "evaluation_round__project",
    ),
    Section("improvements", "steps.Improvement", "improvement", "evaluation_round__project"),
    Section("checklist_entries", "steps.ChecklistEntry", "checklist-entry", "project"),
    Section("documents", "steps.Document", "document", "project"),
    Section("comments", "steps.Comment", "comment", "project"),
    Section("comment_threads", "steps.CommentThread", "comment-thread", "project"),
    Section("change_records", "projects.ChangeRecord", "change-record", "project"),
)
# The sections whose records point to any other record by `"object": "<ref>"`, with the
# model stored in the record (a content type, or a comment's target kind).
OBJECT_SECTIONS = ("comments", "comment_threads", "change_records")

STUDY_SECTIONS = (
    "opportunity_study",
    "study_weights",
    "startup_costs",
    "alone_costs",
    "indirect_effects",
)
# The sections added by version 5 (each new section of SECTIONS since then is named here
# too, so a version-4 file is read with an empty list for it).
V5_SECTIONS: tuple[str, ...] = ("checklist_entries", "documents", "comments", "comment_threads")
ORGANISATION_PREFIX = "organisation"
USER_FIELDS = ("email", "full_name")
ORGANISATION_FIELDS = (
    "name",
    "neq",
    "region",
    "sector",
    "staff_size",
    "budget_band",
    "mission",
    "website",
    "created_at",
)
PROJECT_FIELDS = (
    "slug",
    "name",
    "description",
    "territory",
    "scope",
    "status",
    "created_by",
    "created_at",
)


def upgrade(document: dict) -> dict:
    """The document in the current version, from any readable version."""
    if document.get("format_version") in (1, 2):
        document = {**document, "format_version": 3, "deadlines": document.get("deadlines", [])}
    if document.get("format_version") == 3:
        # No agreement language (edited sections take the defaults) and no study.
        document = {**document, "format_version": 4}
        for name in ("agreement", *STUDY_SECTIONS):
            document.setdefault(name, [])
    if document.get("format_version") == 4:
        document = {**document, "format_version": 5}
        for name in V5_SECTIONS:
            document.setdefault(name, [])
    return document
