"""Rows of the permission matrix, one module per area (see tests/test_permission_matrix.py).

Each module defines MATRIX = {url name: (profile, POST or None)} and URL_KWARGS =
{url parameter: function(world) -> value}. A parameter's function may create objects
in the test database (e.g. a pooled resource of world.project).
"""

PERSONAS = ["anonymous", "outsider", "partner_a", "partner_b", "advisor", "coordinator"]


def profile(anonymous, outsider, partner_a, partner_b, advisor, coordinator):
    statuses = [anonymous, outsider, partner_a, partner_b, advisor, coordinator]
    return dict(zip(PERSONAS, statuses, strict=True))


PUBLIC = profile(200, 200, 200, 200, 200, 200)
LOGGED_IN = profile(302, 200, 200, 200, 200, 200)
READ = profile(302, 404, 200, 200, 200, 200)
CONTRIBUTE = profile(302, 404, 200, 200, 403, 200)
# Pages about organisation A's own data (world.org_a): only A's partners and coordinators.
OWN_ORG = profile(302, 404, 200, 403, 403, 200)
COORDINATE = profile(302, 404, 403, 403, 403, 200)

POST = "post"  # marks a POST-only URL: 405 to a GET from someone allowed
