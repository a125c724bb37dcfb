"""What every report shares: who is reading, the base context, file names, the response.

A report is built for a member (`membership`, whose visibility rules filter the drafts
of other organisations) or for nobody in particular (`None`: the management command,
which exports the full view an advisor has).
"""

from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext

from mutualisation.pdf import PdfResult, render_pdf


@dataclass(frozen=True)
class FullView:
    """Stands in for a membership when a report is exported outside a request."""

    organisation_id: int | None = None
    is_coordinator: bool = False
    is_partner: bool = False
    is_advisor: bool = True

    def can_see_drafts_of(self, organisation) -> bool:
        return True


def viewer(membership):
    """The membership, or the full view of an advisor when there is none."""
    return membership if membership is not None else FullView()


def _css_string(text: str) -> str:
    """A CSS string literal: quotes and backslashes escaped, no way out of <style>."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    text = text.replace("\n", " ")
    return f'"{text}"'


def page_counter_css() -> str:
    """The footer's « page X de Y » in the current language, as a CSS `content` value."""
    label = gettext("page %(page)s de %(pages)s")
    before, _, rest = label.partition("%(page)s")
    between, _, after = rest.partition("%(pages)s")
    parts = [_css_string(before), "counter(page)", _css_string(between), "counter(pages)"]
    if after:
        parts.append(_css_string(after))
    return mark_safe(" ".join(parts))  # noqa: S308 - built from escaped CSS strings


def css_string(text) -> str:
    """Any text (a project's name) as a CSS string for the page margins' `content`."""
    return mark_safe(_css_string(str(text)))  # noqa: S308 - escaped for CSS and <style>


def base_context(project, *, organisations=None, step=None) -> dict:
    """What templates/pdf/base.html expects: project, organisations, generation date."""
    if organisations is None:
        organisations = list(project.organisations.order_by("name", "pk"))
    return {
        "project": project,
        "organisations": organisations,
        "generated_at": timezone.localtime(),
        "step": step,
        "page_counter": page_counter_css(),
    }


def file_name(kind: str, subject: str, when=None) -> str:
    """« dossier-camion-partage-2026-11-22.pdf »."""
    when = when or timezone.localdate()
    slug = slugify(subject)[:60] or "rapport"
    return f"{kind}-{slug}-{when.isoformat()}.pdf"


def render(kind: str, context: dict, *, time_limit: float = 0) -> PdfResult:
    return render_pdf(f"pdf/{kind}.html", context, time_limit=time_limit)


def pdf_response(result: PdfResult, filename: str) -> HttpResponse:
    response = HttpResponse(result.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
