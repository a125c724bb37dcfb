"""Where to get help (steps.guidance.help), for the step pages and the about-method page."""

from django import template

from steps.guidance import help as guidance_help

register = template.Library()


@register.inclusion_tag("steps/guidance/_help_box.html")
def help_box(step_code):
    """The « Où trouver de l'aide » box of a step: who can help and what to read."""
    bodies, readings = guidance_help.help_for_step(step_code)
    return {"bodies": bodies, "readings": readings, "step_code": step_code}


@register.simple_tag
def support_ecosystem():
    """The support bodies, the readings and the credits of the sources."""
    return {
        "bodies": guidance_help.SUPPORT_BODIES,
        "readings": guidance_help.READINGS,
        "credits": guidance_help.CREDITS,
    }
