"""Light Markdown: what is kept, what is shown as text, which links survive."""

import pytest

from notifications import kinds
from steps.comments.rendering import render
from steps.comments.selectors import Mentionable, mentioned

REL = 'rel="nofollow noopener noreferrer"'


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Un **mot** et un *autre*", "<p>Un <strong>mot</strong> et un <em>autre</em></p>"),
        ("- un\n- deux", "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>"),
        ("1. un\n2. deux", "<ol>\n<li>un</li>\n<li>deux</li>\n</ol>"),
        ("a\n\nb", "<p>a</p>\n<p>b</p>"),
        ("[TIESS](https://tiess.ca)", f'<a href="https://tiess.ca" {REL}>TIESS</a>'),
        ("voir https://tiess.ca/guide", f'<a href="https://tiess.ca/guide" {REL}>'),
        ("[écrire](mailto:info@exemple.org)", f'<a href="mailto:info@exemple.org" {REL}>'),
        ("# Titre", "<p># Titre</p>"),  # no headings
        ("> citation", "<p>&gt; citation</p>"),  # no block quotes
    ],
)
def test_kept(text, expected):
    assert expected in render(text)


@pytest.mark.parametrize(
    "text,forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ("<img src=x onerror=alert(1)>", "<img"),
        ('<a href="https://x" onclick="alert(1)">x</a>', 'onclick="'),
        ("[x](javascript:alert(1))", 'href="javascript'),
        ("[x](JaVaScRiPt:alert(1))", "href="),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "href="),
        ("[x](vbscript:msgbox(1))", "href="),
        ("![image](https://x/y.png)", "<img"),
        ('[x](https://x "a" onmouseover="alert(1)")', 'onmouseover="'),
    ],
)
def test_hostile_input_is_neutralised(text, forbidden):
    html = render(text)
    assert forbidden not in html


def _people(*handles):
    return [Mentionable(handle=handle, membership=None) for handle in handles]


@pytest.mark.parametrize(
    "body,found",
    [
        ("@paul.partenaire bonjour", ["paul.partenaire"]),
        ("Merci @Paul.Partenaire.", ["paul.partenaire"]),  # case and a final dot
        ("écrire à paul.partenaire@exemple.org", []),  # an address is not a mention
        ("@paul.partenaire @paul.partenaire et @bea", ["paul.partenaire", "bea"]),
        ("@inconnu", []),
    ],
)
def test_mentions(body, found):
    people = _people("paul.partenaire", "bea")
    assert [person.handle for person in mentioned(body, people)] == found


def test_commented_title():
    title = kinds.title("commented", {"person": "Paul", "object": "la ligne « Mission »"})
    assert title == "Paul a commenté la ligne « Mission »"


def test_mentions_of_members_stand_out():
    html = render("@paul.partenaire et @inconnu, <b>@paul.partenaire</b>", {"paul.partenaire"})
    assert html.count('<span class="mention">@paul.partenaire</span>') == 2
    assert "@inconnu" in html and '<span class="mention">@inconnu' not in html
    assert "&lt;b&gt;" in html
