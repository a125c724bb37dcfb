"""`{% submit_once %}`: the hidden token of a create form (see projects.submissions)."""

from django import template
from django.utils.html import format_html

from projects.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag
def submit_once():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
