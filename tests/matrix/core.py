from . import LOGGED_IN, PUBLIC, READ

MATRIX = {
    "healthz": (PUBLIC, None),
    "about_method": (PUBLIC, None),
    "projects:list": (LOGGED_IN, None),
    "projects:create": (LOGGED_IN, None),
    "projects:home": (READ, None),
}

URL_KWARGS = {
    "project_slug": lambda world: world.project.slug,
    "organisation_id": lambda world: world.org_a.pk,
}
