"""Comment counts next to the objects of a page (steps/comments): one query per kind.

{% load comment_tags %}
{% comment_counts "risque" as risk_comments %}        {# at the top: one query #}
{% comment_link "risque" risk.pk risk_comments risk.title %}   {# no query #}
"""

from django import template

from steps.comments.selectors import comment_counts as count_comments

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_counts(context, kind: str) -> dict:
    """{key: n} for every thread of `kind` in the page's project."""
    return count_comments(context["project"], kind)


@register.inclusion_tag("steps/comments/_comment_link.html", takes_context=True)
def comment_link(context, kind: str, key, counts: dict, title: str = "") -> dict:
    return {
        "project": context["project"],
        "kind": kind,
        "key": key,
        # No counts on the page (a page that does not read them): the link alone.
        "count": counts.get(str(key), 0) if isinstance(counts, dict) else None,
        "title": title,
    }
