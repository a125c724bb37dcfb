"""Check a project document completely, then write it in one transaction.

`import_project(document)` raises ImportProblems (a list of French messages) when the
document is not a valid project document; nothing is written in that case.
"""

import hashlib
import io
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from projects.models import RESERVED_SLUGS, Organisation, Project
from steps import catalogue
from steps.questionnaire.fields import stored_value_error

from .archive import FILES_FOLDER
from .export import CODE_FIELDS, record_fields
from .schema import (
    FORMAT,
    FORMAT_VERSION,
    OBJECT_SECTIONS,
    ORGANISATION_FIELDS,
    ORGANISATION_PREFIX,
    PROJECT_FIELDS,
    READABLE_VERSIONS,
    SECTIONS,
    VOLATILE_KEYS,
    upgrade,
)

DOCUMENT_CODE = re.compile(r"^(reflexion\.[a-z0-9-]+\.autre-)#(\d+)(?=\.|$)")
MAX_PROBLEMS = 50


class ImportProblems(Exception):
    """The document cannot be imported; `problems` says why, one message each."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    project: Project
    slug_changed: bool
    created_users: list[str] = field(default_factory=list)


def _timestamp_fields(model):
    return [
        f.name
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]


class _Checker:
    """Validate the whole document and keep the cleaned values for the writer."""

    def __init__(self, document, files=None):
        self.document = document
        # The documents' files by archive path; None: taken from this installation.
        self.files = files
        self.problems: list[str] = []
        self.refs: set[str] = {"project"}
        self.emails: set[str] = set()
        self.cleaned: dict[str, list[dict]] = {}

    def problem(self, where, message):
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{where} : {message}")

    def check(self):
        document = self.document
        if not isinstance(document, dict):
            self.problems.append(_("Le fichier ne contient pas un objet JSON."))
            return
        if document.get("format") != FORMAT:
            self.problem("format", _("« %(format)s » attendu.") % {"format": FORMAT})
        if document.get("format_version") not in READABLE_VERSIONS:
            self.problem(
                "format_version",
                _("version %(expected)s attendue, %(found)s trouvée.")
                % {"expected": FORMAT_VERSION, "found": document.get("format_version")},
            )
        if self.problems:
            return
        document = self.document = upgrade(document)
        known = {"format", "format_version", "project", "users", "organisations"}
        known |= set(VOLATILE_KEYS) | {s.name for s in SECTIONS}
        for key in sorted(set(document) - known):
            self.problem(key, _("clé inconnue."))
        self.check_users()
        self.cleaned["organisations"] = self.check_rows(
            "organisations", Organisation, ORGANISATION_PREFIX, ORGANISATION_FIELDS
        )
        for section in SECTIONS:
            model = apps.get_model(section.model)
            self.cleaned[section.name] = self.check_rows(
                section.name, model, section.ref_prefix, [f.name for f in record_fields(model)]
            )
        self.check_project()
        self.check_references()
        self.check_answers()
        self.check_files()

    def rows(self, name):
        rows = self.document.get(name)
        if not isinstance(rows, list):
            self.problem(name, _("une liste est attendue."))
            return []
        good = []
        for index, row in enumerate(rows, start=1):
            if isinstance(row, dict):
                good.append(row)
            else:
                self.problem(f"{name}[{index}]", _("un objet est attendu."))
        return good

    def check_users(self):
        for index, row in enumerate(self.rows("users"), start=1):
            where = f"users[{index}]"
            email = row.get("email")
            try:
                validate_email(email)
            except (ValidationError, TypeError):
                self.problem(where, _("adresse courriel invalide."))
                continue
            User = get_user_model()
            email_max = User._meta.get_field("email").max_length
            name_max = User._meta.get_field("full_name").max_length
            full_name = row.get("full_name", "")
            if len(email) > email_max:
                self.problem(
                    where,
                    _("adresse courriel de plus de %(max)s caractères.") % {"max": email_max},
                )
            if not isinstance(full_name, str):
                self.problem(where, _("full_name doit être du texte."))
            elif len(full_name) > name_max:
                self.problem(where, _("full_name dépasse %(max)s caractères.") % {"max": name_max})
            self.emails.add(email.lower())

    def check_rows(self, name, model, prefix, names):
        cleaned = []
        for index, row in enumerate(self.rows(name), start=1):
            where = f"{name}[{index}]"
            ref = row.get("ref")
            if not isinstance(ref, str) or not ref.startswith(f"{prefix}-"):
                self.problem(where, _("« ref » doit commencer par « %(p)s- ».") % {"p": prefix})
            elif ref in self.refs:
                self.problem(where, _("la référence « %(ref)s » est en double.") % {"ref": ref})
            else:
                self.refs.add(ref)
            allowed = {"ref", "object"} if name in OBJECT_SECTIONS else {"ref"}
            extra = set(row) - set(names) - allowed
            for key in sorted(extra):
                self.problem(where, _("clé inconnue « %(key)s ».") % {"key": key})
            values = {"ref": ref, "object": row.get("object")}
            for name_ in names:
                values[name_] = self.check_value(where, model, model._meta.get_field(name_), row)
            cleaned.append(values)
        return cleaned

    def check_value(self, where, model, field_, row):
        if field_.name not in row:
            if field_.has_default() or field_.null or field_.many_to_many:
                return field_.get_default() if not field_.many_to_many else []
            self.problem(where, _("« %(key)s » manque.") % {"key": field_.name})
            return None
        value = row[field_.name]
        if field_.many_to_many:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.problem(
                    where, _("« %(key)s » : liste de références attendue.") % {"key": field_.name}
                )
                return []
            return value
        if field_.is_relation:
            if value is None:
                if not field_.null:
                    self.problem(where, _("« %(key)s » est obligatoire.") % {"key": field_.name})
                return None
            if not isinstance(value, str):
                self.problem(where, _("« %(key)s » : référence attendue.") % {"key": field_.name})
                return None
            return value
        if value is None and field_.null:
            return None
        expected = _expected_type(field_)
        if expected and not isinstance(value, expected[0]):
            self.problem(where, f"« {field_.name} » : {expected[1]}")
            return None
        # Type, validators (lengths, bounds) and choices; « blank » is a rule of the forms,
        # not of the data, so it is not checked here.
        try:
            value = field_.to_python(value)
            if value is not None:
                field_.run_validators(value)
        except ValidationError as error:
            self.problem(where, f"« {field_.name} » : {' '.join(error.messages)}")
            return None
        except (TypeError, ValueError):
            self.problem(where, _("« %(key)s » : valeur invalide.") % {"key": field_.name})
            return None
        if value is None and not field_.null:
            self.problem(where, _("« %(key)s » est obligatoire.") % {"key": field_.name})
        if field_.choices and value not in ("", None):
            allowed = [str(choice) for choice, _label in field_.flatchoices]
            if str(value) not in allowed:
                self.problem(
                    where,
                    _("« %(key)s » : « %(value)s » n'est pas un choix valide (%(allowed)s).")
                    % {"key": field_.name, "value": value, "allowed": ", ".join(allowed)},
                )
        return value

    def check_project(self):
        project = self.document.get("project")
        if not isinstance(project, dict):
            self.problem("project", _("un objet est attendu."))
            return
        for key in sorted(set(project) - set(PROJECT_FIELDS) - {"organisations"}):
            self.problem("project", _("clé inconnue « %(key)s ».") % {"key": key})
        values = {}
        for name in PROJECT_FIELDS:
            field_ = Project._meta.get_field(name)
            if name == "created_by":
                values[name] = project.get(name)
                continue
            values[name] = self.check_value("project", Project, field_, project)
        organisations = project.get("organisations", [])
        if not isinstance(organisations, list):
            self.problem("project", _("« organisations » : liste de références attendue."))
            organisations = []
        values["organisations"] = organisations
        self.cleaned["project"] = values

    def resolve(self, where, value, target):
        """Check that one reference points to a record of the right kind."""
        if value is None:
            return
        if target is get_user_model():
            if value.lower() not in self.emails:
                self.problem(
                    where, _("personne inconnue « %(v)s » (absente de users).") % {"v": value}
                )
            return
        if target is ContentType:
            try:
                apps.get_model(value)
            except (LookupError, ValueError):
                self.problem(where, _("type d'objet inconnu « %(v)s ».") % {"v": value})
            return
        prefix = ORGANISATION_PREFIX if target is Organisation else _prefix_of(target)
        if value not in self.refs or not value.startswith(f"{prefix}-"):
            self.problem(where, _("référence introuvable « %(v)s ».") % {"v": value})

    def check_references(self):
        project = self.cleaned.get("project", {})
        self.resolve("project", project.get("created_by"), get_user_model())
        for ref in project.get("organisations", []):
            self.resolve("project", ref, Organisation)
        extras = len(self.cleaned.get("extra_items", []))
        for section in SECTIONS:
            model = apps.get_model(section.model)
            for index, row in enumerate(self.cleaned[section.name], start=1):
                where = f"{section.name}[{index}]"
                for field_ in record_fields(model):
                    if field_.many_to_many:
                        for ref in row[field_.name]:
                            self.resolve(where, ref, field_.related_model)
                    elif field_.is_relation:
                        self.resolve(where, row[field_.name], field_.related_model)
                code_field = CODE_FIELDS.get(section.model)
                match = code_field and DOCUMENT_CODE.match(row[code_field] or "")
                if match and not 1 <= int(match.group(2)) <= extras:
                    self.problem(
                        where, _("élément « autre » #%(n)s introuvable.") % {"n": match.group(2)}
                    )
                if section.name in OBJECT_SECTIONS and row["object"] is not None:
                    if not isinstance(row["object"], str) or row["object"] not in self.refs:
                        self.problem(
                            where, _("référence introuvable « %(v)s ».") % {"v": row["object"]}
                        )
                    elif section.name != "change_records":
                        self.check_comment_object(where, row)

    def check_comment_object(self, where, row):
        """A comment's object is a record of its target's kind (a risk for « risque »)."""
        from steps.comments.targets import model_of

        model = model_of(row.get("target"))
        if model is None or not row["object"].startswith(f"{_prefix_of(model)}-"):
            self.problem(where, _("référence introuvable « %(v)s ».") % {"v": row["object"]})

    def check_answers(self):
        """Each answer's value fits its question, by the rules of the answer forms."""
        for index, row in enumerate(self.cleaned.get("answers", []), start=1):
            code = row.get("question_code")
            if not isinstance(code, str):
                continue
            try:
                question = catalogue.get_question(DOCUMENT_CODE.sub(r"\g<1>\2", code))
            except KeyError:
                continue  # a question no longer asked: kept, never shown
            problem = stored_value_error(question, row.get("value"))
            if problem:
                self.problem(f"answers[{index}]", f"« {code} » : {problem}")

    def check_files(self):
        """Each document's file is there, with its size, SHA-256 and an accepted type."""
        from steps.attachments import validation

        rows = self.cleaned.get("documents", [])
        given = self.files is not None
        if not given:
            self.files = _local_files(rows)
        used = set()
        for index, row in enumerate(rows, start=1):
            where = f"documents[{index}]"
            path = row.get("file")
            if not isinstance(path, str) or not path.startswith(FILES_FOLDER):
                self.problem(where, _("« file » : un chemin « fichiers/… » est attendu."))
                continue
            data = self.files.get(path)
            if data is None:
                self.problem(
                    where, _("le fichier « %(path)s » manque dans l’archive.") % {"path": path}
                )
                continue
            used.add(path)
            if len(data) != row.get("size") or hashlib.sha256(data).hexdigest() != row.get(
                "sha256"
            ):
                self.problem(
                    where,
                    _("le fichier « %(path)s » n’a pas la taille ou l’empreinte SHA-256 annoncée.")
                    % {"path": path},
                )
            found = validation.detect(io.BytesIO(data), str(row.get("original_name") or ""))
            if found is None or found.content_type != row.get("content_type"):
                self.problem(
                    where,
                    _("le contenu de « %(path)s » n’est pas d’un type accepté ou annoncé.")
                    % {"path": path},
                )
        if given:
            for path in sorted(set(self.files) - used):
                self.problem(
                    "fichiers", _("« %(path)s » ne correspond à aucun document.") % {"path": path}
                )


def _local_files(rows) -> dict[str, bytes]:
    """The files of an import made in this installation (a copy of a project, a synthetic
    project): found by SHA-256 among the documents already stored here. Only code calls
    import_project without files; a backup sent from a browser always brings its own."""
    from steps.attachments.models import Document

    files = {}
    for row in rows:
        stored = Document.objects.filter(sha256=row.get("sha256"), size=row.get("size")).first()
        if stored is None or not isinstance(row.get("file"), str):
            continue
        try:
            with stored.file.open("rb") as handle:
                files[row["file"]] = handle.read()
        except OSError:
            continue
    return files


def _expected_type(field_):
    """The JSON types a field's value may have, with the message when it has another;
    to_python alone would turn a list into its repr or accept a float amount."""
    if isinstance(field_, models.CharField | models.TextField):
        return str, _("du texte est attendu.")
    if isinstance(field_, models.DecimalField):
        return (str, int), _("un nombre écrit comme texte est attendu (« 12.50 »).")
    if isinstance(field_, models.BooleanField):
        return bool, _("vrai ou faux est attendu.")
    if isinstance(field_, models.IntegerField):
        return int, _("un nombre entier est attendu.")
    if isinstance(field_, models.DateField | models.DateTimeField):
        return str, _("une date au format ISO 8601 est attendue.")
    return None


def _prefix_of(model):
    for section in SECTIONS:
        if section.model == model._meta.label:
            return section.ref_prefix
    return "project" if model is Project else "?"


class _Writer:
    def __init__(self, cleaned, users, files=None):
        self.cleaned = cleaned
        self.users = users  # e-mail (lower) -> User
        self.files = files or {}
        self.stored_files: list[tuple[object, str]] = []
        self.objects: dict[str, models.Model] = {}
        self.created_users: list[str] = []

    def user(self, email):
        return None if email is None else self.users[email.lower()]

    def write(self, names) -> Project:
        User = get_user_model()
        existing = {u.email.lower(): u for u in User.objects.filter(email__in=list(names))}
        for email, full_name in names.items():
            if email in existing:
                self.users[email] = existing[email]
            else:
                self.users[email] = User.objects.create_user(email, None, full_name=full_name)
                self.created_users.append(email)
        organisations = [
            Organisation(**{k: v for k, v in row.items() if k not in ("ref", "object")})
            for row in self.cleaned["organisations"]
        ]
        Organisation.objects.bulk_create(organisations)
        self._restore_timestamps(Organisation, organisations, self.cleaned["organisations"])
        for row, organisation in zip(self.cleaned["organisations"], organisations, strict=True):
            self.objects[row["ref"]] = organisation
        project = self.write_project()
        self.objects["project"] = project
        deferred = []
        extra_pks = []
        for section in SECTIONS:
            model = apps.get_model(section.model)
            rows = self.cleaned[section.name]
            fields = record_fields(model)
            instances = []
            for row in rows:
                instance = model()
                for field_ in fields:
                    value = row[field_.name]
                    if field_.many_to_many:
                        continue
                    if field_.is_relation:
                        target = self.target(field_, value)
                        if target is _LATER:
                            deferred.append((instance, field_, value))
                            continue
                        setattr(instance, field_.name, target)
                    elif CODE_FIELDS.get(section.model) == field_.name:
                        setattr(instance, field_.name, _decode_code(value, extra_pks))
                    else:
                        setattr(instance, field_.name, value)
                for field_ in model._meta.concrete_fields:
                    if field_.is_relation and field_.related_model is Project:
                        setattr(instance, field_.name, project)
                if section.name in OBJECT_SECTIONS:
                    obj = self.objects.get(row["object"]) if row["object"] else None
                    instance.object_id = obj.pk if obj is not None else 0
                if section.name == "documents":
                    self.store_file(instance, row)
                instances.append(instance)
            model.objects.bulk_create(instances)
            self._restore_timestamps(model, instances, rows)
            for row, instance in zip(rows, instances, strict=True):
                self.objects[row["ref"]] = instance
            if section.name == "extra_items":
                extra_pks = [instance.pk for instance in instances]
            for field_ in model._meta.many_to_many:
                through = field_.remote_field.through
                source, target = _m2m_columns(through, model)
                through.objects.bulk_create(
                    through(**{source: instance.pk, target: self.objects[ref].pk})
                    for row, instance in zip(rows, instances, strict=True)
                    for ref in row[field_.name]
                )
        for instance, field_, value in deferred:
            setattr(instance, field_.name, self.objects[value])
            instance.save(update_fields=[field_.name])
        return project

    def store_file(self, document, row):
        """Write a document's (checked) bytes into the storage under a new random name."""
        from steps.attachments import validation

        data = self.files[row["file"]]
        file_type = validation.detect(io.BytesIO(data), row["original_name"])
        document.original_name = validation.clean_name(row["original_name"], file_type)
        document.file.save(f"document{file_type.extension}", ContentFile(data), save=False)
        self.stored_files.append((document.file.storage, document.file.name))

    def discard_files(self):
        """Remove the files written by an import that failed."""
        for storage, name in self.stored_files:
            storage.delete(name)

    def target(self, field_, value):
        if value is None:
            return None
        model = field_.related_model
        if model is get_user_model():
            return self.user(value)
        if model is ContentType:
            return ContentType.objects.get_for_model(apps.get_model(value))
        if value not in self.objects:
            return _LATER
        return self.objects[value]

    def write_project(self):
        values = self.cleaned["project"]
        slug = available_slug(values["slug"], values["name"])
        self.slug_changed = slug != values["slug"]
        project = Project(
            **{k: v for k, v in values.items() if k not in ("created_by", "organisations")}
        )
        project.slug = slug
        project.created_by = self.user(values["created_by"])
        project.save()
        project.created_at = values["created_at"]
        Project.objects.filter(pk=project.pk).update(created_at=project.created_at)
        project.organisations.set([self.objects[ref] for ref in values["organisations"]])
        return project

    @staticmethod
    def _restore_timestamps(model, instances, rows):
        """bulk_create stamps « now » on auto_now fields: put the document's values back."""
        names = _timestamp_fields(model)
        if not names or not instances:
            return
        for instance, row in zip(instances, rows, strict=True):
            for name in names:
                setattr(instance, name, row[name])
        model.objects.bulk_update(instances, names, batch_size=500)


_LATER = object()


def available_slug(asked: str, name: str) -> str:
    """The slug a project asking for `asked` gets: itself when free, else a new one."""
    slug = asked or slugify(name)[:70] or "projet"
    base, n = slug, 2
    # Reserved words are pages of their own under /projets/: a project there is
    # unreachable, so it takes a new slug like a taken one.
    while slug in RESERVED_SLUGS or Project.objects.filter(slug=slug).exists():
        slug, n = f"{base[:70]}-{n}", n + 1
    return slug


def _decode_code(value, extra_pks):
    match = DOCUMENT_CODE.match(value or "")
    if not match:
        return value
    pk = extra_pks[int(match.group(2)) - 1]
    return f"{match.group(1)}{pk}{value[match.end() :]}"


def _m2m_columns(through, model):
    """The through model's column names (source, target) for a self-referencing m2m."""
    fks = [f for f in through._meta.concrete_fields if f.is_relation]
    return f"{fks[0].name}_id", f"{fks[1].name}_id"


def check_document(document, files=None) -> list[str]:
    """Every problem of the document, in French; empty when it can be imported."""
    checker = _Checker(document, files)
    checker.check()
    return checker.problems


def import_project(document, files=None) -> ImportResult:
    """Create the project of `document`; raise ImportProblems and write nothing if invalid.

    `files`: the bytes of the documents' files by archive path (from a backup archive);
    None, only for code running in this installation, takes them from the documents
    already stored here, by SHA-256 (see `_local_files`).
    """
    checker = _Checker(document, files)
    checker.check()
    if checker.problems:
        raise ImportProblems(checker.problems)
    names = {}
    for row in document["users"]:
        names.setdefault(row["email"].lower(), row.get("full_name", ""))
    writer = _Writer(checker.cleaned, {}, checker.files)
    try:
        with transaction.atomic():
            project = writer.write(names)
    except BaseException as error:
        writer.discard_files()
        if not isinstance(error, IntegrityError):
            raise
        raise ImportProblems(
            [_("Le fichier contredit une règle d'unicité ou de cohérence : %(e)s") % {"e": error}]
        ) from error
    return ImportResult(
        project=project, slug_changed=writer.slug_changed, created_users=writer.created_users
    )
