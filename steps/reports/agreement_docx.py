"""The agreement draft as a Word file a lawyer can edit with tracked changes.

One source: the sections of `steps.modelling.selectors.agreement_draft` (a section the
coordination rewrote replaces the generated one), split into numbered articles and the
signature section by `steps.reports.agreement.agreement_parts`, exactly as the PDF.
The Word file adds only what Word does better: each article a « Heading 1 », the lists
as list paragraphs, and the signatures as a table with one row per party.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx.shared import Cm, Pt

from mutualisation.formats import format_date
from steps.modelling.agreement import TO_SPECIFY
from steps.modelling.selectors import agreement_draft

from . import docx
from .agreement import agreement_parts


def _parties_line(parties) -> str:
    if not parties:
        return _("aucune organisation partenaire pour l'instant.")
    names = [
        f"{party.name} ({_('NEQ %(neq)s') % {'neq': party.neq}})" if party.neq else party.name
        for party in parties
    ]
    return " ; ".join(names)


def _signature_intro(signatures) -> str:
    """The generated signature section is its intro then a block per party, which the
    table replaces; a section the coordination rewrote is kept whole."""
    if signatures.is_custom:
        return signatures.text
    return signatures.text.split("\n\n", 1)[0]


def _add_review_mark(document, section) -> None:
    """An edited section whose facts changed since it was written: « À revoir » and why."""
    if not section.to_review:
        return
    lines = [_("À revoir — ce qui a changé depuis la rédaction de cette section :")]
    lines += [f"– {change}" for change in section.changes]
    docx.add_note(document, "\n".join(lines))


def build_agreement_docx(project) -> bytes:
    """The Word file, written in the agreement's language whatever the reader's."""
    draft = agreement_draft(project)
    with translation.override(draft.language):
        return _build(project, draft)


def _build(project, draft) -> bytes:
    parts = agreement_parts(draft)
    title = parts["document_title"]
    document = docx.new_document(
        title=f"{title} — {project.name}",
        author=project.name,
        subject=_("Projet d'entente de mutualisation"),
    )
    docx.add_footer(document, f"{project.name} — {title}")

    docx.heading(document, title, 0)
    subtitle = project.name + (f" · {project.territory}" if project.territory else "")
    docx.paragraph(document, subtitle, "Subtitle")
    docx.add_note(document, parts["draft_notice"])
    document.add_paragraph(_("Document généré le") + " " + format_date(timezone.localdate())).runs[
        0
    ].italic = True

    parties = document.add_paragraph()
    parties.add_run(_("Entre les parties :")).bold = True
    parties.add_run(" " + _parties_line(parts["parties"]))
    if not parts["has_model"]:
        document.add_paragraph(
            _(
                "Le modèle de fonctionnement n'est pas encore décrit : certaines sections "
                "restent à préciser."
            )
        ).runs[0].italic = True

    for number, article in enumerate(parts["articles"], start=1):
        docx.heading(
            document, _("Article %(n)s — %(title)s") % {"n": number, "title": article.title}, 1
        )
        _add_review_mark(document, article)
        docx.add_text(document, article.text)

    signatures = parts["signatures"]
    if signatures is not None:
        heading = docx.heading(document, signatures.title, 1)
        heading.paragraph_format.page_break_before = True
        _add_review_mark(document, signatures)
        docx.add_text(document, _signature_intro(signatures))
        names = [party.name for party in parts["parties"]] or [str(TO_SPECIFY)]
        table = docx.add_table(
            document,
            [
                _("Organisation"),
                _("Nom du ou de la signataire"),
                _("Titre"),
                _("Signature"),
                _("Date"),
            ],
            [(name, "", "", "", "") for name in names],
            widths=[Cm(4.4), Cm(3.6), Cm(3), Cm(3.6), Cm(2.3)],
            row_height=Cm(1.6),
        )
        for row in table.rows[1:]:
            row.cells[0].paragraphs[0].runs[0].font.size = Pt(10)
    return docx.to_bytes(document)
