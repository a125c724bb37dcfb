"""Word files and blank questionnaires: every member downloads the agreement and the blank
forms; organisation A's answers (a draft in the matrix world) as a Word file follow its
answers page: refused (403) to organisation B's partner."""

from . import READ, profile

# Organisation A's draft: its partners, the coordination and the advisors read it.
DRAFT_READ = profile(302, 404, 200, 403, 200, 200)

MATRIX = {
    "steps:agreement_docx": (READ, None),
    "steps:blank_questionnaire": (READ, None),
    "steps:blank_portrait": (READ, None),
    "steps:answers_docx": (DRAFT_READ, None),
}

URL_KWARGS = {
    # The Word format: the PDF of a blank questionnaire is tested in tests/steps/reports.
    "fmt": lambda world: "docx",
}
