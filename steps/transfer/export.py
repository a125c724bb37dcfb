"""Build the JSON document of a project (format in schema.py)."""

import datetime
import re
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from projects.models import Organisation, Project

from .archive import file_path
from .schema import (
    FORMAT,
    FORMAT_VERSION,
    ORGANISATION_FIELDS,
    ORGANISATION_PREFIX,
    PROJECT_FIELDS,
    SECTIONS,
)

# Codes that embed the id of an « autre » portrait item, per model and field.
EXTRA_CODE = re.compile(r"^(reflexion\.[a-z0-9-]+\.autre-)(\d+)(?=\.|$)")
CODE_FIELDS = {
    "steps.Answer": "question_code",
    "steps.DiagnosticVerdict": "item_code",
    # A grid row's thread is named by the row's code.
    "steps.Comment": "code",
    "steps.CommentThread": "code",
}
# Records pointing to any object: their `object_id` is written as `"object": "<ref>"`.
GENERIC_MODELS = ("projects.ChangeRecord", "steps.Comment", "steps.CommentThread")


def record_fields(model) -> list:
    """The fields a record of `model` carries in the document: no id, no project."""
    fields = []
    for field in model._meta.get_fields():
        if not field.concrete or field.primary_key:
            continue
        if field.is_relation and field.related_model is Project:
            continue
        if model._meta.label in GENERIC_MODELS and field.name == "object_id":
            continue
        # A person's last visit is theirs, not the project's: not exported.
        if model._meta.label == "projects.Membership" and field.name == "last_seen_at":
            continue
        fields.append(field)
    return fields


def encode_value(value):
    """A plain field value as JSON: decimals as strings, dates in ISO 8601."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


class _Exporter:
    def __init__(self, project: Project):
        self.project = project
        self.refs: dict[tuple[str, int], str] = {("projects.Project", project.pk): "project"}
        self.emails: dict[int, str] = {}
        self.used_users: set[int] = set()
        self.organisations: list[Organisation] = []
        self.organisation_refs: dict[int, str] = {}
        self.extra_numbers: dict[int, int] = {}

    def user(self, pk):
        if pk is None:
            return None
        self.used_users.add(pk)
        if pk not in self.emails:
            self.emails[pk] = get_user_model().objects.values_list("email", flat=True).get(pk=pk)
        return self.emails[pk]

    def organisation(self, pk):
        if pk is None:
            return None
        if pk not in self.organisation_refs:
            self._add_organisation(Organisation.objects.get(pk=pk))
        return self.organisation_refs[pk]

    def _add_organisation(self, organisation):
        self.organisations.append(organisation)
        ref = f"{ORGANISATION_PREFIX}-{len(self.organisations)}"
        self.organisation_refs[organisation.pk] = ref

    def code(self, value):
        """Replace the id of an « autre » item by its position in extra_items (#n)."""
        match = EXTRA_CODE.match(value or "")
        if not match or int(match.group(2)) not in self.extra_numbers:
            return value
        number = self.extra_numbers[int(match.group(2))]
        return f"{match.group(1)}#{number}{value[match.end() :]}"

    def field_value(self, obj, field):
        label = obj._meta.label
        if field.many_to_many:
            target = field.related_model._meta.label
            return [self.refs[(target, other.pk)] for other in getattr(obj, field.name).all()]
        if field.is_relation:
            pk = getattr(obj, field.attname)
            target = field.related_model
            if target is get_user_model():
                return self.user(pk)
            if target is Organisation:
                return self.organisation(pk)
            if target is ContentType:
                return ContentType.objects.get_for_id(pk).model_class()._meta.label_lower
            return None if pk is None else self.refs[(target._meta.label, pk)]
        if label == "steps.Document" and field.name == "file":
            # The file's place in the backup archive, never its local storage name.
            return file_path(self.refs[(label, obj.pk)], obj.original_name)
        value = encode_value(field.value_from_object(obj))
        if CODE_FIELDS.get(label) == field.name:
            value = self.code(value)
        return value

    def change_record_object(self, record):
        model = ContentType.objects.get_for_id(record.content_type_id).model_class()
        if model is None:
            return None
        if model is Organisation:  # organisation records: edits of an organisation's file
            return self.organisation_refs.get(record.object_id)
        return self.refs.get((model._meta.label, record.object_id))

    def comment_object(self, comment):
        """A comment's (or a thread's) object; None when it is named by a code."""
        from steps.comments.targets import model_of

        model = model_of(comment.target)
        if model is None or not comment.object_id:
            return None
        return self.refs.get((model._meta.label, comment.object_id))

    def build(self) -> dict:
        # The members in one query; other people (former members) are looked up on demand.
        self.emails = dict(
            get_user_model()
            .objects.filter(memberships__project=self.project)
            .values_list("pk", "email")
        )
        for organisation in self.project.organisations.order_by("pk"):
            self._add_organisation(organisation)
        objects = {}
        for section in SECTIONS:
            model = apps.get_model(section.model)
            queryset = model.objects.filter(**{section.project_path: self.project})
            m2m = [f.name for f in model._meta.many_to_many]
            objects[section.name] = list(queryset.prefetch_related(*m2m).order_by("pk"))
            for number, obj in enumerate(objects[section.name], start=1):
                self.refs[(model._meta.label, obj.pk)] = f"{section.ref_prefix}-{number}"
        self.extra_numbers = {
            item.pk: number for number, item in enumerate(objects["extra_items"], start=1)
        }
        sections = {}
        for section in SECTIONS:
            model = apps.get_model(section.model)
            fields = record_fields(model)
            rows = []
            for obj in objects[section.name]:
                row = {"ref": self.refs[(model._meta.label, obj.pk)]}
                row.update({f.name: self.field_value(obj, f) for f in fields})
                if section.name == "change_records":
                    row["object"] = self.change_record_object(obj)
                elif section.name in ("comments", "comment_threads"):
                    row["object"] = self.comment_object(obj)
                rows.append(row)
            sections[section.name] = rows
        project = {
            name: self.field_value(self.project, Project._meta.get_field(name))
            for name in PROJECT_FIELDS
        }
        project["organisations"] = [
            self.organisation_refs[pk]
            for pk in self.project.organisations.order_by("pk").values_list("pk", flat=True)
        ]
        organisations = [
            {"ref": self.organisation_refs[organisation.pk]}
            | {name: encode_value(getattr(organisation, name)) for name in ORGANISATION_FIELDS}
            for organisation in self.organisations
        ]
        users = get_user_model().objects.filter(pk__in=self.used_users).order_by("email")
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "exported_at": timezone.now().isoformat(),
            "project": project,
            "users": [{"email": u.email, "full_name": u.full_name} for u in users],
            "organisations": organisations,
            **sections,
        }


def export_project(project: Project) -> dict:
    """The whole project as a JSON-ready dict, with no local database id in it."""
    return _Exporter(project).build()


def project_filename(project: Project) -> str:
    return f"projet-{project.slug}-{timezone.localdate().isoformat()}.json"


def archive_filename(project: Project) -> str:
    """The backup of a project with shared documents: a ZIP (steps/transfer/archive.py)."""
    return f"projet-{project.slug}-{timezone.localdate().isoformat()}.zip"
