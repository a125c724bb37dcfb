"""Comments in light Markdown: paragraphs, lists, links and emphasis, nothing else.

Raw HTML is never let through (it is shown as typed), links may only go to http(s) or
mailto addresses, bare addresses become links, and every link leaves the site with
rel="nofollow noopener noreferrer".
"""

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from .selectors import MENTION

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
LINK_REL = "nofollow noopener noreferrer"


def _validate_link(url: str) -> bool:
    return url.strip().lower().startswith(ALLOWED_SCHEMES)


def _build() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": True, "typographer": False})
    md.enable(["list", "link", "linkify", "emphasis", "newline", "escape", "backticks"])
    md.validateLink = _validate_link

    def render_link_open(self, tokens, idx, options, env):
        tokens[idx].attrSet("rel", LINK_REL)
        return self.renderToken(tokens, idx, options, env)

    def render_text(self, tokens, idx, options, env):
        """Plain text, escaped; the handles of the project's members stand out."""
        text = escapeHtml(tokens[idx].content)
        handles = env.get("handles")
        if not handles:
            return text
        return MENTION.sub(
            lambda m: (
                f'<span class="mention">{m.group(0)}</span>'
                if m.group(1).lower() in handles
                else m.group(0)
            ),
            text,
        )

    md.add_render_rule("link_open", render_link_open)
    md.add_render_rule("text", render_text)
    return md


_MARKDOWN = _build()


def render(text: str, handles=frozenset()) -> SafeString:
    """The comment as safe HTML (every byte of it produced by the renderer); `handles`:
    the members' handles, whose mentions are marked."""
    return mark_safe(_MARKDOWN.render(text or "", {"handles": set(handles)}))  # noqa: S308 (html=False, links checked)
