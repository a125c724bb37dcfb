"""Invitations in bulk: read a pasted list or a CSV file into checked lines.

Pure: no request and no ORM. The caller gives what the project already holds (its
organisations, members and pending invitations) and gets one `BulkLine` per line, each
with its errors and notes in words for the coordinator.

A line is « courriel ; organisation ; rôle », fields separated by « ; », « , » or a tab;
a first line naming the columns (courriel/email, organisation, rôle/role) is recognised
and may put them in another order.
"""

import csv
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .models import Role

MAX_LINES = 200
# The largest CSV file read (a 200-line list weighs a few kilobytes); its text must
# also fit the list's field (BulkInvitationForm.text).
MAX_FILE_BYTES = 60_000
ORGANISATION_MAX_LENGTH = 200


def normalise(text: str) -> str:
    """Lower case, without accents and with single spaces: « Cuisine  Collective » and
    « cuisine collective » name one organisation."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _letters(text: str) -> str:
    """Only the letters of `text`, normalised: « Coordonnateur·rice » → « coordonnateurrice »."""
    return re.sub(r"[^a-z]", "", normalise(text))


# Every way of writing a role we accept, as `_letters` leaves it.
ROLE_WORDS = {
    Role.COORDINATOR: {
        "coordinator",
        "coordination",
        "coordo",
        "coordonnateur",
        "coordonnatrice",
        "coordonnateurrice",
        "coordonnateurtrice",
        "coordonnateure",
        "coordonnateurs",
        "coordonnatrices",
    },
    Role.PARTNER: {
        "partner",
        "partenaire",
        "partenaires",
        "organisationpartenaire",
        "organismepartenaire",
        "partnerorganisation",
        "partnerorganization",
    },
    Role.ADVISOR: {
        "advisor",
        "adviser",
        "conseil",
        "conseiller",
        "conseillere",
        "conseillerere",
        "conseillerre",
        "conseilleres",
        "conseillers",
        "accompagnateur",
        "accompagnatrice",
        "accompagnateurrice",
        "accompagnateurtrice",
        "accompagnement",
    },
}
_ROLE_OF = {word: role for role, words in ROLE_WORDS.items() for word in words}


def parse_role(text: str) -> str | None:
    """The Role a word means, in French or English, any case or accents; None if unknown."""
    return _ROLE_OF.get(_letters(text))


HEADER_WORDS = {
    "email": {"courriel", "email", "mail", "adresse", "adressecourriel", "emailaddress"},
    "organisation": {"organisation", "organization", "organisme", "org"},
    "role": {"role", "roles"},
}


@dataclass
class BulkLine:
    number: int  # in the text as typed, from 1
    email: str = ""
    organisation_name: str = ""
    role: str | None = None
    organisation_id: int | None = None  # an organisation of the project
    new_organisation: bool = False  # « organisation à créer »
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class BulkResult:
    lines: list[BulkLine]
    too_many: bool = False  # more than MAX_LINES: nothing is checked

    @property
    def valid(self) -> list[BulkLine]:
        return [line for line in self.lines if line.ok]

    @property
    def invalid(self) -> list[BulkLine]:
        return [line for line in self.lines if not line.ok]

    @property
    def new_organisations(self) -> list[str]:
        """The names to create, once each, in the order they come."""
        names: dict[str, str] = {}
        for line in self.valid:
            if line.new_organisation:
                names.setdefault(normalise(line.organisation_name), line.organisation_name)
        return list(names.values())


def decode_upload(data: bytes) -> str:
    """A CSV file's text: UTF-8 with or without BOM, else Windows-1252 (Excel on Windows)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(line: str) -> str:
    if "\t" in line:
        return "\t"
    if ";" in line:
        return ";"
    return ","


def _fields(line: str) -> list[str]:
    row = next(csv.reader([line], delimiter=_delimiter(line), skipinitialspace=True), [])
    return [value.strip() for value in row]


def _header_columns(fields: list[str]) -> dict[str, int] | None:
    """{column name: index} when `fields` name the columns (an e-mail column at least)."""
    columns: dict[str, int] = {}
    for index, value in enumerate(fields):
        word = _letters(value)
        for name, words in HEADER_WORDS.items():
            if word in words and name not in columns:
                columns[name] = index
    return columns if "email" in columns else None


DEFAULT_COLUMNS = {"email": 0, "organisation": 1, "role": 2}


def split_lines(text: str) -> list[tuple[int, list[str]]]:
    """(line number, fields) of each line that holds something, without the header."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = _fields(line) if line.strip() else []
        if any(fields):
            rows.append((number, fields))
    return rows


def parse(
    text: str,
    *,
    organisations: dict[str, int],
    members: set[str] = frozenset(),
    pending: set[str] = frozenset(),
    max_lines: int = MAX_LINES,
) -> BulkResult:
    """Check each line of `text`.

    `organisations`: {normalised name: id} of the project's organisations; `members` and
    `pending`: lower-case addresses of its members and of its live invitations.
    """
    rows = split_lines(text)
    columns = DEFAULT_COLUMNS
    if rows and (header := _header_columns(rows[0][1])) and "@" not in "".join(rows[0][1]):
        columns = header
        rows = rows[1:]
    if len(rows) > max_lines:
        return BulkResult(lines=[], too_many=True)
    seen: dict[str, int] = {}
    lines = []
    for number, fields in rows:
        line = _check(number, fields, columns, organisations, members, pending, seen)
        lines.append(line)
    return BulkResult(lines=lines)


def _column(fields: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return fields[index] if index is not None and index < len(fields) else ""


def _check(number, fields, columns, organisations, members, pending, seen) -> BulkLine:
    email = _column(fields, columns, "email").lower()
    line = BulkLine(
        number=number,
        email=email,
        organisation_name=" ".join(_column(fields, columns, "organisation").split()),
    )
    role_text = _column(fields, columns, "role")
    try:
        validate_email(email)
    except ValidationError:
        line.errors.append(
            _("Adresse courriel invalide : « %(email)s ».") % {"email": email}
            if email
            else _("Adresse courriel manquante.")
        )
    else:
        if email in seen:
            line.errors.append(
                _("Doublon dans la liste : cette adresse figure déjà à la ligne %(line)s.")
                % {"line": seen[email]}
            )
        elif email in members:
            line.errors.append(_("Cette personne est déjà membre du projet."))
        elif email in pending:
            line.errors.append(
                _("Une invitation est déjà en attente pour cette adresse : relancez-la plutôt.")
            )
        seen.setdefault(email, number)
    # No role given: a partner, the most common case.
    line.role = parse_role(role_text) if role_text else Role.PARTNER
    if line.role is None:
        line.errors.append(
            _(
                "Rôle inconnu : « %(role)s ». Indiquez partenaire, coordonnateur·rice ou "
                "conseiller·ère."
            )
            % {"role": role_text}
        )
    if line.role == Role.ADVISOR and line.organisation_name:
        # An advisor reads the whole project for no organisation (as in the invite form).
        line.notes.append(_("Organisation ignorée : un·e conseiller·ère suit tout le projet."))
        line.organisation_name = ""
    if line.role == Role.PARTNER and not line.organisation_name:
        line.errors.append(_("Organisation manquante : un·e partenaire en représente une."))
    if len(line.organisation_name) > ORGANISATION_MAX_LENGTH:
        line.errors.append(
            _("Nom d'organisation trop long (%(max)s caractères au plus).")
            % {"max": ORGANISATION_MAX_LENGTH}
        )
    elif line.organisation_name:
        line.organisation_id = organisations.get(normalise(line.organisation_name))
        if line.organisation_id is None:
            line.new_organisation = True
            line.notes.append(_("Organisation à créer."))
    return line
