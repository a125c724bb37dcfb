"""Every main page fits a laptop (1366 px) and a phone (390 px), as each role, on the demo
and on a 30-organisation project: the document never scrolls sideways, a table is either
within the screen or inside its own scrolling container, every wide-table wrapper is a
labelled region reachable with the keyboard, and each action of the timeline shows a bar.

One browser context per role and project, its size changed between widths; a picture of
every page at each width (one screen, at its first table) is kept under test-artifacts/fit/.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from projects.demo import ADVISOR_EMAIL, COORDINATOR_EMAIL, DEMO_ORGANISATIONS
from projects.models import Membership, Project, Role, User
from steps.demo import build_demo_project
from steps.models import PooledResource
from steps.transfer.export import export_project
from steps.transfer.synthetic import build_synthetic_project
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PARTNER = DEMO_ORGANISATIONS["cdc_vallee"]["partner_email"]
ROLES = {"coordination": COORDINATOR_EMAIL, "partenaire": PARTNER, "conseil": ADVISOR_EMAIL}
SCREENS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}
FOLDER = ARTIFACTS / "fit"
# The pictures show one screen, scrolled to the page's first wide table or chart: the
# 30-organisation pages run to 18 000 px, and drawing them whole took most of the time.
TO_FIRST_TABLE = """() => {
  const selectors = ['.table-scroll', '.grid-scroll', '.table-responsive', '.timeline-wrap',
    'table'];
  const wide = [...document.querySelectorAll(selectors.map(s => `main ${s}`).join(', '))]
    .find(el => el.getBoundingClientRect().height);
  // Instantly: Bootstrap scrolls smoothly, and the picture would catch it half-way.
  if (wide) wide.scrollIntoView({block: 'start', behavior: 'instant'});
}"""


@dataclass
class Place:
    """A project as one person sees it: the objects its pages are about."""

    project: Project
    organisation: object  # the person's own (a partner), else the first one
    resource: PooledResource

    def url(self, name: str, *args) -> str:
        return reverse(name, args=[self.project.slug, *args])


# The main pages: name -> its path for a place.
PAGES: dict[str, Callable[[Place], str]] = {
    "tableau-de-bord": lambda p: p.url("steps:dashboard"),
    "etape-impulsion": lambda p: p.url("steps:step", "impulsion"),
    "etape-reflexion": lambda p: p.url("steps:step", "reflexion"),
    "etape-diagnostic": lambda p: p.url("steps:step", "diagnostic"),
    "etape-modelisation": lambda p: p.url("steps:step", "modelisation"),
    "etape-realisation": lambda p: p.url("steps:step", "realisation"),
    "etape-evaluation": lambda p: p.url("steps:step", "evaluation"),
    "portrait": lambda p: p.url("steps:org_answers", "reflexion", p.organisation.pk),
    "grille": lambda p: p.url("steps:grid"),
    "potentiel": lambda p: p.url("steps:potential"),
    "paires": lambda p: p.url("steps:pairs"),
    "occasions": lambda p: p.url("steps:opportunities"),
    "fonctionnement": lambda p: p.url("steps:operating_model"),
    "risques": lambda p: p.url("steps:risks"),
    "entente": lambda p: p.url("steps:agreement"),
    "ressources": lambda p: p.url("steps:resources"),
    "ressource": lambda p: p.url("steps:resource_detail", p.resource.pk),
    "engagements": lambda p: p.url("steps:commitments", p.resource.pk),
    "plan-strategique": lambda p: p.url("steps:strategic_plan"),
    "plan-action": lambda p: p.url("steps:actions"),
    "calendrier": lambda p: p.url("steps:action_timeline"),
    "communication": lambda p: p.url("steps:communication"),
    "modele-logique": lambda p: p.url("steps:logic_model"),
    "indicateurs": lambda p: p.url("steps:indicators"),
    "bilans": lambda p: p.url("steps:evaluation_rounds"),
    "membres": lambda p: p.url("projects:members"),
    "organisation": lambda p: p.url("projects:organisation", p.organisation.pk),
    "echeances": lambda p: p.url("steps:deadlines"),
    # Working together and the method explained (issues 19 and 21).
    "accueil": lambda p: reverse("projects:home", args=[p.project.slug]),
    "documents": lambda p: p.url("steps:attachment_list"),
    "conditions": lambda p: p.url("steps:checklist"),
    "fil-grille": lambda p: p.url("steps:comment_thread", "grille", "reflexion.identite.mission"),
    "glossaire": lambda p: reverse("glossary"),
    "cas-inspirants": lambda p: reverse("inspiring_cases"),
    "formes-entente": lambda p: reverse("legal_forms"),
}

# What does not fit, in words: the document's width, clipped tables, bad wrappers, bars.
PROBLEMS = """() => {
  const doc = document.documentElement, width = doc.clientWidth, problems = [];
  if (doc.scrollWidth > width) problems.push(`the page is ${doc.scrollWidth} px wide`);
  const scroller = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === 'auto' || x === 'scroll') return p;
      if (x === 'hidden' || x === 'clip') return null;
    }
    return null;
  };
  const name = el =>
    `<${el.tagName.toLowerCase()} class="${el.className.baseVal ?? el.className}">`;
  for (const table of document.querySelectorAll('main table')) {
    const box = table.getBoundingClientRect();
    if (!box.width) continue;  // not shown at this width
    const wrapper = scroller(table);
    if (wrapper) {
      if (wrapper.getBoundingClientRect().right > width + 1)
        problems.push(`${name(table)}'s scroll container sticks out of the screen`);
      const scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
      if (scrolls && wrapper.getAttribute('tabindex') === null)
        problems.push(`${name(table)} scrolls in a wrapper that the keyboard cannot reach`);
    } else if (box.right > width + 1) {
      problems.push(`${name(table)} is clipped at ${Math.round(box.right)} px`);
    }
  }
  for (const wrapper of document.querySelectorAll('main .table-scroll')) {
    const label = (wrapper.getAttribute('aria-labelledby') || '').split(' ')
      .map(id => document.getElementById(id)).filter(Boolean)
      .map(el => el.textContent.trim()).join(' ');
    if (wrapper.getAttribute('role') !== 'region' || wrapper.getAttribute('tabindex') !== '0'
        || !label)
      problems.push(`${name(wrapper)} is not a labelled region reachable with the keyboard`);
  }
  const chart = document.querySelector('main .timeline-wrap');
  if (chart && chart.getBoundingClientRect().width) {
    const edge = chart.getBoundingClientRect().right;
    document.querySelectorAll('main g.timeline-row').forEach(row => {
      const bar = row.querySelector('rect').getBoundingClientRect();
      if (!bar.width || bar.right > edge + 1)
        problems.push(`action ${row.dataset.action} has no bar within the chart`);
    });
  } else {
    document.querySelectorAll('main .timeline-mini-bar').forEach((bar, i) => {
      const box = bar.getBoundingClientRect();
      if (!box.width || box.right > width) problems.push(`row ${i + 1}'s bar is not on screen`);
    });
  }
  return problems.slice(0, 10);
}"""


def places(project) -> dict[str, Place]:
    """The project as each role sees it: a partner looks at its own organisation."""
    resource = PooledResource.objects.filter(project=project).order_by("pk").first()
    first = project.organisations.order_by("name").first()
    seen = {}
    for role, email in ROLES.items():
        membership = Membership.objects.get(project=project, user__email=email)
        own = membership.organisation if membership.role == Role.PARTNER else None
        seen[role] = Place(project, own or first, resource)
    return seen


def log_in(browser, browser_context_args, live_server, email):
    """A browser context logged in as `email` (the session cookie of a test client)."""
    context = browser.new_context(**browser_context_args)
    client = Client()
    client.force_login(User.objects.get(email=email))
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def check_project(label, project, browser, browser_context_args, live_server) -> list[str]:
    """Open every main page at both widths as each role; return what does not fit."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    failures, opened = [], 0
    for role, place in places(project).items():
        context = log_in(browser, browser_context_args, live_server, ROLES[role])
        page = context.new_page()
        try:
            for page_name, path in PAGES.items():
                url = live_server.url + path(place)
                for screen, size in SCREENS.items():
                    page.set_viewport_size(size)
                    response = page.goto(url)
                    if response.status in (403, 404):
                        break  # not for this role
                    assert response.status == 200, f"{url}: {response.status}"
                    opened += 1
                    where = f"{label} · {role} · {page_name} · {screen} px"
                    failures += [f"{where}: {problem}" for problem in page.evaluate(PROBLEMS)]
                    page.evaluate(TO_FIRST_TABLE)
                    page.screenshot(
                        path=FOLDER / f"{label}-{role}-{page_name}-{screen}.jpg",
                        type="jpeg",
                        quality=60,
                    )
        finally:
            context.close()
    # Every role sees most pages: a wrong URL or login would skip them all silently.
    assert opened >= 2 * (len(PAGES) * len(ROLES) - 8), f"only {opened} pages opened"
    return failures


@pytest.mark.parametrize("which", ["demo", "synthetique-30"])
def test_fit_every_main_page_at_1366_and_390_px(
    which, transactional_db, browser, browser_context_args, live_server
):
    """Nothing sticks out of the screen and no table is cut off, whoever looks, whatever
    the size of the project."""
    demo = build_demo_project()
    if which == "demo":
        project = demo
    else:
        project = build_synthetic_project(template=json.loads(json.dumps(export_project(demo))))
        assert project.organisations.count() == 30

    failures = check_project(which, project, browser, browser_context_args, live_server)

    assert not failures, "\n".join(failures)
