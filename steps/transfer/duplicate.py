"""Duplicate a project as a template for a new one: the method's set-up, not its people.

The copy goes through the project's document (export.py → a filtered document →
importer.py), so it follows every model the backup knows. Copied (`KEPT_SECTIONS`): the
portrait dimensions, the operating model, the risks (enjeux and remedies, without their
owner or status), the agreement and its edited sections (the text is a template to
adapt), the communication plan, the strategic plan (vision, axes, orientations,
strategies, actions) and the logic model with its indicators. Not copied: answers,
organisations, members, invitations, statuses and deadlines (dates belong to a project),
pooled resources, the opportunity study, consent rounds, measurements, evaluation
rounds, comments, documents and the history. The person who duplicates becomes the new
project's only member, as its coordinator.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from projects.models import Membership, Organisation, Project, Role

from .export import export_project, record_fields
from .importer import available_slug, import_project
from .schema import SECTIONS

KEPT_SECTIONS = (
    "dimensions",
    "operating_model",
    "risks",
    "agreement",
    "agreement_sections",
    "communication_items",
    "strategic_vision",
    "axes",
    "orientations",
    "strategies",
    "actions",
    "logic_elements",
    "indicators",
)

# What belongs to the source project's life rather than to its plan: back to the field's
# default (dates, progress, statuses, who is responsible, measured values).
RESET_FIELDS = {
    "operating_model": ("start_date",),
    "risks": ("status",),
    "communication_items": ("date", "responsible_person"),
    "actions": ("responsible_person", "start_date", "due_date", "status", "progress"),
    "indicators": ("baseline",),
}


def _default(field_):
    if field_.has_default():
        return field_.get_default()
    return None if field_.null else ""


def _template_document(document: dict, *, name: str, user, now: str) -> dict:
    """The source's document reduced to a template owned by `user`."""
    sections = {section.name: section for section in SECTIONS}
    kept_refs = {"project"}
    for section_name in KEPT_SECTIONS:
        kept_refs |= {row["ref"] for row in document[section_name]}
    result = {key: value for key, value in document.items() if key not in sections}
    for section in SECTIONS:
        result[section.name] = []
    for section_name in KEPT_SECTIONS:
        model = apps.get_model(sections[section_name].model)
        fields = {f.name: f for f in record_fields(model)}
        rows = []
        for source in document[section_name]:
            row = dict(source)
            for field_name, field_ in fields.items():
                if field_.many_to_many:
                    row[field_name] = [ref for ref in row[field_name] if ref in kept_refs]
                elif field_.is_relation and field_.related_model is get_user_model():
                    # Whoever wrote it there: here, the person who makes the copy.
                    row[field_name] = user.email if row[field_name] else None
                elif field_.is_relation and (
                    field_.related_model is Organisation or row[field_name] not in kept_refs
                ):
                    # An organisation, or a record that is not copied: left empty.
                    row[field_name] = None
                elif getattr(field_, "auto_now", False) or getattr(field_, "auto_now_add", False):
                    row[field_name] = now
            for field_name in RESET_FIELDS.get(section_name, ()):
                row[field_name] = _default(fields[field_name])
            rows.append(row)
        result[section_name] = rows
    project = dict(document["project"])
    project.update(
        name=name,
        slug=available_slug(slugify(name)[:70], name),
        status=Project.Status.ACTIVE,
        created_by=user.email,
        created_at=now,
        organisations=[],
    )
    result["project"] = project
    result["organisations"] = []
    result["users"] = [{"email": user.email, "full_name": user.full_name}]
    return result


def duplicate_project(*, source: Project, name: str, user) -> Project:
    """A new project named `name` from `source`'s set-up; `user` is its coordinator."""
    now = timezone.now().isoformat()
    document = _template_document(export_project(source), name=name, user=user, now=now)
    with transaction.atomic():
        project = import_project(document).project
        Membership.objects.create(user=user, project=project, role=Role.COORDINATOR)
    return project
